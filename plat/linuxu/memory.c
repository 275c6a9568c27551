/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu memory: one anonymous mapping of CONFIG_LINUXU_HEAP_SIZE bytes,
 * made on first use, reported as the only free region.
 */
#include <uk/plat/bootinfo.h>
#include <uk/plat/console.h>
#include "syscall.h"

#define EINVAL 22
#define ENOMEM 12
#define PROT_RW 3			/* PROT_READ | PROT_WRITE */
#define MAP_PRIVATE_ANON 0x4022		/* PRIVATE|ANONYMOUS|NORESERVE */

static struct ukplat_memregion heap;

static int map_heap(void)
{
	long p;

	if (heap.len)
		return 0;
	p = linuxu_syscall6(SYS_mmap, 0, CONFIG_LINUXU_HEAP_SIZE, PROT_RW,
			    MAP_PRIVATE_ANON, -1, 0);
	if (p < 0 && p > -4096)
		return (int)p;
	heap.base = (uintptr_t)p;
	heap.len = CONFIG_LINUXU_HEAP_SIZE;
	heap.flags = UKPLAT_MEMR_FREE;
	return 0;
}

int ukplat_memregion_count(void)
{
	return map_heap() < 0 ? 0 : 1;
}

int ukplat_memregion_get(int i, struct ukplat_memregion *r)
{
	if (i != 0 || map_heap() < 0)
		return -EINVAL;
	*r = heap;
	return 0;
}
