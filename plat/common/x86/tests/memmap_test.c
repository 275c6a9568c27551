/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host-side test of memmap.c: the boot protocols' raw maps (unaligned,
 * overlapping, unordered, with holes, too many entries, RAM above the
 * boot map) must become a sorted, disjoint list whose FREE regions are
 * whole pages that overlap neither the image nor anything reserved.
 * Built and run by memmap-test.sh; the image bounds come from --defsym.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../memmap.c"

#define IMG_START 0x100000ULL
#define IMG_END 0x11d000ULL

static int failures;

void ukarch_print(const char *s) { fputs(s, stdout); }
void ukarch_print_hex(uint64_t v, int d) { printf("0x%0*llx", d, (unsigned long long)v); }
void ukarch_print_dec(uint64_t v) { printf("%llu", (unsigned long long)v); }

static void reset(void)
{
	nraw = 0;
	nregions = 0;
	dropped = 0;
}

static void fail(const char *test, const char *why, int i)
{
	printf("FAIL %s: region %d: %s\n", test, i, why);
	failures++;
}

/* Invariants every result must hold; reserved[] lists input non-RAM. */
static void check(const char *test, const uint64_t (*resv)[2], int nresv)
{
	struct ukplat_memregion r, prev = { 0, 0, 0 };
	int i, j, n = ukplat_memregion_count(), kernel = 0;

	for (i = 0; i < n; i++) {
		ukplat_memregion_get(i, &r);
		if (!r.len)
			fail(test, "empty", i);
		if (i && r.base < prev.base + prev.len)
			fail(test, "not sorted or overlapping", i);
		if (r.flags == UKPLAT_MEMR_KERNEL) {
			kernel++;
			if (r.base != IMG_START || r.base + r.len != IMG_END)
				fail(test, "kernel bounds", i);
		}
		if (r.flags == UKPLAT_MEMR_FREE) {
			if ((r.base | r.len) & 0xfff)
				fail(test, "free not page-aligned", i);
			if (r.base < 0x1000)
				fail(test, "free includes page 0", i);
			if (r.base + r.len > X86_MAP_LIMIT)
				fail(test, "free beyond the boot map", i);
			if (r.base < IMG_END && r.base + r.len > IMG_START)
				fail(test, "free overlaps the image", i);
			for (j = 0; j < nresv; j++)
				if (r.base < resv[j][1] && r.base + r.len > resv[j][0])
					fail(test, "free overlaps reserved", i);
		}
		prev = r;
	}
	if (kernel != 1)
		fail(test, "no single kernel region", -1);
	if (ukplat_memregion_get(n, &r) != -EINVAL)
		fail(test, "get(count) must fail", n);
}

static uint64_t free_bytes(void)
{
	struct ukplat_memregion r;
	uint64_t sum = 0;
	int i;

	for (i = 0; i < ukplat_memregion_count(); i++)
		if (!ukplat_memregion_get(i, &r) && r.flags == UKPLAT_MEMR_FREE)
			sum += r.len;
	return sum;
}

static void test_qboot(void)
{
	static const uint64_t resv[][2] = {
		{ 0x9fc00, 0xa0000 }, { 0xd0000, 0x100000 },
		{ 0xfd00000000ULL, 0x10000000000ULL },
	};

	reset();
	ukplat_x86_memmap_add(0, 0x9fc00, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(0x9fc00, 0x400, UKPLAT_MEMR_RESERVED);
	ukplat_x86_memmap_add(0xd0000, 0x30000, UKPLAT_MEMR_RESERVED);
	ukplat_x86_memmap_add(0x100000, 0x3f00000, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(0xfd00000000ULL, 0x300000000ULL, UKPLAT_MEMR_RESERVED);
	ukplat_x86_memmap_finish();
	check("qboot", resv, 3);
	if (free_bytes() != (0x9f000 - 0x1000) + (0x4000000 - IMG_END))
		fail("qboot", "free bytes", -1);
}

static void test_messy(void)
{
	static const uint64_t resv[][2] = {
		{ 0x3000010, 0x3000800 }, { 0x500000, 0x600000 },
	};

	reset();
	/* Unordered, overlapping RAM, unaligned, a reserved hole inside. */
	ukplat_x86_memmap_add(0x2000456, 0x2000000, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(0x3000010, 0x7f0, UKPLAT_MEMR_RESERVED);
	ukplat_x86_memmap_add(0x100123, 0x1f00333, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(0x400000, 0x400000, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(0x500000, 0x100000, UKPLAT_MEMR_RESERVED);
	ukplat_x86_memmap_add(0x1000, 0x1000, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(0x8000000, 0, UKPLAT_MEMR_FREE);	/* empty */
	ukplat_x86_memmap_finish();
	check("messy", resv, 2);
}

static void test_edges(void)
{
	int i;

	reset();				/* nothing at all */
	ukplat_x86_memmap_finish();
	check("empty", NULL, 0);

	reset();				/* RAM above the boot map */
	ukplat_x86_memmap_add(0, 0x200000000ULL, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_add(~0ULL - 0x1000, 0x10000, UKPLAT_MEMR_RESERVED);
	ukplat_x86_memmap_finish();
	check("high", NULL, 0);
	if (free_bytes() != X86_MAP_LIMIT - 0x1000 - (IMG_END - IMG_START))
		fail("high", "free bytes", -1);

	reset();				/* more entries than fit */
	for (i = 0; i < 100; i++)
		ukplat_x86_memmap_add(0x200000 + i * 0x2000, 0x1000, UKPLAT_MEMR_FREE);
	ukplat_x86_memmap_finish();
	check("many", NULL, 0);
}

/* Random maps (fixed seed): the invariants must hold for all of them. */
static void test_random(void)
{
	uint64_t resv[32][2], base, len;
	int round, i, nresv;

	srand(1);
	for (round = 0; round < 500; round++) {
		reset();
		nresv = 0;
		for (i = 0; i < 1 + rand() % 30; i++) {
			base = (uint64_t)rand() % 0x10000000;
			len = (uint64_t)rand() % 0x4000000;
			if (rand() % 3) {
				ukplat_x86_memmap_add(base, len, UKPLAT_MEMR_FREE);
			} else {
				ukplat_x86_memmap_add(base, len, UKPLAT_MEMR_RESERVED);
				resv[nresv][0] = base;
				resv[nresv][1] = base + len;
				nresv++;
			}
		}
		ukplat_x86_memmap_finish();
		check("random", (const uint64_t (*)[2])resv, nresv);
	}
}

int main(void)
{
	test_random();
	test_qboot();
	test_messy();
	test_edges();
	printf("memmap: %s\n", failures ? "FAILED" : "ok");
	return failures ? 1 : 0;
}
