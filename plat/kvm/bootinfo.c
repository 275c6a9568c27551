/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the boot protocol tells us: the command line and the memory map,
 * copied out of the loader's structures (Multiboot info or PVH
 * start_info) before anything can overwrite them. The structures lie
 * below 4 GiB, inside the boot identity map; pointers beyond them are
 * ignored. The structures themselves stay RESERVED in the memory map, so
 * that later readers (an ACPI RSDP lookup, module command lines) find
 * them intact; they are a few hundred bytes in low memory.
 */
#include <uk/arch/print.h>
#include <uk/plat/bootinfo.h>
#include "acpi.h"
#include "kvm.h"
#include "multiboot.h"
#include "pvh.h"
#include "segments.h"

#ifndef CONFIG_PLAT_KVM_CMDLINE_SIZE
#define CONFIG_PLAT_KVM_CMDLINE_SIZE 1024
#endif

static char cmdline[CONFIG_PLAT_KVM_CMDLINE_SIZE];

char *ukplat_cmdline(void)
{
	return cmdline;
}

static const void *phys(uint64_t paddr)
{
	if (!paddr || paddr >= KVM_MAP_LIMIT)
		return NULL;
	return (const void *)(uintptr_t)paddr;
}

/* Copy s into cmdline, truncating (with a warning) when it is too long. */
static void cmdline_set(const char *s)
{
	size_t i;

	for (i = 0; s[i] && i < sizeof(cmdline) - 1; i++)
		cmdline[i] = s[i];
	cmdline[i] = '\0';
	if (s[i]) {
		ukarch_print("[kvm] warning: command line truncated to ");
		ukarch_print_dec(sizeof(cmdline) - 1);
		ukarch_print(" bytes (PLAT_KVM_CMDLINE_SIZE)\n");
	}
}

/* Keep a loader structure out of FREE memory. */
static void keep(const void *p, size_t len)
{
	if (p)
		kvm_memmap_add((uintptr_t)p, len, UKPLAT_MEMR_RESERVED);
}

static size_t strsize(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n + 1;
}

static unsigned int e820_flags(uint32_t type)
{
	return type == 1 ? UKPLAT_MEMR_FREE : UKPLAT_MEMR_RESERVED;
}

static void multiboot_mmap(const struct multiboot_info *mi)
{
	const char *p = phys(mi->mmap_addr);
	const char *end = p + mi->mmap_length;
	const struct multiboot_mmap_entry *e;

	keep(p, mi->mmap_length);
	for (; p && p + sizeof(*e) <= end; p += e->size + 4) {
		e = (const struct multiboot_mmap_entry *)p;
		kvm_memmap_add(e->addr, e->len, e820_flags(e->type));
	}
}

static void multiboot_init(const struct multiboot_info *mi)
{
	const struct multiboot_mod *mod;
	const char *s;

	keep(mi, sizeof(*mi));
	/* Loaders put the image path first (QEMU: "path args"): drop it. */
	if ((mi->flags & MULTIBOOT_INFO_CMDLINE) && (s = phys(mi->cmdline))) {
		keep(s, strsize(s));
		while (*s && *s != ' ')
			s++;
		while (*s == ' ')
			s++;
		cmdline_set(s);
	}
	if (mi->flags & MULTIBOOT_INFO_MEM_MAP) {
		multiboot_mmap(mi);
	} else if (mi->flags & MULTIBOOT_INFO_MEMORY) {
		kvm_memmap_add(0, (uint64_t)mi->mem_lower << 10,
			       UKPLAT_MEMR_FREE);
		kvm_memmap_add(1 << 20, (uint64_t)mi->mem_upper << 10,
			       UKPLAT_MEMR_FREE);
	}
	if ((mi->flags & MULTIBOOT_INFO_MODS) && mi->mods_count &&
	    (mod = phys(mi->mods_addr))) {
		keep(mod, mi->mods_count * sizeof(*mod));
		kvm_memmap_add(mod->mod_start, mod->mod_end - mod->mod_start,
			       UKPLAT_MEMR_INITRD);
	}
}

static void pvh_init(const struct pvh_start_info *si)
{
	const struct pvh_memmap_entry *e;
	const struct pvh_mod *mod;
	const char *s;
	uint32_t i;

	keep(si, sizeof(*si));
	kvm_boot_rsdp = si->rsdp_paddr;
	if ((s = phys(si->cmdline_paddr))) {
		keep(s, strsize(s));
		cmdline_set(s);
	}
	if (si->version >= 1 && (e = phys(si->memmap_paddr))) {
		keep(e, si->memmap_entries * sizeof(*e));
		for (i = 0; i < si->memmap_entries; i++)
			kvm_memmap_add(e[i].addr, e[i].size,
				       e820_flags(e[i].type));
	}
	if (si->nr_modules && (mod = phys(si->modlist_paddr))) {
		keep(mod, si->nr_modules * sizeof(*mod));
		kvm_memmap_add(mod->paddr, mod->size, UKPLAT_MEMR_INITRD);
	}
}

void kvm_bootinfo_init(uint32_t magic, uint32_t info)
{
	const struct pvh_start_info *si = phys(info);

	if (magic == MULTIBOOT_BOOTLOADER_MAGIC && si)
		multiboot_init((const struct multiboot_info *)si);
	else if (magic == PVH_START_MAGIC && si && si->magic == PVH_START_MAGIC)
		pvh_init(si);
	else
		ukarch_print("[kvm] warning: unknown boot protocol: "
			     "no command line, no memory map\n");
	kvm_memmap_finish();
}
