/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one-shot timer of <uk/plat/time.h>: the vCPU's single-shot timer,
 * set with set_timer_op to an absolute Xen system time (0 cancels); it
 * raises VIRQ_TIMER, bound by evtchn.c to xen_timer_virq(). The handler
 * runs only once the monotonic clock has reached the deadline: an event
 * that comes early (VIRQ_TIMER also fires for Xen's own reasons)
 * re-arms instead.
 *
 * Our clock is Xen's system time as the vCPU's time info extrapolates
 * it; between updates of that info Xen's own clock may run ahead of it
 * (by milliseconds under QEMU's TCG), so Xen may see a deadline as past
 * that our clock does not, and fire at once, and again on each re-arm
 * until our clock caught up. From the second early event for the same
 * deadline on, the re-arm is pushed out by what our clock still lacks,
 * which breaks such a storm (the handler still runs only once our clock
 * has reached the deadline). Xen 4.17 ignores VCPU_SSHOTTMR_future, so
 * there is no cheaper way to learn that Xen sees a deadline as past.
 */
#define ENODEV 19	/* errno values are ABI: no libc needed */
#include <uk/arch/cpu.h>
#include <uk/plat/time.h>
#include "hypercall.h"
#include "xenplat.h"

static void (*handler)(void);
static uint64_t deadline;	/* monotonic ns; 0: disarmed */
static unsigned int early;	/* early events for this deadline */

void ukplat_timer_set_handler(void (*fn)(void))
{
	handler = fn;
}

static void arm(uint64_t mono_ns)
{
	/* set_timer_op(0) cancels, and a deadline in the past fires at
	 * once: never pass 0 for a real deadline. */
	hc_set_timer_op(mono_ns ? xen_boot_system_ns + mono_ns : 0);
}

int ukplat_timer_arm(uint64_t deadline_ns)
{
	unsigned long flags;

	if (!xen_evtchn_ready())
		return -ENODEV;
	flags = ukarch_irq_save();
	deadline = deadline_ns;
	early = 0;
	arm(deadline_ns);
	ukarch_irq_restore(flags);
	return 0;
}

int xen_timer_virq(void *arg)
{
	uint64_t now;

	(void)arg;
	if (!deadline)
		return 1;		/* disarmed since, or Xen's own */
	now = ukplat_monotonic_ns();
	if (now < deadline) {
		arm(early++ ? deadline + (deadline - now) : deadline);
		return 1;
	}
	deadline = 0;
	if (handler)
		handler();
	return 1;
}
