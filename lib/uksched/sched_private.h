/* SPDX-License-Identifier: BSD-3-Clause */
/* What uksched's files tell each other (sched.c, thread.c, wait.c). */
#ifndef UKSCHED_PRIVATE_H
#define UKSCHED_PRIVATE_H

#include <uk/sched_impl.h>

/* Private thread flags (above the public UK_THREAD_*). */
#define UK_THREAD_IDLE		0x100	/* the idle thread */
#define UK_THREAD_MAIN		0x200	/* the boot context */
#define UK_THREAD_GUARDED	0x400	/* guard page below the stack */
#define UK_THREAD_JOINING	0x800	/* someone is in uk_sched_thread_join() */
#define UK_THREAD_ECTX_HEAP	0x1000	/* ectx from uk_sched_thread_use_fpu() */
#define UK_THREAD_HOOKED	0x2000	/* thread hooks run for it */

#define UKSCHED_CANARY		0x5ca1ab1edeadc0deULL

/* sched.c: the running state; every field under interrupts off. */
struct uksched_state {
	struct uk_sched sched;
	struct uk_thread *current;
	struct uk_thread *idle;
	struct uk_thread *all;		/* every live thread */
	struct uk_thread *sleepers;	/* blocked with a deadline, sorted */
	struct uk_thread *reap;		/* exited detached thread to free */
	struct uk_thread *fpu_owner;	/* whose state the FPU holds */
	uint64_t slice_end;		/* 0: no slice running */
	uint64_t armed;			/* deadline the timer is armed for */
	int in_timer;			/* inside the timer handler */
	int tls;			/* the image has TLS: switch %fs */
	struct uk_sched_stats stats;
};
extern struct uksched_state uksched;

/* sched.c, interrupts off: run the next thread; current has been put
 * where it belongs (run queue, waitq, sleep list, or nowhere). */
void uksched_schedule(void);
/* Interrupts off: block current (state BLOCKED, maybe on a waitq), with
 * a deadline (0: none). 0 if woken, -ETIMEDOUT. */
int uksched_block(uint64_t deadline);
/* Interrupts off: make a BLOCKED t runnable. */
void uksched_make_runnable(struct uk_thread *t);
/* After a wake with interrupts restored to flags: switch if a woken
 * thread should preempt (ukschedpreempt) and we may. */
void uksched_maybe_preempt(unsigned long flags);
extern int uksched_want_resched;

/* thread.c */
struct uk_thread *uksched_thread_alloc(const char *name,
				       const struct uk_thread_attr *attr);
void uksched_thread_free(struct uk_thread *t);
int uksched_main_thread(struct uk_thread **out);
void uksched_thread_start(void *arg);
/* Thread hooks (UK_SCHED_THREAD_HOOK): run the start / exit ones. */
void uksched_hooks_start(struct uk_thread *t);
void uksched_hooks_exit(struct uk_thread *t);

/* wait.c, interrupts off: take t off its waitq (it was woken by other
 * means: deadline, uk_sched_thread_wake). */
void uksched_waitq_remove(struct uk_thread *t);

#endif /* UKSCHED_PRIVATE_H */
