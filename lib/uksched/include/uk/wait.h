/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wait queues: the primitive every blocking lock (lib/uklock) is built
 * on. A waitq is a FIFO of blocked threads. The waiting side checks its
 * condition and queues itself with interrupts disabled, which on this
 * single-CPU kit is what makes "check, then sleep" atomic against a
 * waker (thread or interrupt handler):
 *
 *	unsigned long fl = ukplat_irq_save();
 *	r = uk_sched_waitq_wait_cond_irqoff(&wq, cond, deadline);
 *	... (cond holds when r == 0)
 *	ukplat_irq_restore(fl);
 *
 * Waking side: make cond true, then uk_sched_waitq_wake_one/all(&wq) (any
 * context, interrupts on or off). Always loop on the condition: a wake
 * for the queue may find the condition taken again by another thread
 * (uk_sched_thread_wake() does not end a wait here: it is kept for the
 * thread's next uk_sched_thread_block()).
 */
#ifndef UK_WAIT_H
#define UK_WAIT_H

#include <errno.h>
#include <uk/essentials.h>

struct uk_thread;

struct uk_waitq {
	struct uk_thread *head, *tail;
};

#define UK_WAITQ_INITIALIZER { NULL, NULL }

static inline void uk_sched_waitq_init(struct uk_waitq *wq)
{
	wq->head = wq->tail = NULL;
}

static inline int uk_sched_waitq_empty(const struct uk_waitq *wq)
{
	return !wq->head;
}

/*
 * Interrupts must be off (the caller's saved state is restored by the
 * caller). Queue the running thread at wq's tail and block until woken
 * (0) or until deadline (-ETIMEDOUT; 0 = none). Interrupts are off again
 * when it returns; they are on while other threads run.
 */
int uk_sched_waitq_wait_irqoff(struct uk_waitq *wq, uint64_t deadline);

/*
 * Interrupts off: wait on wq until the expression cond is true (it is
 * evaluated first, and again after every wake-up, with interrupts off)
 * or until deadline passes (0: none). 0 when cond holds, -ETIMEDOUT
 * when the deadline passed with cond still false (a wake-up that races
 * with the deadline and makes cond true counts as success). Interrupts
 * are off when it returns. Every blocking lock of uklock is this loop.
 */
#define uk_sched_waitq_wait_cond_irqoff(wq, cond, deadline)		\
	({								\
		int __uk_r = 0;						\
		while (!(cond)) {					\
			if (uk_sched_waitq_wait_irqoff((wq), (deadline)) ==	\
			    -ETIMEDOUT && !(cond)) {			\
				__uk_r = -ETIMEDOUT;			\
				break;					\
			}						\
		}							\
		__uk_r;							\
	})

/* Wake the first waiter / all of them; returns how many were woken. */
int uk_sched_waitq_wake_one(struct uk_waitq *wq);
int uk_sched_waitq_wake_all(struct uk_waitq *wq);

#endif /* UK_WAIT_H */
