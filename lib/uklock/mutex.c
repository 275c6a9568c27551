/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mutexes and condition variables (uk/lock.h). The owner field is
 * checked and set with interrupts off; unlock wakes one waiter, which
 * retries (a thread that comes first may take the mutex: no hand-off,
 * so no convoy on the fast path).
 */
#include <errno.h>
#include <uk/assert.h>
#include <uk/lock.h>

void uk_lock_mutex_init(struct uk_mutex *m, unsigned int flags)
{
	m->owner = NULL;
	m->depth = 0;
	m->flags = flags;
	uk_sched_waitq_init(&m->wq);
}

int uk_lock_mutex_lock_until(struct uk_mutex *m, uint64_t deadline)
{
	struct uk_thread *cur = uk_sched_thread_current();
	unsigned long fl = ukplat_irq_save();

	if (m->owner == cur) {
		if (!(m->flags & UK_MUTEX_RECURSIVE)) {
			ukplat_irq_restore(fl);
			return -EDEADLK;
		}
		m->depth++;
		ukplat_irq_restore(fl);
		return 0;
	}
	if (uk_sched_waitq_wait_cond_irqoff(&m->wq, !m->owner, deadline)) {
		ukplat_irq_restore(fl);
		return -ETIMEDOUT;
	}
	m->owner = cur;
	m->depth = 1;
	ukplat_irq_restore(fl);
	return 0;
}

int uk_lock_mutex_lock(struct uk_mutex *m)
{
	return uk_lock_mutex_lock_until(m, 0);
}

int uk_lock_mutex_trylock(struct uk_mutex *m)
{
	struct uk_thread *cur = uk_sched_thread_current();
	unsigned long fl = ukplat_irq_save();
	int r = -EBUSY;

	if (!m->owner) {
		m->owner = cur;
		m->depth = 1;
		r = 0;
	} else if (m->owner == cur && (m->flags & UK_MUTEX_RECURSIVE)) {
		m->depth++;
		r = 0;
	}
	ukplat_irq_restore(fl);
	return r;
}

void uk_lock_mutex_unlock(struct uk_mutex *m)
{
	unsigned long fl = ukplat_irq_save();
	int release;

	if (uk_unlikely(m->owner != uk_sched_thread_current()))
		UK_CRASH("mutex %p unlocked by \"%s\", which does not own it",
			 m, uk_sched_thread_name(uk_sched_thread_current()));
	release = --m->depth == 0;
	if (release)
		m->owner = NULL;
	ukplat_irq_restore(fl);
	if (release && !uk_sched_waitq_empty(&m->wq))
		uk_sched_waitq_wake_one(&m->wq);
}

int uk_lock_mutex_is_locked(const struct uk_mutex *m)
{
	return m->owner != NULL;
}

void uk_lock_cond_init(struct uk_condvar *c)
{
	uk_sched_waitq_init(&c->wq);
}

/* Release m and queue on c in one interrupts-off section, so a signal
 * between the two cannot be lost. */
int uk_lock_cond_wait_until(struct uk_condvar *c, struct uk_mutex *m,
		       uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();
	unsigned int depth = m->depth;
	int r;

	if (uk_unlikely(m->owner != uk_sched_thread_current()))
		UK_CRASH("condvar wait without owning mutex %p", m);
	m->owner = NULL;
	m->depth = 0;
	if (!uk_sched_waitq_empty(&m->wq))
		uk_sched_waitq_wake_one(&m->wq);
	r = uk_sched_waitq_wait_irqoff(&c->wq, deadline);
	ukplat_irq_restore(fl);
	uk_lock_mutex_lock(m);
	m->depth = depth;
	return r;
}

void uk_lock_cond_wait(struct uk_condvar *c, struct uk_mutex *m)
{
	uk_lock_cond_wait_until(c, m, 0);
}

void uk_lock_cond_signal(struct uk_condvar *c)
{
	if (!uk_sched_waitq_empty(&c->wq))
		uk_sched_waitq_wake_one(&c->wq);
}

void uk_lock_cond_broadcast(struct uk_condvar *c)
{
	if (!uk_sched_waitq_empty(&c->wq))
		uk_sched_waitq_wake_all(&c->wq);
}
