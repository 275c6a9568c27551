/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The command line (ukplat_cmdline()) and the PVH start_info, as the x86
 * guest platforms read them: copied out of the loader's structures
 * before anything can overwrite them. The structures lie below 4 GiB,
 * inside the boot identity map; pointers beyond it are ignored. The
 * structures themselves stay RESERVED in the memory map, so that later
 * readers (an ACPI RSDP lookup, module command lines) find them intact;
 * they are a few hundred bytes in low memory. kvm adds Multiboot
 * (plat/kvm/bootinfo.c); xen takes its memory map from the hypervisor.
 */
#define ENOENT 2	/* no libc needed: the errno values are ABI */
#define EINVAL 22
#include <uk/arch/print.h>
#include <uk/plat/bootinfo.h>
#include <x86/boot.h>
#include <x86/pvh.h>

static char cmdline[CONFIG_PLAT_X86_CMDLINE_SIZE];
uint64_t ukplat_x86_boot_rsdp;
static const void *initrd;
static size_t initrd_len;

char *ukplat_cmdline(void)
{
	return cmdline;
}

const void *ukplat_x86_phys(uint64_t paddr)
{
	if (!paddr || paddr >= X86_MAP_LIMIT)
		return NULL;
	return (const void *)(uintptr_t)paddr;
}

void ukplat_x86_cmdline_set(const char *s)
{
	size_t i;

	for (i = 0; s[i] && i < sizeof(cmdline) - 1; i++)
		cmdline[i] = s[i];
	cmdline[i] = '\0';
	if (s[i]) {
		ukarch_print("[plat] warning: command line truncated to ");
		ukarch_print_dec(sizeof(cmdline) - 1);
		ukarch_print(" bytes (PLAT_X86_CMDLINE_SIZE)\n");
	}
}

void ukplat_x86_bootinfo_keep(const void *p, uint64_t len)
{
	if (p)
		ukplat_x86_memmap_add((uintptr_t)p, len, UKPLAT_MEMR_RESERVED);
}

void ukplat_x86_initrd_set(uint64_t paddr, uint64_t len)
{
	const void *p = ukplat_x86_phys(paddr);

	if (initrd)
		return;		/* the first module is the initrd */
	if (!p || len > X86_MAP_LIMIT - paddr) {
		ukarch_print("[plat] warning: initrd beyond the boot identity "
			     "map: ignored\n");
		return;
	}
	initrd = p;
	initrd_len = len;
	ukplat_x86_memmap_add(paddr, len, UKPLAT_MEMR_INITRD);
}

int ukplat_initrd(const void **base, size_t *len)
{
	if (!initrd)
		return -ENOENT;
	*base = initrd;
	*len = initrd_len;
	return 0;
}

static size_t strsize(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n + 1;
}

int ukplat_x86_bootinfo_pvh(uint32_t info, int want_memmap)
{
	const struct pvh_start_info *si = ukplat_x86_phys(info);
	const struct pvh_memmap_entry *e;
	const struct pvh_mod *mod;
	const char *s;
	uint32_t i;

	if (!si || si->magic != PVH_START_MAGIC)
		return -EINVAL;
	ukplat_x86_bootinfo_keep(si, sizeof(*si));
	ukplat_x86_boot_rsdp = si->rsdp_paddr;
	if ((s = ukplat_x86_phys(si->cmdline_paddr))) {
		ukplat_x86_bootinfo_keep(s, strsize(s));
		ukplat_x86_cmdline_set(s);
	}
	if (want_memmap && si->version >= 1 &&
	    (e = ukplat_x86_phys(si->memmap_paddr))) {
		ukplat_x86_bootinfo_keep(e, si->memmap_entries * sizeof(*e));
		for (i = 0; i < si->memmap_entries; i++)
			ukplat_x86_memmap_add(e[i].addr, e[i].size,
				       e[i].type == PVH_MEMMAP_RAM ?
				       UKPLAT_MEMR_FREE : UKPLAT_MEMR_RESERVED);
	}
	if (si->nr_modules && (mod = ukplat_x86_phys(si->modlist_paddr))) {
		ukplat_x86_bootinfo_keep(mod, si->nr_modules * sizeof(*mod));
		ukplat_x86_initrd_set(mod->paddr, mod->size);
	}
	return 0;
}
