/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The one-shot timer of <uk/plat/time.h>: a monotonic deadline turned
 * into a TSC value, armed on the LAPIC (apic.c). The handler runs only
 * once the monotonic clock has reached the deadline: an interrupt that
 * comes early (a LAPIC count rounded, a deadline past the timer's range)
 * re-arms instead.
 */
#include <uk/arch/cpu.h>
#include <uk/plat/time.h>
#include "apic.h"

#define ENODEV 19

int kvm_irq_ready(void);

static void (*handler)(void);
static uint64_t deadline;	/* ns; 0: disarmed */

void ukplat_timer_set_handler(void (*fn)(void))
{
	handler = fn;
}

int ukplat_timer_arm(uint64_t deadline_ns)
{
	unsigned long flags;

	if (!kvm_irq_ready())
		return -ENODEV;
	flags = ukarch_irq_save();
	deadline = deadline_ns;
	kvm_apic_timer_arm_tsc(deadline_ns ? kvm_ns_to_tsc(deadline_ns) : 0);
	ukarch_irq_restore(flags);
	return 0;
}

void kvm_timer_fire(void)
{
	if (!deadline)
		return;			/* disarmed since */
	if (ukplat_monotonic_ns() < deadline) {
		kvm_apic_timer_arm_tsc(kvm_ns_to_tsc(deadline));
		return;
	}
	deadline = 0;
	if (handler)
		handler();
}
