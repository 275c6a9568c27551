/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-time's calls through the shim (uk_syscall), as musl makes them:
 * results and the errno values Linux gives.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/resource.h>
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

#if CONFIG_LIBPOSIX_TIME_TIMERS
UK_TESTCASE(posix_time, timer_sigev_none_counts_down)
{
	struct sigevent sev = { .sigev_notify = SIGEV_NONE };
	struct itimerspec it = { .it_value = { 0, 50000000 } }, cur;
	timer_t id;

	UK_TEST_ASSERT_INT_EQ(SC(timer_create, CLOCK_MONOTONIC, L(&sev), L(&id), 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(timer_gettime, L(id), L(&cur), 0, 0), 0);
	UK_TEST_EXPECT(!cur.it_value.tv_sec && !cur.it_value.tv_nsec);
	UK_TEST_EXPECT_INT_EQ(SC(timer_settime, L(id), 0, L(&it), 0), 0);
	SC(timer_gettime, L(id), L(&cur), 0, 0);
	UK_TEST_EXPECT(cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 &&
		       cur.it_value.tv_nsec <= 50000000);
	it.it_value.tv_nsec = 0;	/* disarm, read the old value */
	UK_TEST_EXPECT_INT_EQ(SC(timer_settime, L(id), 0, L(&it), L(&cur)), 0);
	UK_TEST_EXPECT_INT_GT(cur.it_value.tv_nsec, 0);
	SC(timer_gettime, L(id), L(&cur), 0, 0);
	UK_TEST_EXPECT_INT_EQ(cur.it_value.tv_nsec, 0);
	UK_TEST_EXPECT_INT_EQ(SC(timer_getoverrun, L(id), 0, 0, 0), 0);
	it.it_value.tv_nsec = 1000000000;
	UK_TEST_EXPECT_INT_EQ(SC(timer_settime, L(id), 0, L(&it), 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(timer_delete, L(id), 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(timer_delete, L(id), 0, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(timer_gettime, 999, L(&cur), 0, 0), -EINVAL);
}

UK_TESTCASE(posix_time, timer_create_errors_and_limit)
{
	struct sigevent sev = { .sigev_notify = SIGEV_NONE };
	timer_t ids[CONFIG_LIBPOSIX_TIME_TIMERS + 1];
	int i, n = 0;

	UK_TEST_EXPECT_INT_EQ(SC(timer_create, 99, L(&sev), L(&ids[0]), 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(timer_create, CLOCK_THREAD_CPUTIME_ID, L(&sev),
				 L(&ids[0]), 0), -EINVAL);
	sev.sigev_notify = 4;	/* SIGEV_THREAD_ID */
	UK_TEST_EXPECT_INT_EQ(SC(timer_create, CLOCK_MONOTONIC, L(&sev),
				 L(&ids[0]), 0), -EINVAL);
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = 0;
	UK_TEST_EXPECT_INT_EQ(SC(timer_create, CLOCK_MONOTONIC, L(&sev),
				 L(&ids[0]), 0), -EINVAL);
	sev.sigev_notify = SIGEV_NONE;
	for (i = 0; i <= CONFIG_LIBPOSIX_TIME_TIMERS; i++)
		if (SC(timer_create, CLOCK_REALTIME, L(&sev), L(&ids[n]), 0) == 0)
			n++;
	UK_TEST_EXPECT_INT_EQ(n, CONFIG_LIBPOSIX_TIME_TIMERS);	/* then EAGAIN */
	for (i = 0; i < n; i++)
		SC(timer_delete, L(ids[i]), 0, 0, 0);
}

#if CONFIG_LIBPOSIX_SIGNAL
static volatile int timer_hits, timer_code, timer_val;
static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	timer_hits++;
	timer_code = si->si_code;
	timer_val = si->si_value.sival_int;
}

struct k_act { void *h; unsigned long flags; void *r; unsigned long mask; };

UK_TESTCASE(posix_time, timer_signal_reaches_the_handler)
{
	struct k_act a = { .h = on_timer, .flags = SA_SIGINFO }, dfl = { 0 };
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL,
				.sigev_signo = SIGALRM,
				.sigev_value.sival_int = 42 };
	struct itimerspec it = { .it_value = { 0, 5000000 } };
	uint64_t none = 0;
	timer_t id;

	UK_TEST_ASSERT_INT_EQ(SC(rt_sigaction, SIGALRM, L(&a), 0, 8), 0);
	UK_TEST_ASSERT_INT_EQ(SC(timer_create, CLOCK_MONOTONIC, L(&sev), L(&id), 0), 0);
	timer_hits = 0;
	UK_TEST_EXPECT_INT_EQ(SC(timer_settime, L(id), 0, L(&it), 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigsuspend, L(&none), 8, 0, 0), -EINTR);
	UK_TEST_EXPECT_INT_EQ(timer_hits, 1);
	UK_TEST_EXPECT_INT_EQ(timer_code, SI_TIMER);
	UK_TEST_EXPECT_INT_EQ(timer_val, 42);
	/* periodic: three more */
	it.it_interval.tv_nsec = 2000000;
	SC(timer_settime, L(id), 0, L(&it), 0);
	while (timer_hits < 4)
		SC(rt_sigsuspend, L(&none), 8, 0, 0);
	UK_TEST_EXPECT_INT_EQ(SC(timer_delete, L(id), 0, 0, 0), 0);
	SC(rt_sigaction, SIGALRM, L(&dfl), 0, 8);
}
#endif
#endif

UK_TESTCASE(posix_time, getrusage_cpu_times)
{
	struct rusage a, b;
	struct timespec cpu;

	UK_TEST_EXPECT_INT_EQ(SC(getrusage, RUSAGE_SELF, L(&a), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(clock_gettime, CLOCK_PROCESS_CPUTIME_ID, L(&cpu), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getrusage, RUSAGE_SELF, L(&b), 0, 0), 0);
	/* user time is the process's CPU time, read between the two */
	UK_TEST_EXPECT(a.ru_utime.tv_sec < cpu.tv_sec ||
		       (a.ru_utime.tv_sec == cpu.tv_sec &&
			a.ru_utime.tv_usec <= cpu.tv_nsec / 1000));
	UK_TEST_EXPECT(b.ru_utime.tv_sec > cpu.tv_sec ||
		       (b.ru_utime.tv_sec == cpu.tv_sec &&
			b.ru_utime.tv_usec >= cpu.tv_nsec / 1000));
	UK_TEST_EXPECT(a.ru_utime.tv_sec > 0 || a.ru_utime.tv_usec > 0);
	UK_TEST_EXPECT_INT_LT(a.ru_utime.tv_usec, 1000000);
	UK_TEST_EXPECT_INT_EQ(a.ru_stime.tv_sec + a.ru_stime.tv_usec, 0);
	UK_TEST_EXPECT_INT_EQ(SC(getrusage, RUSAGE_THREAD, L(&a), 0, 0), 0);
	memset(&a, 0xff, sizeof(a));
	UK_TEST_EXPECT_INT_EQ(SC(getrusage, RUSAGE_CHILDREN, L(&a), 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(a.ru_utime.tv_sec + a.ru_utime.tv_usec, 0);
	UK_TEST_EXPECT_INT_EQ(a.ru_maxrss, 0);
	UK_TEST_EXPECT_INT_EQ(SC(getrusage, 5, L(&a), 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(getrusage, RUSAGE_SELF, 0, 0, 0), -EFAULT);
}
