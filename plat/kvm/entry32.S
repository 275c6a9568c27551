/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The first instructions of the image, and the boot headers that lead
 * loaders to them. Both protocols enter in 32-bit protected mode with
 * flat segments, paging and interrupts off:
 *
 *   Multiboot (QEMU -kernel on pc/q35, GRUB): eax = 0x2badb002,
 *     ebx = multiboot_info. The header uses the a.out kludge (load
 *     addresses in the header), because QEMU refuses Multiboot from an
 *     ELF64 file otherwise; the kludge works because the image is a
 *     single PT_LOAD segment whose file layout equals its memory layout.
 *   PVH (QEMU microvm and pc, Firecracker, Xen): an ELF note names
 *     _pvh_entry; ebx = pvh_start_info, whose first word is its magic.
 *
 * Both land in common code that identity-maps the first KVM_MAP_GIB GiB
 * with 1 GiB pages, or 2 MiB pages on CPUs without (page tables in .bss, which every loader zeroes:
 * Multiboot's bss_end_addr, ELF's memsz), enters long mode, and calls
 * kvm_entry(magic, info) on the boot stack with rbp = 0 (the end of
 * every backtrace). No stack is used before that.
 *
 * paging.c then turns this map into the final one (text RX, rodata R,
 * the rest NX, page 0 and the stack guard pages unmapped) before any
 * library runs; it reuses these tables and relies only on their
 * layout here: pml4, pdpt, KVM_MAP_GIB PDs (all unused with 1 GiB
 * pages), then the boot stack's guard page and the boot stack.
 */
#include "multiboot.h"
#include "pvh.h"
#include "segments.h"

#define MB_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO | \
		  MULTIBOOT_AOUT_KLUDGE)

#define CR0_PE	0x00000001
#define CR0_MP	0x00000002
#define CR0_EM	0x00000004
#define CR0_TS	0x00000008
#define CR0_NE	0x00000020
#define CR0_WP	0x00010000
#define CR0_PG	0x80000000
#define CR4_PAE		0x020
#define CR4_OSFXSR	0x200
#define CR4_OSXMMEXCPT	0x400
#define MSR_EFER	0xc0000080
#define EFER_LME	0x100

/* Without Kconfig (hand builds, tests), carry both headers. */
#if defined(CONFIG_PLAT_KVM_MULTIBOOT) || !defined(CONFIG_PLAT_KVM)
	.section .uk.multiboot, "a"
	.align 4
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)
	.long multiboot_header		/* header_addr */
	.long __uk_image_start		/* load_addr */
	.long __uk_load_end		/* load_end_addr: end of .data */
	.long __uk_bss_end		/* bss_end_addr: zeroed by loader */
	.long _multiboot_entry		/* entry_addr */
#endif

	.section .note.uk.pvh, "a", @note
	.align 4
	.long 4				/* namesz: "Xen\0" */
	.long 8				/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.quad _pvh_entry		/* QEMU reads 8 bytes */

	.section .text.boot32, "ax"
	.code32
	.globl _multiboot_entry
_multiboot_entry:
	movl %eax, %edi			/* kvm_entry(magic, info) */
	movl %ebx, %esi
	jmp boot32

	.globl _pvh_entry
_pvh_entry:
	movl $PVH_START_MAGIC, %edi
	movl %ebx, %esi

boot32:
	cld
	/*
	 * With 1 GiB pages (CPUID 0x80000001 EDX.26: real KVM hosts,
	 * Firecracker, TCG with -cpu max), KVM_MAP_GIB PDPT entries do.
	 */
	movl $0x80000001, %eax
	cpuid
	btl $26, %edx
	jnc .Lmap_2m
	movl $(KVM_PTE_P | KVM_PTE_RW | KVM_PTE_PS), %eax
	xorl %ecx, %ecx
0:	movl %eax, kvm_boot_pdpt(, %ecx, 8)
	addl $0x40000000, %eax
	incl %ecx
	cmpl $KVM_MAP_GIB, %ecx
	jb 0b
	jmp 3f

	/*
	 * Otherwise 2 MiB pages, four PD entries a round (2.75 instructions
	 * an entry instead of 5: still most of the instructions from entry
	 * to main under TCG's default CPU).
	 */
.Lmap_2m:
	movl $(KVM_PTE_P | KVM_PTE_RW | KVM_PTE_PS), %eax
	xorl %ecx, %ecx
1:	movl %eax, kvm_boot_pd(, %ecx, 8)
	addl $0x200000, %eax
	movl %eax, kvm_boot_pd + 8(, %ecx, 8)
	addl $0x200000, %eax
	movl %eax, kvm_boot_pd + 16(, %ecx, 8)
	addl $0x200000, %eax
	movl %eax, kvm_boot_pd + 24(, %ecx, 8)
	addl $0x200000, %eax
	addl $4, %ecx
	cmpl $(512 * KVM_MAP_GIB), %ecx
	jb 1b
	/* PDPT entries, one per PD page. */
	movl $(kvm_boot_pd + (KVM_PTE_P | KVM_PTE_RW)), %eax
	xorl %ecx, %ecx
2:	movl %eax, kvm_boot_pdpt(, %ecx, 8)
	addl $0x1000, %eax
	incl %ecx
	cmpl $KVM_MAP_GIB, %ecx
	jb 2b
3:	/* PML4[0] -> PDPT. */
	movl $(kvm_boot_pdpt + (KVM_PTE_P | KVM_PTE_RW)), kvm_boot_pml4

	/*
	 * PAE paging, and SSE allowed for application code (kernel code
	 * is built without it): OSFXSR/OSXMMEXCPT on, EM off, MP on.
	 */
	movl %cr4, %eax
	orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
	movl $kvm_boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	andl $~(CR0_EM | CR0_TS), %eax
	orl $(CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG), %eax
	movl %eax, %cr0

	lgdt kvm_gdt_ptr
	ljmp $KVM_SEL_CODE, $boot64

	.code64
boot64:
	movl $KVM_SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	leaq kvm_boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	call kvm_entry			/* edi, esi: set above */
4:	cli
	hlt
	jmp 4b

	/* The GDT; cpu.c fills the TSS slot and loads the task register. */
	.section .data.kvm_gdt, "aw"
	.align 16
	.globl kvm_gdt
kvm_gdt:
	.quad 0				/* null */
	.quad 0x00af9a000000ffff	/* KVM_SEL_CODE: 64-bit, DPL 0 */
	.quad 0x00cf92000000ffff	/* KVM_SEL_DATA */
	.quad 0, 0			/* KVM_SEL_TSS */
kvm_gdt_end:
	.align 8
	.globl kvm_gdt_ptr
kvm_gdt_ptr:
	.word kvm_gdt_end - kvm_gdt - 1
	.quad kvm_gdt			/* lgdt in 32-bit mode reads 4 bytes */

	.section .bss.kvm_boot, "aw", @nobits
	.align 4096
	.globl kvm_boot_pml4
kvm_boot_pml4:
	.skip 4096
	.globl kvm_boot_pdpt
kvm_boot_pdpt:
	.skip 4096
	.globl kvm_boot_pd
kvm_boot_pd:
	.skip 4096 * KVM_MAP_GIB
	/* Unmapped by paging.c: an overflow faults ("stack overflow"). */
	.globl kvm_boot_stack_guard
kvm_boot_stack_guard:
	.skip 4096
kvm_boot_stack:
	.skip (CONFIG_PLAT_KVM_STACK_SIZE + 15) & ~15
	.globl kvm_boot_stack_top
kvm_boot_stack_top:
