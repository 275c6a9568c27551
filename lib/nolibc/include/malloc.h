/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <malloc.h>, the non-standard allocation calls glibc declares
 * here. Like malloc, they come from an allocator library (ukalloc).
 */
#ifndef _NOLIBC_MALLOC_H
#define _NOLIBC_MALLOC_H

#include <stdlib.h>

/* align: a power of two; NULL with errno EINVAL otherwise. */
void *memalign(size_t align, size_t size);
/* The usable bytes of a block from malloc (at least what was asked). */
size_t malloc_usable_size(void *ptr);

#endif /* _NOLIBC_MALLOC_H */
