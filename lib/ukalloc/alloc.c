/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc: the layer between callers and backends. It keeps the list of
 * allocators and the default one, and every call that goes through it
 * (see <uk/alloc.h>) is counted here, and may be failed on purpose by
 * fault injection, before the backend's op runs. Backends never touch the
 * statistics; ukalloc derives them from the backend's usable_size().
 */
#include <uk/plat/irq.h>
#include <errno.h>
#include <string.h>
#include <uk/alloc_impl.h>
#include "alloc_private.h"

struct uk_alloc *uk_alloc_default_;
static struct uk_alloc *alloc_head;
static struct uk_alloc **alloc_tail = &alloc_head;

void uk_alloc_register(struct uk_alloc *a, const char *name,
		       const struct uk_alloc_ops *ops)
{
	a->ops = ops;
	a->name = name;
	a->next = NULL;
	memset(&a->stats, 0, sizeof(a->stats));
	*alloc_tail = a;
	alloc_tail = &a->next;
	if (!uk_alloc_default_)
		uk_alloc_default_ = a;
}

void uk_alloc_unregister(struct uk_alloc *a)
{
	struct uk_alloc **pp;

	for (pp = &alloc_head; *pp; pp = &(*pp)->next) {
		if (*pp != a)
			continue;
		*pp = a->next;
		if (alloc_tail == &a->next)
			alloc_tail = pp;
		break;
	}
	if (uk_alloc_default_ == a)
		uk_alloc_default_ = alloc_head;
}

struct uk_alloc *uk_alloc_get_default(void)
{
	return uk_alloc_default_;
}

void uk_alloc_set_default(struct uk_alloc *a)
{
	uk_alloc_default_ = a;
}

struct uk_alloc *uk_alloc_first(void)
{
	return alloc_head;
}

/* Statistics: bytes are the backend's usable sizes. */
static void count_alloc(struct uk_alloc *a, size_t bytes)
{
#if CONFIG_LIBUKALLOC_STATS
	struct uk_alloc_stats *s = &a->stats;

	s->cur_bytes += bytes;
	if (s->cur_bytes > s->peak_bytes)
		s->peak_bytes = s->cur_bytes;
	s->cur_blocks++;
	s->nb_allocs++;
#else
	(void)a, (void)bytes;
#endif
}

static void count_free(struct uk_alloc *a, size_t bytes)
{
#if CONFIG_LIBUKALLOC_STATS
	a->stats.cur_bytes -= bytes;
	a->stats.cur_blocks--;
	a->stats.nb_frees++;
#else
	(void)a, (void)bytes;
#endif
}

static void *count_result(struct uk_alloc *a, void *p)
{
	if (!p) {
#if CONFIG_LIBUKALLOC_STATS
		a->stats.nb_failures++;
#endif
		return NULL;
	}
	if (UKALLOC_STATS)
		count_alloc(a, a->ops->usable_size(a, p));
	return p;
}

/*
 * With CONFIG_LIBUKALLOC_IRQSAFE every call runs with interrupts off, so a
 * preemptive scheduler (or an interrupt handler) never sees a backend
 * half-way through an update. The *_atomic functions below assume that;
 * the exported uk_alloc_*_ functions at the end of this file provide it.
 * Calls nest (memalign may call uk_malloc): save/restore nests too.
 */
static inline unsigned long alloc_lock(void)
{
#if CONFIG_LIBUKALLOC_IRQSAFE
	return ukplat_irq_save();
#else
	return 0;
#endif
}

static inline void alloc_unlock(unsigned long fl)
{
#if CONFIG_LIBUKALLOC_IRQSAFE
	ukplat_irq_restore(fl);
#else
	(void)fl;
#endif
}

static void *malloc_atomic(struct uk_alloc *a, size_t size)
{
	if (!a)
		return NULL;
	if (uk_alloc_faultinj_fail_())
		return count_result(a, NULL);
	return count_result(a, a->ops->malloc(a, size));
}

static void *memalign_atomic(struct uk_alloc *a, size_t align, size_t size)
{
	if (!a || !align || (align & (align - 1)))
		return NULL;
	if (align <= UK_ALLOC_MIN_ALIGN)
		return uk_malloc(a, size);
	if (uk_alloc_faultinj_fail_())
		return count_result(a, NULL);
	return count_result(a, a->ops->memalign(a, align, size));
}

static void free_atomic(struct uk_alloc *a, void *p)
{
	if (!p || !a)
		return;
	if (UKALLOC_STATS)
		count_free(a, a->ops->usable_size(a, p));
	a->ops->free(a, p);
}

/* realloc for backends without the op: new block, copy, free the old. */
static void *realloc_by_copy(struct uk_alloc *a, void *p, size_t size)
{
	size_t old = a->ops->usable_size(a, p);
	void *q = a->ops->malloc(a, size);

	if (!q)
		return NULL;
	memcpy(q, p, UK_MIN(old, size));
	a->ops->free(a, p);
	return q;
}

static void *realloc_atomic(struct uk_alloc *a, void *p, size_t size)
{
	size_t old;
	void *q;

	if (!p)
		return uk_malloc(a, size);
	if (!size) {
		uk_free(a, p);
		return NULL;
	}
	if (!a)
		return NULL;
	if (uk_alloc_faultinj_fail_())
		return count_result(a, NULL);
	old = UKALLOC_STATS ? a->ops->usable_size(a, p) : 0;
	q = a->ops->realloc ? a->ops->realloc(a, p, size) :
			      realloc_by_copy(a, p, size);
	if (!q)
		return count_result(a, NULL);
	/* One block freed, one allocated: cur_blocks stays. */
	count_free(a, old);
	return count_result(a, q);
}

void *uk_alloc_calloc(struct uk_alloc *a, size_t n, size_t size)
{
	size_t total;
	void *p;

	if (__builtin_mul_overflow(n, size, &total)) {
		if (a)
			count_result(a, NULL);
		return NULL;
	}
	p = uk_malloc(a, total);
	if (p)
		memset(p, 0, total);
	return p;
}

static void *palloc_atomic(struct uk_alloc *a, size_t npages)
{
	void *p;

	if (!a || !npages || npages > (SIZE_MAX >> 12) / 2)
		return a ? count_result(a, NULL) : NULL;
	if (uk_alloc_faultinj_fail_())
		return count_result(a, NULL);
	if (!a->ops->palloc)
		return count_result(a, a->ops->memalign(a, UK_ALLOC_PAGE_SIZE,
				    npages * UK_ALLOC_PAGE_SIZE));
	p = a->ops->palloc(a, npages);
	if (!p)
		return count_result(a, NULL);
	count_alloc(a, npages * UK_ALLOC_PAGE_SIZE);
	return p;
}

static void pfree_atomic(struct uk_alloc *a, void *p, size_t npages)
{
	if (!a || !p)
		return;
	if (!a->ops->pfree) {
		uk_free(a, p);
		return;
	}
	count_free(a, npages * UK_ALLOC_PAGE_SIZE);
	a->ops->pfree(a, p, npages);
}

/* The exported calls: each one atomic (see alloc_lock()). */
void *uk_alloc_malloc_(struct uk_alloc *a, size_t size)
{
	unsigned long fl = alloc_lock();
	void *r = malloc_atomic(a, size);

	alloc_unlock(fl);
	return r;
}

void *uk_alloc_memalign_(struct uk_alloc *a, size_t align, size_t size)
{
	unsigned long fl = alloc_lock();
	void *r = memalign_atomic(a, align, size);

	alloc_unlock(fl);
	return r;
}

void uk_alloc_free_(struct uk_alloc *a, void *p)
{
	unsigned long fl = alloc_lock();

	free_atomic(a, p);
	alloc_unlock(fl);
}

void *uk_alloc_realloc_(struct uk_alloc *a, void *p, size_t size)
{
	unsigned long fl = alloc_lock();
	void *r = realloc_atomic(a, p, size);

	alloc_unlock(fl);
	return r;
}

void *uk_alloc_palloc_(struct uk_alloc *a, size_t npages)
{
	unsigned long fl = alloc_lock();
	void *r = palloc_atomic(a, npages);

	alloc_unlock(fl);
	return r;
}

void uk_alloc_pfree_(struct uk_alloc *a, void *p, size_t npages)
{
	unsigned long fl = alloc_lock();

	pfree_atomic(a, p, npages);
	alloc_unlock(fl);
}

int uk_alloc_addmem(struct uk_alloc *a, void *base, size_t len)
{
	if (!a)
		return -EINVAL;
	if (!a->ops->addmem)
		return -ENOTSUP;
	return a->ops->addmem(a, base, len);
}

int uk_alloc_stats(struct uk_alloc *a, struct uk_alloc_stats *st)
{
#if CONFIG_LIBUKALLOC_STATS
	*st = a->stats;
	return 0;
#else
	(void)a;
	memset(st, 0, sizeof(*st));
	return -ENOTSUP;
#endif
}

#if !CONFIG_LIBUKALLOC_FAULTINJ
int uk_alloc_faultinj_set(unsigned long nth, unsigned long seed,
			  unsigned long permille)
{
	(void)nth, (void)seed, (void)permille;
	return -ENOTSUP;
}
#endif
