/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What kvm's files tell each other. Boot order (setup.c):
 * kvm_serial_init -> ukplat_x86_cpu_init -> kvm_time_init -> kvm_bootinfo_init
 * -> ukplat_x86_paging_init -> uk_boot_entry. The shared x86 boot path (entry,
 * CPU tables, memory map, page tables) is in plat/common/x86/.
 */
#ifndef KVM_KVM_H
#define KVM_KVM_H

#include <stdint.h>
#include <uk/essentials.h>

/* serial.c: program the UART; console writes work even before this. */
void kvm_serial_init(void);

/*
 * bootinfo.c: copy the command line and the memory map out of the boot
 * protocol's structures. magic is MULTIBOOT_BOOTLOADER_MAGIC or
 * PVH_START_MAGIC (set by the entry), info the physical address in ebx.
 */
void kvm_bootinfo_init(uint32_t magic, uint32_t info);

/*
 * The platform's "[info] ukplatkvm: ..." lines: written with ukarch_print
 * (the platform calls no library above it, so not uk_pr_info), compiled
 * in at the same menu level as uk_pr_info (ukdebug's printk choice).
 */
#if defined(CONFIG_LIBUKDEBUG_PRINTK_INFO) || defined(CONFIG_LIBUKDEBUG_PRINTK_DEBUG)
#define KVM_PRINT_INFO 1
#else
#define KVM_PRINT_INFO 0
#endif

#endif /* KVM_KVM_H */
