/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocbuddy: a binary buddy allocator over 4 KiB page frames.
 *
 * A block of order k is 2^k pages, aligned (as an address) to its own
 * size; its buddy is the block at address ^ (4 KiB << k). Freeing a block
 * whose buddy is free of the same order merges the two, repeatedly. Free
 * blocks of each order form a doubly linked list threaded through their
 * first page. Every allocation is a whole block: malloc(n) takes the
 * smallest block of at least n bytes and has no header, so blocks are
 * page-aligned and memalign(a, n) up to any block size is free. Small
 * mallocs waste most of a page: this is a page allocator (uk_palloc); use
 * ukalloctlsf for malloc.
 *
 * Each zone (an area given by create or addmem) starts with its
 * metadata, then its pages:
 *
 *	free_map	1 bit a page: set when the page heads a free block
 *	order_map	1 byte a page: the order of the allocated block it
 *			heads (read only at free, so never initialized)
 *
 * Only free_map must be cleared at set-up: 32 KiB per GiB of memory (a
 * memset of a few microseconds). The pages are then cut into the fewest
 * naturally aligned blocks, O(log n) of them plus one per 4 GiB.
 */
#include <string.h>
#include <uk/alloc_impl.h>
#include <uk/allocbuddy.h>
#include <uk/assert.h>

#define PAGE_SHIFT	12
#define PAGE		(1UL << PAGE_SHIFT)
#define ORDERS		21		/* blocks up to 2^20 pages = 4 GiB */
#define ZONES_MAX	8
#define LBITS		(8 * sizeof(unsigned long))

struct fblock {				/* in the first page of a free block */
	struct fblock *next, *prev;
	unsigned int order;
};

struct zone {
	uintptr_t start, end;		/* pages [start, end) */
	unsigned long *free_map;
	uint8_t *order_map;
};

struct buddy {
	struct uk_alloc a;		/* first: ukalloc hands us &a */
	struct fblock lists[ORDERS];	/* circular, the head a sentinel */
	uint32_t nonempty;		/* bit k: lists[k] has a block */
	struct zone zones[ZONES_MAX];
	int nzones;
	size_t free_pages, total_pages;
};

static struct zone *zone_of(struct buddy *b, uintptr_t addr)
{
	int i;

	for (i = 0; i < b->nzones; i++)
		if (addr >= b->zones[i].start && addr < b->zones[i].end)
			return &b->zones[i];
	return NULL;
}

static inline size_t pfn(const struct zone *z, uintptr_t addr)
{
	return (addr - z->start) >> PAGE_SHIFT;
}

static inline int is_free_head(const struct zone *z, uintptr_t addr)
{
	size_t i = pfn(z, addr);

	return (z->free_map[i / LBITS] >> (i % LBITS)) & 1;
}

static inline void set_free_head(struct zone *z, uintptr_t addr, int on)
{
	size_t i = pfn(z, addr);

	if (on)
		z->free_map[i / LBITS] |= 1UL << (i % LBITS);
	else
		z->free_map[i / LBITS] &= ~(1UL << (i % LBITS));
}

static void push(struct buddy *b, struct zone *z, uintptr_t addr,
		 unsigned int k)
{
	struct fblock *f = (struct fblock *)addr, *h = &b->lists[k];

	f->order = k;
	f->next = h->next;
	f->prev = h;
	h->next->prev = f;
	h->next = f;
	b->nonempty |= 1U << k;
	set_free_head(z, addr, 1);
	b->free_pages += 1UL << k;
}

static void unlink_block(struct buddy *b, struct zone *z, struct fblock *f)
{
	unsigned int k = f->order;

	f->prev->next = f->next;
	f->next->prev = f->prev;
	if (b->lists[k].next == &b->lists[k])
		b->nonempty &= ~(1U << k);
	set_free_head(z, (uintptr_t)f, 0);
	b->free_pages -= 1UL << k;
}

/* A block of order k, split from the smallest larger one; 0 if none. */
static uintptr_t alloc_order(struct buddy *b, unsigned int k)
{
	uint32_t avail = b->nonempty & ~((1U << k) - 1);
	struct fblock *f;
	struct zone *z;
	unsigned int j;
	uintptr_t addr;

	if (!avail)
		return 0;
	j = __builtin_ctz(avail);
	f = b->lists[j].next;
	addr = (uintptr_t)f;
	z = zone_of(b, addr);
	unlink_block(b, z, f);
	while (j > k) {			/* give back the upper halves */
		j--;
		push(b, z, addr + (PAGE << j), j);
	}
	z->order_map[pfn(z, addr)] = k;
	return addr;
}

static void free_order(struct buddy *b, struct zone *z, uintptr_t addr,
		       unsigned int k)
{
	uintptr_t buddy;

	for (; k + 1 < ORDERS; k++) {
		buddy = addr ^ (PAGE << k);
		if (buddy < z->start || buddy + (PAGE << k) > z->end ||
		    !is_free_head(z, buddy) ||
		    ((struct fblock *)buddy)->order != k)
			break;
		unlink_block(b, z, (struct fblock *)buddy);
		addr &= ~(PAGE << k);
	}
	push(b, z, addr, k);
}

static unsigned int order_for_pages(size_t npages)
{
	return npages <= 1 ? 0 : 64 - __builtin_clzl(npages - 1);
}

static void *buddy_palloc(struct uk_alloc *a, size_t npages)
{
	unsigned int k = order_for_pages(npages);

	if (k >= ORDERS)
		return NULL;
	return (void *)alloc_order((struct buddy *)a, k);
}

static void *buddy_malloc(struct uk_alloc *a, size_t size)
{
	if (size > (PAGE << (ORDERS - 1)))
		return NULL;
	return buddy_palloc(a, (size + PAGE - 1) >> PAGE_SHIFT);
}

/* Blocks are aligned to their size: ask for one at least align big. */
static void *buddy_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	return buddy_malloc(a, UK_MAX(size, align));
}

static void buddy_free(struct uk_alloc *a, void *p)
{
	struct buddy *b = (struct buddy *)a;
	uintptr_t addr = (uintptr_t)p;
	struct zone *z = zone_of(b, addr);
	unsigned int k;

	if (uk_unlikely(!z || (addr & (PAGE - 1)) || is_free_head(z, addr)))
		UK_CRASH("buddy: free of %p, not an allocated block", p);
	k = z->order_map[pfn(z, addr)];
	free_order(b, z, addr, k);
}

static void buddy_pfree(struct uk_alloc *a, void *p,
			size_t npages __uk_unused)
{
	buddy_free(a, p);
}

static size_t buddy_usable_size(struct uk_alloc *a, const void *p)
{
	struct zone *z = zone_of((struct buddy *)a, (uintptr_t)p);

	return PAGE << z->order_map[pfn(z, (uintptr_t)p)];
}

static size_t buddy_availmem(struct uk_alloc *a)
{
	return ((struct buddy *)a)->free_pages << PAGE_SHIFT;
}

static size_t buddy_totalmem(struct uk_alloc *a)
{
	return ((struct buddy *)a)->total_pages << PAGE_SHIFT;
}

/*
 * Metadata pages for a zone of n pages in all: the fewest m such that m
 * pages hold the maps of the n - m pages that remain.
 */
static size_t meta_pages(size_t n)
{
	size_t m = (n * 9 / 8 + 2 * PAGE) / (PAGE + 1);

	while (m < n && (m << PAGE_SHIFT) <
	       UK_ALIGN_UP((n - m + 7) / 8, sizeof(long)) + (n - m))
		m++;
	return m;
}

static int buddy_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct buddy *b = (struct buddy *)a;
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, PAGE);
	uintptr_t end = UK_ALIGN_DOWN((uintptr_t)base + len, PAGE);
	size_t n, m, bitmap;
	struct zone *z;
	unsigned int k;

	if (b->nzones == ZONES_MAX)
		return -28;			/* -ENOSPC */
	if (end <= start + 2 * PAGE)
		return -12;			/* -ENOMEM: too small */
	n = (end - start) >> PAGE_SHIFT;
	m = meta_pages(n);
	if (m >= n)
		return -12;
	z = &b->zones[b->nzones++];
	z->free_map = (unsigned long *)start;
	bitmap = UK_ALIGN_UP((n - m + 7) / 8, sizeof(long));
	z->order_map = (uint8_t *)start + bitmap;
	z->start = start + (m << PAGE_SHIFT);
	z->end = end;
	memset(z->free_map, 0, bitmap);
	b->total_pages += n - m;
	/* Cut [start, end) into the largest naturally aligned blocks. */
	for (start = z->start; start < end; start += PAGE << k) {
		k = UK_MIN(__builtin_ctzl(start) - PAGE_SHIFT, ORDERS - 1);
		while ((PAGE << k) > end - start)
			k--;
		push(b, z, start, k);
	}
	return 0;
}

static const struct uk_alloc_ops buddy_ops = {
	.malloc = buddy_malloc,
	.memalign = buddy_memalign,
	.free = buddy_free,
	.usable_size = buddy_usable_size,
	.palloc = buddy_palloc,
	.pfree = buddy_pfree,
	.availmem = buddy_availmem,
	.totalmem = buddy_totalmem,
	.addmem = buddy_addmem,
};

struct uk_alloc *uk_allocbuddy_create(void *base, size_t len)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, PAGE);
	size_t meta = UK_ALIGN_UP(sizeof(struct buddy), PAGE);
	struct buddy *b = (struct buddy *)start;
	unsigned int k;

	if ((uintptr_t)base + len < start + meta + 3 * PAGE)
		return NULL;
	memset(b, 0, sizeof(*b));
	for (k = 0; k < ORDERS; k++)
		b->lists[k].next = b->lists[k].prev = &b->lists[k];
	uk_alloc_register(&b->a, "buddy", &buddy_ops);
	if (buddy_addmem(&b->a, (char *)b + meta,
			 (uintptr_t)base + len - (start + meta)) < 0)
		return NULL;
	return &b->a;
}

UK_ALLOC_BACKEND("buddy", uk_allocbuddy_create);
