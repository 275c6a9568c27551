/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * brk over a reserve of CONFIG_LIBPOSIX_MMAP_BRK_SIZE bytes taken from
 * the allocator at the first call. Linux's contract: brk(addr) returns
 * the new break, or the old one when it cannot move (no error code);
 * brk(0) asks for the current break. Memory the break gives back is
 * zeroed when taken again, as Linux gives fresh pages.
 */
#include <string.h>
#include <uk/alloc.h>
#include <uk/plat/irq.h>
#include <uk/plat/paging.h>
#include <uk/syscall.h>
#include "mmap.h"

#define RESERVE	((size_t)CONFIG_LIBPOSIX_MMAP_BRK_SIZE)
#define PAGES	((RESERVE + UKPLAT_PAGE_SIZE - 1) / UKPLAT_PAGE_SIZE)

static uintptr_t start, cur, high;	/* high: most the break reached */

int posix_brk_holds(uintptr_t addr, size_t len)
{
	return start && addr >= start && addr + len <= start + RESERVE;
}

UK_SYSCALL_DEFINE1(brk, void *, addr)
{
	uintptr_t want = (uintptr_t)addr;
	void *p;

	if (!start) {
		if (!PAGES)
			return 0;	/* no reserve: the break is 0, fixed */
		p = uk_palloc(uk_alloc_get_default(), PAGES);
		if (!p)
			return 0;
		start = cur = high = (uintptr_t)p;
	}
	if (!want || want < start || want > start + RESERVE)
		return cur;
	if (want > cur && cur < high)	/* re-grown: fresh zero bytes */
		memset((void *)cur, 0, (want < high ? want : high) - cur);
	if (want > high) {
		memset((void *)high, 0, want - high);
		high = want;
	}
	cur = want;
	return cur;
}
