/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entropy for the kit (lib/ukrandom): one place where random bytes come
 * from, for getrandom() (posix-random), stack canaries, hash seeds, ...
 *
 *	unsigned char key[32];
 *	if (uk_random_fill(key, sizeof(key)) < 0) ...
 *
 * Where the bytes come from, best first (chosen at boot, printed once as
 * "ukrandom: using ..."):
 *   1. RDRAND, when CPUID offers it (RDSEED too, to seed the fallback);
 *   2. otherwise a ChaCha20 generator (RFC 8439 block function, fast key
 *      erasure) keyed from the best seed there is: RDSEED, then every
 *      registered source (a driver such as virtio-rng), else timer jitter
 *      and the wall clock. A source that registers later reseeds it.
 * The kit never refuses to boot for lack of entropy; it says which of
 * these it uses (uk_random_method()).
 *
 * May be called from any thread after UK_INIT_EARLY, and before (the
 * generator then seeds itself on first use); not from interrupt handlers
 * (a source's read may sleep). A single CPU is assumed: the generator's
 * state is updated with interrupts off.
 */
#ifndef UK_RANDOM_H
#define UK_RANDOM_H

#include <stddef.h>

struct uk_random_source {
	const char *name;
	/* Up to len bytes of entropy into buf; bytes written (> 0) or
	 * -errno. May sleep. Called with the source registered only. */
	long (*read)(struct uk_random_source *src, void *buf, size_t len);
	struct uk_random_source *next;	/* ukrandom's: leave it NULL */
};

/*
 * Add a source (it stays registered; src must outlive the image). The
 * generator is reseeded from it at once. 0, or -EINVAL (no name or no
 * read function), -EEXIST (already registered).
 */
int uk_random_source_register(struct uk_random_source *src);

/* len random bytes into buf: 0, or -EINVAL (buf NULL with len > 0).
 * Never blocks for entropy and never fails otherwise. */
int uk_random_fill(void *buf, size_t len);

/* What uk_random_fill() draws from, e.g. "RDRAND" or
 * "ChaCha20 seeded from virtio-rng". */
const char *uk_random_method(void);

#endif /* UK_RANDOM_H */
