/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-time's calls through the shim (uk_syscall), as musl makes them:
 * results and the errno values Linux gives.
 */
#include <errno.h>
#include <time.h>
#include <sys/time.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, ...) uk_syscall_n(SYS_##n, __VA_ARGS__)
static long uk_syscall_n(long nr, long a, long b, long c, long d)
{
	return uk_syscall(nr, a, b, c, d, 0, 0);
}
#define L(x) ((long)(x))

UK_TESTCASE(posix_time, clock_gettime_clocks_and_errors)
{
	struct timespec a, b;

	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_MONOTONIC, L(&a), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_MONOTONIC, L(&b), 0, 0), 0);
	UK_TEST_EXPECT(b.tv_sec > a.tv_sec ||
		       (b.tv_sec == a.tv_sec && b.tv_nsec >= a.tv_nsec));
	UK_TEST_EXPECT_INT_LT(a.tv_nsec, 1000000000);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_REALTIME, L(&a), 0, 0), 0);
	UK_TEST_EXPECT_INT_GT(a.tv_sec, 1577836800);	/* after 2020 */
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_BOOTTIME, L(&a), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_THREAD_CPUTIME_ID, L(&a), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, 99, L(&a), 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, -1, L(&a), 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_MONOTONIC, 0, 0, 0), -EFAULT);
}

UK_TESTCASE(posix_time, getres_gettimeofday_time)
{
	struct timespec r = { 5, 5 };
	struct timeval tv;
	struct timezone tz = { 60, 1 };
	time_t t = 0;
	long now;

	UK_TEST_EXPECT_INT_EQ(SC(clock_getres, CLOCK_REALTIME, L(&r), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(r.tv_sec, 0);
	UK_TEST_EXPECT_INT_EQ(r.tv_nsec, 1);
	UK_TEST_EXPECT_INT_EQ(SC(clock_getres, CLOCK_MONOTONIC, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(clock_getres, 42, L(&r), 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(gettimeofday, L(&tv), L(&tz), 0, 0), 0);
	UK_TEST_EXPECT_INT_LT(tv.tv_usec, 1000000);
	UK_TEST_EXPECT_INT_EQ(tz.tz_minuteswest, 0);
	now = SC(time, L(&t), 0, 0, 0);
	UK_TEST_EXPECT_INT_EQ(now, t);
	UK_TEST_EXPECT(now - tv.tv_sec >= 0 && now - tv.tv_sec <= 2);
}

UK_TESTCASE(posix_time, settime_moves_realtime_only)
{
	struct timespec a, set, b, m1, m2;

	SC(clock_gettime, CLOCK_REALTIME, L(&a), 0, 0);
	SC(clock_gettime, CLOCK_MONOTONIC, L(&m1), 0, 0);
	set.tv_sec = a.tv_sec + 1000;
	set.tv_nsec = a.tv_nsec;
	UK_TEST_EXPECT_INT_EQ(SC(clock_settime, CLOCK_REALTIME, L(&set), 0, 0), 0);
	SC(clock_gettime, CLOCK_REALTIME, L(&b), 0, 0);
	SC(clock_gettime, CLOCK_MONOTONIC, L(&m2), 0, 0);
	UK_TEST_EXPECT(b.tv_sec - a.tv_sec >= 999 && b.tv_sec - a.tv_sec <= 1002);
	UK_TEST_EXPECT(m2.tv_sec - m1.tv_sec <= 1);
	set.tv_sec = a.tv_sec;	/* put it back */
	UK_TEST_EXPECT_INT_EQ(SC(clock_settime, CLOCK_REALTIME, L(&set), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(clock_settime, CLOCK_MONOTONIC, L(&set), 0, 0), -EINVAL);
	set.tv_nsec = 1000000000;
	UK_TEST_EXPECT_INT_EQ(SC(clock_settime, CLOCK_REALTIME, L(&set), 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(clock_settime, CLOCK_REALTIME, 0, 0, 0), -EFAULT);
}

UK_TESTCASE(posix_time, nanosleep_sleeps_and_checks)
{
	struct timespec req = { 0, 5000000 }, rem = { 9, 9 };
	uint64_t t0 = ukplat_monotonic_ns(), t1;

	UK_TEST_EXPECT_INT_EQ(SC(nanosleep, L(&req), L(&rem), 0, 0), 0);
	t1 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_UINT_GE(t1 - t0, 5000000);
	UK_TEST_EXPECT_UINT_LT(t1 - t0, 1000000000);
	UK_TEST_EXPECT_INT_EQ(rem.tv_sec, 0);
	req.tv_nsec = -1;
	UK_TEST_EXPECT_INT_EQ(SC(nanosleep, L(&req), 0, 0, 0), -EINVAL);
	req.tv_nsec = 1000000000;
	UK_TEST_EXPECT_INT_EQ(SC(nanosleep, L(&req), 0, 0, 0), -EINVAL);
	req.tv_sec = -1;
	req.tv_nsec = 0;
	UK_TEST_EXPECT_INT_EQ(SC(nanosleep, L(&req), 0, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(nanosleep, 0, 0, 0, 0), -EFAULT);
}

UK_TESTCASE(posix_time, clock_nanosleep_absolute)
{
	struct timespec when;
	uint64_t t0, t1;

	SC(clock_gettime, CLOCK_MONOTONIC, L(&when), 0, 0);
	t0 = ukplat_monotonic_ns();
	when.tv_nsec += 5000000;
	if (when.tv_nsec >= 1000000000) {
		when.tv_sec++;
		when.tv_nsec -= 1000000000;
	}
	UK_TEST_EXPECT_INT_EQ(SC(clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
				 L(&when), 0), 0);
	t1 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_UINT_GE(t1, (uint64_t)when.tv_sec * 1000000000 + when.tv_nsec);
	/* a deadline in the past returns at once */
	when.tv_sec = 0;
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC(clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME,
				 L(&when), 0), 0);
	UK_TEST_EXPECT_UINT_LT(ukplat_monotonic_ns() - t0, 100000000);
	/* realtime, absolute: 5 ms from now */
	SC(clock_gettime, CLOCK_REALTIME, L(&when), 0, 0);
	when.tv_nsec += 5000000;
	if (when.tv_nsec >= 1000000000) {
		when.tv_sec++;
		when.tv_nsec -= 1000000000;
	}
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC(clock_nanosleep, CLOCK_REALTIME, TIMER_ABSTIME,
				 L(&when), 0), 0);
	UK_TEST_EXPECT_UINT_GE(ukplat_monotonic_ns() - t0, 4000000);
	UK_TEST_EXPECT_INT_EQ(SC(clock_nanosleep, CLOCK_THREAD_CPUTIME_ID, 0,
				 L(&when), 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(clock_nanosleep, 77, 0, L(&when), 0), -EINVAL);
}
