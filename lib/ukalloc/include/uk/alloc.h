/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: the memory allocator interface. Users call
 *
 *	struct uk_alloc *a = uk_alloc_get_default();
 *	void *p = uk_malloc(a, 100);
 *	...
 *	uk_free(a, p);
 *
 * or simply malloc()/free(), which use the default allocator. Several
 * allocators may be alive at once (each backend library creates them:
 * ukalloctlsf, ukallocbuddy, ukallocregion); the one set up at boot over
 * the platform's free memory is the default.
 *
 * Contracts, for every allocator:
 * - Failure returns NULL (or -ENOMEM where an int is returned), never a
 *   crash. uk_malloc(NULL, ...) returns NULL: an image whose heap could
 *   not be set up still runs.
 * - Blocks are aligned to UK_ALLOC_MIN_ALIGN (16) bytes at least.
 * - uk_free(a, NULL) does nothing. Freeing a pointer that a did not hand
 *   out is undefined (backends check what they cheaply can).
 * - Allocators are not thread-safe: callers serialize (single-core,
 *   cooperative images until a scheduler brings locks).
 *
 * Statistics (Libraries > ukalloc > stats) count, per allocator, the
 * bytes in use (usable size of every live block), their peak, and the
 * numbers of allocations, frees and failures: uk_alloc_stats(a, &st).
 * With fault injection compiled in, ukalloc.fail_nth=N makes the Nth
 * allocation after boot fail, ukalloc.fail_permille=P with
 * ukalloc.fail_seed=S fails each one with probability P/1000.
 */
#ifndef UK_ALLOC_H
#define UK_ALLOC_H

#include <uk/essentials.h>
#include <uk/init.h>

/*
 * The heap is set up at UK_INIT_EARLY with this priority. An early init
 * that allocates says UK_PRIO_AFTER(UK_PRIO_UKALLOC); inits at later
 * levels may allocate freely.
 */
#define UK_PRIO_UKALLOC		UK_PRIO_AFTER(UK_PRIO_EARLIEST)

#define UK_ALLOC_MIN_ALIGN	16
#define UK_ALLOC_PAGE_SIZE	4096UL

struct uk_alloc;

struct uk_alloc_stats {
	size_t cur_bytes;	/* usable bytes of the live blocks */
	size_t peak_bytes;	/* largest cur_bytes seen */
	size_t cur_blocks;	/* live blocks */
	uint64_t nb_allocs;	/* successful allocations (incl. realloc) */
	uint64_t nb_frees;
	uint64_t nb_failures;	/* NULL returns, injected ones included */
};

/*
 * What a backend implements (<uk/alloc_impl.h> for how to register).
 * All sizes in bytes. Ops marked optional may be NULL: ukalloc then
 * builds them from the others.
 */
struct uk_alloc_ops {
	/* size 0 is allowed and returns a unique block. */
	void *(*malloc)(struct uk_alloc *a, size_t size);
	/* align: a power of two >= sizeof(void *). */
	void *(*memalign)(struct uk_alloc *a, size_t align, size_t size);
	/* optional: p != NULL, size != 0; NULL on failure, p untouched. */
	void *(*realloc)(struct uk_alloc *a, void *p, size_t size);
	/* p != NULL. */
	void (*free)(struct uk_alloc *a, void *p);
	/* Usable bytes of the live block p (>= the size asked for). */
	size_t (*usable_size)(struct uk_alloc *a, const void *p);
	/* optional: whole pages, page-aligned, no header (ukallocbuddy). */
	void *(*palloc)(struct uk_alloc *a, size_t npages);
	void (*pfree)(struct uk_alloc *a, void *p, size_t npages);
	/* Bytes still free (an upper bound on one allocation). */
	size_t (*availmem)(struct uk_alloc *a);
	/* Bytes managed, metadata excluded. */
	size_t (*totalmem)(struct uk_alloc *a);
	/* optional: hand [base, base+len) over; 0 or -errno. */
	int (*addmem)(struct uk_alloc *a, void *base, size_t len);
};

struct uk_alloc {
	const struct uk_alloc_ops *ops;
	const char *name;		/* the backend's: "tlsf", "buddy" */
	struct uk_alloc *next;		/* all allocators, see uk_alloc_foreach */
	struct uk_alloc_stats stats;	/* kept by ukalloc, not the backend */
};

/* The default allocator (malloc's), or NULL when no heap was set up. */
struct uk_alloc *uk_alloc_get_default(void);
void uk_alloc_set_default(struct uk_alloc *a);

/* Every registered allocator, in registration order. */
struct uk_alloc *uk_alloc_first(void);
#define uk_alloc_foreach(a) \
	for ((a) = uk_alloc_first(); (a); (a) = (a)->next)

/*
 * The calls. With stats, fault injection or irqsafe compiled in they go
 * through ukalloc, which counts and makes each call atomic; otherwise
 * straight to the backend.
 */
void *uk_alloc_malloc_(struct uk_alloc *a, size_t size);
void *uk_alloc_memalign_(struct uk_alloc *a, size_t align, size_t size);
void *uk_alloc_realloc_(struct uk_alloc *a, void *p, size_t size);
void uk_alloc_free_(struct uk_alloc *a, void *p);
void *uk_alloc_palloc_(struct uk_alloc *a, size_t npages);
void uk_alloc_pfree_(struct uk_alloc *a, void *p, size_t npages);

static inline void *uk_malloc(struct uk_alloc *a, size_t size)
{
#if CONFIG_LIBUKALLOC_STATS || CONFIG_LIBUKALLOC_FAULTINJ || CONFIG_LIBUKALLOC_IRQSAFE
	return uk_alloc_malloc_(a, size);
#else
	return a ? a->ops->malloc(a, size) : NULL;
#endif
}

static inline void uk_free(struct uk_alloc *a, void *p)
{
#if CONFIG_LIBUKALLOC_STATS || CONFIG_LIBUKALLOC_FAULTINJ || CONFIG_LIBUKALLOC_IRQSAFE
	uk_alloc_free_(a, p);
#else
	if (p)
		a->ops->free(a, p);
#endif
}

/*
 * align must be a power of two; values below UK_ALLOC_MIN_ALIGN are
 * raised to it. Returns NULL for a bad alignment.
 */
static inline void *uk_memalign(struct uk_alloc *a, size_t align, size_t size)
{
	return uk_alloc_memalign_(a, align, size);
}

/* realloc(NULL, n) is malloc; realloc(p, 0) frees p and returns NULL. */
static inline void *uk_realloc(struct uk_alloc *a, void *p, size_t size)
{
	return uk_alloc_realloc_(a, p, size);
}

/* Zeroed; NULL when n * size overflows. */
void *uk_alloc_calloc(struct uk_alloc *a, size_t n, size_t size);

/* npages whole pages, page-aligned; free with uk_pfree and the same n. */
static inline void *uk_palloc(struct uk_alloc *a, size_t npages)
{
	return uk_alloc_palloc_(a, npages);
}

static inline void uk_pfree(struct uk_alloc *a, void *p, size_t npages)
{
	uk_alloc_pfree_(a, p, npages);
}

static inline size_t uk_alloc_usable_size(struct uk_alloc *a, const void *p)
{
	return (a && p) ? a->ops->usable_size(a, p) : 0;
}

static inline size_t uk_alloc_availmem(struct uk_alloc *a)
{
	return a ? a->ops->availmem(a) : 0;
}

static inline size_t uk_alloc_totalmem(struct uk_alloc *a)
{
	return a ? a->ops->totalmem(a) : 0;
}

/* Hand more memory to a; -ENOTSUP when its backend cannot grow. */
int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len);

/*
 * Copy a's statistics to *st: 0, or -ENOTSUP when stats are compiled
 * out (then *st is zeroed).
 */
int uk_alloc_stats(struct uk_alloc *a, struct uk_alloc_stats *st);

/* Print a's statistics as one line to the console. */
void uk_alloc_stats_print(struct uk_alloc *a);

/*
 * Fault injection, for tests (CONFIG_LIBUKALLOC_FAULTINJ; otherwise
 * -ENOTSUP). nth > 0: the nth allocation from now fails, once.
 * permille > 0: each allocation fails with probability permille/1000,
 * drawn from a generator seeded with seed. All zero: off. Counts every
 * allocation through ukalloc, on any allocator.
 */
int uk_alloc_faultinj_set(unsigned long nth, unsigned long seed,
			  unsigned long permille);

#endif /* UK_ALLOC_H */
