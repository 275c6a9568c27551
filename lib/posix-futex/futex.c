/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * futex: wait on a 32-bit word until another thread wakes that address.
 *
 * One list of waiters (this is a single-CPU kit with few threads; a
 * hash by address would come with many), each a struct on the waiting
 * thread's stack. The list and the check of *uaddr against the expected
 * value are under interrupts off, which makes "check, then queue"
 * atomic against wakers. A waiter then blocks with uksched's
 * uk_sched_thread_block_until(); a wake that lands between queueing and
 * blocking is remembered by uksched, so none is lost. Wakers unlink
 * the waiter and set its woken flag before waking it, so a waiter that
 * finds itself woken never touches the list again.
 */
#include <errno.h>
#include <stdint.h>
#include <time.h>
#include <uk/syscall.h>
#include <uk/sched.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>

/* The futex ABI (Linux's <linux/futex.h>, which musl does not install;
 * musl's own src/internal/futex.h spells the same values). */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

struct waiter {
	struct waiter *next;
	uint32_t *uaddr;
	uint32_t bitset;
	struct uk_thread *thread;
	int woken;
};

static struct waiter *waiters;	/* under interrupts off */

static void unlink_waiter(struct waiter *w)
{
	struct waiter **pp;

	for (pp = &waiters; *pp; pp = &(*pp)->next)
		if (*pp == w) {
			*pp = w->next;
			return;
		}
}

static long wait(uint32_t *uaddr, uint32_t val, uint32_t bitset,
		 uint64_t deadline)
{
	struct waiter w = {
		.uaddr = uaddr, .bitset = bitset, .thread = uk_sched_thread_current(),
	};
	unsigned long fl;
	int r;

	if (!bitset)
		return -EINVAL;
	fl = ukplat_irq_save();
	if (__atomic_load_n(uaddr, __ATOMIC_SEQ_CST) != val) {
		ukplat_irq_restore(fl);
		return -EAGAIN;
	}
	w.next = waiters;
	waiters = &w;
	while (!w.woken) {
		ukplat_irq_restore(fl);
		r = uk_sched_thread_block_until(deadline);
		fl = ukplat_irq_save();
		if (r == -ETIMEDOUT && !w.woken) {
			unlink_waiter(&w);
			ukplat_irq_restore(fl);
			return -ETIMEDOUT;
		}
	}
	ukplat_irq_restore(fl);
	return 0;
}

/* Wake up to n waiters on uaddr whose bitset meets bitset; then move up
 * to nmove more of them to uaddr2 (requeue). Returns how many woke (and
 * were moved, for requeue, as Linux counts). */
static long wake(uint32_t *uaddr, long n, uint32_t bitset, uint32_t *uaddr2,
		 long nmove)
{
	unsigned long fl = ukplat_irq_save();
	struct waiter **pp = &waiters, *w;
	long woken = 0, moved = 0;

	while ((w = *pp)) {
		if (w->uaddr != uaddr || !(w->bitset & bitset)) {
			pp = &w->next;
			continue;
		}
		if (woken < n) {
			*pp = w->next;
			w->woken = 1;
			uk_sched_thread_wake(w->thread);
			woken++;
			continue;
		}
		if (uaddr2 && moved < nmove) {
			w->uaddr = uaddr2;
			moved++;
		}
		pp = &w->next;
	}
	ukplat_irq_restore(fl);
	return woken + moved;
}

static uint64_t ts_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * 1000000000ULL + (uint64_t)ts->tv_nsec;
}

static int bad_ts(const struct timespec *ts)
{
	return ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L;
}

UK_SYSCALL_DEFINE6(futex, uint32_t *, uaddr, int, op, uint32_t, val,
		   const struct timespec *, timeout, uint32_t *, uaddr2,
		   uint32_t, val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	uint64_t deadline = 0;

	switch (cmd) {
	case FUTEX_WAIT:
		if (timeout) {
			if (bad_ts(timeout))
				return -EINVAL;
			deadline = uk_sched_deadline_in(ts_ns(timeout));
		}
		return wait(uaddr, val, FUTEX_BITSET_MATCH_ANY, deadline);
	case FUTEX_WAIT_BITSET:
		if (op & FUTEX_CLOCK_REALTIME)
			return -ENOSYS;	/* no wall clock below posix-time */
		if (timeout) {
			if (bad_ts(timeout))
				return -EINVAL;
			deadline = ts_ns(timeout);
			if (!deadline)
				deadline = 1;	/* 0 would mean "none" */
		}
		return wait(uaddr, val, val3, deadline);
	case FUTEX_WAKE:
		return wake(uaddr, val, FUTEX_BITSET_MATCH_ANY, NULL, 0);
	case FUTEX_WAKE_BITSET:
		return val3 ? wake(uaddr, val, val3, NULL, 0) : -EINVAL;
	case FUTEX_CMP_REQUEUE:
		if (__atomic_load_n(uaddr, __ATOMIC_SEQ_CST) != val3)
			return -EAGAIN;
		/* fall through */
	case FUTEX_REQUEUE:
		/* val2, the most to requeue, travels in the timeout slot. */
		return wake(uaddr, val, FUTEX_BITSET_MATCH_ANY, uaddr2,
			    (long)(uintptr_t)timeout);
	}
	return -ENOSYS;	/* PI futexes, FUTEX_WAKE_OP */
}
