/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc tests run on every backend in the image: each case creates a
 * fresh allocator of each backend over a few MiB taken from the default
 * heap, exercises it, checks it, and gives the memory back. So one test
 * image with tlsf, buddy and region selected tests all three.
 *
 *	stress     random malloc/free/realloc/memalign against a shadow
 *	           table: contents (a pattern per block), no overlap, inside
 *	           the area, alignment; all freed -> stats and free memory
 *	           back to where they started
 *	align      memalign for every power of two 1..64 KiB, several sizes
 *	oom        allocate until NULL; huge sizes and alignments -> NULL;
 *	           realloc failure leaves the block intact
 *	stats      counts, bytes and peak follow allocations exactly
 *	coalesce   fill the area with small blocks, free them out of order:
 *	           the largest block that fitted before fits again (free
 *	           memory merged back, not just counted back)
 */
#include <string.h>
#include <uk/alloc_impl.h>
#include <uk/test.h>
#include <uk/plat/bootinfo.h>
#include "../alloc_private.h"

#define AREA		(4UL << 20)
#define SLOTS		192
#define STRESS_OPS	20000

struct slot {
	unsigned char *p;
	size_t size;
	unsigned char seed;
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

/* Mostly small, some page-sized, a few large: a typical program. */
static size_t rnd_size(void)
{
	unsigned int r = rnd() % 100;

	if (r < 70)
		return rnd() % 257;
	if (r < 95)
		return rnd() % 4097;
	return rnd() % 65537;
}

static void fill(struct slot *s)
{
	size_t i;

	for (i = 0; i < s->size; i++)
		s->p[i] = (unsigned char)(s->seed + i * 7);
}

/* Offset of the first byte that does not match, or len. */
static size_t check_fill(const struct slot *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s->p[i] != (unsigned char)(s->seed + i * 7))
			return i;
	return len;
}

/* 0 when s lies in [lo, hi) and overlaps no other live slot. */
static int check_place(const struct slot *slots, int self, uintptr_t lo,
		       uintptr_t hi)
{
	uintptr_t a = (uintptr_t)slots[self].p, e = a + slots[self].size;
	int i;

	if (a < lo || e > hi)
		return -1;
	for (i = 0; i < SLOTS; i++) {
		uintptr_t b = (uintptr_t)slots[i].p;

		if (i == self || !slots[i].p)
			continue;
		if (a < b + UK_MAX(slots[i].size, 1) && b < UK_MAX(e, a + 1))
			return -2;
	}
	return 0;
}

/* A new allocator of backend b over a fresh area, or NULL. */
static struct uk_alloc *make(struct uk_alloc_backend *b, void **area,
			     size_t len)
{
	struct uk_alloc *def = uk_alloc_get_default();
	struct uk_alloc *a;

	*area = uk_memalign(def, UK_ALLOC_PAGE_SIZE, len);
	if (!*area)
		return NULL;
	a = b->create(*area, len);
	if (!a)
		uk_free(def, *area);
	return a;
}

static void unmake(struct uk_alloc *a, void *area)
{
	struct uk_alloc *def = uk_alloc_get_default();

	uk_alloc_unregister(a);
	uk_free(def, area);
}

static int reclaims(const struct uk_alloc_backend *b)
{
	return strcmp(b->name, "region") != 0;
}

static struct slot slots[SLOTS];

UK_TESTCASE(ukalloc, stress)
{
	struct uk_alloc_backend *b;
	struct uk_alloc_stats st;
	struct uk_alloc *a;
	size_t avail0, bad;
	void *area, *q;
	int op, i;

	for (b = uk_alloc_backends_; b; b = b->next) {
		a = make(b, &area, AREA);
		UK_TEST_ASSERT(a != NULL);
		avail0 = uk_alloc_availmem(a);
		memset(slots, 0, sizeof(slots));
		for (op = 0; op < STRESS_OPS; op++) {
			i = rnd() % SLOTS;
			struct slot *s = &slots[i];
			unsigned int what = rnd() % 8;

			if (!s->p && what < 5) {	/* malloc/memalign */
				s->size = rnd_size();
				s->seed = rnd();
				s->p = what == 4 ?
				       uk_memalign(a, 64 << (rnd() % 6), s->size) :
				       uk_malloc(a, s->size);
				if (!s->p)
					continue;	/* full: allowed */
				UK_TEST_EXPECT_INT_EQ((uintptr_t)s->p % 16, 0);
				UK_TEST_EXPECT_INT_GE(uk_alloc_usable_size(a, s->p),
						      s->size);
				UK_TEST_EXPECT_INT_EQ(check_place(slots, i,
					(uintptr_t)area, (uintptr_t)area + AREA), 0);
				fill(s);
			} else if (s->p && what < 6) {	/* realloc */
				size_t n = rnd_size() + 1;

				q = uk_realloc(a, s->p, n);
				if (!q) {	/* failed: old block intact */
					UK_TEST_EXPECT_INT_EQ(check_fill(s, s->size),
							      s->size);
					continue;
				}
				s->p = q;
				bad = check_fill(s, UK_MIN(n, s->size));
				UK_TEST_EXPECT_INT_EQ(bad, UK_MIN(n, s->size));
				s->size = n;
				UK_TEST_EXPECT_INT_EQ(check_place(slots, i,
					(uintptr_t)area, (uintptr_t)area + AREA), 0);
				fill(s);
			} else if (s->p) {		/* free */
				UK_TEST_EXPECT_INT_EQ(check_fill(s, s->size),
						      s->size);
				uk_free(a, s->p);
				s->p = NULL;
			}
		}
		for (i = 0; i < SLOTS; i++) {
			if (!slots[i].p)
				continue;
			UK_TEST_EXPECT_INT_EQ(check_fill(&slots[i], slots[i].size),
					      slots[i].size);
			uk_free(a, slots[i].p);
		}
		if (uk_alloc_stats(a, &st) == 0) {
			UK_TEST_EXPECT_INT_EQ(st.cur_bytes, 0);
			UK_TEST_EXPECT_INT_EQ(st.cur_blocks, 0);
			UK_TEST_EXPECT_INT_EQ(st.nb_allocs, st.nb_frees);
			UK_TEST_EXPECT_INT_GT(st.peak_bytes, 0);
		}
		if (reclaims(b))
			UK_TEST_EXPECT_INT_EQ(uk_alloc_availmem(a), avail0);
		unmake(a, area);
	}
}

UK_TESTCASE(ukalloc, memalign_every_power_of_two)
{
	static const size_t sizes[] = { 0, 1, 17, 1000, 4096, 5000 };
	struct uk_alloc_backend *b;
	struct uk_alloc *a;
	size_t align, avail0;
	unsigned int i;
	void *area, *p;

	for (b = uk_alloc_backends_; b; b = b->next) {
		a = make(b, &area, AREA);
		UK_TEST_ASSERT(a != NULL);
		avail0 = uk_alloc_availmem(a);
		for (align = 1; align <= (64 << 10); align <<= 1) {
			for (i = 0; i < UK_ARRAY_SIZE(sizes); i++) {
				p = uk_memalign(a, align, sizes[i]);
				UK_TEST_EXPECT(p != NULL);
				if (!p)
					continue;
				UK_TEST_EXPECT_INT_EQ((uintptr_t)p % align, 0);
				UK_TEST_EXPECT_INT_EQ((uintptr_t)p % 16, 0);
				UK_TEST_EXPECT_INT_GE(uk_alloc_usable_size(a, p),
						      sizes[i]);
				memset(p, 0xa5, sizes[i]);
				uk_free(a, p);
			}
		}
		UK_TEST_EXPECT(uk_memalign(a, 3, 16) == NULL);
		UK_TEST_EXPECT(uk_memalign(a, 0, 16) == NULL);
		UK_TEST_EXPECT(uk_memalign(a, 48, 16) == NULL);
		if (reclaims(b))
			UK_TEST_EXPECT_INT_EQ(uk_alloc_availmem(a), avail0);
		unmake(a, area);
	}
}

UK_TESTCASE(ukalloc, out_of_memory_returns_null)
{
	struct uk_alloc_backend *b;
	struct uk_alloc_stats st0, st;
	struct uk_alloc *a;
	void *area, *p, *q, *head = NULL;
	size_t avail0, n = 0;

	for (b = uk_alloc_backends_; b; b = b->next) {
		a = make(b, &area, 256 << 10);
		UK_TEST_ASSERT(a != NULL);
		avail0 = uk_alloc_availmem(a);
		uk_alloc_stats(a, &st0);
		/* Fill it with a chain of 1000-byte blocks until NULL. */
		for (head = NULL, n = 0; n < 100000; n++) {
			p = uk_malloc(a, 1000);
			if (!p)
				break;
			*(void **)p = head;
			head = p;
		}
		UK_TEST_EXPECT_INT_LT(n, 100000);
		UK_TEST_EXPECT_INT_GT(n, 0);
		UK_TEST_EXPECT(uk_malloc(a, 1 << 20) == NULL);
		UK_TEST_EXPECT(uk_malloc(a, SIZE_MAX) == NULL);
		UK_TEST_EXPECT(uk_malloc(a, SIZE_MAX / 2) == NULL);
		UK_TEST_EXPECT(uk_alloc_calloc(a, SIZE_MAX / 2, 4) == NULL);
		UK_TEST_EXPECT(uk_memalign(a, (size_t)1 << 62, 16) == NULL);
		UK_TEST_EXPECT(uk_memalign(a, 4096, SIZE_MAX - 10) == NULL);
		UK_TEST_EXPECT(uk_palloc(a, SIZE_MAX / 4096) == NULL);
		if (head) {
			q = uk_realloc(a, head, SIZE_MAX - 100);
			UK_TEST_EXPECT(q == NULL);
		}
		if (uk_alloc_stats(a, &st) == 0)
			UK_TEST_EXPECT_INT_GE(st.nb_failures,
					      st0.nb_failures + 8);
		while (head) {
			p = head;
			head = *(void **)p;
			uk_free(a, p);
		}
		if (reclaims(b))
			UK_TEST_EXPECT_INT_EQ(uk_alloc_availmem(a), avail0);
		unmake(a, area);
	}
}

UK_TESTCASE(ukalloc, stats_follow_allocations)
{
	struct uk_alloc_backend *b;
	struct uk_alloc_stats st0, st;
	struct uk_alloc *a;
	void *area, *p[10];
	size_t sum = 0;
	int i;

	for (b = uk_alloc_backends_; b; b = b->next) {
		a = make(b, &area, AREA);
		UK_TEST_ASSERT(a != NULL);
		if (uk_alloc_stats(a, &st0) < 0) {
			unmake(a, area);
			UK_TEST_SKIP("statistics compiled out (LIBUKALLOC_STATS)");
		}
		for (i = 0, sum = 0; i < 10; i++) {
			p[i] = uk_malloc(a, 100 * i + 1);
			UK_TEST_ASSERT(p[i] != NULL);
			sum += uk_alloc_usable_size(a, p[i]);
		}
		uk_alloc_stats(a, &st);
		UK_TEST_EXPECT_INT_EQ(st.cur_blocks, st0.cur_blocks + 10);
		UK_TEST_EXPECT_INT_EQ(st.cur_bytes, st0.cur_bytes + sum);
		UK_TEST_EXPECT_INT_GE(st.cur_bytes, 45 * 100 + 10);
		UK_TEST_EXPECT_INT_EQ(st.peak_bytes, st.cur_bytes);
		UK_TEST_EXPECT_INT_EQ(st.nb_allocs, st0.nb_allocs + 10);
		p[0] = uk_realloc(a, p[0], 3000);
		UK_TEST_ASSERT(p[0] != NULL);
		for (i = 0; i < 10; i++)
			uk_free(a, p[i]);
		uk_alloc_stats(a, &st);
		UK_TEST_EXPECT_INT_EQ(st.cur_blocks, st0.cur_blocks);
		UK_TEST_EXPECT_INT_EQ(st.cur_bytes, st0.cur_bytes);
		UK_TEST_EXPECT_INT_GE(st.peak_bytes, sum);
		UK_TEST_EXPECT_INT_EQ(st.nb_allocs, st0.nb_allocs + 11);
		UK_TEST_EXPECT_INT_EQ(st.nb_frees, st0.nb_frees + 11);
		UK_TEST_EXPECT_INT_EQ(st.nb_failures, st0.nb_failures);
		unmake(a, area);
	}
}

UK_TESTCASE(ukalloc, palloc_whole_pages)
{
	struct uk_alloc_backend *b;
	struct uk_alloc *a;
	void *area, *p[8];
	size_t avail0;
	int i;

	for (b = uk_alloc_backends_; b; b = b->next) {
		a = make(b, &area, AREA);
		UK_TEST_ASSERT(a != NULL);
		avail0 = uk_alloc_availmem(a);
		for (i = 0; i < 8; i++) {
			p[i] = uk_palloc(a, i + 1);
			UK_TEST_ASSERT(p[i] != NULL);
			UK_TEST_EXPECT_INT_EQ((uintptr_t)p[i] % 4096, 0);
			memset(p[i], i, (i + 1) * 4096);
		}
		for (i = 0; i < 8; i++)
			uk_pfree(a, p[i], i + 1);
		UK_TEST_EXPECT(uk_palloc(a, 0) == NULL);
		if (reclaims(b))
			UK_TEST_EXPECT_INT_EQ(uk_alloc_availmem(a), avail0);
		unmake(a, area);
	}
}

/* The largest power-of-two malloc that a fits now (0 if none). */
static size_t largest_block(struct uk_alloc *a, size_t most)
{
	size_t len;
	void *p;

	for (len = most; len >= 16; len >>= 1) {
		p = uk_malloc(a, len);
		if (p) {
			uk_free(a, p);
			return len;
		}
	}
	return 0;
}

/*
 * Freed neighbours merge: fill the allocator with small blocks (chained
 * through their first word), free every other one, then the rest, and the
 * largest block that fitted in the empty allocator fits again. An
 * allocator that only counts freed bytes back (no merging) has them all
 * free in pieces and fails the last allocation.
 */
UK_TESTCASE(ukalloc, frees_coalesce_into_largest_block)
{
	struct uk_alloc_backend *b;
	struct uk_alloc *a;
	void *area, *p, **prev, *head;
	size_t big, n, avail0;

	for (b = uk_alloc_backends_; b; b = b->next) {
		if (!reclaims(b))
			continue;
		a = make(b, &area, AREA);
		UK_TEST_ASSERT(a != NULL);
		avail0 = uk_alloc_availmem(a);
		big = largest_block(a, AREA);
		UK_TEST_EXPECT_UINT_GE(big, AREA / 4);
		for (head = NULL, n = 0; (p = uk_malloc(a, 8 + n % 3 * 2000)); n++) {
			*(void **)p = head;
			head = p;
		}
		UK_TEST_EXPECT_UINT_GT(n, AREA / 8192);
		/* Every other block first: no two freed ones are adjacent... */
		for (prev = &head, n = 0; *prev; n++) {
			p = *prev;
			if (n % 2) {
				*prev = *(void **)p;
				uk_free(a, p);
			} else {
				prev = (void **)p;
			}
		}
		/* ...then the rest, each between two free neighbours. */
		while (head) {
			p = head;
			head = *(void **)p;
			uk_free(a, p);
		}
		UK_TEST_EXPECT_UINT_EQ(uk_alloc_availmem(a), avail0);
		p = uk_malloc(a, big);
		UK_TEST_EXPECT_NOT_NULL(p);
		uk_free(a, p);
		unmake(a, area);
	}
}

UK_TESTCASE(ukalloc, two_allocators_alive)
{
	struct uk_alloc_backend *b;
	struct uk_alloc *a1, *a2, *it;
	void *m1, *m2, *p1, *p2;
	int seen = 0;

	b = uk_alloc_backends_;
	UK_TEST_ASSERT(b != NULL);
	a1 = make(b, &m1, 1 << 20);
	a2 = make(b, &m2, 1 << 20);
	UK_TEST_ASSERT(a1 && a2);
	uk_alloc_foreach(it)
		seen += (it == a1) + (it == a2);
	UK_TEST_EXPECT_INT_EQ(seen, 2);
	p1 = uk_malloc(a1, 100);
	p2 = uk_malloc(a2, 100);
	UK_TEST_EXPECT((uintptr_t)p1 - (uintptr_t)m1 < (1 << 20));
	UK_TEST_EXPECT((uintptr_t)p2 - (uintptr_t)m2 < (1 << 20));
	uk_free(a1, p1);
	uk_free(a2, p2);
	unmake(a2, m2);
	unmake(a1, m1);
	seen = 0;
	uk_alloc_foreach(it)
		seen += (it == a1) + (it == a2);
	UK_TEST_EXPECT_INT_EQ(seen, 0);
}

/*
 * heap.c gives the largest FREE region of the memory map to the backend
 * and adds every other one (ukalloc's README): with other FREE regions
 * worth more than the backend's metadata (kvm: the one below 640 KiB),
 * the heap manages more than the largest region alone.
 */
UK_TESTCASE(ukalloc, heap_takes_every_free_region)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct ukplat_memregion r;
	size_t len, largest = 0, others = 0;
	int i;

	UK_TEST_ASSERT_NOT_NULL(a);
	if (!a->ops->addmem)
		UK_TEST_SKIP("the heap's backend cannot take more memory");
	for (i = 0; ukplat_memregion_get(i, &r) == 0; i++) {
		if (!(r.flags & UKPLAT_MEMR_FREE))
			continue;
		len = r.len;
		if (r.base < UK_ALLOC_PAGE_SIZE)	/* page 0 is never used */
			len = r.base + r.len > UK_ALLOC_PAGE_SIZE ?
			      r.base + r.len - UK_ALLOC_PAGE_SIZE : 0;
		if (len > largest) {
			others += largest;
			largest = len;
		} else {
			others += len;
		}
	}
	if (others < (256UL << 10))
		UK_TEST_SKIP("one FREE memory region (or the others are tiny)");
	UK_TEST_EXPECT_UINT_GT(uk_alloc_totalmem(a), largest);
}
