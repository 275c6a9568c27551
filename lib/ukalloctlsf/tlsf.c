/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloctlsf: a two-level segregated fit allocator (after Masmano et
 * al., "TLSF: a new dynamic memory allocator for real-time systems",
 * 2004), written for this kit. malloc and free take O(1) time: no loop
 * depends on the number or size of blocks.
 *
 * Memory is a sequence of physical blocks, each a 16-byte header and a
 * payload; the next block starts right after the payload:
 *
 *	+-----------+-----------+------------------------------+
 *	| prev_phys | size|bits | payload (size bytes)         | next block
 *	+-----------+-----------+------------------------------+
 *	^ block                 ^ what malloc returns (16-aligned)
 *
 * size is a multiple of 16; its low bits say whether this block is free
 * (B_FREE) and whether the previous one is (B_PREV_FREE). prev_phys is
 * valid only when B_PREV_FREE is set. A free block keeps the links of its
 * free list in its payload, so the smallest payload is 16 bytes. Each
 * area given to the allocator ends with a zero-sized used block, the
 * sentinel, so that the last block has a "next" that is never free.
 *
 * Free blocks sit in segregated lists indexed by (fl, sl): fl is the
 * power of two of the size, sl one of 16 equal slices of that power.
 * Sizes below 256 use fl = 0 with slices of 16 bytes. Two bitmaps say
 * which lists are non-empty, so finding a fitting list is a find-first-
 * set on each. Free coalesces with both physical neighbours at once, so
 * no two free blocks are ever adjacent.
 */
#include <string.h>
#include <uk/alloc_impl.h>
#include <uk/alloctlsf.h>
#include <uk/assert.h>

#define ALIGN_LOG2	4
#define ALIGN		(1UL << ALIGN_LOG2)	/* = UK_ALLOC_MIN_ALIGN */
#define SL_LOG2		4
#define SL_COUNT	(1U << SL_LOG2)
#define FL_SHIFT	(SL_LOG2 + ALIGN_LOG2)	/* 8: sizes < 256 are "small" */
#define SMALL_LIMIT	(1UL << FL_SHIFT)
#define FL_COUNT	40			/* blocks < 2^(8 + 39) = 128 TiB */
#define MAX_BLOCK	((1UL << (FL_SHIFT + FL_COUNT - 1)) - ALIGN)
/* The largest request whose rounded-up search size still maps in range. */
#define MAX_REQUEST	(1UL << (FL_SHIFT + FL_COUNT - 3))

#define B_FREE		1UL
#define B_PREV_FREE	2UL
#define B_BITS		(B_FREE | B_PREV_FREE)

struct block {
	struct block *prev_phys;	/* valid only when B_PREV_FREE */
	size_t size;			/* payload bytes | B_* bits */
	struct block *next_free;	/* free blocks only */
	struct block *prev_free;
};

#define HDR		offsetof(struct block, next_free)	/* 16 */
#define MIN_PAYLOAD	ALIGN

struct tlsf {
	struct uk_alloc a;		/* first: ukalloc hands us &a */
	uint64_t fl_bitmap;		/* bit fl: sl_bitmap[fl] != 0 */
	uint32_t sl_bitmap[FL_COUNT];	/* bit sl: heads[fl][sl] != NULL */
	struct block *heads[FL_COUNT][SL_COUNT];
	size_t free_bytes;		/* payload bytes of free blocks */
	size_t total_bytes;		/* payload bytes of all areas */
};

static inline size_t bsize(const struct block *b)
{
	return b->size & ~B_BITS;
}

static inline struct block *next_phys(const struct block *b)
{
	return (struct block *)((char *)b + HDR + bsize(b));
}

static inline struct block *of_ptr(const void *p)
{
	return (struct block *)((char *)p - HDR);
}

static inline void *to_ptr(struct block *b)
{
	return (char *)b + HDR;
}

static inline unsigned int fls_(size_t x)	/* index of the top bit */
{
	return 63 - __builtin_clzl(x);
}

/* The list (fl, sl) that a block of payload size belongs to. */
static void mapping(size_t size, unsigned int *fl, unsigned int *sl)
{
	unsigned int f;

	if (size < SMALL_LIMIT) {
		*fl = 0;
		*sl = size >> ALIGN_LOG2;
		return;
	}
	f = fls_(size);
	*sl = (size >> (f - SL_LOG2)) - SL_COUNT;
	*fl = f - FL_SHIFT + 1;
}

static void remove_free(struct tlsf *t, struct block *b)
{
	unsigned int fl, sl;

	mapping(bsize(b), &fl, &sl);
	if (b->next_free)
		b->next_free->prev_free = b->prev_free;
	if (b->prev_free) {
		b->prev_free->next_free = b->next_free;
	} else {
		t->heads[fl][sl] = b->next_free;
		if (!b->next_free) {
			t->sl_bitmap[fl] &= ~(1U << sl);
			if (!t->sl_bitmap[fl])
				t->fl_bitmap &= ~(1ULL << fl);
		}
	}
	t->free_bytes -= bsize(b);
}

/* Mark b free, put it on its list, tell its physical successor. */
static void insert_free(struct tlsf *t, struct block *b)
{
	struct block *n = next_phys(b);
	unsigned int fl, sl;

	mapping(bsize(b), &fl, &sl);
	b->size |= B_FREE;
	b->prev_free = NULL;
	b->next_free = t->heads[fl][sl];
	if (b->next_free)
		b->next_free->prev_free = b;
	t->heads[fl][sl] = b;
	t->sl_bitmap[fl] |= 1U << sl;
	t->fl_bitmap |= 1ULL << fl;
	t->free_bytes += bsize(b);
	n->prev_phys = b;
	n->size |= B_PREV_FREE;
}

/*
 * Take a free block of at least size bytes off its list, or NULL. The
 * search starts at the list above size's own, so any block found fits
 * without walking the list.
 */
static struct block *take_fit(struct tlsf *t, size_t size)
{
	unsigned int fl, sl;
	uint64_t flmap;
	uint32_t slmap;
	struct block *b;

	if (size >= SMALL_LIMIT)
		size += (1UL << (fls_(size) - SL_LOG2)) - 1;
	mapping(size, &fl, &sl);
	slmap = t->sl_bitmap[fl] & (~0U << sl);
	if (!slmap) {
		flmap = t->fl_bitmap & (~0ULL << (fl + 1));
		if (!flmap)
			return NULL;
		fl = __builtin_ctzll(flmap);
		slmap = t->sl_bitmap[fl];
	}
	sl = __builtin_ctz(slmap);
	b = t->heads[fl][sl];
	remove_free(t, b);
	return b;
}

/* b is used: cut what lies past size bytes off as a free block. */
static void trim(struct tlsf *t, struct block *b, size_t size)
{
	size_t have = bsize(b);
	struct block *rest, *n;

	if (have < size + HDR + MIN_PAYLOAD)
		return;
	rest = (struct block *)((char *)b + HDR + size);
	rest->size = have - size - HDR;		/* prev (b) is used */
	b->size = size | (b->size & B_BITS);
	n = next_phys(rest);
	if (n->size & B_FREE) {			/* only when shrinking */
		remove_free(t, n);
		rest->size += HDR + bsize(n);
	}
	insert_free(t, rest);
}

static void mark_used(struct block *b)
{
	b->size &= ~B_FREE;
	next_phys(b)->size &= ~B_PREV_FREE;
}

static size_t round_size(size_t size)
{
	return size < ALIGN ? ALIGN : UK_ALIGN_UP(size, ALIGN);
}

static void *tlsf_malloc(struct uk_alloc *a, size_t size)
{
	struct tlsf *t = (struct tlsf *)a;
	struct block *b;

	if (size > MAX_REQUEST)
		return NULL;
	size = round_size(size);
	b = take_fit(t, size);
	if (!b)
		return NULL;
	mark_used(b);
	trim(t, b, size);
	return to_ptr(b);
}

static void tlsf_free(struct uk_alloc *a, void *p)
{
	struct tlsf *t = (struct tlsf *)a;
	struct block *b = of_ptr(p), *n, *prev;

	if (uk_unlikely(b->size & B_FREE))
		UK_CRASH("tlsf: double free of %p", p);
	n = next_phys(b);
	if (n->size & B_FREE) {
		remove_free(t, n);
		b->size += HDR + bsize(n);
	}
	if (b->size & B_PREV_FREE) {
		prev = b->prev_phys;
		remove_free(t, prev);
		prev->size += HDR + bsize(b);
		b = prev;
	}
	insert_free(t, b);
}

/*
 * A block of size bytes at an align boundary (align > 16): take one with
 * room for the alignment plus a leading free block of the smallest size,
 * give the leading part back, then trim the tail.
 */
static void *tlsf_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	struct tlsf *t = (struct tlsf *)a;
	struct block *b, *nb;
	uintptr_t p, ap;
	size_t gap;

	if (size > MAX_REQUEST || align > MAX_REQUEST)
		return NULL;
	size = round_size(size);
	b = take_fit(t, size + align + HDR + MIN_PAYLOAD);
	if (!b)
		return NULL;
	p = (uintptr_t)to_ptr(b);
	if (p & (align - 1)) {
		ap = UK_ALIGN_UP(p + HDR + MIN_PAYLOAD, align);
		gap = ap - p;
		nb = of_ptr((void *)ap);
		nb->size = bsize(b) - gap;	/* used, bits set below */
		b->size = (gap - HDR) | (b->size & B_PREV_FREE);
		insert_free(t, b);		/* sets nb's B_PREV_FREE */
		b = nb;
	}
	mark_used(b);
	trim(t, b, size);
	return to_ptr(b);
}

/* Grow or shrink in place when the next block allows it, else move. */
static void *tlsf_realloc(struct uk_alloc *a, void *p, size_t size)
{
	struct tlsf *t = (struct tlsf *)a;
	struct block *b = of_ptr(p), *n;
	size_t have = bsize(b);
	void *q;

	if (size > MAX_REQUEST)
		return NULL;
	size = round_size(size);
	n = next_phys(b);
	if (size > have && (n->size & B_FREE) &&
	    have + HDR + bsize(n) >= size) {
		remove_free(t, n);
		b->size += HDR + bsize(n);
		next_phys(b)->size &= ~B_PREV_FREE;
		have = bsize(b);
	}
	if (size <= have) {
		trim(t, b, size);
		return p;
	}
	q = tlsf_malloc(a, size);
	if (!q)
		return NULL;
	memcpy(q, p, have);
	tlsf_free(a, p);
	return q;
}

static size_t tlsf_usable_size(struct uk_alloc *a __uk_unused, const void *p)
{
	return bsize(of_ptr(p));
}

static size_t tlsf_availmem(struct uk_alloc *a)
{
	return ((struct tlsf *)a)->free_bytes;
}

static size_t tlsf_totalmem(struct uk_alloc *a)
{
	return ((struct tlsf *)a)->total_bytes;
}

/* One free block over the whole area, and the sentinel: O(1). */
static int tlsf_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct tlsf *t = (struct tlsf *)a;
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, ALIGN);
	uintptr_t end = UK_ALIGN_DOWN((uintptr_t)base + len, ALIGN);
	struct block *b, *sentinel;

	if (end < start + 2 * HDR + MIN_PAYLOAD || end < start)
		return -12;	/* -ENOMEM: too small to hold a block */
	if (end - start > MAX_BLOCK + 2 * HDR)
		end = start + MAX_BLOCK + 2 * HDR;
	b = (struct block *)start;
	b->size = end - start - 2 * HDR;	/* first block: no prev */
	sentinel = next_phys(b);
	sentinel->size = 0;
	insert_free(t, b);
	t->total_bytes += bsize(b);
	return 0;
}

static const struct uk_alloc_ops tlsf_ops = {
	.malloc = tlsf_malloc,
	.memalign = tlsf_memalign,
	.realloc = tlsf_realloc,
	.free = tlsf_free,
	.usable_size = tlsf_usable_size,
	.availmem = tlsf_availmem,
	.totalmem = tlsf_totalmem,
	.addmem = tlsf_addmem,
};

struct uk_alloc *uk_alloctlsf_create(void *base, size_t len)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, ALIGN);
	size_t meta = UK_ALIGN_UP(sizeof(struct tlsf), ALIGN);
	struct tlsf *t = (struct tlsf *)start;

	if ((uintptr_t)base + len < start + meta + 2 * HDR + MIN_PAYLOAD)
		return NULL;
	memset(t, 0, sizeof(*t));
	uk_alloc_register(&t->a, "tlsf", &tlsf_ops);
	tlsf_addmem(&t->a, (char *)t + meta,
		    (uintptr_t)base + len - (start + meta));
	return &t->a;
}

UK_ALLOC_BACKEND("tlsf", uk_alloctlsf_create);
