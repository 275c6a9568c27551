/* SPDX-License-Identifier: BSD-3-Clause */
/* Readers-writer locks (uk/lock.h), writer-preferring. */
#include <errno.h>
#include <uk/assert.h>
#include <uk/lock.h>

void uk_lock_rwlock_init(struct uk_rwlock *l)
{
	l->readers = l->writers_waiting = 0;
	l->writer = NULL;
	uk_sched_waitq_init(&l->rwait);
	uk_sched_waitq_init(&l->wwait);
}

int uk_lock_rwlock_rlock_until(struct uk_rwlock *l, uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();

	if (uk_sched_waitq_wait_cond_irqoff(&l->rwait,
					    !l->writer && !l->writers_waiting,
					    deadline)) {
		ukplat_irq_restore(fl);
		return -ETIMEDOUT;
	}
	l->readers++;
	ukplat_irq_restore(fl);
	return 0;
}

void uk_lock_rwlock_rlock(struct uk_rwlock *l)
{
	uk_lock_rwlock_rlock_until(l, 0);
}

void uk_lock_rwlock_runlock(struct uk_rwlock *l)
{
	unsigned long fl = ukplat_irq_save();
	int last;

	UK_ASSERT(l->readers > 0);
	last = --l->readers == 0;
	ukplat_irq_restore(fl);
	if (last && !uk_sched_waitq_empty(&l->wwait))
		uk_sched_waitq_wake_one(&l->wwait);
}

int uk_lock_rwlock_wlock_until(struct uk_rwlock *l, uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();
	int wake_readers;

	l->writers_waiting++;
	if (uk_sched_waitq_wait_cond_irqoff(&l->wwait,
					    !l->writer && !l->readers,
					    deadline)) {
		/* Readers we kept out may go in now. */
		wake_readers = --l->writers_waiting == 0 && !l->writer;
		ukplat_irq_restore(fl);
		if (wake_readers)
			uk_sched_waitq_wake_all(&l->rwait);
		return -ETIMEDOUT;
	}
	l->writers_waiting--;
	l->writer = uk_sched_thread_current();
	ukplat_irq_restore(fl);
	return 0;
}

void uk_lock_rwlock_wlock(struct uk_rwlock *l)
{
	uk_lock_rwlock_wlock_until(l, 0);
}

void uk_lock_rwlock_wunlock(struct uk_rwlock *l)
{
	unsigned long fl = ukplat_irq_save();
	int writers;

	UK_ASSERT(l->writer == uk_sched_thread_current());
	l->writer = NULL;
	writers = l->writers_waiting;
	ukplat_irq_restore(fl);
	if (writers)
		uk_sched_waitq_wake_one(&l->wwait);
	else
		uk_sched_waitq_wake_all(&l->rwait);
}
