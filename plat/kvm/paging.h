/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * paging.c's side of the platform: the boot-time pass over entry32.S's
 * tables, and the page-fault explanation the crash report prints.
 */
#ifndef KVM_PAGING_H
#define KVM_PAGING_H

#include <stdint.h>

/*
 * Build the final map (text RX, rodata R, the rest NX, page 0 and the
 * boot stack's guard unmapped), turn on EFER.NXE where the CPU has NX.
 * Called once from kvm_entry(), after the IDT (a mistake here is
 * reported) and before any library's init.
 */
void kvm_paging_init(void);

/*
 * One line about a faulting address for the crash report: "stack
 * overflow" with the stack's name for a guard page, NULL for page 0,
 * else the image section and symbol; nothing for other addresses.
 */
void kvm_paging_explain(uintptr_t addr);

/*
 * For tests and debugging: the leaf entry mapping va (*pte) and its
 * level (0: 4 KiB, 1: 2 MiB, 2: 1 GiB), or -ENOENT; the page tables
 * left in the pool; kvm_paging_alloc_off nonzero keeps page tables
 * from coming from the allocator (to reach -ENOMEM).
 */
int kvm_paging_lookup(uintptr_t va, uint64_t *pte);
unsigned int kvm_paging_spare(void);
extern int kvm_paging_alloc_off;

#endif /* KVM_PAGING_H */
