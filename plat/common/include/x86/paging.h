/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * paging.c's side of the platform: the boot-time pass over entry32.S's
 * tables, and the page-fault explanation the crash report prints.
 */
#ifndef X86_PAGING_H
#define X86_PAGING_H

#include <stdint.h>

/*
 * Build the final map (text RX, rodata R, the rest NX, page 0 and the
 * boot stack's guard unmapped), turn on EFER.NXE where the CPU has NX.
 * Called once from ukplat_x86_plat_entry(), after the IDT (a mistake here is
 * reported) and before any library's init.
 */
void ukplat_x86_paging_init(void);

/*
 * One line about a faulting address for the crash report: "stack
 * overflow" with the stack's name for a guard page, NULL for page 0,
 * else the image section and symbol; nothing for other addresses.
 */
void ukplat_x86_paging_explain(uintptr_t addr);

/*
 * For tests and debugging: the leaf entry mapping va (*pte) and its
 * level (0: 4 KiB, 1: 2 MiB, 2: 1 GiB), or -ENOENT; the page tables
 * left in the pool; where the part of the pool taken from the memory map
 * starts (*n: its pages); ukplat_x86_paging_pool_swap() replaces the list of
 * free tables by another (NULL: none) and returns the old one, so a test
 * reaches -ENOMEM without using the pool up for the rest of the image.
 */
int ukplat_x86_paging_lookup(uintptr_t va, uint64_t *pte);
unsigned int ukplat_x86_paging_spare(void);
uintptr_t ukplat_x86_paging_pool_ram(unsigned int *n);
void *ukplat_x86_paging_pool_swap(void *list);

#endif /* X86_PAGING_H */
