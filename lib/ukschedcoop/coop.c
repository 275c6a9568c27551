/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukschedcoop: the cooperative policy. One FIFO run queue through the
 * threads' rq_next links; pick takes the head, enqueue appends. No
 * slice, no preemption: uksched never arms the timer for it except for
 * sleepers' deadlines.
 */
#include <uk/sched_impl.h>

static struct uk_thread *head, *tail;

static void coop_enqueue(struct uk_sched *s __uk_unused, struct uk_thread *t)
{
	t->rq_next = NULL;
	if (tail)
		tail->rq_next = t;
	else
		head = t;
	tail = t;
}

static struct uk_thread *coop_pick(struct uk_sched *s __uk_unused)
{
	struct uk_thread *t = head;

	if (t) {
		head = t->rq_next;
		if (!head)
			tail = NULL;
	}
	return t;
}

static const struct uk_sched_ops coop_ops = {
	.name = "coop",
	.enqueue = coop_enqueue,
	.pick = coop_pick,
};

UK_SCHED_REGISTER(coop_ops);
