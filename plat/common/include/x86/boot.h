/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the x86 guest platforms (kvm, xen) share below their own code:
 * the boot path of plat/common/x86/ (entry32.S, cpu.c, traps.c,
 * memmap.c, bootinfo.c, paging.c) and what each platform provides it.
 * Assembly includes this file too.
 *
 * Boot order: the platform's loader entry (kvm: Multiboot or PVH; xen:
 * PVH) -> ukplat_x86_boot32 (entry32.S: identity map, long mode, boot stack)
 * -> ukplat_x86_plat_entry(magic, info), the platform's C entry, which calls
 * ukplat_x86_cpu_init(), ukplat_x86_bootinfo_pvh() or its own, ukplat_x86_memmap_finish(),
 * ukplat_x86_paging_init(), then uk_boot_entry().
 */
#ifndef X86_BOOT_H
#define X86_BOOT_H

#define X86_SEL_CODE	0x08	/* 64-bit ring-0 code */
#define X86_SEL_DATA	0x10	/* ring-0 data */
#define X86_SEL_TSS	0x18	/* 16-byte TSS descriptor */
#define X86_GDT_ENTRIES	5	/* null, code, data, TSS (2 slots) */

#define X86_BOOT_PTE_P	0x001
#define X86_BOOT_PTE_RW	0x002
#define X86_BOOT_PTE_PS	0x080	/* 2 MiB page in a PD entry */

/* The boot map: identity, 2 MiB pages, this many GiB from address 0. */
#define X86_MAP_GIB	4
#define X86_MAP_LIMIT	((unsigned long long)X86_MAP_GIB << 30)

#ifndef CONFIG_PLAT_X86_STACK_SIZE
#define CONFIG_PLAT_X86_STACK_SIZE 65536
#endif
#ifndef CONFIG_PLAT_X86_PT_POOL
#define CONFIG_PLAT_X86_PT_POOL 4
#endif
#ifndef CONFIG_PLAT_X86_CMDLINE_SIZE
#define CONFIG_PLAT_X86_CMDLINE_SIZE 1024
#endif

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <uk/essentials.h>

struct ukarch_regs;

/*
 * Provided by the platform. ukplat_x86_plat_entry: entry32.S calls it in long
 * mode on the boot stack (rbp = 0) with the loader's magic (eax for
 * Multiboot, PVH_START_MAGIC for PVH) and the physical address of its
 * information structure (ebx); it never returns. ukplat_x86_irq_entry: traps.c
 * hands it every vector >= 32, interrupts off.
 */
void ukplat_x86_plat_entry(uint32_t magic, uint32_t info) __uk_noreturn;
void ukplat_x86_irq_entry(struct ukarch_regs *r);

/* irqflags.c: ukplat_irq_save() and friends (RFLAGS.IF), and the
 * counters ukplat_irq_stats() reports, bumped by the platform. */
struct ukplat_irq_stats;
extern struct ukplat_irq_stats ukplat_x86_irq_stats;

/* cpu.c: TSS (with the fault stack) and IDT; exceptions report from here. */
void ukplat_x86_cpu_init(void);
/* Point an IDT vector at an entry stub (a TRAP of <x86/trap.h>). */
void ukplat_x86_idt_set(unsigned int vector, uintptr_t stub);

/*
 * memmap.c: collect raw ranges (any order, overlapping, unaligned), then
 * normalize them once into ukplat_memregion_*'s sorted, disjoint list.
 */
void ukplat_x86_memmap_add(uint64_t base, uint64_t len, unsigned int flags);
void ukplat_x86_memmap_finish(void);
/*
 * After ukplat_x86_memmap_finish(): take len bytes (whole pages) from the top of
 * the largest FREE region for the platform's own use; they are reported
 * KERNEL from then on. Returns their base, or 0 when no FREE region is
 * large enough (nothing changes then). Only before the first init.
 */
uintptr_t ukplat_x86_memmap_take(uint64_t len);

/*
 * bootinfo.c: the command line (ukplat_cmdline()) and the PVH start
 * info. ukplat_x86_cmdline_set copies s, truncating with a warning.
 * ukplat_x86_bootinfo_keep marks a loader structure RESERVED. ukplat_x86_bootinfo_pvh
 * reads the command line, modules and (want_memmap) the memory map of
 * a PVH start_info at physical address info; 0, or -EINVAL when there
 * is none there; it also sets ukplat_x86_boot_rsdp (start_info's ACPI RSDP, or
 * 0). ukplat_x86_initrd_set records the first module as the initrd
 * (ukplat_initrd()) and marks it UKPLAT_MEMR_INITRD; later calls are
 * ignored (only the first module is the initrd).
 */
void ukplat_x86_cmdline_set(const char *s);
void ukplat_x86_initrd_set(uint64_t paddr, uint64_t len);
void ukplat_x86_bootinfo_keep(const void *p, uint64_t len);
const void *ukplat_x86_phys(uint64_t paddr);	/* NULL for 0 or beyond the map */
int ukplat_x86_bootinfo_pvh(uint32_t info, int want_memmap);
extern uint64_t ukplat_x86_boot_rsdp;

/* Image bounds from the platform's link.lds. */
extern char __uk_image_start[], __uk_image_end[];
extern char __uk_text_end[], __uk_rodata_end[];
#endif /* !__ASSEMBLY__ */

#endif /* X86_BOOT_H */
