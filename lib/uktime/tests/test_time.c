/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The platform's time contract (<uk/plat/time.h>, <uk/plat/irq.h>), the
 * same cases on every platform. Measured values are printed as
 * "uktime: ..." lines for test/cases/time.sh. The timer bounds are
 * generous: QEMU under TCG on a loaded host is not a benchmark.
 */
#include <uk/param.h>
#include <uk/plat/console.h>
#include <uk/plat/irq.h>
#include <uk/test.h>
#include <uk/time.h>

#define MS		1000000ULL
#define LATE_BOUND	(50 * MS)	/* a timer may be this late */
#define Y2020		1577836800ULL	/* 2020-01-01T00:00:00Z */

static unsigned long test_host_s;
UK_PARAM(test_host_s, UK_PARAM_ULONG, &test_host_s,
	 "tests: the host's time (s since 1970); the wall clock must be within 5 s");

static void put(const char *s)
{
	const char *e = s;

	while (*e)
		e++;
	ukplat_console_write(s, e - s);
}

static void put_u(uint64_t v)
{
	char buf[24], *p = buf + sizeof(buf);

	*--p = '\0';
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	put(p);
}

static volatile int fired;
static volatile uint64_t fired_at;

static void on_timer(void)
{
	fired_at = ukplat_monotonic_ns();
	fired++;
}

/* Spin with interrupts on until the timer fired or the clock passed
 * limit (not idle: a timer that never fires must not hang the test). */
static void wait_fired(uint64_t limit)
{
	unsigned long flags = ukplat_irq_save();

	ukplat_irq_enable();
	while (!fired && ukplat_monotonic_ns() < limit)
		;
	ukplat_irq_restore(flags);
}

UK_TESTCASE(uktime, monotonic_never_decreases)
{
	uint64_t first = ukplat_monotonic_ns(), prev = first, now;
	int i, back = 0;

	for (i = 0; i < 20000; i++) {
		now = ukplat_monotonic_ns();
		if (now < prev)
			back++;
		prev = now;
	}
	UK_TEST_EXPECT_INT_EQ(back, 0);
	UK_TEST_EXPECT_UINT_GT(prev, first);
}

UK_TESTCASE(uktime, wallclock_after_2020)
{
	uint64_t s = ukplat_wallclock_ns() / UKPLAT_NSEC_PER_SEC;

	put("uktime: wall clock ");
	put_u(s);
	put(" s\n");
	UK_TEST_EXPECT_UINT_GT(s, Y2020);
	if (test_host_s) {
		UK_TEST_EXPECT_UINT_LE(s, test_host_s + 5);
		UK_TEST_EXPECT_UINT_GE(s + 5, test_host_s);
	}
}

UK_TESTCASE(uktime, wallclock_moves_with_monotonic)
{
	uint64_t w0 = ukplat_wallclock_ns(), m0 = ukplat_monotonic_ns();
	uint64_t w1, m1;

	while (ukplat_monotonic_ns() < m0 + 2 * MS)
		;
	w1 = ukplat_wallclock_ns();
	m1 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_UINT_GE(w1 - w0 + MS, m1 - m0);
	UK_TEST_EXPECT_UINT_LE(w1 - w0, m1 - m0 + MS);
}

UK_TESTCASE(uktime, irq_save_restore_nest)
{
	unsigned long outer, inner;
	int was = ukplat_irq_enabled();

	outer = ukplat_irq_save();
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), 0);
	inner = ukplat_irq_save();
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), 0);
	ukplat_irq_restore(inner);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), 0);
	ukplat_irq_restore(outer);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), was);
	UK_TEST_EXPECT_INT_EQ(!!outer, was);
}

UK_TESTCASE(uktime, timer_10ms_not_early_not_late)
{
	uint64_t deadline;

	fired = 0;
	ukplat_timer_set_handler(on_timer);
	deadline = ukplat_monotonic_ns() + 10 * MS;
	UK_TEST_ASSERT_INT_EQ(ukplat_timer_arm(deadline), 0);
	wait_fired(deadline + 2000 * MS);
	ukplat_timer_set_handler(NULL);
	UK_TEST_ASSERT_INT_EQ(fired, 1);
	put("uktime: timer 10 ms fired ");
	put_u(fired_at >= deadline ? fired_at - deadline : 0);
	put(" ns after its deadline\n");
	UK_TEST_EXPECT_UINT_GE(fired_at, deadline);
	UK_TEST_EXPECT_UINT_LE(fired_at, deadline + LATE_BOUND);
}

UK_TESTCASE(uktime, timer_past_deadline_fires_now)
{
	uint64_t now;

	fired = 0;
	ukplat_timer_set_handler(on_timer);
	now = ukplat_monotonic_ns();
	UK_TEST_ASSERT_INT_EQ(ukplat_timer_arm(now - 1), 0);
	wait_fired(now + 2000 * MS);
	ukplat_timer_set_handler(NULL);
	UK_TEST_ASSERT_INT_EQ(fired, 1);
	UK_TEST_EXPECT_UINT_LE(fired_at, now + LATE_BOUND);
}

UK_TESTCASE(uktime, timer_disarm)
{
	uint64_t now;

	fired = 0;
	ukplat_timer_set_handler(on_timer);
	now = ukplat_monotonic_ns();
	UK_TEST_ASSERT_INT_EQ(ukplat_timer_arm(now + 2 * MS), 0);
	UK_TEST_EXPECT_INT_EQ(ukplat_timer_arm(0), 0);
	wait_fired(now + 20 * MS);
	ukplat_timer_set_handler(NULL);
	UK_TEST_EXPECT_INT_EQ(fired, 0);
}

UK_TESTCASE(uktime, sleep_10ms)
{
	uint64_t t0 = ukplat_monotonic_ns(), dt;

	uk_time_sleep_ns(10 * MS);
	dt = ukplat_monotonic_ns() - t0;
	put("uktime: sleep 10 ms took ");
	put_u(dt);
	put(" ns\n");
	UK_TEST_EXPECT_UINT_GE(dt, 10 * MS);
	UK_TEST_EXPECT_UINT_LE(dt, 10 * MS + LATE_BOUND);
}

UK_TESTCASE(uktime, idle_returns_with_irqs_off)
{
	unsigned long flags = ukplat_irq_save();

	UK_TEST_ASSERT_INT_EQ(ukplat_timer_arm(ukplat_monotonic_ns() + MS), 0);
	ukplat_idle();
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), 0);
	ukplat_irq_restore(flags);
}
