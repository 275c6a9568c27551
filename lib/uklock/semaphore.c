/* SPDX-License-Identifier: BSD-3-Clause */
/* Counting semaphores (uk/lock.h). */
#include <errno.h>
#include <uk/lock.h>

void uk_lock_sem_init(struct uk_semaphore *s, long count)
{
	s->count = count;
	uk_sched_waitq_init(&s->wq);
}

int uk_lock_sem_down_until(struct uk_semaphore *s, uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();

	if (uk_sched_waitq_wait_cond_irqoff(&s->wq, s->count > 0, deadline)) {
		ukplat_irq_restore(fl);
		return -ETIMEDOUT;
	}
	s->count--;
	ukplat_irq_restore(fl);
	return 0;
}

void uk_lock_sem_down(struct uk_semaphore *s)
{
	uk_lock_sem_down_until(s, 0);
}

int uk_lock_sem_trydown(struct uk_semaphore *s)
{
	unsigned long fl = ukplat_irq_save();
	int r = -EAGAIN;

	if (s->count > 0) {
		s->count--;
		r = 0;
	}
	ukplat_irq_restore(fl);
	return r;
}

void uk_lock_sem_up(struct uk_semaphore *s)
{
	unsigned long fl = ukplat_irq_save();

	s->count++;
	ukplat_irq_restore(fl);
	if (!uk_sched_waitq_empty(&s->wq))
		uk_sched_waitq_wake_one(&s->wq);
}
