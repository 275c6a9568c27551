/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The floor: an image that powers off at its first instruction. It is
 * booted exactly like a Unikit kvm image (an ELF64 with a Multiboot
 * a.out-kludge header for QEMU -kernel on pc/q35, and a PVH ELF note for
 * microvm), so QEMU start -> exit for it is the cost of the VMM and its
 * firmware alone: what no kernel can beat.
 *
 * Its one job: write "Hello" to COM1 (so it is timed to the same marker
 * as the real images: QEMU start -> "Hello" on stdout), then 0 to
 * isa-debug-exit (port 0xf4, which the runner always adds); QEMU exits
 * with status (0 << 1) | 1. About 40 instructions in all.
 */
#define MB_MAGIC	0x1badb002
#define MB_FLAGS	0x00010003	/* page align, memory info, a.out kludge */

	.section .floor.multiboot, "a"
	.align 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long mb_header			/* header_addr */
	.long __floor_start		/* load_addr */
	.long __floor_end		/* load_end_addr */
	.long __floor_end		/* bss_end_addr */
	.long floor_entry		/* entry_addr */

	.section .floor.note, "a", @note
	.align 4
	.long 4				/* namesz: "Xen\0" */
	.long 8				/* descsz */
	.long 18			/* XEN_ELFNOTE_PHYS32_ENTRY */
	.asciz "Xen"
	.quad floor_entry

	.section .floor.text, "ax"
	.code32
	.globl floor_entry
floor_entry:
	movl $hello, %esi
	movw $0x3f8, %dx
1:	lodsb
	testb %al, %al
	jz 2f
	outb %al, %dx
	jmp 1b
2:	movw $0xf4, %dx
	xorl %eax, %eax
	outl %eax, %dx
3:	hlt
	jmp 3b
hello:	.asciz "Hello\n"
