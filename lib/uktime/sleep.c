/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sleeping on the platform's timer without a scheduler: arm, halt, check
 * the clock, again. ukplat_idle() enables interrupts and halts atomically,
 * so the timer interrupt cannot slip in between the check and the halt.
 * No handler is needed: the interrupt itself ends the halt.
 */
#include <uk/plat/irq.h>
#include <uk/time.h>

void uk_time_sleep_until(uint64_t deadline_ns)
{
	unsigned long flags = ukplat_irq_save();

	while (ukplat_monotonic_ns() < deadline_ns) {
		if (ukplat_timer_arm(deadline_ns) < 0) {
			ukplat_irq_restore(flags);
			while (ukplat_monotonic_ns() < deadline_ns)
				;
			return;
		}
		ukplat_idle();
	}
	ukplat_irq_restore(flags);
}

void uk_time_sleep_ns(uint64_t ns)
{
	uk_time_sleep_until(ukplat_monotonic_ns() + ns);
}
