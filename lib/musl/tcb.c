/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A musl thread control block for every thread uksched's own API
 * creates (uk_sched_thread_create*), through uksched's thread hooks: so
 * musl code (printf, errno, pthread mutexes, pthread keys) runs in them
 * as in pthread_create'd threads. clone's children (pthreads) are
 * skipped (UK_THREAD_OWN_TLS): musl sets theirs up itself.
 *
 *	create	in the creating thread (which has a control block of its
 *		own: main after musl_init, a pthread, or a hooked thread):
 *		the block is allocated, set up from musl's TLS image and
 *		linked into musl's thread list (patches/0004), and becomes
 *		the thread's TLS, freed by uksched with the thread;
 *	start	in the thread: its id (gettid) goes into the block, so
 *		mutex ownership and error-checking work;
 *	exit	in the thread: pthread key destructors, out of the list.
 *
 * Threads created before musl's start-up (UK_INIT_SYS, earliest) keep
 * uksched's plain TLS area and must not run musl code.
 */
#include <errno.h>
#include <stdint.h>
#include <uk/alloc.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include <uk/plat/irq.h>
#include "musl_internal.h"

/* patches/0004: src/thread/__uk_tcb.c (hidden in libc.a would be fine
 * too: one static link). */
size_t __uk_tcb_size(void);
size_t __uk_tcb_align(void);
uintptr_t __uk_tcb_init(void *mem);
void __uk_tcb_set_tid(int tid);
void __uk_tcb_exit(void);

/* Fallback ids when no library provides gettid: far from posix-process's. */
static int next_tid = 1 << 22;

static int tcb_create(struct uk_thread *t)
{
	size_t align = __uk_tcb_align();
	unsigned long fl;
	void *mem;

	if (!uk_musl_started)
		return 0;
	if (align < sizeof(void *))
		align = sizeof(void *);
	fl = ukplat_irq_save();	/* ukalloc is not thread-safe */
	mem = uk_memalign(uk_alloc_get_default(), align, __uk_tcb_size());
	ukplat_irq_restore(fl);
	if (!mem)
		return -ENOMEM;
	uk_sched_thread_set_tls(t, __uk_tcb_init(mem), mem);
	return 0;
}

static void tcb_start(struct uk_thread *t __uk_unused)
{
	long tid;

	if (!uk_musl_started)
		return;
	tid = uk_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
	if (tid <= 0)
		tid = __atomic_fetch_add(&next_tid, 1, __ATOMIC_RELAXED);
	__uk_tcb_set_tid((int)tid);
}

static void tcb_exit(struct uk_thread *t __uk_unused)
{
	if (uk_musl_started)
		__uk_tcb_exit();
}

UK_SCHED_THREAD_HOOK(musl_tcb) = {
	.create = tcb_create,
	.start = tcb_start,
	.exit = tcb_exit,
};
