/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's GDT layout (built in entry32.S, the TSS slot filled by cpu.c)
 * and the boot page table flags. Shared by assembly and C.
 */
#ifndef KVM_SEGMENTS_H
#define KVM_SEGMENTS_H

#define KVM_SEL_CODE	0x08	/* 64-bit ring-0 code */
#define KVM_SEL_DATA	0x10	/* ring-0 data */
#define KVM_SEL_TSS	0x18	/* 16-byte TSS descriptor */
#define KVM_GDT_ENTRIES	5	/* null, code, data, TSS (2 slots) */

#define KVM_PTE_P	0x001
#define KVM_PTE_RW	0x002
#define KVM_PTE_PS	0x080	/* 2 MiB page in a PD entry */

/* The boot map: identity, 2 MiB pages, this many GiB from address 0. */
#define KVM_MAP_GIB	4
#define KVM_MAP_LIMIT	((unsigned long long)KVM_MAP_GIB << 30)

#ifndef CONFIG_PLAT_KVM_STACK_SIZE
#define CONFIG_PLAT_KVM_STACK_SIZE 65536
#endif

#endif /* KVM_SEGMENTS_H */
