/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry stubs for the 32 CPU exceptions. Each pushes a zero error code
 * where the CPU pushes none, then its vector, and joins ukplat_x86_trap_common,
 * which saves the general registers in struct ukarch_regs order
 * (<uk/arch/regs.h>) and calls x86_trap(regs). The CPU aligned rsp to
 * 16 before its frame; 22 quadwords keep it aligned for the call.
 * x86_trap does not return for exceptions today; interrupts (vectors
 * >= 32, whose stubs each platform makes with <x86/trap.h>'s TRAP) come
 * back through the restore path.
 */
#include <x86/trap.h>

	.section .text.x86_traps, "ax"
	.code64
	.globl ukplat_x86_trap_common
ukplat_x86_trap_common:
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	cld
	movq %rsp, %rdi
	call x86_trap
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
	addq $16, %rsp			/* vector, error */
	iretq

	TRAP 0, 0
	TRAP 1, 0
	TRAP 2, 0
	TRAP 3, 0
	TRAP 4, 0
	TRAP 5, 0
	TRAP 6, 0
	TRAP 7, 0
	TRAP 8, 1
	TRAP 9, 0
	TRAP 10, 1
	TRAP 11, 1
	TRAP 12, 1
	TRAP 13, 1
	TRAP 14, 1
	TRAP 15, 0
	TRAP 16, 0
	TRAP 17, 1
	TRAP 18, 0
	TRAP 19, 0
	TRAP 20, 0
	TRAP 21, 1
	TRAP 22, 0
	TRAP 23, 0
	TRAP 24, 0
	TRAP 25, 0
	TRAP 26, 0
	TRAP 27, 0
	TRAP 28, 0
	TRAP 29, 1
	TRAP 30, 1
	TRAP 31, 0

	/* The stub addresses, by vector, for cpu.c's IDT. */
	.section .rodata.x86_traps, "a"
	.align 8
	.globl x86_trap_stubs
x86_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_\v
	.endr
