/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched's cases, run by uktest in the thread "main" under whichever
 * policy the image runs (test/cases/sched.sh builds both). Cases that
 * only make sense under one policy skip under the other (UK_TEST_SKIP).
 */
#include <errno.h>
#include <uk/test.h>
#include <uk/sched.h>
#include <uk/wait.h>
#include <uk/alloc.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/plat/tls.h>
#include "../sched_private.h"

#define MS 1000000ULL

static int is_preempt(void)
{
	const char *n = uk_sched_name();

	return n && n[0] == 'p';
}

static void *ret_arg(void *arg)
{
	return arg;
}

UK_TESTCASE(uksched, create_join_returns_value)
{
	struct uk_thread *t;
	void *r = NULL;

	UK_TEST_ASSERT_STR_EQ(uk_sched_thread_name(uk_sched_thread_current()), "main");
	t = uk_sched_thread_create("ret", ret_arg, (void *)0x1234);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_STR_EQ(uk_sched_thread_name(t), "ret");
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_join(t, &r), 0);
	UK_TEST_EXPECT_PTR_EQ(r, (void *)0x1234);
}

UK_TESTCASE(uksched, join_errors)
{
	struct uk_thread *t;

	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_join(uk_sched_thread_current(), NULL),
			      -EINVAL);
	t = uk_sched_thread_create("d", ret_arg, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_detach(t), 0);
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_detach(t), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_join(t, NULL), -EINVAL);
	uk_sched_yield();	/* let it run and be reaped */
	UK_TEST_EXPECT(uk_is_err(uk_sched_thread_create(NULL, NULL, NULL)));
}

static int order[8], norder;

static void *yielder(void *arg)
{
	int i;

	for (i = 0; i < 3; i++) {
		order[norder++] = (int)(uintptr_t)arg;
		uk_sched_yield();
	}
	return NULL;
}

UK_TESTCASE(uksched, yield_round_robin)
{
	struct uk_thread *a, *b;

	norder = 0;
	a = uk_sched_thread_create("a", yielder, (void *)1);
	b = uk_sched_thread_create("b", yielder, (void *)2);
	UK_TEST_ASSERT(!uk_is_err(a) && !uk_is_err(b));
	uk_sched_thread_join(a, NULL);
	uk_sched_thread_join(b, NULL);
	UK_TEST_ASSERT_INT_EQ(norder, 6);
	UK_TEST_EXPECT_INT_EQ(order[0], 1);
	UK_TEST_EXPECT_INT_EQ(order[1], 2);
	UK_TEST_EXPECT_INT_EQ(order[2], 1);
	UK_TEST_EXPECT_INT_EQ(order[3], 2);
}

static void *detached_fn(void *arg)
{
	(*(int *)arg)++;
	return NULL;
}

UK_TESTCASE(uksched, detached_threads_free_themselves)
{
	struct uk_thread_attr attr = { .flags = UK_THREAD_DETACHED };
	struct uk_sched_stats before, after;
	int n = 0, i;

	uk_sched_stats(&before);
	for (i = 0; i < 10; i++)
		UK_TEST_ASSERT(!uk_is_err(uk_sched_thread_create_attr("det", &attr,
							detached_fn, &n)));
	while (n < 10)
		uk_sched_yield();
	uk_sched_yield();
	uk_sched_stats(&after);
	UK_TEST_EXPECT_INT_EQ(after.threads, before.threads);
}

static void *parker(void *arg)
{
	int *st = arg;

	st[0] = uk_sched_thread_block();
	st[1] = uk_sched_thread_block_until(uk_sched_deadline_in(5 * MS));
	return NULL;
}

UK_TESTCASE(uksched, block_wake_and_timeout)
{
	int st[2] = { 99, 99 };
	struct uk_thread *t = uk_sched_thread_create("park", parker, st);

	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_yield();		/* t blocks */
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_wake(t), 1);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(st[0], 0);
	UK_TEST_EXPECT_INT_EQ(st[1], -ETIMEDOUT);

	/* A wake before the block is not lost. */
	uk_sched_thread_wake(uk_sched_thread_current());
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_block_until(uk_sched_deadline_in(MS)), 0);
}

static struct uk_waitq kept_wq = UK_WAITQ_INITIALIZER;
static volatile int kept_go;

static void *waits_then_parks(void *arg)
{
	unsigned long fl = ukplat_irq_save();

	uk_sched_waitq_wait_cond_irqoff(&kept_wq, kept_go, 0);
	ukplat_irq_restore(fl);
	*(int *)arg = uk_sched_thread_block_until(uk_sched_deadline_in(200 * MS));
	return NULL;
}

/* A wake for a thread blocked on something else (here a wait queue, in
 * lwIP's receive thread the stack's lock) neither disturbs that wait
 * nor is lost: the thread's next park returns at once. */
UK_TESTCASE(uksched, wake_while_waiting_elsewhere_is_kept)
{
	int rc = 99;
	struct uk_thread *t = uk_sched_thread_create("kept", waits_then_parks, &rc);

	UK_TEST_ASSERT(!uk_is_err(t));
	kept_go = 0;
	uk_sched_yield();		/* t waits on kept_wq */
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_wake(t), 0);
	kept_go = 1;
	UK_TEST_EXPECT_INT_EQ(uk_sched_waitq_wake_one(&kept_wq), 1);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(rc, 0);
}

static void *sleeper_long(void *arg __uk_unused)
{
	uk_sched_sleep_ns(200 * MS);
	return NULL;
}

UK_TESTCASE(uksched, join_until_times_out)
{
	struct uk_thread *t = uk_sched_thread_create("long", sleeper_long, NULL);

	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_join_until(t, NULL,
					uk_sched_deadline_in(10 * MS)),
			      -ETIMEDOUT);
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_join(t, NULL), 0);
}

/* Many sleepers: each wakes no earlier than asked, and in deadline
 * order; most wake not much later. TCG is slow and noisy: 30 ms of
 * slack; under Xen in TCG, 100 ms (the timer goes through Xen's own
 * emulated LAPIC timer, then an event channel; a loaded host delays
 * both). A host that stops QEMU for tens of ms makes the sleepers due
 * meanwhile late, a few of them; a timer that fires late makes them all
 * late, so "not much later" is asked of at least half of them (the
 * median). */
#define NSLEEP 24
#ifdef CONFIG_PLAT_XEN
#define SLEEP_SLACK (100 * MS)
#else
#define SLEEP_SLACK (30 * MS)
#endif
static uint64_t woke_at[NSLEEP], asked[NSLEEP];
static int wake_order[NSLEEP], nwoke;

static void *sleeper(void *arg)
{
	int i = (int)(uintptr_t)arg;

	uk_sched_sleep_until(asked[i]);
	woke_at[i] = ukplat_monotonic_ns();
	wake_order[nwoke++] = i;
	return NULL;
}

UK_TESTCASE(uksched, sleep_accuracy_many_sleepers)
{
	struct uk_thread *t[NSLEEP];
	uint64_t start = ukplat_monotonic_ns() + 20 * MS;
	int i, late = 0;

	nwoke = 0;
	for (i = 0; i < NSLEEP; i++) {
		/* Shuffled deadlines, 8 ms apart. */
		asked[i] = start + (uint64_t)((i * 7) % NSLEEP) * 8 * MS;
		t[i] = uk_sched_thread_create("sleeper", sleeper, (void *)(uintptr_t)i);
		UK_TEST_ASSERT(!uk_is_err(t[i]));
	}
	for (i = 0; i < NSLEEP; i++)
		uk_sched_thread_join(t[i], NULL);
	UK_TEST_ASSERT_INT_EQ(nwoke, NSLEEP);
	for (i = 0; i < NSLEEP; i++) {
		UK_TEST_EXPECT_UINT_GE(woke_at[i], asked[i]);
		if (woke_at[i] - asked[i] > SLEEP_SLACK)
			late++;
	}
	UK_TEST_EXPECT_INT_LE(late, NSLEEP / 2);
	for (i = 1; i < NSLEEP; i++)
		UK_TEST_EXPECT_UINT_LE(asked[wake_order[i - 1]],
				       asked[wake_order[i]]);
}

UK_TESTCASE(uksched, sleep_main_thread)
{
	uint64_t t0 = ukplat_monotonic_ns();

	uk_sched_sleep_ns(10 * MS);
	UK_TEST_EXPECT_UINT_GE(ukplat_monotonic_ns() - t0, 10 * MS);
	UK_TEST_EXPECT_UINT_LT(ukplat_monotonic_ns() - t0, 60 * MS);
}

/* TLS: initialized and zeroed copies per thread, with odd alignment. */
static __thread int tls_init = 42;
static __thread char tls_zero[100];
static __thread uint64_t tls_aligned __attribute__((aligned(64))) = 7;

static void *tls_fn(void *arg)
{
	int id = (int)(uintptr_t)arg, bad = 0, i, k;

	if (tls_init != 42 || tls_aligned != 7 ||
	    ((uintptr_t)&tls_aligned & 63))
		bad |= 1;
	for (i = 0; i < (int)sizeof(tls_zero); i++)
		if (tls_zero[i])
			bad |= 2;
	if (*(uintptr_t *)ukplat_tlsp_get() != ukplat_tlsp_get())
		bad |= 4;
	for (k = 0; k < 5; k++) {
		tls_init = id;
		tls_zero[99] = (char)id;
		tls_aligned = id * 3;
		uk_sched_yield();
		if (tls_init != id || tls_zero[99] != (char)id ||
		    tls_aligned != (uint64_t)id * 3)
			bad |= 8;
	}
	return (void *)(uintptr_t)bad;
}

UK_TESTCASE(uksched, tls_isolated_per_thread)
{
	struct uk_thread *t[4];
	void *r;
	int i;

	tls_init = 1000;
	for (i = 0; i < 4; i++) {
		t[i] = uk_sched_thread_create("tls", tls_fn, (void *)(uintptr_t)(i + 1));
		UK_TEST_ASSERT(!uk_is_err(t[i]));
	}
	for (i = 0; i < 4; i++) {
		uk_sched_thread_join(t[i], &r);
		UK_TEST_EXPECT_INT_EQ((long)(uintptr_t)r, 0);
	}
	UK_TEST_EXPECT_INT_EQ(tls_init, 1000);
}

/* Extended state: two FPU threads keep their own xmm0 across switches
 * (kernel code, between them, never touches it). */
static void *fpu_fn(void *arg)
{
	uint64_t mine = (uintptr_t)arg, got = 0;
	int k, bad = 0;

	for (k = 0; k < 4; k++) {
		__asm__ __volatile__("movq %0, %%xmm0" : : "r"(mine));
		uk_sched_yield();
		__asm__ __volatile__("movq %%xmm0, %0" : "=r"(got));
		if (got != mine)
			bad = 1;
	}
	return (void *)(uintptr_t)bad;
}

UK_TESTCASE(uksched, fpu_state_per_thread)
{
	struct uk_thread_attr attr = { .flags = UK_THREAD_FPU };
	struct uk_thread *a, *b;
	void *ra, *rb;

	a = uk_sched_thread_create_attr("fpa", &attr, fpu_fn, (void *)0xaaaa5555);
	b = uk_sched_thread_create_attr("fpb", &attr, fpu_fn, (void *)0x1234abcd);
	UK_TEST_ASSERT(!uk_is_err(a) && !uk_is_err(b));
	uk_sched_thread_join(a, &ra);
	uk_sched_thread_join(b, &rb);
	UK_TEST_EXPECT_NULL(ra);
	UK_TEST_EXPECT_NULL(rb);
}

static void *busy_fn(void *arg)
{
	uint64_t until = ukplat_monotonic_ns() + (uintptr_t)arg;

	while (ukplat_monotonic_ns() < until)
		;
	return NULL;
}

UK_TESTCASE(uksched, cpu_time_counted)
{
	struct uk_thread *t = uk_sched_thread_create("busy", busy_fn,
					       (void *)(uintptr_t)(5 * MS));
	uint64_t ns;

	UK_TEST_ASSERT(!uk_is_err(t));
	/* Read its CPU time before join frees it. */
	while (t->state != UK_THREAD_EXITED)
		uk_sched_yield();
	ns = uk_sched_thread_cpu_ns(t);
	uk_sched_thread_join(t, NULL);
#if CONFIG_LIBUKSCHED_CPUTIME
	UK_TEST_EXPECT_UINT_GE(ns, 5 * MS);
#else
	UK_TEST_EXPECT_UINT_EQ(ns, 0);
#endif
}

/* ukschedpreempt: a thread that never yields still loses the CPU. */
static volatile int spin_stop;
static volatile uint64_t spins;

static void *spinner(void *arg __uk_unused)
{
	while (!spin_stop)
		spins++;
	return NULL;
}

UK_TESTCASE(uksched, preempt_busy_loop)
{
	struct uk_thread *t;
	struct uk_sched_stats st;

	if (!is_preempt())
		UK_TEST_SKIP("cooperative scheduler: a busy loop never yields");
	spin_stop = 0;
	spins = 0;
	t = uk_sched_thread_create("spin", spinner, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_yield();	/* the spinner runs until its slice ends */
	UK_TEST_EXPECT_UINT_GT(spins, 0);
	spin_stop = 1;
	uk_sched_thread_join(t, NULL);
	uk_sched_stats(&st);
	UK_TEST_EXPECT_UINT_GT(st.preemptions, 0);
}

/*
 * Wake-up preemption (ukschedpreempt's README): a woken thread of higher
 * priority runs at once. Both cases assert the order of events, not that
 * the woken thread ran at some point.
 */
static volatile int hi_step;

static void *hi_blocker(void *arg __uk_unused)
{
	hi_step = 1;
	uk_sched_thread_block();
	hi_step = 2;
	return NULL;
}

/* Waker a thread: the woken one has run before uk_sched_thread_wake() returns. */
UK_TESTCASE(uksched, preempt_wake_runs_woken_before_waker_goes_on)
{
	struct uk_thread_attr hi = { .prio = UK_THREAD_PRIO_DEFAULT + 4 };
	struct uk_thread *h;
	int woke;

	if (!is_preempt())
		UK_TEST_SKIP("cooperative scheduler: no wake-up preemption");
	hi_step = 0;
	h = uk_sched_thread_create_attr("hi", &hi, hi_blocker, NULL);
	UK_TEST_ASSERT(!uk_is_err(h));
	while (hi_step == 0)
		uk_sched_yield();	/* to the higher priority: it blocks */
	woke = uk_sched_thread_wake(h);
	UK_TEST_EXPECT_INT_EQ(hi_step, 2);	/* read right after the wake */
	UK_TEST_EXPECT_INT_EQ(woke, 1);
	uk_sched_thread_join(h, NULL);
}

static volatile uint64_t hi_woke;

static void *hi_sleeper(void *arg)
{
	uk_sched_sleep_until(*(uint64_t *)arg);
	hi_woke = ukplat_monotonic_ns();
	return NULL;
}

/*
 * Waker the timer: a higher-priority thread sleeps for a tenth of a
 * slice while main spins without yielding. The timer interrupt that
 * wakes it must switch to it right there, so main, spinning, never sees
 * it runnable-but-not-running; a scheduler that lets the woken thread
 * wait for the slice's end leaves it runnable for most of a slice while
 * main spins and watches. No deadline is involved (a late interrupt on
 * a loaded host delays both alike); when the host stops the image past
 * the slice's end, the two schedulers look alike, so five tries.
 */
#define WAKE_TRIES 5

UK_TESTCASE(uksched, preempt_timer_wake_interrupts_busy_thread)
{
	struct uk_thread_attr hi = { .prio = UK_THREAD_PRIO_DEFAULT + 4 };
	struct uk_thread *h;
	uint64_t slice, wake, limit;
	int i, seen_runnable = 0, ran = 0;

	if (!is_preempt())
		UK_TEST_SKIP("cooperative scheduler: no wake-up preemption");
#ifdef CONFIG_LIBUKSCHEDPREEMPT_SLICE_US
	slice = (uint64_t)CONFIG_LIBUKSCHEDPREEMPT_SLICE_US * 1000;
#else
	slice = 10 * MS;
#endif
	for (i = 0; i < WAKE_TRIES; i++) {
		hi_woke = 0;
		wake = ukplat_monotonic_ns() + slice / 10;
		h = uk_sched_thread_create_attr("hi", &hi, hi_sleeper, &wake);
		UK_TEST_ASSERT(!uk_is_err(h));
		uk_sched_yield();	/* hi runs (if create did not switch) */
		limit = wake + 5 * slice;	/* only against a hang */
		while (!hi_woke && ukplat_monotonic_ns() < limit) {
			if (*(volatile enum uk_thread_state *)&h->state ==
			    UK_THREAD_RUNNABLE) {
				seen_runnable++;	/* woken, not run */
				break;
			}
		}
		ran += hi_woke != 0;
		uk_sched_thread_join(h, NULL);
	}
	UK_TEST_EXPECT_INT_EQ(seen_runnable, 0);
	UK_TEST_EXPECT_INT_EQ(ran, WAKE_TRIES);
}

/* 10,000 create/join cycles leave the allocator where it was. */
UK_TESTCASE(uksched, create_join_10000_no_leak)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_alloc_stats s0, s1;
	struct uk_thread *t;
	int i, fails = 0;

	if (uk_alloc_stats(a, &s0) < 0)
		UK_TEST_SKIP("ukalloc statistics compiled out (LIBUKALLOC_STATS)");
	for (i = 0; i < 10000; i++) {
		t = uk_sched_thread_create("cyc", ret_arg, NULL);
		if (uk_is_err(t)) {
			fails++;
			continue;
		}
		uk_sched_thread_join(t, NULL);
	}
	uk_alloc_stats(a, &s1);
	UK_TEST_EXPECT_INT_EQ(fails, 0);
	UK_TEST_EXPECT_UINT_EQ(s1.cur_bytes, s0.cur_bytes);
	UK_TEST_EXPECT_UINT_EQ(s1.cur_blocks, s0.cur_blocks);
}

/* The stack's canary or guard: a thread's stack is where we think. */
static void *stack_fn(void *arg)
{
	struct uk_thread *t = uk_sched_thread_current();
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

	*(int *)arg = sp > t->stack_lo && sp < (uintptr_t)t;
	return NULL;
}

UK_TESTCASE(uksched, stack_bounds)
{
	struct uk_thread_attr attr = { .stack_size = 16384 };
	struct uk_thread *t;
	int ok = 0;

	t = uk_sched_thread_create_attr("stk", &attr, stack_fn, &ok);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(ok, 1);
	attr.stack_size = 100;
	UK_TEST_EXPECT(uk_is_err(uk_sched_thread_create_attr("x", &attr,
						       stack_fn, &ok)));
}

/*
 * ukschedpreempt + ukalloc: threads that allocate and free without ever
 * yielding are preempted between allocator calls (and, without
 * CONFIG_LIBUKALLOC_IRQSAFE, in the middle of them); with it each call is
 * atomic, so every block keeps its owner's pattern and the heap's
 * bytes in use return to where they were. A race that is rarely hit:
 * preempt_irqsafe_allocator_call_is_atomic below is the deterministic
 * check of the same promise.
 */
#define ALLOC_THREADS	3
#define ALLOC_LIVE	16

static volatile int alloc_bad;

static void *alloc_churn(void *arg)
{
	uint8_t id = (uint8_t)(uintptr_t)arg;
	uint32_t x = 0x9e3779b9u * (id + 1);
	uint8_t *live[ALLOC_LIVE] = { 0 };
	size_t len[ALLOC_LIVE] = { 0 };
	uint64_t until = ukplat_monotonic_ns() + 40 * MS;
	struct uk_alloc *a = uk_alloc_get_default();
	unsigned int i, k;

	while (ukplat_monotonic_ns() < until) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		k = x % ALLOC_LIVE;
		if (live[k]) {
			for (i = 0; i < len[k]; i++)
				if (live[k][i] != id)
					alloc_bad = 1;
			uk_free(a, live[k]);
		}
		len[k] = 1 + (x >> 8) % 512;
		live[k] = uk_malloc(a, len[k]);
		if (live[k])
			for (i = 0; i < len[k]; i++)
				live[k][i] = id;
	}
	for (k = 0; k < ALLOC_LIVE; k++)
		uk_free(a, live[k]);
	return NULL;
}

UK_TESTCASE(uksched, preempted_allocations_stay_consistent)
{
	struct uk_thread *t[ALLOC_THREADS];
	struct uk_sched_stats before, after;
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_alloc_stats s0, s1;
	int stats;
	unsigned int i;

#if !CONFIG_LIBUKALLOC_IRQSAFE
	UK_TEST_SKIP("allocator calls are not atomic (LIBUKALLOC_IRQSAFE off)");
#endif
	if (!is_preempt())
		UK_TEST_SKIP("cooperative scheduler: nothing interrupts a call");
	alloc_bad = 0;
	stats = uk_alloc_stats(a, &s0) == 0;
	uk_sched_stats(&before);
	for (i = 0; i < ALLOC_THREADS; i++) {
		t[i] = uk_sched_thread_create("churn", alloc_churn,
					(void *)(uintptr_t)(i + 1));
		UK_TEST_ASSERT(!uk_is_err(t[i]));
	}
	for (i = 0; i < ALLOC_THREADS; i++)
		uk_sched_thread_join(t[i], NULL);
	uk_sched_stats(&after);
	UK_TEST_EXPECT_INT_EQ(alloc_bad, 0);
	UK_TEST_EXPECT_UINT_GT(after.preemptions, before.preemptions);
	if (stats) {
		uk_alloc_stats(a, &s1);
		UK_TEST_EXPECT_UINT_EQ(s1.cur_bytes, s0.cur_bytes);
		UK_TEST_EXPECT_UINT_EQ(s1.cur_blocks, s0.cur_blocks);
	}
}

/*
 * CONFIG_LIBUKALLOC_IRQSAFE, deterministically: a probe allocator whose
 * malloc spins for two time slices while a thread of the same priority
 * is runnable, so a slice ends inside the allocator call on purpose. The
 * call is atomic only if interrupts were off in it and no switch
 * happened during it; the switch the timer owed then happens as soon as
 * the call returns (the control: a timer did fire inside the call).
 */
static volatile int probe_irq_on;
static volatile uint64_t probe_switches_in, probe_switches_out;

static uint64_t probe_slice(void)
{
#ifdef CONFIG_LIBUKSCHEDPREEMPT_SLICE_US
	return (uint64_t)CONFIG_LIBUKSCHEDPREEMPT_SLICE_US * 1000;
#else
	return 10 * MS;
#endif
}

static void *probe_malloc(struct uk_alloc *a __uk_unused, size_t size)
{
	uint64_t until = ukplat_monotonic_ns() + 2 * probe_slice();
	struct uk_sched_stats st;

	probe_irq_on = ukplat_irq_enabled();
	uk_sched_stats(&st);
	probe_switches_in = st.switches;
	while (ukplat_monotonic_ns() < until)
		;
	uk_sched_stats(&st);
	probe_switches_out = st.switches;
	return uk_malloc(uk_alloc_get_default(), size);
}

static void probe_free(struct uk_alloc *a __uk_unused, void *p)
{
	uk_free(uk_alloc_get_default(), p);
}

static size_t probe_usable_size(struct uk_alloc *a __uk_unused, const void *p)
{
	return uk_alloc_usable_size(uk_alloc_get_default(), p);
}

static size_t probe_mem(struct uk_alloc *a __uk_unused)
{
	return 0;
}

static const struct uk_alloc_ops probe_ops = {
	.malloc = probe_malloc,
	.free = probe_free,
	.usable_size = probe_usable_size,
	.availmem = probe_mem,
	.totalmem = probe_mem,
};

UK_TESTCASE(uksched, preempt_irqsafe_allocator_call_is_atomic)
{
	struct uk_alloc probe = { .ops = &probe_ops, .name = "probe" };
	struct uk_sched_stats before, after;
	struct uk_thread *t;
	void *p;

#if !CONFIG_LIBUKALLOC_IRQSAFE
	UK_TEST_SKIP("allocator calls are not atomic (LIBUKALLOC_IRQSAFE off)");
#endif
	if (!is_preempt())
		UK_TEST_SKIP("cooperative scheduler: nothing interrupts a call");
	spin_stop = 0;
	t = uk_sched_thread_create("spin", spinner, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_stats(&before);
	p = uk_malloc(&probe, 64);
	uk_sched_stats(&after);
	spin_stop = 1;
	uk_sched_thread_join(t, NULL);
	uk_free(&probe, p);
	UK_TEST_EXPECT_NOT_NULL(p);
	UK_TEST_EXPECT_INT_EQ(probe_irq_on, 0);
	UK_TEST_EXPECT_UINT_EQ(probe_switches_out, probe_switches_in);
	UK_TEST_EXPECT_UINT_GT(after.preemptions, before.preemptions);
}
