/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's interrupt entry stubs (no error code), by the vector numbers of
 * apic.h: the IOAPIC's lines from KVM_VEC_IRQ0, the MSI vectors from
 * KVM_VEC_MSI0, the LAPIC timer, the spurious vector. irq.c installs them; they join the shared trap path
 * (<x86/trap.h>), which hands them to ukplat_x86_irq_entry() in irq.c.
 */
#include <x86/trap.h>
#include "apic.h"

	.section .text.kvm_irqs, "ax"
	.code64
	.if KVM_VEC_IRQ0 != 32 || KVM_IRQ_LINES != 48 || KVM_VEC_MSI0 != 80 || KVM_MSI_VECS != 16 || KVM_VEC_TIMER != 240 || KVM_VEC_SPURIOUS != 255
	.error "apic.h's vectors changed: update the interrupt stubs"
	.endif
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,240,255
	TRAP \v, 0
	.endr

	.section .rodata.kvm_irqs, "a"
	.align 8
	.globl kvm_irq_stubs
kvm_irq_stubs:
	.irp v, 32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47,48,49,50,51,52,53,54,55,56,57,58,59,60,61,62,63,64,65,66,67,68,69,70,71,72,73,74,75,76,77,78,79,80,81,82,83,84,85,86,87,88,89,90,91,92,93,94,95,240,255
	.quad trap_\v
	.endr
