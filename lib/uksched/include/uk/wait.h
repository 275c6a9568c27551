/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wait queues: the primitive every blocking lock (lib/uklock) is built
 * on. A waitq is a FIFO of blocked threads. The waiting side checks its
 * condition and queues itself with interrupts disabled, which on this
 * single-CPU kit is what makes "check, then sleep" atomic against a
 * waker (thread or interrupt handler):
 *
 *	unsigned long fl = ukplat_irq_save();
 *	while (!cond) {
 *		if (uk_waitq_wait_irqoff(&wq, deadline) == -ETIMEDOUT)
 *			break;
 *	}
 *	ukplat_irq_restore(fl);
 *
 * Waking side: make cond true, then uk_waitq_wake_one/all(&wq) (any
 * context, interrupts on or off). Waits may return spuriously (a stray
 * uk_thread_wake()): always loop on the condition.
 */
#ifndef UK_WAIT_H
#define UK_WAIT_H

#include <uk/essentials.h>

struct uk_thread;

struct uk_waitq {
	struct uk_thread *head, *tail;
};

#define UK_WAITQ_INITIALIZER { NULL, NULL }

static inline void uk_waitq_init(struct uk_waitq *wq)
{
	wq->head = wq->tail = NULL;
}

static inline int uk_waitq_empty(const struct uk_waitq *wq)
{
	return !wq->head;
}

/*
 * Interrupts must be off (the caller's saved state is restored by the
 * caller). Queue the running thread at wq's tail and block until woken
 * (0) or until deadline (-ETIMEDOUT; 0 = none). Interrupts are off again
 * when it returns; they are on while other threads run.
 */
int uk_waitq_wait_irqoff(struct uk_waitq *wq, uint64_t deadline);

/* Wake the first waiter / all of them; returns how many were woken. */
int uk_waitq_wake_one(struct uk_waitq *wq);
int uk_waitq_wake_all(struct uk_waitq *wq);

#endif /* UK_WAIT_H */
