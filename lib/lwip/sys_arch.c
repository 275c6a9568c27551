/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's OS layer (the sys_arch contract of lwip/sys.h) on uksched,
 * uklock and the platform clock. Timeouts from lwIP are milliseconds,
 * 0 meaning "forever"; the waits return how long they waited, or
 * SYS_ARCH_TIMEOUT.
 *
 * Interrupt context: sys_mbox_trypost_fromisr() (and sys_sem_signal())
 * may be called from an interrupt handler; nothing else here may.
 */
#include <errno.h>
#include <stdlib.h>
#include <uk/assert.h>
#include <uk/lock.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/random.h>
#include <uk/sched.h>

#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/sys.h"

#define NS_PER_MS 1000000ULL

void sys_init(void)
{
}

u32_t sys_now(void)
{
	return (u32_t)(ukplat_monotonic_ns() / NS_PER_MS);
}

sys_prot_t sys_arch_protect(void)
{
	return ukplat_irq_save();
}

void sys_arch_unprotect(sys_prot_t flags)
{
	ukplat_irq_restore(flags);
}

unsigned int uk_lwip_rand(void)
{
	unsigned int r;

	if (uk_random_fill(&r, sizeof(r)) < 0)
		UK_CRASH("lwIP: no random numbers (ukrandom)");
	return r;
}

/* The absolute deadline of a timeout of ms milliseconds (0: none). */
static uint64_t deadline_ms(u32_t ms)
{
	return ms ? uk_sched_deadline_in((uint64_t)ms * NS_PER_MS) : 0;
}

/* What a wait that started at start (ns) returns: the milliseconds it
 * took, at most the timeout, never SYS_ARCH_TIMEOUT by accident. */
static u32_t waited_ms(uint64_t start, u32_t timeout)
{
	uint64_t ms = (ukplat_monotonic_ns() - start) / NS_PER_MS;

	if (timeout && ms > timeout)
		ms = timeout;
	if (ms >= SYS_ARCH_TIMEOUT)
		ms = SYS_ARCH_TIMEOUT - 1;
	return (u32_t)ms;
}

/* Semaphores */

err_t sys_sem_new(sys_sem_t *sem, u8_t count)
{
	uk_lock_sem_init(&sem->s, count);
	sem->valid = 1;
	return ERR_OK;
}

void sys_sem_free(sys_sem_t *sem)
{
	UK_ASSERT(uk_sched_waitq_empty(&sem->s.wq));
	sem->valid = 0;
}

void sys_sem_signal(sys_sem_t *sem)
{
	uk_lock_sem_up(&sem->s);
}

u32_t sys_arch_sem_wait(sys_sem_t *sem, u32_t timeout)
{
	uint64_t start = ukplat_monotonic_ns();

	if (uk_lock_sem_down_until(&sem->s, deadline_ms(timeout)) == -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	return waited_ms(start, timeout);
}

/* Mutexes (the core lock among them: not recursive) */

err_t sys_mutex_new(sys_mutex_t *mutex)
{
	uk_lock_mutex_init(&mutex->m, 0);
	mutex->valid = 1;
	return ERR_OK;
}

void sys_mutex_free(sys_mutex_t *mutex)
{
	UK_ASSERT(!uk_lock_mutex_is_locked(&mutex->m));
	mutex->valid = 0;
}

void sys_mutex_lock(sys_mutex_t *mutex)
{
	int r = uk_lock_mutex_lock(&mutex->m);

	if (r < 0)
		UK_CRASH("lwIP: mutex %p locked again by its owner (%d)",
			 mutex, r);
}

void sys_mutex_unlock(sys_mutex_t *mutex)
{
	uk_lock_mutex_unlock(&mutex->m);
}

/* Mailboxes: msgs[head] is the oldest of count messages. */

err_t sys_mbox_new(sys_mbox_t *mbox, int size)
{
	if (size <= 0)
		size = 32;
	mbox->msgs = calloc((size_t)size, sizeof(void *));
	if (!mbox->msgs)
		return ERR_MEM;
	mbox->size = (unsigned int)size;
	mbox->head = mbox->count = 0;
	uk_lock_sem_init(&mbox->used, 0);
	uk_lock_sem_init(&mbox->free, size);
	mbox->valid = 1;
	return ERR_OK;
}

void sys_mbox_free(sys_mbox_t *mbox)
{
	UK_ASSERT(uk_sched_waitq_empty(&mbox->used.wq));
	UK_ASSERT(uk_sched_waitq_empty(&mbox->free.wq));
	free(mbox->msgs);
	mbox->msgs = NULL;
	mbox->valid = 0;
}

/* A free slot is reserved (free semaphore taken): queue msg in it. */
static void mbox_put(sys_mbox_t *mbox, void *msg)
{
	unsigned long fl = ukplat_irq_save();

	mbox->msgs[(mbox->head + mbox->count) % mbox->size] = msg;
	mbox->count++;
	ukplat_irq_restore(fl);
	uk_lock_sem_up(&mbox->used);
}

/* A message is reserved (used semaphore taken): take it out. */
static void *mbox_get(sys_mbox_t *mbox)
{
	unsigned long fl = ukplat_irq_save();
	void *msg = mbox->msgs[mbox->head];

	mbox->head = (mbox->head + 1) % mbox->size;
	mbox->count--;
	ukplat_irq_restore(fl);
	uk_lock_sem_up(&mbox->free);
	return msg;
}

void sys_mbox_post(sys_mbox_t *mbox, void *msg)
{
	uk_lock_sem_down(&mbox->free);
	mbox_put(mbox, msg);
}

err_t sys_mbox_trypost(sys_mbox_t *mbox, void *msg)
{
	if (uk_lock_sem_trydown(&mbox->free) < 0)
		return ERR_MEM;
	mbox_put(mbox, msg);
	return ERR_OK;
}

err_t sys_mbox_trypost_fromisr(sys_mbox_t *mbox, void *msg)
{
	return sys_mbox_trypost(mbox, msg);
}

u32_t sys_arch_mbox_fetch(sys_mbox_t *mbox, void **msg, u32_t timeout)
{
	uint64_t start = ukplat_monotonic_ns();
	void *m;

	if (uk_lock_sem_down_until(&mbox->used, deadline_ms(timeout)) ==
	    -ETIMEDOUT)
		return SYS_ARCH_TIMEOUT;
	m = mbox_get(mbox);
	if (msg)
		*msg = m;
	return waited_ms(start, timeout);
}

u32_t sys_arch_mbox_tryfetch(sys_mbox_t *mbox, void **msg)
{
	void *m;

	if (uk_lock_sem_trydown(&mbox->used) < 0)
		return SYS_MBOX_EMPTY;
	m = mbox_get(mbox);
	if (msg)
		*msg = m;
	return 0;
}

/* Threads: detached uksched threads; lwIP's functions return nothing. */

struct thread_start {
	lwip_thread_fn fn;
	void *arg;
};

static void *thread_trampoline(void *p)
{
	struct thread_start st = *(struct thread_start *)p;

	free(p);
	st.fn(st.arg);
	return NULL;
}

sys_thread_t sys_thread_new(const char *name, lwip_thread_fn fn, void *arg,
			    int stacksize, int prio)
{
	struct uk_thread_attr attr = {
		.stack_size = stacksize > 0 ? (size_t)stacksize : 0,
		.prio = prio < UK_THREAD_PRIO_MIN ? UK_THREAD_PRIO_MIN :
			prio > UK_THREAD_PRIO_MAX ? UK_THREAD_PRIO_MAX : prio,
		.flags = UK_THREAD_DETACHED,
	};
	struct thread_start *st = malloc(sizeof(*st));
	struct uk_thread *t;

	if (!st)
		UK_CRASH("lwIP: no memory for thread %s", name);
	st->fn = fn;
	st->arg = arg;
	t = uk_sched_thread_create_attr(name, &attr, thread_trampoline, st);
	if (uk_is_err(t))
		UK_CRASH("lwIP: cannot create thread %s: %d", name,
			 (int)uk_ptr_err(t));
	return t;
}
