/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fault injection: make allocations fail on purpose, so tests can walk
 * the error paths of their callers. Two triggers, both counting every
 * allocation that goes through ukalloc (malloc, memalign, realloc,
 * palloc, on any allocator):
 *
 *	ukalloc.fail_nth=N	the Nth allocation after boot fails, once
 *	ukalloc.fail_permille=P	each fails with probability P/1000, drawn
 *	ukalloc.fail_seed=S	from xorshift64 seeded with S (default 1)
 *
 * Tests set the same at run time with uk_alloc_faultinj_set(). Compiled
 * only with CONFIG_LIBUKALLOC_FAULTINJ; without it nothing here costs a
 * byte or a cycle.
 */
#include <uk/alloc.h>
#include <uk/param.h>
#include "alloc_private.h"

static unsigned long fail_nth;
static unsigned long fail_seed = 1;
static unsigned long fail_permille;
UK_PARAM(fail_nth, UK_PARAM_ULONG, &fail_nth,
	 "make the Nth allocation fail (fault injection), 0: never");
UK_PARAM(fail_seed, UK_PARAM_ULONG, &fail_seed,
	 "seed for fail_permille's random failures");
UK_PARAM(fail_permille, UK_PARAM_ULONG, &fail_permille,
	 "make each allocation fail with probability P/1000");

static uint64_t state;		/* xorshift64; 0 = seed not taken yet */

static uint64_t next_random(void)
{
	if (!state)
		state = fail_seed ? fail_seed : 1;
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

int uk_alloc_faultinj_fail_(void)
{
	if (fail_nth && --fail_nth == 0)
		return 1;
	return fail_permille && next_random() % 1000 < fail_permille;
}

int uk_alloc_faultinj_set(unsigned long nth, unsigned long seed,
			  unsigned long permille)
{
	fail_nth = nth;
	fail_seed = seed;
	fail_permille = permille;
	state = 0;
	return 0;
}
