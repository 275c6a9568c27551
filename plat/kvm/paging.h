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

#endif /* KVM_PAGING_H */
