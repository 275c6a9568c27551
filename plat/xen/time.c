/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The clock: Xen's per-vCPU time info in shared_info (pvclock). Xen
 * publishes, for vCPU 0, a TSC stamp, the system time (ns since Xen
 * booted) at that stamp and the TSC's scale; between updates
 *
 *   system_ns = system_time + (((tsc - tsc_timestamp) << shift) * mul) >> 32
 *
 * (shift may be negative), read under the version counter (odd while
 * Xen rewrites it). The monotonic clock is that minus its value at boot
 * (xen_time_init(), right after shared_info is mapped: the zero is a
 * few hundred instructions after the platform's first C instruction),
 * clamped so that it never goes back across an update. The wall clock
 * is shared_info's wc_* (the time of Xen's system time 0) plus the
 * system time. Interrupts may be on or off.
 */
#include <uk/arch/cpu.h>
#include <uk/plat/time.h>
#include "xenplat.h"

uint64_t xen_boot_system_ns;
static uint64_t last_ns;	/* monotonic: the largest value returned */

static uint64_t scale(uint64_t delta, uint32_t mul, int8_t shift)
{
	if (shift < 0)
		delta >>= -shift;
	else
		delta <<= shift;
	return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t xen_system_ns(void)
{
	volatile struct vcpu_time_info *t =
		&xen_shared_info->vcpu_info[0].time;
	uint32_t version;
	uint64_t ns;

	do {
		version = t->version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		ns = t->system_time + scale(rdtsc() - t->tsc_timestamp,
					    t->tsc_to_system_mul,
					    t->tsc_shift);
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != t->version);
	return ns;
}

void xen_time_init(void)
{
	xen_boot_system_ns = xen_system_ns();
}

uint64_t ukplat_monotonic_ns(void)
{
	unsigned long flags;
	uint64_t ns;

	if (!xen_shared_info)
		return 0;
	flags = ukarch_irq_save();
	ns = xen_system_ns() - xen_boot_system_ns;
	if (ns < last_ns)
		ns = last_ns;
	last_ns = ns;
	ukarch_irq_restore(flags);
	return ns;
}

uint64_t ukplat_wallclock_ns(void)
{
	volatile struct shared_info *s = xen_shared_info;
	uint32_t version;
	uint64_t sec, nsec;

	if (!s)
		return 0;
	do {
		version = s->wc_version;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		sec = s->wc_sec | (uint64_t)s->xen_wc_sec_hi << 32;
		nsec = s->wc_nsec;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
	} while ((version & 1) || version != s->wc_version);
	if (!sec && !nsec)
		return 0;		/* Xen knows no wall time */
	return sec * UKPLAT_NSEC_PER_SEC + nsec + xen_system_ns();
}

void ukplat_idle(void)
{
	ukarch_safe_halt();
}
