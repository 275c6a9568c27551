/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C allocation functions, on the default allocator. Failures return
 * NULL with errno = ENOMEM (posix_memalign returns the error instead).
 * Built when Libraries > ukalloc > malloc is on.
 */
#include <errno.h>
#include <stdlib.h>
#include <uk/alloc.h>
#include "alloc_private.h"

static void *set_errno(void *p)
{
	if (!p)
		errno = ENOMEM;
	return p;
}

void *malloc(size_t size)
{
	return set_errno(uk_malloc(uk_alloc_default_, size));
}

void free(void *p)
{
	uk_free(uk_alloc_default_, p);
}

void *calloc(size_t n, size_t size)
{
	return set_errno(uk_alloc_calloc(uk_alloc_default_, n, size));
}

void *realloc(void *p, size_t size)
{
	if (p && !size) {
		uk_free(uk_alloc_default_, p);
		return NULL;
	}
	return set_errno(uk_realloc(uk_alloc_default_, p, size));
}

static int is_pow2(size_t x)
{
	return x && !(x & (x - 1));
}

void *memalign(size_t align, size_t size)
{
	if (!is_pow2(align)) {
		errno = EINVAL;
		return NULL;
	}
	return set_errno(uk_memalign(uk_alloc_default_, align, size));
}

/* C11; like glibc, any power of two is accepted, size need not be a
 * multiple of it. */
void *aligned_alloc(size_t align, size_t size)
{
	return memalign(align, size);
}

int posix_memalign(void **memptr, size_t align, size_t size)
{
	void *p;

	if (!is_pow2(align) || align % sizeof(void *))
		return EINVAL;
	p = uk_memalign(uk_alloc_default_, align, size);
	if (!p)
		return ENOMEM;
	*memptr = p;
	return 0;
}

size_t malloc_usable_size(void *p)
{
	return uk_alloc_usable_size(uk_alloc_default_, p);
}
