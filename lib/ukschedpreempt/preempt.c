/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedpreempt: fixed priorities with round-robin time slices. One
 * FIFO per priority and a bitmap of the non-empty ones; pick takes the
 * head of the highest. uksched arms the timer for the end of each slice
 * and, when it fires, puts the running thread back at its queue's tail
 * and picks again. A woken thread preempts the running one when its
 * priority is strictly higher.
 */
#include <uk/sched_impl.h>

#define NPRIO (UK_THREAD_PRIO_MAX + 1)

static struct {
	struct uk_thread *head, *tail;
} rq[NPRIO];
static uint32_t nonempty;	/* bit p: rq[p] has threads */

static void preempt_enqueue(struct uk_sched *s __uk_unused,
			    struct uk_thread *t)
{
	int p = t->prio;

	t->rq_next = NULL;
	if (rq[p].tail)
		rq[p].tail->rq_next = t;
	else
		rq[p].head = t;
	rq[p].tail = t;
	nonempty |= 1U << p;
}

static struct uk_thread *preempt_pick(struct uk_sched *s __uk_unused)
{
	struct uk_thread *t;
	int p;

	if (!nonempty)
		return NULL;
	p = 31 - __builtin_clz(nonempty);
	t = rq[p].head;
	rq[p].head = t->rq_next;
	if (!rq[p].head) {
		rq[p].tail = NULL;
		nonempty &= ~(1U << p);
	}
	return t;
}

static uint64_t preempt_slice(struct uk_sched *s __uk_unused,
			      struct uk_thread *t __uk_unused)
{
	return (uint64_t)CONFIG_LIBUKSCHEDPREEMPT_SLICE_US * 1000;
}

static int preempt_preempts(struct uk_sched *s __uk_unused,
			    struct uk_thread *woken, struct uk_thread *cur)
{
	return woken->prio > cur->prio;
}

static const struct uk_sched_ops preempt_ops = {
	.name = "preempt",
	.enqueue = preempt_enqueue,
	.pick = preempt_pick,
	.slice_ns = preempt_slice,
	.preempts = preempt_preempts,
};

UK_SCHED_REGISTER(preempt_ops);
