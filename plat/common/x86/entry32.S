/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The first instructions of kvm and xen images: the PVH entry and the
 * 32-bit to long-mode path every x86 loader entry joins. Loaders enter
 * in 32-bit protected mode with flat segments, paging and interrupts off:
 *
 *   PVH (QEMU microvm and pc, Firecracker, Xen, also Xen's PVH dom0): an
 *     ELF note names ukplat_pvh_entry; ebx = pvh_start_info, whose first word
 *     is its magic.
 *   Multiboot (kvm only: plat/kvm/multiboot.S) jumps to ukplat_x86_boot32 with
 *     edi = its magic, esi = multiboot_info.
 *
 * ukplat_x86_boot32 identity-maps the first X86_MAP_GIB GiB with 1 GiB pages,
 * or 2 MiB pages on CPUs without (page tables in .bss, which every
 * loader zeroes: Multiboot's bss_end_addr, ELF's memsz), enters long
 * mode, and calls ukplat_x86_plat_entry(magic, info) on the boot stack with
 * rbp = 0 (the end of every backtrace). No stack is used before that.
 *
 * paging.c then turns this map into the final one (text RX, rodata R,
 * the rest NX, page 0 and the stack guard pages unmapped) before any
 * library runs; it reuses these tables and relies only on their
 * layout here: pml4, pdpt, X86_MAP_GIB PDs (all unused with 1 GiB
 * pages), then the boot stack's guard page and the boot stack.
 */
#include <x86/pvh.h>
#include <x86/boot.h>

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
#define MB_BOOTLOADER_MAGIC 0x2badb002	/* Multiboot: in %edi from multiboot.S */

#ifndef CONFIG_PLAT_KVM_SERIAL_PORT
#define CONFIG_PLAT_KVM_SERIAL_PORT 0x3f8
#endif
#define COM_THR		CONFIG_PLAT_KVM_SERIAL_PORT
#define COM_LSR		(CONFIG_PLAT_KVM_SERIAL_PORT + 5)
#define DEBUG_EXIT_PORT	0xf4
#define STATUS_PORT	0xe9		/* power.c's status line */
#define EXIT_NOMEM	125		/* UKPLAT_EXIT_CRASH, told as "crash" */

/* putc32 %al on the serial port: polled, no stack (clobbers %dx, %ecx). */
.macro PUTC32
	movl $100000, %ecx
98:	movw $COM_LSR, %dx
	xchgb %al, %ah
	inb %dx, %al
	xchgb %al, %ah
	testb $0x20, %ah
	loopz 98b
	movw $COM_THR, %dx
	outb %al, %dx
.endm


#define BOOTINFO_ROOM 4096	/* see .Lmem_known */

	.section .note.uk.pvh, "a", @note
	.align 4
	.long 4				/* namesz: "Xen\0" */
	.long 8				/* descsz */
	.long XEN_ELFNOTE_PHYS32_ENTRY
	.asciz "Xen"
	.quad ukplat_pvh_entry		/* QEMU reads 8 bytes */

	.section .text.boot32, "ax"
	.code32
	.globl ukplat_pvh_entry
ukplat_pvh_entry:
	movl $PVH_START_MAGIC, %edi
	movl %ebx, %esi

	.globl ukplat_x86_boot32
ukplat_x86_boot32:
	cld
	/*
	 * Is there RAM up to __uk_image_end? The .bss (page tables, boot
	 * stack) lies beyond what the loader wrote, and without RAM there the
	 * boot would fault into itself and reset. %edx = end of the RAM
	 * region that holds 1 MiB, in KiB (0: the loader did not say).
	 */
	xorl %edx, %edx
	cmpl $MB_BOOTLOADER_MAGIC, %edi
	jne .Lmem_pvh
	testl $1, (%esi)		/* MULTIBOOT_INFO_MEMORY: mem_upper */
	jz .Lmem_known
	movl 8(%esi), %edx		/* KiB above 1 MiB */
	addl $1024, %edx
	jmp .Lmem_known
.Lmem_pvh:
	cmpl $1, 4(%esi)		/* version 1: memmap fields */
	jb .Lmem_known
	movl 40(%esi), %ebx		/* memmap_paddr (below 4 GiB) */
	movl 48(%esi), %ecx		/* memmap_entries */
.Lmem_entry:
	testl %ecx, %ecx
	jz .Lmem_known
	cmpl $1, 16(%ebx)		/* type RAM */
	jne .Lmem_next
	cmpl $0, 4(%ebx)		/* addr below 4 GiB */
	jne .Lmem_next
	cmpl $0x100000, (%ebx)		/* addr <= 1 MiB */
	ja .Lmem_next
	movl $0xffffffff, %edx		/* size >= 4 GiB: enough */
	cmpl $0, 12(%ebx)
	jne .Lmem_known
	movl (%ebx), %eax
	addl 8(%ebx), %eax		/* end, or carry: past 4 GiB */
	jc .Lmem_known
	xorl %edx, %edx
	cmpl $0x100000, %eax
	jbe .Lmem_next
	shrl $10, %eax
	movl %eax, %edx
	jmp .Lmem_known
.Lmem_next:
	addl $24, %ebx			/* sizeof(struct pvh_memmap_entry) */
	decl %ecx
	jmp .Lmem_entry
.Lmem_known:
	/*
	 * KiB the image needs: up to __uk_image_end, and a page above it
	 * for the loader's boot information, which QEMU's Multiboot loader
	 * puts at the top of RAM: with less, it lies in our .bss and the
	 * command line is gone before it is read (RAM = image end exactly:
	 * the app lost its arguments), and the memory size it reports is
	 * not to be trusted.
	 */
	movl $__uk_image_end + BOOTINFO_ROOM + 1023, %ebp
	shrl $10, %ebp
	testl %edx, %edx
	jz .Lmem_ok
	cmpl %ebp, %edx
	jae .Lmem_ok

	/* "not enough memory: need N KiB", then power off (no stack). */
	movl $.Lnomem_msg, %esi
	movl $1f, %ebx
	jmp .Lputs32
1:	movl $1000000000, %edi		/* N in decimal, no leading zeros */
	xorl %esi, %esi			/* a digit was printed */
2:	movl %ebp, %eax
	xorl %edx, %edx
	divl %edi
	movl %edx, %ebp
	orl %eax, %esi
	jnz 3f
	cmpl $1, %edi
	jne 4f
3:	addb $'0', %al
	PUTC32
4:	movl %edi, %eax
	xorl %edx, %edx
	movl $10, %ecx
	divl %ecx
	movl %eax, %edi
	testl %edi, %edi
	jnz 2b
	movl $.Lnomem_kib, %esi
	movl $5f, %ebx
	jmp .Lputs32
5:	movl $.Lnomem_status, %esi	/* as ukplat_poweroff(UKPLAT_EXIT_CRASH) */
	movw $STATUS_PORT, %dx
8:	movb (%esi), %al
	testb %al, %al
	jz 9f
	outb %al, %dx
	incl %esi
	jmp 8b
9:	movl $EXIT_NOMEM, %eax
	movw $DEBUG_EXIT_PORT, %dx
	outl %eax, %dx
6:	cli
	hlt
	jmp 6b

/* Print the string at %esi, then jmp *%ebx (no stack). */
.Lputs32:
	movb (%esi), %al
	testb %al, %al
	jz 7f
	PUTC32
	incl %esi
	jmp .Lputs32
7:	jmp *%ebx
/* In .text.boot32, the image's first page: there even when RAM ends
 * before the rest of the image. */
.Lnomem_msg:
	.asciz "not enough memory: need "
.Lnomem_kib:
	.asciz " KiB\n"
.Lnomem_status:
	.asciz "\nuk-exit crash\n"

.Lmem_ok:
	/*
	 * With 1 GiB pages (CPUID 0x80000001 EDX.26: real KVM hosts,
	 * Firecracker, TCG with -cpu max), X86_MAP_GIB PDPT entries do.
	 */
	movl $0x80000001, %eax
	cpuid
	btl $26, %edx
	jnc .Lmap_2m
	movl $(X86_BOOT_PTE_P | X86_BOOT_PTE_RW | X86_BOOT_PTE_PS), %eax
	xorl %ecx, %ecx
0:	movl %eax, x86_boot_pdpt(, %ecx, 8)
	addl $0x40000000, %eax
	incl %ecx
	cmpl $X86_MAP_GIB, %ecx
	jb 0b
	jmp 3f

	/*
	 * Otherwise 2 MiB pages, four PD entries a round (2.75 instructions
	 * an entry instead of 5: still most of the instructions from entry
	 * to main under TCG's default CPU).
	 */
.Lmap_2m:
	movl $(X86_BOOT_PTE_P | X86_BOOT_PTE_RW | X86_BOOT_PTE_PS), %eax
	xorl %ecx, %ecx
1:	movl %eax, x86_boot_pd(, %ecx, 8)
	addl $0x200000, %eax
	movl %eax, x86_boot_pd + 8(, %ecx, 8)
	addl $0x200000, %eax
	movl %eax, x86_boot_pd + 16(, %ecx, 8)
	addl $0x200000, %eax
	movl %eax, x86_boot_pd + 24(, %ecx, 8)
	addl $0x200000, %eax
	addl $4, %ecx
	cmpl $(512 * X86_MAP_GIB), %ecx
	jb 1b
	/* PDPT entries, one per PD page. */
	movl $(x86_boot_pd + (X86_BOOT_PTE_P | X86_BOOT_PTE_RW)), %eax
	xorl %ecx, %ecx
2:	movl %eax, x86_boot_pdpt(, %ecx, 8)
	addl $0x1000, %eax
	incl %ecx
	cmpl $X86_MAP_GIB, %ecx
	jb 2b
3:	/* PML4[0] -> PDPT. */
	movl $(x86_boot_pdpt + (X86_BOOT_PTE_P | X86_BOOT_PTE_RW)), x86_boot_pml4

	/*
	 * PAE paging, and SSE allowed for application code (kernel code
	 * is built without it): OSFXSR/OSXMMEXCPT on, EM off, MP on.
	 */
	movl %cr4, %eax
	orl $(CR4_PAE | CR4_OSFXSR | CR4_OSXMMEXCPT), %eax
	movl %eax, %cr4
	movl $x86_boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	andl $~(CR0_EM | CR0_TS), %eax
	orl $(CR0_PE | CR0_MP | CR0_NE | CR0_WP | CR0_PG), %eax
	movl %eax, %cr0

	lgdt x86_gdt_ptr
	ljmp $X86_SEL_CODE, $boot64

	.code64
boot64:
	movl $X86_SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	xorl %eax, %eax
	movl %eax, %fs
	movl %eax, %gs
	leaq ukplat_x86_boot_stack_top(%rip), %rsp
	xorl %ebp, %ebp
	call ukplat_x86_plat_entry			/* edi, esi: set above */
4:	cli
	hlt
	jmp 4b

	/* The GDT; cpu.c fills the TSS slot and loads the task register. */
	.section .data.x86_gdt, "aw"
	.align 16
	.globl x86_gdt
x86_gdt:
	.quad 0				/* null */
	.quad 0x00af9a000000ffff	/* X86_SEL_CODE: 64-bit, DPL 0 */
	.quad 0x00cf92000000ffff	/* X86_SEL_DATA */
	.quad 0, 0			/* X86_SEL_TSS */
x86_gdt_end:
	.align 8
	.globl x86_gdt_ptr
x86_gdt_ptr:
	.word x86_gdt_end - x86_gdt - 1
	.quad x86_gdt			/* lgdt in 32-bit mode reads 4 bytes */

	.section .bss.x86_boot, "aw", @nobits
	.align 4096
	.globl x86_boot_pml4
x86_boot_pml4:
	.skip 4096
	.globl x86_boot_pdpt
x86_boot_pdpt:
	.skip 4096
	.globl x86_boot_pd
x86_boot_pd:
	.skip 4096 * X86_MAP_GIB
	/* Unmapped by paging.c: an overflow faults ("stack overflow"). */
	.globl ukplat_x86_boot_stack_guard
ukplat_x86_boot_stack_guard:
	.skip 4096
x86_boot_stack:
	.skip (CONFIG_PLAT_X86_STACK_SIZE + 15) & ~15
	.globl ukplat_x86_boot_stack_top
ukplat_x86_boot_stack_top:
