/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-mmap's private interfaces between its files (and its tests). */
#ifndef POSIX_MMAP_PRIVATE_H
#define POSIX_MMAP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* mmap.c: a new anonymous mapping: its address, or -ENOMEM. */
long posix_mmap_anon(size_t len, int prot);
/* mmap.c: is every page of [addr, addr+len) mapped by mmap? */
int posix_mmap_range_mapped(uintptr_t addr, size_t len);
/* brk.c: is [addr, addr+len) inside the brk reserve? */
int posix_brk_holds(uintptr_t addr, size_t len);

#endif
