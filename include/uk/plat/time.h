/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: time. Every platform provides these as plain
 * functions. Times are nanoseconds in a uint64_t (584 years of range).
 *
 * The clock is usable from the first init level on (UK_INIT_EARLY done:
 * the platform sets it up before uk_boot_entry(), or returns 0 until it
 * has); the timer from UK_INIT_PLAT on.
 */
#ifndef UK_PLAT_TIME_H
#define UK_PLAT_TIME_H

#include <stdint.h>

#define UKPLAT_NSEC_PER_SEC 1000000000ULL

/* Nanoseconds since boot; never decreases. Callable with IRQs off. */
uint64_t ukplat_monotonic_ns(void);

/* Nanoseconds since 1970-01-01 UTC (the RTC at boot plus the monotonic
 * clock since), or 0 when the platform has no wall clock. */
uint64_t ukplat_wallclock_ns(void);

/*
 * The one-shot timer. ukplat_timer_set_handler() installs the function
 * the platform calls, in interrupt context with interrupts off, once the
 * monotonic clock has reached the armed deadline. ukplat_timer_arm()
 * replaces any earlier deadline (a deadline already past fires as soon as
 * possible); 0 disarms. Returns 0 or a negative errno (-ENODEV: no timer).
 */
void ukplat_timer_set_handler(void (*handler)(void));
int ukplat_timer_arm(uint64_t deadline_ns);

/*
 * Idle: enable interrupts and halt until the next one arrives (timer or
 * device), atomically (no wake-up can be lost between the check of the
 * caller's condition and the halt if the caller disabled interrupts
 * before checking). Returns with interrupts disabled again.
 */
void ukplat_idle(void);

#endif /* UK_PLAT_TIME_H */
