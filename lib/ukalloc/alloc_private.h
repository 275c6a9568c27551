/* SPDX-License-Identifier: BSD-3-Clause */
/* ukalloc's private interfaces between its files. */
#ifndef UKALLOC_PRIVATE_H
#define UKALLOC_PRIVATE_H

#include <uk/alloc_impl.h>

/* The default allocator; malloc.c reads it directly. */
extern struct uk_alloc *uk_alloc_default_;

/* The registered backends (heap.c picks one). */
extern struct uk_alloc_backend *uk_alloc_backends_;

#if CONFIG_LIBUKALLOC_STATS
#define UKALLOC_STATS 1
#else
#define UKALLOC_STATS 0
#endif

#if CONFIG_LIBUKALLOC_FAULTINJ
/* 1 when the allocation about to happen must fail (faultinj.c). */
int uk_alloc_faultinj_fail_(void);
#else
#define uk_alloc_faultinj_fail_() 0
#endif

#endif /* UKALLOC_PRIVATE_H */
