/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Clocks: clock_gettime, clock_settime, clock_getres, gettimeofday,
 * time, on the platform's monotonic and wall clocks (<uk/plat/time.h>).
 *
 * CLOCK_REALTIME is the wall clock plus an offset clock_settime moves
 * (there is one process: it may set the time, as root may on Linux).
 * MONOTONIC, MONOTONIC_RAW, BOOTTIME and the COARSE variants all read
 * the monotonic clock (the image never suspends). PROCESS_CPUTIME_ID is
 * the monotonic clock too (the image is the only process, so its CPU
 * time is all time but idle; idle is not subtracted), THREAD_CPUTIME_ID
 * the calling thread's run time when uksched counts it.
 * Resolution: 1 ns for every clock (the TSC behind them is finer).
 * getrusage reports the same CPU times: RUSAGE_SELF's user time is
 * CLOCK_PROCESS_CPUTIME_ID, RUSAGE_THREAD's CLOCK_THREAD_CPUTIME_ID, system
 * time 0 (the kernel's work is the process's own calls), RUSAGE_CHILDREN
 * all zeros (there are none); counters the kit does not keep are 0.
 */
#include <errno.h>
#include <time.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include "posix_time.h"
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

static int64_t realtime_offset;	/* ns added to the wall clock */

int posix_time_valid_ts(const struct timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < (long)UKPLAT_NSEC_PER_SEC;
}

void posix_time_ns_to_ts(uint64_t ns, struct timespec *ts)
{
	ts->tv_sec = ns / UKPLAT_NSEC_PER_SEC;
	ts->tv_nsec = ns % UKPLAT_NSEC_PER_SEC;
}

uint64_t posix_time_ts_to_ns(const struct timespec *ts)
{
	/* saturate: a deadline past year 2554 is "never" */
	if ((uint64_t)ts->tv_sec >= UINT64_MAX / UKPLAT_NSEC_PER_SEC - 1)
		return UINT64_MAX;
	return ts->tv_sec * UKPLAT_NSEC_PER_SEC + ts->tv_nsec;
}

uint64_t posix_time_realtime_ns(void)
{
	return ukplat_wallclock_ns() + realtime_offset;
}

/* Now on clock id, in ns; -EINVAL for a clock there is not. */
int posix_time_now(clockid_t id, uint64_t *ns)
{
	switch (id) {
	case CLOCK_REALTIME:
	case CLOCK_REALTIME_COARSE:
		*ns = posix_time_realtime_ns();
		return 0;
	case CLOCK_MONOTONIC:
	case CLOCK_MONOTONIC_RAW:
	case CLOCK_MONOTONIC_COARSE:
	case CLOCK_BOOTTIME:
	case CLOCK_PROCESS_CPUTIME_ID:
		*ns = ukplat_monotonic_ns();
		return 0;
	case CLOCK_THREAD_CPUTIME_ID:
#if CONFIG_LIBUKSCHED
		*ns = uk_sched_thread_cpu_ns(uk_sched_thread_current());
#else
		*ns = ukplat_monotonic_ns();
#endif
		return 0;
	}
	return -EINVAL;
}

UK_SYSCALL_DEFINE2(clock_gettime, clockid_t, id, struct timespec *, ts)
{
	uint64_t ns;
	int r = posix_time_now(id, &ns);

	if (r < 0)
		return r;
	if (!ts)
		return -EFAULT;
	posix_time_ns_to_ts(ns, ts);
	return 0;
}

UK_SYSCALL_DEFINE2(clock_getres, clockid_t, id, struct timespec *, res)
{
	uint64_t ns;
	int r = posix_time_now(id, &ns);

	if (r < 0)
		return r;
	if (res) {
		res->tv_sec = 0;
		res->tv_nsec = 1;
	}
	return 0;
}

UK_SYSCALL_DEFINE2(clock_settime, clockid_t, id, const struct timespec *, ts)
{
	uint64_t ns;
	unsigned long flags;

	if (posix_time_now(id, &ns) < 0)
		return -EINVAL;
	if (id != CLOCK_REALTIME)
		return -EINVAL;	/* Linux: only REALTIME can be set */
	if (!ts)
		return -EFAULT;
	if (!posix_time_valid_ts(ts))
		return -EINVAL;
	flags = ukplat_irq_save();
	realtime_offset = (int64_t)posix_time_ts_to_ns(ts) -
			  (int64_t)ukplat_wallclock_ns();
	ukplat_irq_restore(flags);
	return 0;
}

UK_SYSCALL_DEFINE2(gettimeofday, struct timeval *, tv, struct timezone *, tz)
{
	uint64_t ns = posix_time_realtime_ns();

	if (tv) {
		tv->tv_sec = ns / UKPLAT_NSEC_PER_SEC;
		tv->tv_usec = ns % UKPLAT_NSEC_PER_SEC / 1000;
	}
	if (tz) {	/* the kernel's zone is UTC */
		tz->tz_minuteswest = 0;
		tz->tz_dsttime = 0;
	}
	return 0;
}

UK_SYSCALL_DEFINE1(time, time_t *, t)
{
	time_t now = posix_time_realtime_ns() / UKPLAT_NSEC_PER_SEC;

	if (t)
		*t = now;
	return now;
}

UK_SYSCALL_DEFINE2(getrusage, int, who, struct rusage *, ru)
{
	clockid_t clock;
	uint64_t ns = 0;

	switch (who) {
	case RUSAGE_SELF:
		clock = CLOCK_PROCESS_CPUTIME_ID;
		break;
	case RUSAGE_THREAD:
		clock = CLOCK_THREAD_CPUTIME_ID;
		break;
	case RUSAGE_CHILDREN:
		clock = -1;
		break;
	default:
		return -EINVAL;
	}
	if (!ru)
		return -EFAULT;
	if (clock != -1)
		posix_time_now(clock, &ns);
	memset(ru, 0, sizeof(*ru));
	ru->ru_utime.tv_sec = ns / UKPLAT_NSEC_PER_SEC;
	ru->ru_utime.tv_usec = ns % UKPLAT_NSEC_PER_SEC / 1000;
	return 0;
}
