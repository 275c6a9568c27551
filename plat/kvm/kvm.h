/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What kvm's files tell each other. Boot order (setup.c):
 * kvm_serial_init -> kvm_cpu_init -> kvm_bootinfo_init -> uk_boot_entry.
 */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <stdint.h>
#include <uk/essentials.h>

/* serial.c: program the UART; console writes work even before this. */
void kvm_serial_init(void);

/* cpu.c: TSS (with the fault stack) and IDT; exceptions report from here on. */
void kvm_cpu_init(void);

/*
 * bootinfo.c: copy the command line and the memory map out of the boot
 * protocol's structures. magic is MULTIBOOT_BOOTLOADER_MAGIC or
 * PVH_START_MAGIC (set by entry32.S), info the physical address in ebx.
 */
void kvm_bootinfo_init(uint32_t magic, uint32_t info);

/*
 * memmap.c: collect raw ranges (any order, overlapping, unaligned), then
 * normalize them once into ukplat_memregion_*'s sorted, disjoint list.
 */
void kvm_memmap_add(uint64_t base, uint64_t len, unsigned int flags);
void kvm_memmap_finish(void);

/* Image bounds from link.lds. */
extern char __uk_image_start[], __uk_image_end[];

#endif /* KVM_KVM_H */
