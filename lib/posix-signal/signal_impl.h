/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-signal's private interfaces between its files (and its tests). */
#ifndef POSIX_SIGNAL_PRIVATE_H
#define POSIX_SIGNAL_PRIVATE_H

#include <signal.h>
#include <stdint.h>

#define NSIG_K		64		/* signals 1..64 */
#define SIGSET_SIZE	8		/* the kernel's sigset_t: one long */
#define BIT(s)		(1ULL << ((s) - 1))
#define UNBLOCKABLE	(BIT(SIGKILL) | BIT(SIGSTOP))

/* The kernel's struct sigaction (what musl's sigaction passes). */
struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	uint64_t mask;
};

/* State (signal.c). Process-wide: actions, pending, the info of each
 * pending signal. Per thread: mask, pending, alternate stack. */
extern struct k_sigaction posix_signal_act[NSIG_K + 1];
extern uint64_t posix_signal_proc_pending;
extern siginfo_t posix_signal_info[NSIG_K + 1];
extern __thread uint64_t posix_signal_mask;
extern __thread uint64_t posix_signal_thread_pending;
extern __thread stack_t posix_signal_altstack;
extern __thread int posix_signal_on_altstack;

/* Mark sig pending for the process (thread = 0) or the calling thread,
 * with si_code code (and, for SI_TIMER, value and timerid); wakes
 * threads waiting for a signal. */
void posix_signal_post(int sig, int code, int thread, void *value,
		       int timerid);

/* deliver.c: run the handlers (or default actions) of every pending
 * signal the calling thread does not block. 1 if a handler ran. */
int posix_signal_deliver(void);

/* callstack.S */
void posix_signal_call_on(void *top, void (*fn)(int, void *, void *),
			  int sig, void *info, void *uc);

/* signal.c: block the calling thread until posix_signal_post (with
 * interrupts off on entry; returns with them off), or the deadline
 * (monotonic ns, 0: none) passes: 0, or -ETIMEDOUT. */
int posix_signal_wait(uint64_t deadline);

#endif
