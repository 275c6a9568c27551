/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * For assembly: TRAP vec, has_error makes an entry stub trap_<vec> that
 * pushes a zero error code where the CPU pushes none, then the vector,
 * and joins ukplat_x86_trap_common (plat/common/x86/trap_entry.S), which saves
 * the registers as struct ukarch_regs, calls x86_trap(regs) (vectors
 * >= 32 go on to the platform's ukplat_x86_irq_entry()) and returns by iretq.
 * Platforms make their interrupt vectors' stubs with it and install
 * them with ukplat_x86_idt_set().
 */
#ifndef X86_TRAP_H
#define X86_TRAP_H

#ifdef __ASSEMBLY__
.macro TRAP vec, has_error
	.align 16
trap_\vec:
	.if \has_error == 0
	pushq $0
	.endif
	pushq $\vec
	jmp ukplat_x86_trap_common
.endm
#endif

#endif /* X86_TRAP_H */
