/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What kvm's boot protocols tell us: the command line and the memory
 * map, from Multiboot info (here) or PVH start_info (the shared reader
 * in plat/common/x86/bootinfo.c, which also keeps the command line).
 */
#include <uk/arch/print.h>
#include <uk/plat/bootinfo.h>
#include <x86/boot.h>
#include <x86/pvh.h>
#include "acpi.h"
#include "kvm.h"
#include "multiboot.h"

static unsigned int e820_flags(uint32_t type)
{
	return type == 1 ? UKPLAT_MEMR_FREE : UKPLAT_MEMR_RESERVED;
}

static void multiboot_mmap(const struct multiboot_info *mi)
{
	const char *p = ukplat_x86_phys(mi->mmap_addr);
	const char *end = p + mi->mmap_length;
	const struct multiboot_mmap_entry *e;

	ukplat_x86_bootinfo_keep(p, mi->mmap_length);
	for (; p && p + sizeof(*e) <= end; p += e->size + 4) {
		e = (const struct multiboot_mmap_entry *)p;
		ukplat_x86_memmap_add(e->addr, e->len, e820_flags(e->type));
	}
}

static void multiboot_init(const struct multiboot_info *mi)
{
	const struct multiboot_mod *mod;
	const char *s;
	size_t n;

	ukplat_x86_bootinfo_keep(mi, sizeof(*mi));
	/* Loaders put the image path first (QEMU: "path args"): drop it. */
	if ((mi->flags & MULTIBOOT_INFO_CMDLINE) &&
	    (s = ukplat_x86_phys(mi->cmdline))) {
		for (n = 0; s[n]; n++)
			;
		ukplat_x86_bootinfo_keep(s, n + 1);
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
		ukplat_x86_cmdline_set(s);
	}
	if (mi->flags & MULTIBOOT_INFO_MEM_MAP) {
		multiboot_mmap(mi);
	} else if (mi->flags & MULTIBOOT_INFO_MEMORY) {
		ukplat_x86_memmap_add(0, (uint64_t)mi->mem_lower << 10,
			       UKPLAT_MEMR_FREE);
		ukplat_x86_memmap_add(1 << 20, (uint64_t)mi->mem_upper << 10,
			       UKPLAT_MEMR_FREE);
	}
	if ((mi->flags & MULTIBOOT_INFO_MODS) && mi->mods_count &&
	    (mod = ukplat_x86_phys(mi->mods_addr))) {
		ukplat_x86_bootinfo_keep(mod, mi->mods_count * sizeof(*mod));
		if (mod->mod_end >= mod->mod_start)
			ukplat_x86_initrd_set(mod->mod_start,
					      mod->mod_end - mod->mod_start);
	}
}

void kvm_bootinfo_init(uint32_t magic, uint32_t info)
{
	const struct multiboot_info *mi = ukplat_x86_phys(info);

	if (magic == MULTIBOOT_BOOTLOADER_MAGIC && mi)
		multiboot_init(mi);
	else if (magic != PVH_START_MAGIC || ukplat_x86_bootinfo_pvh(info, 1))
		ukarch_print("[kvm] warning: unknown boot protocol: "
			     "no command line, no memory map\n");
	kvm_boot_rsdp = ukplat_x86_boot_rsdp;
	ukplat_x86_memmap_finish();
}
