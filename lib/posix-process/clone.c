/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * clone, for threads (what musl's pthread_create asks for). A system
 * call here is a function call, which cannot return twice; the kit's
 * contract for the child instead (lib/musl/patches/0002 makes musl's
 * __clone follow it): newsp points at two words, the function the child
 * runs and its argument. The child is a uksched thread that starts in
 * child_start() on a small stack of its own, takes the thread pointer
 * given (CLONE_SETTLS), its thread id and CLONE_CHILD_CLEARTID address,
 * then moves to newsp and calls fn(arg); fn's return value is exit()'s
 * status. Only thread creation is supported: flags must include
 * CLONE_VM and CLONE_THREAD (there is no second address space to fork).
 */
#define _GNU_SOURCE	/* CLONE_* */
#include <errno.h>
#include <sched.h>
#include <stdint.h>
#include <uk/process.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include <uk/plat/irq.h>
#include "process.h"

/* The flags this clone implements; CLONE_FS, FILES, SIGHAND, SYSVSEM
 * and DETACHED describe sharing that is the only way here anyway. */
#define SUPPORTED (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		   CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | \
		   CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID | CLONE_DETACHED | \
		   CLONE_CHILD_SETTID)

/* The uksched stack of a clone'd thread: it runs child_start() and the
 * kit's exit path; the thread's own code runs on newsp. */
#define CHILD_KSTACK (4 * 4096)

struct child {
	void **sp;		/* newsp: { fn, arg } */
	uintptr_t tls;		/* 0: keep uksched's TLS area */
	long tid;
	int *clear_tid;
};

/* Runs fn(arg) on sp (16-byte aligned: sp[0] fn, sp[1] arg); returns
 * fn's result, back on the stack it was called on. */
static long run_on(void **sp)
{
	long r;

	__asm__ __volatile__(
		"mov %%rsp, %%rbx\n\t"
		"mov %1, %%rsp\n\t"
		"mov 8(%%rsp), %%rdi\n\t"
		"call *(%%rsp)\n\t"
		"mov %%rbx, %%rsp\n\t"
		: "=a"(r)
		: "r"(sp)
		: "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
		  "memory", "cc");
	return r;
}

static void *child_start(void *arg)
{
	struct child c = *(struct child *)arg;
	unsigned long fl = ukplat_irq_save();

	uk_free(uk_alloc_get_default(), arg);
	ukplat_irq_restore(fl);
	if (c.tls)
		uk_sched_thread_set_tlsp(uk_sched_thread_current(), c.tls);
	uk_sched_thread_use_fpu(uk_sched_thread_current());
	uk_process_set_tid(c.tid);
	uk_process_clear_tid = c.clear_tid;
	uk_process_thread_exit((int)run_on(c.sp));
}

UK_SYSCALL_DEFINE5(clone, unsigned long, flags, void *, newsp, int *, ptid,
		   int *, ctid, unsigned long, tls)
{
	struct uk_thread_attr attr = {
		.stack_size = CHILD_KSTACK,
		.flags = UK_THREAD_DETACHED | UK_THREAD_FPU | UK_THREAD_OWN_TLS,
	};
	struct uk_thread *t;
	struct child *c;
	unsigned long fl;
	long tid;

	if ((flags & ~(SUPPORTED | 0xff)) ||
	    (flags & (CLONE_VM | CLONE_THREAD)) != (CLONE_VM | CLONE_THREAD))
		return -ENOSYS;	/* fork and namespaces: one address space */
	if (!newsp || ((uintptr_t)newsp & 15))
		return -EINVAL;
	fl = ukplat_irq_save();	/* ukalloc is not thread-safe */
	c = uk_malloc(uk_alloc_get_default(), sizeof(*c));
	ukplat_irq_restore(fl);
	if (!c)
		return -ENOMEM;
	c->sp = newsp;
	c->tls = (flags & CLONE_SETTLS) ? tls : 0;
	c->tid = tid = uk_process_alloc_tid();
	c->clear_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : NULL;
	if (flags & CLONE_PARENT_SETTID)
		*ptid = (int)c->tid;
	if (flags & CLONE_CHILD_SETTID)
		*ctid = (int)c->tid;
	t = uk_sched_thread_create_attr("clone", &attr, child_start, c);
	if (uk_is_err(t)) {
		fl = ukplat_irq_save();
		uk_free(uk_alloc_get_default(), c);
		ukplat_irq_restore(fl);
		return uk_ptr_err(t);
	}
	return tid;	/* c may be gone: the child frees it */
}
