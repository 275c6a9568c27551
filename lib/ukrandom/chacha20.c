/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ChaCha20 block function (RFC 8439, section 2.3) and the generator
 * built on it: a 256-bit key, output blocks 1..n of each request, then
 * block 0 becomes the next key ("fast key erasure": a later compromise
 * of the state does not reveal earlier output). Integer arithmetic only,
 * so it runs in kernel code built with -mgeneral-regs-only.
 */
#include <string.h>
#include "random.h"

#define ROTL(x, n)	(((x) << (n)) | ((x) >> (32 - (n))))
#define QR(a, b, c, d)							\
	do {								\
		a += b; d ^= a; d = ROTL(d, 16);			\
		c += d; b ^= c; b = ROTL(b, 12);			\
		a += b; d ^= a; d = ROTL(d, 8);				\
		c += d; b ^= c; b = ROTL(b, 7);				\
	} while (0)

static uint32_t le32(const uint8_t *p)
{
	return p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

void uk_random_chacha20_block(const uint8_t key[32], uint32_t counter,
			      const uint8_t nonce[12], uint8_t out[64])
{
	uint32_t in[16], x[16];
	int i;

	in[0] = 0x61707865;	/* "expand 32-byte k" */
	in[1] = 0x3320646e;
	in[2] = 0x79622d32;
	in[3] = 0x6b206574;
	for (i = 0; i < 8; i++)
		in[4 + i] = le32(key + 4 * i);
	in[12] = counter;
	for (i = 0; i < 3; i++)
		in[13 + i] = le32(nonce + 4 * i);
	memcpy(x, in, sizeof(x));
	for (i = 0; i < 10; i++) {	/* 20 rounds: column, diagonal */
		QR(x[0], x[4], x[8], x[12]);
		QR(x[1], x[5], x[9], x[13]);
		QR(x[2], x[6], x[10], x[14]);
		QR(x[3], x[7], x[11], x[15]);
		QR(x[0], x[5], x[10], x[15]);
		QR(x[1], x[6], x[11], x[12]);
		QR(x[2], x[7], x[8], x[13]);
		QR(x[3], x[4], x[9], x[14]);
	}
	for (i = 0; i < 16; i++) {
		uint32_t v = x[i] + in[i];

		out[4 * i] = v;
		out[4 * i + 1] = v >> 8;
		out[4 * i + 2] = v >> 16;
		out[4 * i + 3] = v >> 24;
	}
}

static const uint8_t zero_nonce[12];

void uk_random_gen_absorb(struct uk_random_gen *g, const void *seed,
			  size_t len)
{
	const uint8_t *s = seed;
	uint8_t block[64];
	size_t i, n;

	/* key ^= each 32-byte piece of the seed, then key = PRF(key):
	 * the new key depends on the old one and on every seed byte. */
	while (len) {
		n = len < 32 ? len : 32;
		for (i = 0; i < n; i++)
			g->key[i] ^= s[i];
		uk_random_chacha20_block(g->key, 0, g->seed_nonce, block);
		memcpy(g->key, block, 32);
		s += n;
		len -= n;
	}
	g->seeded = 1;
	g->since_reseed = 0;
	memset(block, 0, sizeof(block));
}

void uk_random_gen_fill(struct uk_random_gen *g, void *buf, size_t len)
{
	uint8_t *p = buf, block[64];
	uint32_t ctr = 1;
	size_t n;

	g->since_reseed += len;
	while (len) {
		n = len < 64 ? len : 64;
		uk_random_chacha20_block(g->key, ctr++, zero_nonce, block);
		memcpy(p, block, n);
		p += n;
		len -= n;
	}
	uk_random_chacha20_block(g->key, 0, zero_nonce, block);
	memcpy(g->key, block, 32);
	memset(block, 0, sizeof(block));
}
