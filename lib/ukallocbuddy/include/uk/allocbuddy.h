/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocbuddy: a binary buddy allocator over 4 KiB pages. Every block
 * is 2^k pages, aligned to its size; malloc(n) returns a whole block.
 * See lib/ukallocbuddy/README.md.
 */
#ifndef UK_ALLOCBUDDY_H
#define UK_ALLOCBUDDY_H

#include <uk/alloc.h>

/*
 * An allocator over [base, base + len): its control structure on the
 * first page, 1 bit + 1 byte of metadata per page after it. NULL when
 * len is too small (under 5 pages). Up to 8 zones in all can be added
 * with uk_alloc_addmem().
 */
struct uk_alloc *uk_allocbuddy_create(void *base, size_t len);

#endif /* UK_ALLOCBUDDY_H */
