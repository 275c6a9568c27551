/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukalloctlsf: a TLSF (two-level segregated fit) allocator, O(1) malloc
 * and free, 16 bytes of header per block. See lib/ukalloctlsf/README.md.
 */
#ifndef UK_ALLOCTLSF_H
#define UK_ALLOCTLSF_H

#include <uk/alloc.h>

/*
 * An allocator over [base, base + len): its control structure (about
 * 5 KiB) at the start, the rest as one free block. NULL when len is too
 * small. More memory can be added with uk_alloc_addmem().
 */
struct uk_alloc *uk_alloctlsf_create(void *base, size_t len);

#endif /* UK_ALLOCTLSF_H */
