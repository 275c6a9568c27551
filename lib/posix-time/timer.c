/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * POSIX per-process timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun, timer_delete, with SIGEV_NONE (read them with
 * timer_gettime) or SIGEV_SIGNAL (the signal goes to the process through
 * posix-signal, si_code SI_TIMER, si_value and si_timerid set).
 * SIGEV_THREAD_ID, which musl's SIGEV_THREAD timers use, needs a signal
 * aimed at one thread, which posix-signal cannot do: EINVAL.
 *
 * One uksched thread, "posix-timer", created with the first timer,
 * sleeps until the earliest deadline and fires what expired; arming or
 * deleting a timer wakes it. Deadlines are on the monotonic clock (an
 * absolute time on REALTIME is converted when armed). A periodic timer
 * that missed periods counts them as overruns and fires once.
 *
 * Locking: the table changes with interrupts off (one CPU).
 */
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include "posix_time.h"
#if CONFIG_LIBPOSIX_SIGNAL
#include <uk/signal.h>
#endif

#define NTIMERS CONFIG_LIBPOSIX_TIME_TIMERS

struct ptimer {
	int used;
	clockid_t clock;
	int notify, signo;
	void *value;
	uint64_t deadline;	/* monotonic ns; 0: disarmed */
	uint64_t interval;	/* ns; 0: one-shot */
	int overrun;		/* of the last expiry */
};

static struct ptimer timers[NTIMERS];
static struct uk_thread *worker;

static void fire(int id, struct ptimer *t, uint64_t now)
{
	uint64_t missed = 0;

	if (t->interval) {
		missed = (now - t->deadline) / t->interval;
		t->deadline += (missed + 1) * t->interval;
	} else {
		t->deadline = 0;
	}
	t->overrun = missed > 0x7fffffff ? 0x7fffffff : (int)missed;
#if CONFIG_LIBPOSIX_SIGNAL
	if (t->notify == SIGEV_SIGNAL)
		uk_signal_send(t->signo, SI_TIMER, t->value, id);
#else
	(void)id;
#endif
}

static void *timer_thread(void *arg)
{
	uint64_t now, next;
	unsigned long fl;
	int i;

	(void)arg;
	for (;;) {
		fl = ukplat_irq_save();
		now = ukplat_monotonic_ns();
		next = 0;
		for (i = 0; i < NTIMERS; i++) {
			struct ptimer *t = &timers[i];

			if (!t->used || !t->deadline)
				continue;
			if (t->deadline <= now)
				fire(i, t, now);
			if (t->deadline && (!next || t->deadline < next))
				next = t->deadline;
		}
		ukplat_irq_restore(fl);
		if (next)
			uk_sched_thread_block_until(next);
		else
			uk_sched_thread_block();
	}
	return NULL;
}

static struct ptimer *get(timer_t id)
{
	long i = (long)id;

	return (i >= 0 && i < NTIMERS && timers[i].used) ? &timers[i] : NULL;
}

UK_SYSCALL_DEFINE3(timer_create, clockid_t, clock, struct sigevent *, sev,
		   timer_t *, idp)
{
	struct ptimer t = { .used = 1, .clock = clock,
			    .notify = SIGEV_SIGNAL, .signo = SIGALRM };
	unsigned long fl;
	uint64_t now;
	long i;

	if (clock == CLOCK_THREAD_CPUTIME_ID || posix_time_now(clock, &now) < 0)
		return -EINVAL;
	if (!idp)
		return -EFAULT;
	if (sev) {
		t.notify = sev->sigev_notify;
		t.signo = sev->sigev_signo;
		t.value = sev->sigev_value.sival_ptr;
		if (t.notify != SIGEV_NONE && t.notify != SIGEV_SIGNAL)
			return -EINVAL;	/* SIGEV_THREAD_ID: see above */
		if (t.notify == SIGEV_SIGNAL && (t.signo < 1 || t.signo > 64))
			return -EINVAL;
	}
#if !CONFIG_LIBPOSIX_SIGNAL
	if (t.notify == SIGEV_SIGNAL)
		return -EINVAL;	/* no signals in this image */
#endif
	if (!worker) {
		worker = uk_sched_thread_create("posix-timer", timer_thread, NULL);
		if (!worker)
			return -EAGAIN;
	}
	fl = ukplat_irq_save();
	for (i = 0; i < NTIMERS && timers[i].used; i++)
		;
	if (i == NTIMERS) {
		ukplat_irq_restore(fl);
		return -EAGAIN;	/* Linux at its limit */
	}
	if (!sev)
		t.value = (void *)i;	/* Linux: sigev_value = the id */
	timers[i] = t;
	ukplat_irq_restore(fl);
	*idp = (timer_t)i;
	return 0;
}

static void remaining(const struct ptimer *t, struct itimerspec *cur)
{
	uint64_t now = ukplat_monotonic_ns();

	posix_time_ns_to_ts(t->interval, &cur->it_interval);
	posix_time_ns_to_ts(t->deadline > now ? t->deadline - now :
			    t->deadline ? 1 : 0, &cur->it_value);
}

UK_SYSCALL_DEFINE4(timer_settime, timer_t, id, int, flags,
		   const struct itimerspec *, new, struct itimerspec *, old)
{
	struct ptimer *t = get(id);
	uint64_t now, when, mono;
	unsigned long fl;

	if (!t)
		return -EINVAL;
	if (!new)
		return -EFAULT;
	if (!posix_time_valid_ts(&new->it_value) ||
	    !posix_time_valid_ts(&new->it_interval))
		return -EINVAL;
	when = posix_time_ts_to_ns(&new->it_value);
	posix_time_now(t->clock, &now);
	mono = ukplat_monotonic_ns();
	if (when && (flags & TIMER_ABSTIME))	/* to a distance from now */
		when = when > now ? when - now : 0;
	fl = ukplat_irq_save();
	if (old)
		remaining(t, old);
	t->interval = posix_time_ts_to_ns(&new->it_interval);
	t->overrun = 0;
	if (!new->it_value.tv_sec && !new->it_value.tv_nsec)
		t->deadline = 0;	/* disarm */
	else
		t->deadline = mono + (when ? when : 1);
	ukplat_irq_restore(fl);
	uk_sched_thread_wake(worker);
	return 0;
}

UK_SYSCALL_DEFINE2(timer_gettime, timer_t, id, struct itimerspec *, cur)
{
	struct ptimer *t = get(id);
	unsigned long fl;

	if (!t)
		return -EINVAL;
	if (!cur)
		return -EFAULT;
	fl = ukplat_irq_save();
	remaining(t, cur);
	ukplat_irq_restore(fl);
	return 0;
}

UK_SYSCALL_DEFINE1(timer_getoverrun, timer_t, id)
{
	struct ptimer *t = get(id);

	return t ? t->overrun : -EINVAL;
}

UK_SYSCALL_DEFINE1(timer_delete, timer_t, id)
{
	struct ptimer *t = get(id);
	unsigned long fl;

	if (!t)
		return -EINVAL;
	fl = ukplat_irq_save();
	t->used = 0;
	t->deadline = 0;
	ukplat_irq_restore(fl);
	uk_sched_thread_wake(worker);
	return 0;
}
