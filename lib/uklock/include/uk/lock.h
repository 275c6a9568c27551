/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock: spinlocks, mutexes, semaphores, condition variables, rwlocks,
 * all on uksched's wait queues (<uk/wait.h>, also usable directly).
 *
 * Single CPU. What makes these atomic is disabling interrupts: each
 * call's bookkeeping runs with ukplat_irq_save() held for a few dozen
 * instructions, so neither an interrupt handler nor a preemption can
 * come between checking a lock and queueing on it. Interrupts are never
 * left off when a call returns, except by uk_lock_spin_lock_irqsave().
 *
 * Every blocking call has an _until variant taking an absolute deadline
 * on the monotonic clock (uk_sched_deadline_in(ns) makes one) that
 * returns -ETIMEDOUT if the deadline passes first; 0 means no deadline.
 * No call here may be made from an interrupt handler except the
 * non-blocking ones: uk_lock_spin_*, uk_lock_sem_up, uk_lock_sem_trydown,
 * uk_lock_cond_signal/broadcast.
 */
#ifndef UK_LOCK_H
#define UK_LOCK_H

#include <uk/essentials.h>
#include <uk/sched.h>
#include <uk/wait.h>
#include <uk/plat/irq.h>

/*
 * Spinlock. On one CPU the lock word can only be found taken when its
 * holder was preempted (ukschedpreempt) or blocked (a bug: never block
 * holding a spinlock); the caller then yields instead of spinning. The
 * _irqsave variants also disable interrupts (on this single-CPU kit
 * that alone excludes interrupt handlers and preemption): use them for
 * data shared with an interrupt handler. Not recursive.
 */
struct uk_spinlock {
	volatile int locked;
};
#define UK_SPINLOCK_INITIALIZER { 0 }

static inline void uk_lock_spin_init(struct uk_spinlock *l)
{
	l->locked = 0;
}

static inline int uk_lock_spin_trylock(struct uk_spinlock *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

static inline void uk_lock_spin_lock(struct uk_spinlock *l)
{
	while (!uk_lock_spin_trylock(l))
		uk_sched_yield();
}

static inline void uk_lock_spin_unlock(struct uk_spinlock *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

static inline unsigned long uk_lock_spin_lock_irqsave(struct uk_spinlock *l)
{
	unsigned long flags = ukplat_irq_save();

	uk_lock_spin_lock(l);
	return flags;
}

static inline void uk_lock_spin_unlock_irqrestore(struct uk_spinlock *l,
					     unsigned long flags)
{
	uk_lock_spin_unlock(l);
	ukplat_irq_restore(flags);
}

/* Mutex: sleeping lock with an owner; optionally recursive. */
#define UK_MUTEX_RECURSIVE	0x1

struct uk_mutex {
	struct uk_thread *owner;
	unsigned int depth;	/* recursive: times locked by owner */
	unsigned int flags;	/* UK_MUTEX_* */
	struct uk_waitq wq;
};
#define UK_MUTEX_INITIALIZER { NULL, 0, 0, UK_WAITQ_INITIALIZER }
#define UK_MUTEX_RECURSIVE_INITIALIZER \
	{ NULL, 0, UK_MUTEX_RECURSIVE, UK_WAITQ_INITIALIZER }

void uk_lock_mutex_init(struct uk_mutex *m, unsigned int flags);
/* 0; -EDEADLK: a non-recursive mutex locked again by its owner. */
int uk_lock_mutex_lock(struct uk_mutex *m);
int uk_lock_mutex_lock_until(struct uk_mutex *m, uint64_t deadline);
/* 0 when taken, -EBUSY otherwise. */
int uk_lock_mutex_trylock(struct uk_mutex *m);
/* Crashes (UK_CRASH) when the caller does not own m. */
void uk_lock_mutex_unlock(struct uk_mutex *m);
int uk_lock_mutex_is_locked(const struct uk_mutex *m);

/* Counting semaphore. */
struct uk_semaphore {
	long count;
	struct uk_waitq wq;
};
#define UK_SEMAPHORE_INITIALIZER(n) { (n), UK_WAITQ_INITIALIZER }

void uk_lock_sem_init(struct uk_semaphore *s, long count);
void uk_lock_sem_down(struct uk_semaphore *s);
int uk_lock_sem_down_until(struct uk_semaphore *s, uint64_t deadline);
int uk_lock_sem_trydown(struct uk_semaphore *s);	/* 0 or -EAGAIN */
void uk_lock_sem_up(struct uk_semaphore *s);

/*
 * Condition variable, used with a uk_mutex the caller holds. Waits may
 * return spuriously: loop on the predicate. The mutex is held again
 * when a wait returns, -ETIMEDOUT included.
 */
struct uk_condvar {
	struct uk_waitq wq;
};
#define UK_CONDVAR_INITIALIZER { UK_WAITQ_INITIALIZER }

void uk_lock_cond_init(struct uk_condvar *c);
void uk_lock_cond_wait(struct uk_condvar *c, struct uk_mutex *m);
int uk_lock_cond_wait_until(struct uk_condvar *c, struct uk_mutex *m,
		       uint64_t deadline);
void uk_lock_cond_signal(struct uk_condvar *c);
void uk_lock_cond_broadcast(struct uk_condvar *c);

/*
 * Readers-writer lock: many readers or one writer; a waiting writer
 * keeps new readers out (writers are not starved). Not recursive.
 */
struct uk_rwlock {
	unsigned int readers;
	unsigned int writers_waiting;
	struct uk_thread *writer;
	struct uk_waitq rwait, wwait;
};
#define UK_RWLOCK_INITIALIZER \
	{ 0, 0, NULL, UK_WAITQ_INITIALIZER, UK_WAITQ_INITIALIZER }

void uk_lock_rwlock_init(struct uk_rwlock *l);
void uk_lock_rwlock_rlock(struct uk_rwlock *l);
int uk_lock_rwlock_rlock_until(struct uk_rwlock *l, uint64_t deadline);
void uk_lock_rwlock_runlock(struct uk_rwlock *l);
void uk_lock_rwlock_wlock(struct uk_rwlock *l);
int uk_lock_rwlock_wlock_until(struct uk_rwlock *l, uint64_t deadline);
void uk_lock_rwlock_wunlock(struct uk_rwlock *l);

#endif /* UK_LOCK_H */
