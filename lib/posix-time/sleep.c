/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sleeps: nanosleep and clock_nanosleep. They sleep through the
 * scheduler (other threads run) when uksched is selected, else by
 * halting until the timer fires (uktime). Signals do not interrupt
 * them (EINTR never happens): a signal sent meanwhile is delivered at
 * the sleeper's next signal call (lib/posix-signal/README.md).
 */
#include <errno.h>
#include <time.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "posix_time.h"
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#else
#include <uk/time.h>
#endif

void posix_time_sleep_until(uint64_t deadline)
{
#if CONFIG_LIBUKSCHED
	uk_sched_sleep_until(deadline);
#else
	uk_time_sleep_until(deadline);
#endif
}

static int sleep_rel(const struct timespec *req, struct timespec *rem)
{
	uint64_t now = ukplat_monotonic_ns(), ns;

	if (!req)
		return -EFAULT;
	if (!posix_time_valid_ts(req))
		return -EINVAL;
	ns = posix_time_ts_to_ns(req);
	posix_time_sleep_until(ns > UINT64_MAX - now ? UINT64_MAX : now + ns);
	if (rem)
		rem->tv_sec = rem->tv_nsec = 0;
	return 0;
}

UK_SYSCALL_DEFINE2(nanosleep, const struct timespec *, req,
		   struct timespec *, rem)
{
	return sleep_rel(req, rem);
}

UK_SYSCALL_DEFINE4(clock_nanosleep, clockid_t, id, int, flags,
		   const struct timespec *, req, struct timespec *, rem)
{
	uint64_t now, when;

	if (id == CLOCK_THREAD_CPUTIME_ID)
		return -EINVAL;		/* as Linux */
	if (posix_time_now(id, &now) < 0)
		return -EINVAL;
	if (!(flags & TIMER_ABSTIME))
		return sleep_rel(req, rem);
	if (!req)
		return -EFAULT;
	if (!posix_time_valid_ts(req))
		return -EINVAL;
	when = posix_time_ts_to_ns(req);
	if (when <= now)
		return 0;
	/* Absolute on any clock: the same distance on the monotonic one
	 * (a clock_settime during the sleep does not move it). */
	now = (when - now) + ukplat_monotonic_ns();
	posix_time_sleep_until(now);
	return 0;
}
