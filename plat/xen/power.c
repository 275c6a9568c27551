/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Powering off with a status. SCHEDOP_shutdown ends the domain with a
 * reason, not a number: status 0 is SHUTDOWN_poweroff, any other status
 * SHUTDOWN_crash, which a toolstack reports as a failure (xl: "crashed"
 * and its on_crash action). The hardware domain also writes the full
 * status to port 0xf4 first: under QEMU (the kit's test runner) that is
 * the isa-debug-exit device, which ends QEMU with (status << 1) | 1 and
 * so carries the number through Xen; dom0 owns the I/O ports, so Xen
 * lets the write through. Should both return, halt with interrupts off.
 */
#include <uk/arch/cpu.h>
#include <uk/plat/power.h>
#include <xen/sched.h>
#include "hypercall.h"
#include "xenplat.h"

#define DEBUG_EXIT_PORT 0xf4

void ukplat_poweroff(int status)
{
	struct sched_shutdown op = {
		.reason = status ? SHUTDOWN_crash : SHUTDOWN_poweroff,
	};

	ukarch_irq_disable();
	if (xen_is_hwdom)
		outl(DEBUG_EXIT_PORT, (uint32_t)status);
	hc_sched_op(SCHEDOP_shutdown, &op);
	for (;;)
		ukarch_halt();
}
