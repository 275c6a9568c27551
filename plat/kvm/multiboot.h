/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Multiboot (version 1) as QEMU's -kernel loader and GRUB speak it: the
 * header constants (also used from entry32.S) and the information
 * structure the loader hands over in ebx. Only the fields kvm reads.
 */
#ifndef KVM_MULTIBOOT_H
#define KVM_MULTIBOOT_H

#define MULTIBOOT_HEADER_MAGIC		0x1badb002
#define MULTIBOOT_BOOTLOADER_MAGIC	0x2badb002

#define MULTIBOOT_PAGE_ALIGN		(1 << 0)
#define MULTIBOOT_MEMORY_INFO		(1 << 1)
#define MULTIBOOT_AOUT_KLUDGE		(1 << 16)

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <uk/essentials.h>

#define MULTIBOOT_INFO_MEMORY		(1 << 0)
#define MULTIBOOT_INFO_CMDLINE		(1 << 2)
#define MULTIBOOT_INFO_MODS		(1 << 3)
#define MULTIBOOT_INFO_MEM_MAP		(1 << 6)

#define MULTIBOOT_MEMORY_AVAILABLE	1

struct multiboot_info {
	uint32_t flags;
	uint32_t mem_lower;	/* KiB from 0 */
	uint32_t mem_upper;	/* KiB from 1 MiB */
	uint32_t boot_device;
	uint32_t cmdline;
	uint32_t mods_count;
	uint32_t mods_addr;
	uint32_t syms[4];
	uint32_t mmap_length;
	uint32_t mmap_addr;
} __uk_packed;

/* A memory map entry; the next one starts size + 4 bytes further. */
struct multiboot_mmap_entry {
	uint32_t size;
	uint64_t addr;
	uint64_t len;
	uint32_t type;
} __uk_packed;

struct multiboot_mod {
	uint32_t mod_start;
	uint32_t mod_end;
	uint32_t cmdline;
	uint32_t pad;
} __uk_packed;
#endif /* !__ASSEMBLY__ */

#endif /* KVM_MULTIBOOT_H */
