/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen's one interrupt vector: the event-channel upcall (evtchn.c asks
 * Xen to inject XEN_VEC_UPCALL). The stub joins the shared trap path
 * (<x86/trap.h>), which hands it to ukplat_x86_irq_entry() in evtchn.c.
 */
#include <x86/trap.h>
#include "xenplat.h"

	.section .text.xen_irqs, "ax"
	.code64
	TRAP XEN_VEC_UPCALL, 0

	.section .rodata.xen_irqs, "a"
	.align 8
	.globl xen_upcall_stub
xen_upcall_stub:
	.quad trap_243
