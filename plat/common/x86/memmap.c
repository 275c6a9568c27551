/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The memory map: raw ranges from the boot protocol (E820-like, in any
 * order, possibly unaligned, overlapping or with holes, as qboot and
 * microvm give them), plus the image, become the sorted, disjoint list
 * behind ukplat_memregion_*().
 *
 * Where ranges overlap, the stronger kind wins: KERNEL > INITRD >
 * RESERVED > FREE. FREE regions are shrunk to whole 4 KiB pages and
 * clipped to the boot identity map (X86_MAP_LIMIT): RAM beyond it is not
 * reported until the page tables cover it. Page 0 is reported RESERVED
 * so that no allocator ever hands out address 0.
 *
 * Cost: O(points x ranges), a few thousand steps for a typical map, once.
 */
#define EINVAL 22	/* no libc needed: the errno value is ABI */
#include <uk/arch/print.h>
#include <uk/plat/bootinfo.h>
#include <x86/boot.h>

#define RAW_MAX		64
#define RAW_OWN		2	/* slots kept for page 0 and the image */
#define REGION_MAX	(2 * RAW_MAX)
#define PAGE_SIZE	4096ULL

struct range {
	uint64_t start, end;	/* [start, end) */
	unsigned int flags;
};

static struct range raw[RAW_MAX];
static int nraw;
static int dropped;
static struct ukplat_memregion regions[REGION_MAX];
static int nregions;

static int rank(unsigned int flags)
{
	switch (flags) {
	case UKPLAT_MEMR_KERNEL:	return 4;
	case UKPLAT_MEMR_INITRD:	return 3;
	case UKPLAT_MEMR_RESERVED:	return 2;
	default:			return 1;
	}
}

static void raw_add(uint64_t base, uint64_t end, unsigned int flags)
{
	raw[nraw].start = base;
	raw[nraw].end = end;
	raw[nraw].flags = flags;
	nraw++;
}

void ukplat_x86_memmap_add(uint64_t base, uint64_t len, unsigned int flags)
{
	uint64_t end = base + len;

	if (!len)
		return;
	if (end < base)
		end = ~0ULL;
	if (nraw == RAW_MAX - RAW_OWN) {
		if (!dropped++)
			ukarch_print("[plat] warning: memory map has too many "
				     "entries, ignoring the rest\n");
		return;
	}
	raw_add(base, end, flags);
}

/* The kind of [a, b), which lies entirely inside or outside each range. */
static unsigned int kind_of(uint64_t a, uint64_t b)
{
	unsigned int best = 0;
	int i;

	for (i = 0; i < nraw; i++)
		if (raw[i].start <= a && raw[i].end >= b &&
		    (!best || rank(raw[i].flags) > rank(best)))
			best = raw[i].flags;
	return best;
}

static void emit(uint64_t a, uint64_t b, unsigned int flags)
{
	struct ukplat_memregion *last;

	if (flags == UKPLAT_MEMR_FREE) {
		if (b > X86_MAP_LIMIT)
			b = X86_MAP_LIMIT;
		a = (a + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
		b &= ~(PAGE_SIZE - 1);
		if (a >= b)
			return;
	}
	if (nregions) {
		last = &regions[nregions - 1];
		if (last->flags == flags && last->base + last->len == a) {
			last->len = b - last->base;
			return;
		}
	}
	regions[nregions].base = a;
	regions[nregions].len = b - a;
	regions[nregions].flags = flags;
	nregions++;
}

void ukplat_x86_memmap_finish(void)
{
	uint64_t pts[2 * RAW_MAX], t;
	int npts = 0, i, j;
	unsigned int kind, run_kind = 0;
	uint64_t run_start = 0;

	raw_add(0, PAGE_SIZE, UKPLAT_MEMR_RESERVED);
	raw_add((uintptr_t)__uk_image_start, (uintptr_t)__uk_image_end,
		UKPLAT_MEMR_KERNEL);

	/* Every boundary, sorted (insertion sort: a few dozen points). */
	for (i = 0; i < nraw; i++) {
		pts[npts++] = raw[i].start;
		pts[npts++] = raw[i].end;
	}
	for (i = 1; i < npts; i++) {
		t = pts[i];
		for (j = i; j > 0 && pts[j - 1] > t; j--)
			pts[j] = pts[j - 1];
		pts[j] = t;
	}

	/* Elementary intervals, merged into runs of one kind. */
	for (i = 0; i + 1 < npts; i++) {
		if (pts[i] == pts[i + 1])
			continue;
		kind = kind_of(pts[i], pts[i + 1]);
		if (kind != run_kind) {
			if (run_kind)
				emit(run_start, pts[i], run_kind);
			run_kind = kind;
			run_start = pts[i];
		}
	}
	if (run_kind)
		emit(run_start, pts[npts - 1], run_kind);
}

uintptr_t ukplat_x86_memmap_take(uint64_t len)
{
	struct ukplat_memregion *r;
	int i, best = -1;

	len = (len + PAGE_SIZE - 1) & ~(PAGE_SIZE - 1);
	for (i = 0; i < nregions; i++)
		if (regions[i].flags == UKPLAT_MEMR_FREE &&
		    regions[i].len >= len &&
		    (best < 0 || regions[i].len > regions[best].len))
			best = i;
	if (best < 0 || !len)
		return 0;
	r = &regions[best];
	if (r->len == len) {
		r->flags = UKPLAT_MEMR_KERNEL;
		return r->base;
	}
	if (nregions == REGION_MAX)
		return 0;
	for (i = nregions; i > best + 1; i--)
		regions[i] = regions[i - 1];
	nregions++;
	r->len -= len;
	regions[best + 1].base = r->base + r->len;
	regions[best + 1].len = len;
	regions[best + 1].flags = UKPLAT_MEMR_KERNEL;
	return regions[best + 1].base;
}

int ukplat_memregion_count(void)
{
	return nregions;
}

int ukplat_memregion_get(int i, struct ukplat_memregion *r)
{
	if (i < 0 || i >= nregions)
		return -EINVAL;
	*r = regions[i];
	return 0;
}
