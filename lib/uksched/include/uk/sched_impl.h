/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * For scheduler implementations (ukschedcoop, ukschedpreempt): the
 * thread structure and the policy ops.
 *
 * uksched owns the mechanism: thread life cycle, stacks and TLS, the
 * context switch, blocking, sleeping, the timer and the idle thread. A
 * policy owns only the run queue: which runnable thread runs next, and
 * whether the timer should take the CPU away. All ops are called with
 * interrupts disabled, never re-entered, and must not block or allocate
 * (except init).
 */
#ifndef UK_SCHED_IMPL_H
#define UK_SCHED_IMPL_H

#include <uk/plat/paging.h>
#include <uk/sched.h>
#include <uk/wait.h>
#include <uk/arch/ctx.h>

enum uk_thread_state {
	UK_THREAD_RUNNING,	/* on the CPU (uk_sched_thread_current()) */
	UK_THREAD_RUNNABLE,	/* in the policy's run queue */
	UK_THREAD_BLOCKED,	/* on a waitq and/or the sleep list, or parked */
	UK_THREAD_EXITED,	/* waiting for join (or to be reaped) */
};

struct uk_thread {
	struct ukarch_ctx ctx;		/* first: the saved stack pointer */
	uintptr_t tlsp;			/* %fs base; 0: no TLS area */
	enum uk_thread_state state;
	unsigned int flags;		/* UK_THREAD_* and the private ones */
	int prio;
	int wake_pending;		/* uk_sched_thread_wake() while not parked */
	int parked;			/* blocked in uk_sched_thread_block*() */
	int timed_out;			/* last block ended by its deadline */

	/* Policy's run-queue links (free for the policy to use). */
	struct uk_thread *rq_next, *rq_prev;

	/* Blocked: the sleep list (sorted by deadline) and the waitq. */
	uint64_t deadline;		/* 0: not on the sleep list */
	struct uk_thread *sleep_next;
	struct uk_waitq *waitq;		/* NULL: not queued */
	struct uk_thread *wq_next, *wq_prev;

	struct uk_waitq joinq;		/* the joiner waits here */
	void *retval;
	uk_thread_fn_t fn;
	void *arg;

	uint64_t cpu_ns;		/* CPU time, excluding the current run */
	uint64_t run_since;		/* when it last got the CPU */

	void *mem;			/* the one allocation: stack + rest */
	void *tls_mem;			/* uk_sched_thread_set_tls()'s block */
	size_t mem_pages;
	uintptr_t stack_lo;		/* lowest usable stack byte */
#if CONFIG_LIBUKSCHED_VALGRIND
	unsigned int vg_stack;		/* valgrind's id of the stack */
#endif
	struct ukplat_stack_guard guard;	/* UK_THREAD_GUARDED: the page
						 * below stack_lo, named after
						 * the thread in fault reports */
	void *ectx;			/* UK_THREAD_FPU: fxsave area */
	struct uk_thread *all_next;	/* every live thread */
	char name[UK_THREAD_NAME_MAX];
};

struct uk_sched;

struct uk_sched_ops {
	const char *name;		/* "coop": uksched.policy=coop */
	/* Set up; may allocate. 0 or a negative errno. Optional. */
	int (*init)(struct uk_sched *s);
	/* t (state RUNNABLE) joins the run queue: it was created, woken,
	 * yielded or preempted. */
	void (*enqueue)(struct uk_sched *s, struct uk_thread *t);
	/* Remove and return the thread to run next; NULL: run idle. */
	struct uk_thread *(*pick)(struct uk_sched *s);
	/* Optional (NULL: cooperative). Time slice in ns for t, 0: none.
	 * When it ends the timer preempts t (enqueue, then pick). */
	uint64_t (*slice_ns)(struct uk_sched *s, struct uk_thread *t);
	/* Optional: should woken preempt the running cur at once? */
	int (*preempts)(struct uk_sched *s, struct uk_thread *woken,
			struct uk_thread *cur);
};

struct uk_sched {
	const struct uk_sched_ops *ops;
	void *priv;			/* the policy's */
};

/*
 * Register a policy: UK_SCHED_REGISTER(coop_ops). uksched runs the one
 * named by uksched.policy=, else the menu's default, else the first.
 */
#define UK_SCHED_REGISTER(ops)						\
	static const struct uk_sched_ops *const uk_schedtab_##ops	\
	__uk_used __uk_section("uk_schedtab") __uk_align(8) = &(ops)

extern const struct uk_sched_ops *const __start_uk_schedtab[] __uk_weak;
extern const struct uk_sched_ops *const __stop_uk_schedtab[] __uk_weak;

#endif /* UK_SCHED_IMPL_H */
