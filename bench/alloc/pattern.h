/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocation patterns of the allocator benchmark, shared word for
 * word by the unikit app (app/main.c, on ukalloc's malloc) and the host
 * program (host.c, on glibc's malloc), so both run the same sequence of
 * calls. Sizes and slots come from a fixed-seed xorshift, drawn into
 * tables before timing starts. Timing is rdtsc: cycles per op, where an
 * op is one malloc and one free.
 *
 *	pair	malloc(64) then free at once: the hot path
 *	small	1024 live blocks; each op frees a random one and mallocs
 *		16..256 bytes in its place
 *	mixed	the same with sizes 16 B..64 KiB, log-uniform
 */
#ifndef BENCH_ALLOC_PATTERN_H
#define BENCH_ALLOC_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#define PAT_OPS		1000000
#define PAT_TABLE	65536		/* power of two */
#define PAT_LIVE	1024

static uint32_t pat_size[PAT_TABLE];
static uint16_t pat_slot[PAT_TABLE];
static void *pat_live[PAT_LIVE];

static inline uint64_t pat_rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ volatile("lfence; rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static uint64_t pat_rng = 88172645463325252ULL;

static uint64_t pat_next(void)
{
	pat_rng ^= pat_rng << 13;
	pat_rng ^= pat_rng >> 7;
	pat_rng ^= pat_rng << 17;
	return pat_rng;
}

/* Fill the tables: small (max_log2 = 0) or log-uniform up to 64 KiB. */
static void pat_tables(int mixed)
{
	unsigned int i, lg;

	pat_rng = 88172645463325252ULL;
	for (i = 0; i < PAT_TABLE; i++) {
		if (mixed) {
			lg = 4 + pat_next() % 13;	/* 16 B .. 64 KiB */
			pat_size[i] = (1U << lg) + pat_next() % (1U << lg);
			if (pat_size[i] > 65536)
				pat_size[i] = 65536;
		} else {
			pat_size[i] = 16 + pat_next() % 241;
		}
		pat_slot[i] = pat_next() % PAT_LIVE;
	}
}

/*
 * Run one pattern with the given malloc/free; returns cycles per op, or
 * 0 when an allocation failed (out of memory).
 */
#define PAT_RUN(name, mallocfn, freefn, out)				\
	do {								\
		uint64_t t0_, t1_;					\
		unsigned int i_, s_;					\
		int ok_ = 1;						\
		void *p_;						\
		if (name[0] == 'p') {					\
			t0_ = pat_rdtsc();				\
			for (i_ = 0; i_ < PAT_OPS; i_++) {		\
				p_ = mallocfn(64);			\
				if (!p_) { ok_ = 0; break; }		\
				__asm__ volatile("" :: "r"(p_) : "memory"); \
				freefn(p_);				\
			}						\
			t1_ = pat_rdtsc();				\
		} else {						\
			pat_tables(name[0] == 'm');			\
			for (s_ = 0; s_ < PAT_LIVE; s_++)		\
				pat_live[s_] = mallocfn(pat_size[s_]);	\
			t0_ = pat_rdtsc();				\
			for (i_ = 0; i_ < PAT_OPS; i_++) {		\
				s_ = pat_slot[i_ & (PAT_TABLE - 1)];	\
				freefn(pat_live[s_]);			\
				p_ = mallocfn(pat_size[i_ & (PAT_TABLE - 1)]); \
				if (!p_) { ok_ = 0; break; }		\
				*(volatile char *)p_ = 1;		\
				pat_live[s_] = p_;			\
			}						\
			t1_ = pat_rdtsc();				\
			for (s_ = 0; s_ < PAT_LIVE; s_++)		\
				freefn(pat_live[s_]);			\
			for (s_ = 0; s_ < PAT_LIVE; s_++)		\
				pat_live[s_] = NULL;			\
		}							\
		(out) = ok_ ? (t1_ - t0_) / PAT_OPS : 0;		\
	} while (0)

#endif /* BENCH_ALLOC_PATTERN_H */
