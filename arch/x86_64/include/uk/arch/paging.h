/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 4-level page tables: entry bits, level geometry and the TLB
 * instructions. Level 3 is the PML4, 2 the PDPT (a leaf there maps
 * 1 GiB), 1 the PD (leaf: 2 MiB), 0 the PT (4 KiB). Usable from C and
 * assembly (the constants only).
 */
#ifndef UK_ARCH_PAGING_H
#define UK_ARCH_PAGING_H

#define X86_PTE_P	0x001		/* present */
#define X86_PTE_RW	0x002		/* writable */
#define X86_PTE_US	0x004		/* user-accessible */
#define X86_PTE_PWT	0x008		/* write-through */
#define X86_PTE_PCD	0x010		/* cache disabled */
#define X86_PTE_A	0x020		/* accessed */
#define X86_PTE_D	0x040		/* dirty */
#define X86_PTE_PS	0x080		/* leaf in a PDPT or PD entry */
#define X86_PTE_G	0x100		/* global */
#define X86_PTE_SW0	0x200		/* bits 9-11: ignored by the CPU */
#define X86_PTE_NX	(1ULL << 63)	/* no execute (with EFER.NXE) */

#define X86_PAGE_SHIFT		12
#define X86_LEVEL_BITS		9
#define X86_ENTRIES		512
#define X86_LEVEL_SHIFT(l)	(X86_PAGE_SHIFT + X86_LEVEL_BITS * (l))
#define X86_LEVEL_SIZE(l)	(1ULL << X86_LEVEL_SHIFT(l))
#define X86_PTE_INDEX(va, l)	(((va) >> X86_LEVEL_SHIFT(l)) & 511)
/* Physical address bits of an entry (4 KiB-aligned; large pages use
 * the same mask: their low bits below the page size are 0 here). */
#define X86_PTE_ADDR		0x000ffffffffff000ULL
/* Lowest non-canonical address of the lower half (48-bit VA). */
#define X86_VA_LIMIT		(1ULL << 47)

#define X86_CPUID_EXT_FEATURES	0x80000001
#define X86_CPUID_EDX_NX	(1U << 20)
#define X86_CPUID_EDX_PAGE1GB	(1U << 26)

#ifndef __ASSEMBLER__
#include <stdint.h>

static inline void ukarch_invlpg(uintptr_t va)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(va) : "memory");
}

static inline void ukarch_write_cr3(uint64_t v)
{
	__asm__ __volatile__("mov %0, %%cr3" : : "r"(v) : "memory");
}

/* Reload CR3: drops every non-global TLB entry and paging cache. */
static inline void ukarch_tlb_flush_all(void)
{
	uint64_t v;

	__asm__ __volatile__("mov %%cr3, %0; mov %0, %%cr3"
			     : "=r"(v) : : "memory");
}
#endif

#endif /* UK_ARCH_PAGING_H */
