/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The PVH boot protocol (Xen's arch-x86/hvm/start_info.h), as spoken by
 * QEMU (pc and microvm), Firecracker, cloud-hypervisor and Xen: the ELF
 * note that names the 32-bit entry point, and the start_info structure
 * whose physical address arrives in ebx.
 */
#ifndef X86_PVH_H
#define X86_PVH_H

#define XEN_ELFNOTE_PHYS32_ENTRY	18
#define PVH_START_MAGIC			0x336ec578

#ifndef __ASSEMBLY__
#include <stdint.h>

#define PVH_MEMMAP_RAM			1

struct pvh_start_info {
	uint32_t magic;
	uint32_t version;	/* memmap fields exist from version 1 on */
	uint32_t flags;
	uint32_t nr_modules;
	uint64_t modlist_paddr;
	uint64_t cmdline_paddr;
	uint64_t rsdp_paddr;
	uint64_t memmap_paddr;
	uint32_t memmap_entries;
	uint32_t reserved;
};

struct pvh_memmap_entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;		/* E820 types: 1 = RAM */
	uint32_t reserved;
};

struct pvh_mod {
	uint64_t paddr;
	uint64_t size;
	uint64_t cmdline_paddr;
	uint64_t reserved;
};
#endif /* !__ASSEMBLY__ */

#endif /* X86_PVH_H */
