/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Entry stubs for the 32 CPU exceptions. Each pushes a zero error code
 * where the CPU pushes none, then its vector, and joins trap_common,
 * which saves the general registers in struct ukarch_regs order
 * (<uk/arch/regs.h>) and calls kvm_trap(regs). The CPU aligned rsp to
 * 16 before its frame; 22 quadwords keep it aligned for the call.
 * kvm_trap does not return for exceptions today; interrupts (vectors
 * >= 32: the IOAPIC's lines, the LAPIC timer, the spurious vector, see
 * apic.h) come back through the restore path.
 */
#include "segments.h"
#include "apic.h"

.macro TRAP vec, has_error
	.align 16
trap_\vec:
	.if \has_error == 0
	pushq $0
	.endif
	pushq $\vec
	jmp trap_common
.endm

	.section .text.kvm_traps, "ax"
	.code64
trap_common:
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
	call kvm_trap
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

	/* Interrupts: no error code. Vector numbers as in apic.h. */
	.if KVM_VEC_IRQ0 != 32 || KVM_IRQ_LINES != 24 || KVM_VEC_MSI0 != 56 || KVM_MSI_VECS != 16 || KVM_VEC_TIMER != 240 || KVM_VEC_SPURIOUS != 255
	.error "apic.h's vectors changed: update the interrupt stubs"
	.endif
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,240,255
	TRAP \v, 0
	.endr

	/* The stub addresses, by vector, for cpu.c's IDT. */
	.section .rodata.kvm_traps, "a"
	.align 8
	.globl kvm_trap_stubs
kvm_trap_stubs:
	.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_\v
	.endr

	/* Interrupt stubs: the IOAPIC's lines from KVM_VEC_IRQ0, the MSI
	 * vectors from KVM_VEC_MSI0, the timer,
	 * the spurious vector (irq.c installs them). */
	.globl kvm_irq_stubs
kvm_irq_stubs:
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,240,255
	.quad trap_\v
	.endr
