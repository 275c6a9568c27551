/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloc, for backend implementers only. A backend library
 *
 * 1. embeds struct uk_alloc first in its own control structure and fills
 *    in an ops table (struct uk_alloc_ops, <uk/alloc.h>);
 * 2. offers a create function that builds an allocator inside the memory
 *    it is given (metadata included) and calls uk_alloc_register();
 * 3. names itself with UK_ALLOC_BACKEND(name, create): an early init
 *    (before the heap's) that tells ukalloc it exists, so ukalloc can set
 *    up the heap with it at boot when the menu (or ukalloc.backend=name)
 *    picks it. Nothing calls a backend's functions by name.
 */
#ifndef UK_ALLOC_IMPL_H
#define UK_ALLOC_IMPL_H

#include <uk/alloc.h>
#include <uk/init.h>

/* Add a to the list of allocators; the first becomes the default. */
void uk_alloc_register(struct uk_alloc *a, const char *name,
		       const struct uk_alloc_ops *ops);

/*
 * Take a off the list (its memory is then the caller's again); if it was
 * the default, the first remaining allocator becomes the default.
 */
void uk_alloc_unregister(struct uk_alloc *a);

/*
 * Build an allocator over [base, base + len), its metadata inside; NULL
 * when the region is too small. The memory need not be zeroed.
 */
typedef struct uk_alloc *(*uk_alloc_create_fn)(void *base, size_t len);

struct uk_alloc_backend {
	const char *name;
	uk_alloc_create_fn create;
	struct uk_alloc_backend *next;	/* ukalloc's */
};

void uk_alloc_backend_register(struct uk_alloc_backend *b);

#define UK_PRIO_UKALLOC_BACKEND	UK_PRIO_BEFORE(UK_PRIO_UKALLOC)

#define UK_ALLOC_BACKEND(bname, fn)					\
	static struct uk_alloc_backend uk_alloc_backend_##fn = {	\
		.name = (bname),					\
		.create = (fn),						\
	};								\
	static int fn##_register(void)			\
	{								\
		uk_alloc_backend_register(&uk_alloc_backend_##fn);	\
		return 0;						\
	}								\
	uk_init(UK_INIT_EARLY, UK_PRIO_UKALLOC_BACKEND,		\
		fn##_register, NULL)

#endif /* UK_ALLOC_IMPL_H */
