/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukallocregion: a bump allocator. free() reclaims only the block
 * allocated last; everything else stays used until the image ends.
 * See lib/ukallocregion/README.md.
 */
#ifndef UK_ALLOCREGION_H
#define UK_ALLOCREGION_H

#include <uk/alloc.h>

/*
 * An allocator over [base, base + len), its small control structure at
 * the start. NULL when len is too small. Up to 16 areas in all can be
 * added with uk_alloc_addmem(); they are used in the order added.
 */
struct uk_alloc *uk_allocregion_create(void *base, size_t len);

#endif /* UK_ALLOCREGION_H */
