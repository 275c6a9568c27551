/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Wait queues (uk/wait.h): a doubly linked FIFO through the threads'
 * wq_next/wq_prev. A thread is on at most one waitq; t->waitq says
 * which. Every function here runs with interrupts off.
 */
#include <uk/plat/irq.h>
#include "sched_private.h"

void uksched_waitq_remove(struct uk_thread *t)
{
	struct uk_waitq *wq = t->waitq;

	if (t->wq_prev)
		t->wq_prev->wq_next = t->wq_next;
	else
		wq->head = t->wq_next;
	if (t->wq_next)
		t->wq_next->wq_prev = t->wq_prev;
	else
		wq->tail = t->wq_prev;
	t->wq_next = t->wq_prev = NULL;
	t->waitq = NULL;
}

int uk_sched_waitq_wait_irqoff(struct uk_waitq *wq, uint64_t deadline)
{
	struct uk_thread *t = uksched.current;

	t->waitq = wq;
	t->wq_next = NULL;
	t->wq_prev = wq->tail;
	if (wq->tail)
		wq->tail->wq_next = t;
	else
		wq->head = t;
	wq->tail = t;
	/* Woken: uksched_make_runnable() took t off wq; timed out: too. */
	return uksched_block(deadline);
}

static int wake(struct uk_waitq *wq, int all)
{
	unsigned long fl = ukplat_irq_save();
	int n = 0;

	while (wq->head) {
		uksched_make_runnable(wq->head);
		n++;
		if (!all)
			break;
	}
	ukplat_irq_restore(fl);
	if (n)
		uksched_maybe_preempt(fl);
	return n;
}

int uk_sched_waitq_wake_one(struct uk_waitq *wq)
{
	return wake(wq, 0);
}

int uk_sched_waitq_wake_all(struct uk_waitq *wq)
{
	return wake(wq, 1);
}
