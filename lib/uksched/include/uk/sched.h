/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uksched: threads. The interface library; the scheduling policy is a
 * separate library that registers an ops struct (<uk/sched_impl.h>):
 * ukschedcoop (round-robin, runs a thread until it blocks or yields) or
 * ukschedpreempt (priorities, time slices on the one-shot timer).
 *
 *	static void *worker(void *arg) { ...; return result; }
 *
 *	struct uk_thread *t = uk_sched_thread_create("worker", worker, arg);
 *	if (uk_is_err(t)) return uk_ptr_err(t);
 *	uk_sched_thread_join(t, &result);
 *
 * The scheduler starts from the init table at UK_INIT_LIB, priority
 * UK_PRIO_UKSCHED; from then on the boot context is the thread "main"
 * (init functions after it, uktest's cases and main() run in it), with
 * an idle thread that halts the CPU when nothing is runnable.
 *
 * Contracts:
 * - Single CPU. Scheduler state is protected by disabling interrupts
 *   (ukplat_irq_save()); every call here may be made with interrupts
 *   on or off, and uk_sched_thread_wake()/uk_sched_waitq_wake_*() also from
 *   interrupt handlers. Calls that block must not be made from an
 *   interrupt handler or the idle thread.
 * - Times are monotonic nanoseconds (ukplat_monotonic_ns()); deadlines
 *   are absolute, 0 means "no deadline".
 * - Every thread has its own stack with a guard page below it when the
 *   platform can protect pages (else a canary word, checked at each
 *   switch), and its own copy of the image's TLS (`__thread`).
 * - A thread that uses x87/SSE registers (kernel code is built without)
 *   must be created with UK_THREAD_FPU: only such threads get their
 *   extended state saved and restored.
 */
#ifndef UK_SCHED_H
#define UK_SCHED_H

#include <uk/essentials.h>
#include <uk/init.h>
#include <uk/alloc.h>

/* The scheduler starts at UK_INIT_LIB with this priority: a library
 * whose init creates threads says UK_PRIO_AFTER(UK_PRIO_UKSCHED). */
#define UK_PRIO_UKSCHED		UK_PRIO_AFTER(UK_PRIO_UKALLOC)

struct uk_thread;

/* Priorities (ukschedpreempt; ukschedcoop ignores them): larger runs
 * first. */
#define UK_THREAD_PRIO_MIN	0
#define UK_THREAD_PRIO_DEFAULT	16
#define UK_THREAD_PRIO_MAX	31

/* Thread flags (uk_thread_attr.flags). */
#define UK_THREAD_DETACHED	0x1	/* freed at exit; cannot be joined */
#define UK_THREAD_FPU		0x2	/* uses x87/SSE: save/restore it */
#define UK_THREAD_OWN_TLS	0x4	/* the creator sets its TLS (clone):
					 * thread hooks are not run */

#define UK_THREAD_NAME_MAX	24	/* with the NUL; longer is cut */

struct uk_thread_attr {
	size_t stack_size;	/* bytes; 0: CONFIG_LIBUKSCHED_STACK_SIZE */
	int prio;		/* UK_THREAD_PRIO_*; 0 is taken as DEFAULT */
	unsigned int flags;	/* UK_THREAD_* */
};

typedef void *(*uk_thread_fn_t)(void *arg);

/*
 * Create a runnable thread that calls fn(arg); its return value is what
 * uk_sched_thread_join() gets (as if it called uk_sched_thread_exit()). name is
 * copied. Returns the thread or an error pointer: -ENOMEM, -EINVAL (bad
 * attribute), -ENODEV (no scheduler running yet).
 */
struct uk_thread *uk_sched_thread_create(const char *name, uk_thread_fn_t fn,
				   void *arg);
struct uk_thread *uk_sched_thread_create_attr(const char *name,
					const struct uk_thread_attr *attr,
					uk_thread_fn_t fn, void *arg);

/*
 * Wait for t to exit, store its result in *retval (if not NULL) and free
 * it. -EINVAL: t is detached, the caller itself, or already being
 * joined. Exactly one join per joinable thread.
 */
int uk_sched_thread_join(struct uk_thread *t, void **retval);
int uk_sched_thread_join_until(struct uk_thread *t, void **retval,
			 uint64_t deadline);	/* also -ETIMEDOUT */

/* t is freed when it exits (now, if it has). -EINVAL if already. */
int uk_sched_thread_detach(struct uk_thread *t);

/* End the calling thread with retval. Never returns. */
void uk_sched_thread_exit(void *retval) __uk_noreturn;

/* The running thread (NULL before the scheduler started). */
struct uk_thread *uk_sched_thread_current(void);

const char *uk_sched_thread_name(const struct uk_thread *t);

/*
 * Make tlsp t's thread pointer (%fs base): a TLS area and thread control
 * block the caller owns and keeps alive while t runs (a libc's, e.g.
 * musl's, set by its arch_prctl). Loaded now if t is running, and at
 * every switch to t from then on.
 */
void uk_sched_thread_set_tlsp(struct uk_thread *t, uintptr_t tlsp);

/*
 * The same, for a TLS area in mem, a block of the default allocator that
 * uksched frees with the thread (a thread hook's thread control block);
 * a block given before is freed. tlsp 0: keep t's thread pointer.
 */
void uk_sched_thread_set_tls(struct uk_thread *t, uintptr_t tlsp, void *mem);

/*
 * Thread hooks: a library above uksched that keeps per-thread state of
 * its own (lib/musl: a thread control block, so musl code runs in every
 * thread) registers them, and every thread created with
 * uk_sched_thread_create*() without UK_THREAD_OWN_TLS gets them, in link
 * order (exit: in reverse); the boot and idle threads do not.
 *
 *	UK_SCHED_THREAD_HOOK(musl_tcb) = { .create = ..., .start = ... };
 *
 * create(t): in the creating thread, interrupts on, before t can run:
 *	allocate what t needs (0, or -errno: the creation fails with it;
 *	hooks that succeeded before are not told, so keep it to memory
 *	handed over with uk_sched_thread_set_tls()).
 * start(t): in t, interrupts on, before its function.
 * exit(t): in t, interrupts on, when it returns or calls
 *	uk_sched_thread_exit(), before it stops running.
 * Any of them may be NULL. A pointer list in section uk_schedhooks: no
 * registration call, so it holds from the first thread on.
 */
struct uk_sched_thread_hook {
	int (*create)(struct uk_thread *t);
	void (*start)(struct uk_thread *t);
	void (*exit)(struct uk_thread *t);
};
#define UK_SCHED_THREAD_HOOK(name)					\
	static const struct uk_sched_thread_hook __uk_schedhook_##name;	\
	static const struct uk_sched_thread_hook *const			\
		__uk_schedhook_p_##name __uk_used			\
		__uk_section("uk_schedhooks") = &__uk_schedhook_##name;	\
	static const struct uk_sched_thread_hook __uk_schedhook_##name

/* From now on save and restore t's x87/SSE state at switches, as if it
 * had been created with UK_THREAD_FPU (the boot thread, once it runs a
 * libc). 0, or -ENOMEM. */
int uk_sched_thread_use_fpu(struct uk_thread *t);

/* CPU time t has used, in ns (switches are timed with the monotonic
 * clock; CONFIG_LIBUKSCHED_CPUTIME, else 0). */
uint64_t uk_sched_thread_cpu_ns(const struct uk_thread *t);

/* Change t's priority (ukschedpreempt); takes effect when t is next
 * queued. -EINVAL out of range. */
int uk_sched_thread_set_prio(struct uk_thread *t, int prio);
int uk_sched_thread_prio(const struct uk_thread *t);

/* Let other runnable threads run; returns at once if there is none
 * (none of higher or equal priority under ukschedpreempt). */
void uk_sched_yield(void);

/* Sleep for ns / until the monotonic clock reaches deadline. */
void uk_sched_sleep_ns(uint64_t ns);
void uk_sched_sleep_until(uint64_t deadline);

/*
 * Park/unpark. uk_sched_thread_block() blocks the caller until some
 * uk_sched_thread_wake() of it; a wake that comes while the thread is not
 * parked here (running, runnable, or blocked on anything else: a lock, a
 * wait queue, a sleep, which it does not disturb) is remembered, and its
 * next block returns at once (no lost wake-ups). Returns 0, or -ETIMEDOUT
 * when deadline passed first. uk_sched_thread_wake() returns 1 if t was
 * parked, 0 otherwise; it may be called from interrupt handlers.
 */
int uk_sched_thread_block(void);
int uk_sched_thread_block_until(uint64_t deadline);
int uk_sched_thread_wake(struct uk_thread *t);

/* Name of the running scheduler ("coop", "preempt"), or NULL. */
const char *uk_sched_name(void);

/* Counters, for tests and benchmarks. */
struct uk_sched_stats {
	uint64_t switches;	/* context switches */
	uint64_t preemptions;	/* of them, forced by the timer */
	uint64_t idle_halts;	/* times the idle thread halted */
	unsigned int threads;	/* live threads, main and idle included */
};
void uk_sched_stats(struct uk_sched_stats *st);

/* Deadline ns from now (saturating). */
uint64_t uk_sched_deadline_in(uint64_t ns);

#endif /* UK_SCHED_H */
