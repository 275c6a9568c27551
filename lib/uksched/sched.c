/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched's core: switching, blocking, sleeping, the timer and the idle
 * thread. Layers, top to bottom:
 *
 *	uk_sched_yield/sleep, uk_sched_thread_block/wake   (this file, public)
 *	uksched_block / uksched_make_runnable         (state changes)
 *	uksched_schedule -> switch_to                 (policy pick, switch)
 *	ukarch_ctx_switch                             (arch/x86_64/ctx_switch.S)
 *
 * Locking: one CPU; everything in `uksched` is touched only with
 * interrupts off. A switch happens with interrupts off and each thread
 * restores its own saved state when it resumes, so a thread's interrupt
 * state follows it. Interrupts are off: inside this file's functions,
 * inside uklock's calls, in the idle loop except while halted, and in
 * interrupt handlers. Preemption (ukschedpreempt) happens only from the
 * timer interrupt, hence only where interrupts were on.
 */
#include <errno.h>
#include <uk/arch/tls.h>
#include <uk/assert.h>
#include <uk/param.h>
#include <uk/print.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/plat/tls.h>
#include "sched_private.h"

struct uksched_state uksched;
int uksched_want_resched;

static inline uint64_t now_ns(void)
{
	return ukplat_monotonic_ns();
}

/* Program the one-shot timer for the earliest of the first sleeper's
 * deadline and the end of the running slice (only ever earlier than
 * what is armed: a late fire just re-arms). */
static void rearm(void)
{
	uint64_t d = uksched.sleepers ? uksched.sleepers->deadline : 0;

	if (uksched.slice_end && (!d || uksched.slice_end < d))
		d = uksched.slice_end;
	if (d == uksched.armed || (d && uksched.armed && uksched.armed <= d &&
				   uksched.armed > now_ns()))
		return;
	uksched.armed = d;
	ukplat_timer_arm(d);
}

/* Without a guard page, catch an overflow when the thread is switched
 * out: its stack pointer below the stack, or the canary at the bottom
 * overwritten. Best effort: what lies below was already written. */
static void check_stack(struct uk_thread *t)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0);

	if (t->flags & (UK_THREAD_GUARDED | UK_THREAD_MAIN))
		return;
	if (uk_unlikely(sp < t->stack_lo + 64 ||
			*(uint64_t *)t->stack_lo != UKSCHED_CANARY))
		UK_CRASH("thread \"%s\" overflowed its stack [%p, %p) (sp %p)",
			 t->name, (void *)t->stack_lo, (void *)t, (void *)sp);
}

/* After a switch, on the new thread: free an exited detached thread
 * (it could not free the stack it was running on). */
static void reap(void)
{
	struct uk_thread *t = uksched.reap;

	if (t) {
		uksched.reap = NULL;
		uksched_thread_free(t);
	}
}

/* Start next's time slice (policies with slices) and account CPU time.
 * Also when next == prev: a thread picked again gets a fresh slice
 * (else the timer would fire at once, again and again). */
static void account(struct uk_thread *prev, struct uk_thread *next)
{
#if CONFIG_LIBUKSCHED_CPUTIME || CONFIG_LIBUKSCHEDPREEMPT
	struct uk_sched *s = &uksched.sched;
	uint64_t now = now_ns();

	if (next != prev) {
		prev->cpu_ns += now - prev->run_since;
		next->run_since = now;
	}
	if (s->ops->slice_ns) {
		uint64_t sl = (next->flags & UK_THREAD_IDLE) ? 0 :
			      s->ops->slice_ns(s, next);

		uksched.slice_end = sl ? now + sl : 0;
		rearm();
	}
#else
	(void)prev;
	(void)next;
#endif
}

static void switch_to(struct uk_thread *next)
{
	struct uk_thread *prev = uksched.current;

	check_stack(prev);
	account(prev, next);
	if (next == prev) {
		prev->state = UK_THREAD_RUNNING;
		return;
	}
	if (uksched.tls && next->tlsp)
		ukplat_tlsp_set(next->tlsp);
	if ((next->flags & UK_THREAD_FPU) && uksched.fpu_owner != next) {
		if (uksched.fpu_owner)
			ukarch_ectx_save(uksched.fpu_owner->ectx);
		ukarch_ectx_restore(next->ectx);
		uksched.fpu_owner = next;
	}
	next->state = UK_THREAD_RUNNING;
	uksched.current = next;
	uksched.stats.switches++;
	ukarch_ctx_switch(&prev->ctx, &next->ctx);
	/* prev runs again here, interrupts still off. */
	reap();
}

void uksched_schedule(void)
{
	struct uk_thread *next = uksched.sched.ops->pick(&uksched.sched);

	uksched_want_resched = 0;
	switch_to(next ? next : uksched.idle);
}

/* First code of every new thread (ukarch_ctx_init's entry). */
void uksched_thread_start(void *arg)
{
	struct uk_thread *t = arg;

	reap();
	ukplat_irq_enable();
	if (t->flags & UK_THREAD_HOOKED)
		uksched_hooks_start(t);
	uk_sched_thread_exit(t->fn(t->arg));
}

/* Sorted insert into the sleep list. */
static void sleep_insert(struct uk_thread *t, uint64_t deadline)
{
	struct uk_thread **pp = &uksched.sleepers;

	t->deadline = deadline;
	while (*pp && (*pp)->deadline <= deadline)
		pp = &(*pp)->sleep_next;
	t->sleep_next = *pp;
	*pp = t;
	if (uksched.sleepers == t)
		rearm();
}

static void sleep_remove(struct uk_thread *t)
{
	struct uk_thread **pp = &uksched.sleepers;

	while (*pp && *pp != t)
		pp = &(*pp)->sleep_next;
	if (*pp)
		*pp = t->sleep_next;
	t->sleep_next = NULL;
	t->deadline = 0;
}

void uksched_make_runnable(struct uk_thread *t)
{
	struct uk_sched *s = &uksched.sched;

	if (t->deadline)
		sleep_remove(t);
	if (t->waitq)
		uksched_waitq_remove(t);
	t->state = UK_THREAD_RUNNABLE;
	s->ops->enqueue(s, t);
	if (s->ops->preempts && s->ops->preempts(s, t, uksched.current))
		uksched_want_resched = 1;
}

int uksched_block(uint64_t deadline)
{
	struct uk_thread *t = uksched.current;

	UK_ASSERT(!(t->flags & UK_THREAD_IDLE));
	t->timed_out = 0;
	if (deadline) {
		if (deadline <= now_ns()) {
			if (t->waitq)
				uksched_waitq_remove(t);
			return -ETIMEDOUT;
		}
		sleep_insert(t, deadline);
	}
	t->state = UK_THREAD_BLOCKED;
	uksched_schedule();
	return t->timed_out ? -ETIMEDOUT : 0;
}

void uksched_maybe_preempt(unsigned long flags)
{
	(void)flags;
	if (uksched_want_resched && !uksched.in_timer &&
	    ukplat_irq_enabled())
		uk_sched_yield();
}

/* Interrupts off: wake the sleepers whose deadline has passed. */
static void wake_expired(uint64_t now)
{
	struct uk_thread *t;

	while ((t = uksched.sleepers) && t->deadline <= now) {
		uksched.sleepers = t->sleep_next;
		t->sleep_next = NULL;
		t->deadline = 0;
		t->timed_out = 1;
		uksched_make_runnable(t);
	}
}

/*
 * The timer interrupt (interrupts off, on the interrupted thread's
 * stack). Wakes sleepers; under a preemptive policy, takes the CPU from
 * a thread whose slice ended or that a woken thread outranks, by
 * switching right here: the interrupted thread resumes, later, by
 * returning from this handler through the platform's interrupt exit.
 * The idle thread is never switched away from here: it notices the
 * runnable threads itself when its halt returns.
 */
static void on_timer(void)
{
	struct uk_thread *cur = uksched.current;
	uint64_t now = now_ns();

	uksched.in_timer = 1;
	uksched.armed = 0;
	wake_expired(now);
	if (uksched.slice_end && now >= uksched.slice_end)
		uksched_want_resched = 1;
	if (uksched_want_resched && !(cur->flags & UK_THREAD_IDLE) &&
	    uksched.sched.ops->slice_ns) {
		uksched.stats.preemptions++;
		cur->state = UK_THREAD_RUNNABLE;
		uksched.sched.ops->enqueue(&uksched.sched, cur);
		uksched.in_timer = 0;
		uksched_schedule();
		/* cur resumes here, then returns from the interrupt. */
	}
	uksched.in_timer = 0;
	rearm();
}

static void *idle_fn(void *arg __uk_unused)
{
	struct uk_thread *next;

	ukplat_irq_disable();
	for (;;) {
		wake_expired(now_ns());
		next = uksched.sched.ops->pick(&uksched.sched);
		if (next) {
			uksched.idle->state = UK_THREAD_RUNNABLE;
			switch_to(next);
			continue;
		}
		rearm();
		uksched.stats.idle_halts++;
		ukplat_idle();	/* returns with interrupts off */
	}
	return NULL;
}

/* Public calls. */

struct uk_thread *uk_sched_thread_current(void)
{
	return uksched.current;
}

void uk_sched_yield(void)
{
	unsigned long fl = ukplat_irq_save();
	struct uk_thread *cur = uksched.current;

	cur->state = UK_THREAD_RUNNABLE;
	uksched.sched.ops->enqueue(&uksched.sched, cur);
	uksched_schedule();
	ukplat_irq_restore(fl);
}

uint64_t uk_sched_deadline_in(uint64_t ns)
{
	uint64_t now = now_ns();

	return now + ns < now ? UINT64_MAX : now + ns;
}

void uk_sched_sleep_until(uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();

	/* A stray uk_sched_thread_wake() may end the block early: sleep on. */
	while (deadline > now_ns())
		uksched_block(deadline);
	ukplat_irq_restore(fl);
}

void uk_sched_sleep_ns(uint64_t ns)
{
	uk_sched_sleep_until(uk_sched_deadline_in(ns));
}

int uk_sched_thread_block_until(uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();
	struct uk_thread *cur = uksched.current;
	int r = 0;

	if (cur->wake_pending) {
		cur->wake_pending = 0;
	} else {
		cur->parked = 1;
		r = uksched_block(deadline);
		cur->parked = 0;
	}
	ukplat_irq_restore(fl);
	return r;
}

int uk_sched_thread_block(void)
{
	return uk_sched_thread_block_until(0);
}

int uk_sched_thread_wake(struct uk_thread *t)
{
	unsigned long fl = ukplat_irq_save();
	int woke = 0;

	/*
	 * Only a parked thread is unparked. One blocked elsewhere (a mutex,
	 * a wait queue, a sleep) keeps the wake for its next park: made
	 * runnable there, it would block again at once and the wake would
	 * be lost (lwIP's receive thread, woken by the NIC while it waited
	 * for the stack's lock, then parked for good: the guest stopped
	 * answering, ARP included).
	 */
	if (t->state == UK_THREAD_BLOCKED && t->parked) {
		t->parked = 0;
		uksched_make_runnable(t);
		woke = 1;
	} else {
		t->wake_pending = 1;
	}
	ukplat_irq_restore(fl);
	uksched_maybe_preempt(fl);
	return woke;
}

const char *uk_sched_name(void)
{
	return uksched.sched.ops ? uksched.sched.ops->name : NULL;
}

void uk_sched_stats(struct uk_sched_stats *st)
{
	unsigned long fl = ukplat_irq_save();

	*st = uksched.stats;
	ukplat_irq_restore(fl);
}

uint64_t uk_sched_thread_cpu_ns(const struct uk_thread *t)
{
#if CONFIG_LIBUKSCHED_CPUTIME
	unsigned long fl = ukplat_irq_save();
	uint64_t ns = t->cpu_ns;

	if (t == uksched.current)
		ns += now_ns() - t->run_since;
	ukplat_irq_restore(fl);
	return ns;
#else
	(void)t;
	return 0;
#endif
}

/* Boot: pick the policy, make the boot context a thread, start idle. */

static const char *policy = CONFIG_LIBUKSCHED_DEFAULT_POLICY;
UK_PARAM(policy, UK_PARAM_STR, &policy,
	 "scheduler to run (coop, preempt: among those built in)");

static int name_eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static const struct uk_sched_ops *find_policy(void)
{
	const struct uk_sched_ops *const *o;

	if (!__start_uk_schedtab || &__start_uk_schedtab[0] == &__stop_uk_schedtab[0])
		return NULL;
	for (o = __start_uk_schedtab; o < __stop_uk_schedtab; o++)
		if (policy && name_eq((*o)->name, policy))
			return *o;
	if (policy && *policy)
		uk_pr_warn("uksched.policy=%s is not built in: using %s\n",
			   policy, (*__start_uk_schedtab)->name);
	return *__start_uk_schedtab;
}

static int uksched_init(void)
{
	struct uk_thread_attr idle_attr = {
		.stack_size = CONFIG_LIBUKSCHED_IDLE_STACK_SIZE,
		.prio = UK_THREAD_PRIO_MIN,
		.flags = UK_THREAD_DETACHED,
	};
	struct uk_thread *main_t, *idle;
	int r;

	uksched.sched.ops = find_policy();
	if (!uksched.sched.ops) {
		uk_pr_err("no scheduler built in (select ukschedcoop or ukschedpreempt)\n");
		return -ENODEV;
	}
	if (uksched.sched.ops->init) {
		r = uksched.sched.ops->init(&uksched.sched);
		if (r < 0)
			return r;
	}
	uksched.tls = ukarch_tls_present();
	r = uksched_main_thread(&main_t);
	if (r < 0)
		return r;
	idle = uksched_thread_alloc("idle", &idle_attr);
	if (uk_is_err(idle))
		return uk_ptr_err(idle);
	idle->flags |= UK_THREAD_IDLE;
	idle->fn = idle_fn;
	idle->state = UK_THREAD_RUNNABLE;
	uksched.idle = idle;

	main_t->run_since = now_ns();
	uksched.current = main_t;
	if (uksched.tls)
		ukplat_tlsp_set(main_t->tlsp);
	ukplat_timer_set_handler(on_timer);
	uk_pr_info("%s scheduler, main thread %p\n",
		   uksched.sched.ops->name, main_t);
	return 0;
}

uk_init(UK_INIT_LIB, UK_PRIO_UKSCHED, uksched_init, NULL);
