/* SPDX-License-Identifier: BSD-3-Clause */
/* ukrandom's private interfaces between its files (and its tests). */
#ifndef UKRANDOM_PRIVATE_H
#define UKRANDOM_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <uk/random.h>

/* RFC 8439 block: 64 bytes of key stream for (key, counter, nonce). */
void uk_random_chacha20_block(const uint8_t key[32], uint32_t counter,
			      const uint8_t nonce[12], uint8_t out[64]);

/* The generator. Callers serialize access (random.c: interrupts off). */
struct uk_random_gen {
	uint8_t key[32];
	uint8_t seed_nonce[12];	/* domain separation of absorb from output */
	int seeded;
	uint64_t since_reseed;	/* bytes produced since the last absorb */
};

/* Mix len bytes of seed into the key. */
void uk_random_gen_absorb(struct uk_random_gen *g, const void *seed,
			  size_t len);
/* len bytes of output, then a fresh key. */
void uk_random_gen_fill(struct uk_random_gen *g, void *buf, size_t len);

/* CPU instructions (hw.c). */
int uk_random_cpu_has_rdrand(void);
int uk_random_cpu_has_rdseed(void);
/* 8 bytes into *v: 0, or -EIO when the CPU gave none after retrying. */
int uk_random_rdrand64(uint64_t *v);
int uk_random_rdseed64(uint64_t *v);
/* Timer-jitter seed: len bytes gathered from TSC deltas (weak). */
void uk_random_jitter(uint8_t *out, size_t len);

/* Remove a source (tests only: registration is for good otherwise). */
void uk_random_source_unregister(struct uk_random_source *src);
/* Bytes of generator output after which registered sources reseed it. */
#define UK_RANDOM_RESEED_BYTES	(1UL << 20)

#endif
