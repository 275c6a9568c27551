/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocregion: a bump allocator. Each area is [cur, end); malloc puts
 * a 16-byte header and the block at cur and moves cur past it. free
 * reclaims nothing -- except the block allocated last, which it gives
 * back by moving cur down again (so a stack-like malloc/free pattern, and
 * realloc of the last block, cost no memory). Meant for tiny images and
 * short-lived programs that allocate at start-up and then run.
 *
 *	+--------+------+-------+---------+--------+-------+---- ...
 *	| hdr    | block 1      | hdr     | block 2        | free -> end
 *	+--------+------+-------+---------+--------+-------+
 *
 * The header keeps the block's size (for realloc and statistics) and
 * where cur was before it (to roll back). When an area is exhausted,
 * allocation moves on to the next one added; earlier ones keep their
 * unused tail.
 */
#include <string.h>
#include <uk/alloc_impl.h>
#include <uk/allocregion.h>

#define ALIGN		16UL
#define AREAS_MAX	16

struct hdr {
	size_t size;		/* usable bytes, a multiple of 16 */
	uintptr_t prev_cur;	/* cur before this block */
};

struct area {
	uintptr_t cur, end;
};

struct region {
	struct uk_alloc a;	/* first: ukalloc hands us &a */
	struct area areas[AREAS_MAX];
	int nareas, now;	/* areas[now] is where we bump */
	uintptr_t last;		/* the last block handed out, or 0 */
	size_t total;
};

static inline struct hdr *hdr_of(const void *p)
{
	return (struct hdr *)p - 1;
}

static void *region_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	struct region *r = (struct region *)a;
	struct area *ar;
	uintptr_t p;
	int i;

	if (align < ALIGN)
		align = ALIGN;
	size = size ? UK_ALIGN_UP(size, ALIGN) : ALIGN;
	if (size < ALIGN || size > SIZE_MAX / 2 || align > SIZE_MAX / 4)
		return NULL;
	for (i = r->now; i < r->nareas; i++) {
		ar = &r->areas[i];
		p = UK_ALIGN_UP(ar->cur + sizeof(struct hdr), align);
		if (p < ar->cur || p > ar->end || ar->end - p < size)
			continue;
		hdr_of((void *)p)->size = size;
		hdr_of((void *)p)->prev_cur = ar->cur;
		ar->cur = p + size;
		r->now = i;
		r->last = p;
		return (void *)p;
	}
	return NULL;
}

static void *region_malloc(struct uk_alloc *a, size_t size)
{
	return region_memalign(a, ALIGN, size);
}

/* Only the last block is reclaimed (see the top of the file). */
static void region_free(struct uk_alloc *a, void *p)
{
	struct region *r = (struct region *)a;

	if ((uintptr_t)p != r->last)
		return;
	r->areas[r->now].cur = hdr_of(p)->prev_cur;
	r->last = 0;
}

/* The last block grows or shrinks in place; others move. */
static void *region_realloc(struct uk_alloc *a, void *p, size_t size)
{
	struct region *r = (struct region *)a;
	struct area *ar = &r->areas[r->now];
	struct hdr *h = hdr_of(p);
	void *q;

	size = UK_ALIGN_UP(size, ALIGN);
	if (size < ALIGN || size > SIZE_MAX / 2)
		return NULL;
	if ((uintptr_t)p == r->last && ar->end - (uintptr_t)p >= size) {
		h->size = size;
		ar->cur = (uintptr_t)p + size;
		return p;
	}
	if (size <= h->size)
		return p;	/* shrinking elsewhere reclaims nothing */
	q = region_malloc(a, size);
	if (!q)
		return NULL;
	memcpy(q, p, h->size);
	return q;
}

static size_t region_usable_size(struct uk_alloc *a __uk_unused,
				 const void *p)
{
	return hdr_of(p)->size;
}

static size_t region_availmem(struct uk_alloc *a)
{
	struct region *r = (struct region *)a;
	size_t n = 0;
	int i;

	for (i = r->now; i < r->nareas; i++)
		n += r->areas[i].end - r->areas[i].cur;
	return n;
}

static size_t region_totalmem(struct uk_alloc *a)
{
	return ((struct region *)a)->total;
}

static int region_addmem(struct uk_alloc *a, void *base, size_t len)
{
	struct region *r = (struct region *)a;
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, ALIGN);
	uintptr_t end = UK_ALIGN_DOWN((uintptr_t)base + len, ALIGN);

	if (r->nareas == AREAS_MAX)
		return -28;		/* -ENOSPC: no slot left */
	if (end <= start + sizeof(struct hdr))
		return -12;		/* -ENOMEM: too small */
	r->areas[r->nareas].cur = start;
	r->areas[r->nareas].end = end;
	r->nareas++;
	r->total += end - start;
	return 0;
}

static const struct uk_alloc_ops region_ops = {
	.malloc = region_malloc,
	.memalign = region_memalign,
	.realloc = region_realloc,
	.free = region_free,
	.usable_size = region_usable_size,
	.availmem = region_availmem,
	.totalmem = region_totalmem,
	.addmem = region_addmem,
};

struct uk_alloc *uk_allocregion_create(void *base, size_t len)
{
	uintptr_t start = UK_ALIGN_UP((uintptr_t)base, ALIGN);
	size_t meta = UK_ALIGN_UP(sizeof(struct region), ALIGN);
	struct region *r = (struct region *)start;

	if ((uintptr_t)base + len < start + meta + 2 * ALIGN)
		return NULL;
	memset(r, 0, sizeof(*r));
	uk_alloc_register(&r->a, "region", &region_ops);
	region_addmem(&r->a, (char *)r + meta,
		      (uintptr_t)base + len - (start + meta));
	return &r->a;
}

UK_ALLOC_BACKEND("region", uk_allocregion_create);
