/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Setting up the heap at boot: the platform's FREE memory regions go to
 * the backend picked in the menu (Libraries > ukalloc > default), or by
 * ukalloc.backend=<name>. The largest region creates the allocator (its
 * metadata lives there); the others are added to it. Backends announce
 * themselves with UK_ALLOC_BACKEND() at an earlier priority of the same
 * level, so this runs once they are all known.
 *
 * Cost: a constant amount of work per region for tlsf and region; the
 * buddy allocator also clears a bitmap of one bit per page (see their
 * READMEs).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uk/alloc_impl.h>
#include <uk/param.h>
#include <uk/print.h>
#include <uk/plat/bootinfo.h>
#include "alloc_private.h"

struct uk_alloc_backend *uk_alloc_backends_;

static const char *backend = CONFIG_LIBUKALLOC_DEFAULT_BACKEND;
UK_PARAM(backend, UK_PARAM_STR, &backend,
	 "the heap's allocator (tlsf, buddy, region), default: the menu's");
static int stats;
UK_PARAM(stats, UK_PARAM_BOOL, &stats,
	 "print every allocator's statistics at shutdown");

void uk_alloc_backend_register(struct uk_alloc_backend *b)
{
	b->next = uk_alloc_backends_;
	uk_alloc_backends_ = b;
}

static struct uk_alloc_backend *find_backend(const char *name)
{
	struct uk_alloc_backend *b;

	for (b = uk_alloc_backends_; b; b = b->next)
		if (!strcmp(b->name, name))
			return b;
	return NULL;
}

/* Region i as [base, base + len), never including address 0. */
static int free_region(int i, uintptr_t *base, size_t *len)
{
	struct ukplat_memregion r;

	if (ukplat_memregion_get(i, &r) < 0 || r.flags != UKPLAT_MEMR_FREE)
		return -1;
	if (r.base < UK_ALLOC_PAGE_SIZE) {
		if (r.base + r.len <= UK_ALLOC_PAGE_SIZE)
			return -1;
		r.len -= UK_ALLOC_PAGE_SIZE - r.base;
		r.base = UK_ALLOC_PAGE_SIZE;
	}
	*base = r.base;
	*len = r.len;
	return 0;
}

static int heap_init(void)
{
	struct uk_alloc_backend *b = find_backend(backend);
	int n = ukplat_memregion_count(), i, largest = -1, ret;
	size_t len, maxlen = 0;
	struct uk_alloc *a;
	uintptr_t base;

	if (!b) {
		if (!uk_alloc_backends_ && !*backend)
			return 0;	/* no backend selected: no heap */
		uk_pr_err("no allocator named '%s' in this image\n",
			  backend);
		return -EINVAL;
	}
	for (i = 0; i < n; i++)
		if (!free_region(i, &base, &len) && len > maxlen)
			maxlen = len, largest = i;
	if (largest < 0) {
		uk_pr_err("no free memory for the heap\n");
		return -ENOMEM;
	}
	free_region(largest, &base, &len);
	a = b->create((void *)base, len);
	if (!a) {
		uk_pr_err("%s cannot use %zu bytes\n", b->name, len);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++) {
		if (i == largest || free_region(i, &base, &len))
			continue;
		ret = uk_alloc_addmem(a, (void *)base, len);
		if (ret < 0 && ret != -ENOTSUP && ret != -ENOMEM)
			uk_pr_warn("region %d not added: %d\n", i, ret);
	}
	uk_alloc_set_default(a);
	return 0;
}

void uk_alloc_stats_print(struct uk_alloc *a)
{
	struct uk_alloc_stats s;

	if (uk_alloc_stats(a, &s) < 0) {
		printf("ukalloc: %s: statistics not compiled in\n", a->name);
		return;
	}
	printf("ukalloc: %s: in use %zu B in %zu blocks, peak %zu B; "
	       "%llu allocs, %llu frees, %llu failures; free %zu of %zu B\n",
	       a->name, s.cur_bytes, s.cur_blocks, s.peak_bytes,
	       (unsigned long long)s.nb_allocs,
	       (unsigned long long)s.nb_frees,
	       (unsigned long long)s.nb_failures,
	       uk_alloc_availmem(a), uk_alloc_totalmem(a));
}

static void heap_term(void)
{
	struct uk_alloc *a;

	if (!stats)
		return;
	uk_alloc_foreach(a)
		uk_alloc_stats_print(a);
}

uk_init(UK_INIT_EARLY, UK_PRIO_UKALLOC, heap_init, heap_term);
