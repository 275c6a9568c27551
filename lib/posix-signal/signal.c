/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Signals of the image's one process (pid 1): the state and the system
 * calls. There is no trap to interrupt a thread at, so a signal is
 * delivered (deliver.c) when a signal call of a thread that does not
 * block it returns: kill/tkill/tgkill to oneself deliver before they
 * return (as Linux delivers a signal a thread sends itself), and
 * rt_sigprocmask delivers what it unblocks (musl's raise() blocks,
 * sends, then restores the mask). A signal sent to another thread, or
 * to the process, waits until a thread that does not block it makes a
 * signal call, or wakes one waiting in rt_sigsuspend/rt_sigtimedwait.
 * Standard and real-time signals alike are pending or not (no queue).
 *
 * Locking: one CPU; state changes with interrupts off.
 */
#include <errno.h>
#include <string.h>
#include <uk/assert.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/process.h>
#include <uk/syscall.h>
#include <uk/signal.h>
#include "signal_impl.h"
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define PID 1

struct k_sigaction posix_signal_act[NSIG_K + 1];
uint64_t posix_signal_proc_pending;
siginfo_t posix_signal_info[NSIG_K + 1];
__thread uint64_t posix_signal_mask;
__thread uint64_t posix_signal_thread_pending;
__thread stack_t posix_signal_altstack = { .ss_flags = SS_DISABLE };
__thread int posix_signal_on_altstack;

static int valid(int sig)
{
	return sig >= 1 && sig <= NSIG_K;
}

/* Threads in posix_signal_wait, woken by every post. */
struct waiter {
#if CONFIG_LIBUKSCHED
	struct uk_thread *t;
#endif
	struct waiter *next;
};
static struct waiter *waiters;

int uk_signal_send(int sig, int code, void *value, int timerid)
{
	if (!valid(sig))
		return -EINVAL;
	posix_signal_post(sig, code, 0, value, timerid);
	return 0;
}

int uk_signal_send_thread(int sig)
{
	if (!valid(sig))
		return -EINVAL;
	posix_signal_post(sig, SI_USER, 1, NULL, 0);
	posix_signal_deliver();
	return 0;
}

void posix_signal_post(int sig, int code, int thread, void *value,
		       int timerid)
{
	unsigned long fl = ukplat_irq_save();
	siginfo_t *si = &posix_signal_info[sig];
	struct waiter *w;

	/* Ignored signals are discarded at once (SIG_DFL of a signal
	 * whose default is to ignore is decided at delivery). */
	if (posix_signal_act[sig].handler != SIG_IGN) {
		memset(si, 0, sizeof(*si));
		si->si_signo = sig;
		si->si_code = code;
		if (code == SI_TIMER) {
			si->si_timerid = timerid;
			si->si_value.sival_ptr = value;
		} else {
			si->si_pid = PID;
			si->si_uid = 0;
		}
		if (thread)
			posix_signal_thread_pending |= BIT(sig);
		else
			posix_signal_proc_pending |= BIT(sig);
	}
	for (w = waiters; w; w = w->next) {
#if CONFIG_LIBUKSCHED
		uk_sched_thread_wake(w->t);
#endif
	}
	ukplat_irq_restore(fl);
}

int posix_signal_wait(uint64_t deadline)
{
#if CONFIG_LIBUKSCHED
	struct waiter w = { .t = uk_sched_thread_current(), .next = waiters };
	struct waiter **pp;
	int r;

	waiters = &w;
	ukplat_irq_enable();
	r = deadline ? uk_sched_thread_block_until(deadline) : uk_sched_thread_block();
	ukplat_irq_disable();
	for (pp = &waiters; *pp; pp = &(*pp)->next)
		if (*pp == &w) {
			*pp = w.next;
			break;
		}
	return r;
#else
	/* One thread and no timers: nothing could ever send a signal. */
	if (!deadline)
		UK_CRASH("waiting for a signal that nothing can send (no uksched)");
	return -ETIMEDOUT;
#endif
}

UK_SYSCALL_DEFINE4(rt_sigaction, int, sig, const struct k_sigaction *, act,
		   struct k_sigaction *, old, size_t, setsize)
{
	unsigned long fl;

	if (setsize != SIGSET_SIZE || !valid(sig))
		return -EINVAL;
	if (act && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	fl = ukplat_irq_save();
	if (old)
		*old = posix_signal_act[sig];
	if (act) {
		posix_signal_act[sig] = *act;
		posix_signal_act[sig].mask &= ~UNBLOCKABLE;
		if (act->handler == SIG_IGN) {	/* POSIX: discard pending */
			posix_signal_proc_pending &= ~BIT(sig);
			posix_signal_thread_pending &= ~BIT(sig);
		}
	}
	ukplat_irq_restore(fl);
	return 0;
}

UK_SYSCALL_DEFINE4(rt_sigprocmask, int, how, const uint64_t *, set,
		   uint64_t *, old, size_t, setsize)
{
	uint64_t m;

	if (setsize != SIGSET_SIZE)
		return -EINVAL;
	m = posix_signal_mask;
	if (set) {
		switch (how) {
		case SIG_BLOCK: m |= *set; break;
		case SIG_UNBLOCK: m &= ~*set; break;
		case SIG_SETMASK: m = *set; break;
		default: return -EINVAL;
		}
	}
	if (old)
		*old = posix_signal_mask;
	posix_signal_mask = m & ~UNBLOCKABLE;
	posix_signal_deliver();
	return 0;
}

UK_SYSCALL_DEFINE2(rt_sigpending, uint64_t *, set, size_t, setsize)
{
	if (setsize > SIGSET_SIZE)
		return -EINVAL;
	if (!set)
		return -EFAULT;
	*set = (posix_signal_proc_pending | posix_signal_thread_pending) &
	       posix_signal_mask;
	return 0;
}

UK_SYSCALL_DEFINE2(rt_sigsuspend, const uint64_t *, set, size_t, setsize)
{
	uint64_t saved = posix_signal_mask;
	unsigned long fl;

	if (setsize != SIGSET_SIZE)
		return -EINVAL;
	if (!set)
		return -EFAULT;
	posix_signal_mask = *set & ~UNBLOCKABLE;
	for (;;) {
		fl = ukplat_irq_save();
		if ((posix_signal_proc_pending | posix_signal_thread_pending) &
		    ~posix_signal_mask) {
			ukplat_irq_restore(fl);
			if (posix_signal_deliver())
				break;
			continue;	/* only ignored ones: wait on */
		}
		posix_signal_wait(0);
		ukplat_irq_restore(fl);
	}
	posix_signal_mask = saved;
	posix_signal_deliver();
	return -EINTR;
}

/* Wait until a handler has run: always -EINTR, as on Linux. */
UK_SYSCALL_DEFINE0(pause)
{
	unsigned long fl;

	for (;;) {
		fl = ukplat_irq_save();
		if (!((posix_signal_proc_pending | posix_signal_thread_pending) &
		      ~posix_signal_mask))
			posix_signal_wait(0);
		ukplat_irq_restore(fl);
		if (posix_signal_deliver())
			return -EINTR;
	}
}

UK_SYSCALL_DEFINE4(rt_sigtimedwait, const uint64_t *, set, siginfo_t *, info,
		   const struct timespec *, ts, size_t, setsize)
{
	uint64_t want, got, deadline = 0;
	unsigned long fl;
	int sig;

	if (setsize != SIGSET_SIZE)
		return -EINVAL;
	if (!set)
		return -EFAULT;
	if (ts) {
		if (ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000 || ts->tv_sec < 0)
			return -EINVAL;
		deadline = ukplat_monotonic_ns() +
			   ts->tv_sec * UKPLAT_NSEC_PER_SEC + ts->tv_nsec;
		if (!deadline)
			deadline = 1;
	}
	want = *set & ~UNBLOCKABLE;
	fl = ukplat_irq_save();
	while (!((got = (posix_signal_proc_pending |
			  posix_signal_thread_pending) & want))) {
		if (ts && (!deadline || ukplat_monotonic_ns() >= deadline ||
			   posix_signal_wait(deadline) == -ETIMEDOUT)) {
			ukplat_irq_restore(fl);
			return -EAGAIN;
		}
		if (!ts)
			posix_signal_wait(0);
	}
	sig = __builtin_ctzll(got) + 1;
	posix_signal_thread_pending &= ~BIT(sig);
	posix_signal_proc_pending &= ~BIT(sig);
	if (info)
		*info = posix_signal_info[sig];
	ukplat_irq_restore(fl);
	return sig;
}

/* kill(2)'s pid: ours (1, 0: our group, -1: every process we may
 * signal, -1 as a group) or -ESRCH. */
static int ours(int pid)
{
	return pid == PID || pid == 0 || pid == -1 || pid == -PID;
}

UK_SYSCALL_DEFINE2(kill, int, pid, int, sig)
{
	if (sig < 0 || sig > NSIG_K)
		return -EINVAL;
	if (!ours(pid))
		return -ESRCH;
	if (!sig)
		return 0;
	/* To ourselves: the calling thread takes it if it can. */
	posix_signal_post(sig, SI_USER, !(posix_signal_mask & BIT(sig)), NULL, 0);
	posix_signal_deliver();
	return 0;
}

static long thread_kill(int tid, int sig)
{
	if (tid <= 0 || sig < 0 || sig > NSIG_K)
		return -EINVAL;
	if (!sig)
		return 0;
	/* Another thread's state is in its TLS, out of reach: a signal
	 * for it goes to the process (a thread that does not block it
	 * takes it at its next signal call). */
	posix_signal_post(sig, SI_TKILL, tid == uk_process_gettid(), NULL, 0);
	posix_signal_deliver();
	return 0;
}

UK_SYSCALL_DEFINE2(tkill, int, tid, int, sig)
{
	return thread_kill(tid, sig);
}

UK_SYSCALL_DEFINE3(tgkill, int, tgid, int, tid, int, sig)
{
	if (tgid <= 0)
		return -EINVAL;
	if (tgid != PID)
		return -ESRCH;
	return thread_kill(tid, sig);
}

UK_SYSCALL_DEFINE2(sigaltstack, const stack_t *, ss, stack_t *, old)
{
	stack_t *cur = &posix_signal_altstack;

	if (old) {
		*old = *cur;
		if (posix_signal_on_altstack)
			old->ss_flags = SS_ONSTACK;
		else if (!(cur->ss_flags & SS_DISABLE))
			old->ss_flags = 0;
	}
	if (!ss)
		return 0;
	if (posix_signal_on_altstack)
		return -EPERM;
	if (ss->ss_flags & ~(SS_DISABLE | SS_AUTODISARM))
		return -EINVAL;
	if (ss->ss_flags & SS_DISABLE) {
		cur->ss_sp = NULL;
		cur->ss_size = 0;
		cur->ss_flags = SS_DISABLE;
		return 0;
	}
	if (ss->ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	*cur = *ss;
	return 0;
}

/* Handlers return into deliver.c, not through a signal frame: nothing
 * calls this but code that builds its own frames, which cannot work. */
UK_SYSCALL_DEFINE0(rt_sigreturn)
{
	UK_CRASH("rt_sigreturn: handlers here return normally; there is no signal frame to return through");
	return -ENOSYS;
}
