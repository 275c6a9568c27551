/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktime: sleeping without a scheduler. The clock is the platform's:
 * ukplat_monotonic_ns() and ukplat_wallclock_ns() (<uk/plat/time.h>).
 *
 * Both calls arm the platform's one-shot timer (replacing any deadline
 * armed before: do not use them beside a scheduler, which owns the
 * timer) and halt until the monotonic clock has reached the deadline;
 * other interrupts wake the halt and the wait goes on. They return with
 * interrupts in the state they found them. Before the platform's timer
 * works (kvm: UK_INIT_PLAT), or where there is none, they spin.
 */
#ifndef UK_TIME_H
#define UK_TIME_H

#include <stdint.h>
#include <uk/plat/time.h>

void uk_time_sleep_until(uint64_t deadline_ns);
void uk_time_sleep_ns(uint64_t ns);

#endif /* UK_TIME_H */
