/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: page protection. The address space is one identity
 * map (virtual == physical) built at boot from the memory map: kernel
 * text RX, rodata R, data/bss RW+NX, free RAM RW+NX, page 0 unmapped.
 * These calls change it afterwards (thread stacks' guard pages, mmap,
 * drivers' MMIO). Addresses and lengths are page-aligned; callers hold
 * no lock (the platform disables interrupts around the update and
 * flushes the TLB).
 */
#ifndef UK_PLAT_PAGING_H
#define UK_PLAT_PAGING_H

#include <stddef.h>
#include <stdint.h>

#define UKPLAT_PAGE_SIZE 4096UL

#define UKPLAT_PROT_NONE	0x0
#define UKPLAT_PROT_READ	0x1
#define UKPLAT_PROT_WRITE	0x2
#define UKPLAT_PROT_EXEC	0x4
#define UKPLAT_MAP_UNCACHED	0x8	/* MMIO */

/* Map [vaddr, vaddr+len) to paddr with prot; replaces what was there.
 * 0, -EINVAL (unaligned), -ENOMEM (no page for a page table). */
int ukplat_page_map(uintptr_t vaddr, uintptr_t paddr, size_t len,
		    unsigned int prot);

/* Change the protection of mapped pages; PROT_NONE makes them fault
 * (guard pages). 0, -EINVAL, -ENOENT (a page was not mapped). */
int ukplat_page_protect(uintptr_t vaddr, size_t len, unsigned int prot);

/* Unmap; later accesses fault. 0, -EINVAL. */
int ukplat_page_unmap(uintptr_t vaddr, size_t len);

#endif /* UK_PLAT_PAGING_H */
