/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * Signals the program raises and handles: sigaction with SA_SIGINFO,
 * raise/kill/pthread_kill, blocking and pending, SIG_IGN, SA_RESETHAND,
 * sigaltstack, and the errors of bad arguments. (A fatal one is the
 * "abort" mode of main.c.)
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t got, got_sig, got_code_user, on_alt;
static char altstack[65536];

static void handler(int sig, siginfo_t *si, void *uc)
{
	char probe;

	(void)uc;
	got++;
	got_sig = sig;
	got_code_user = si && (si->si_code == SI_USER || si->si_code == SI_TKILL ||
			       si->si_code == SI_QUEUE);
	on_alt = &probe >= altstack && &probe < altstack + sizeof(altstack);
}

static void simple(int sig)
{
	got++;
	got_sig = sig;
}

static volatile sig_atomic_t tgot, tcode_timer, tval;

static void on_timer(int sig, siginfo_t *si, void *uc)
{
	(void)sig, (void)uc;
	tgot++;
	tcode_timer = si->si_code == SI_TIMER;
	tval = si->si_value.sival_int;
}

/* A POSIX timer's signal, waited for race-free: blocked, then
 * sigsuspend with it unblocked. */
static void t_timer(void)
{
	struct sigaction sa = { .sa_sigaction = on_timer, .sa_flags = SA_SIGINFO };
	struct sigevent sev = { .sigev_notify = SIGEV_SIGNAL,
				.sigev_signo = SIGALRM };
	struct itimerspec it = { .it_value = { 0, 10000000 } }, cur;
	sigset_t block, old;
	timer_t id;
	int r, s;

	sev.sigev_value.sival_int = 7;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&block);
	sigaddset(&block, SIGALRM);
	sigprocmask(SIG_BLOCK, &block, &old);
	r = timer_create(CLOCK_MONOTONIC, &sev, &id);
	printf("timer: timer_create = %d\n", r);
	if (r)
		return;
	r = timer_settime(id, 0, &it, NULL);
	errno = 0;
	s = sigsuspend(&old);
	printf("timer: settime %d, sigsuspend %d errno %d, handled %d, SI_TIMER %s, value %d\n",
	       r, s, errno, (int)tgot, tcode_timer ? "yes" : "NO", (int)tval);
	timer_gettime(id, &cur);
	printf("timer: one-shot now disarmed: %s, overrun %d\n",
	       !cur.it_value.tv_sec && !cur.it_value.tv_nsec ? "yes" : "NO",
	       timer_getoverrun(id));
	printf("timer: timer_delete = %d\n", timer_delete(id));
	errno = 0;
	r = timer_delete(id);
	printf("timer: timer_delete again = %d, errno %d\n", r, errno);
	sigprocmask(SIG_SETMASK, &old, NULL);
}

void t_signals(void)
{
	struct sigaction sa, old;
	sigset_t set, pend;
	stack_t ss, oss;
	int r;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	r = sigaction(SIGUSR1, &sa, NULL);
	printf("signal: sigaction(SIGUSR1) = %d\n", r);
	got = 0;
	r = raise(SIGUSR1);
	printf("signal: raise = %d, handled %d time(s), signal %d, user code %s\n",
	       r, (int)got, (int)got_sig, got_code_user ? "yes" : "NO");
	got = 0;
	r = kill(getpid(), SIGUSR1);
	printf("signal: kill(getpid()) = %d, handled %d\n", r, (int)got);
	got = 0;
	r = pthread_kill(pthread_self(), SIGUSR1);
	printf("signal: pthread_kill(self) = %d, handled %d\n", r, (int)got);

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	r = sigprocmask(SIG_BLOCK, &set, NULL);
	got = 0;
	raise(SIGUSR1);
	sigpending(&pend);
	printf("signal: blocked: handled %d, pending %d\n", (int)got,
	       sigismember(&pend, SIGUSR1));
	raise(SIGUSR1);	/* standard signals do not queue */
	r = sigprocmask(SIG_UNBLOCK, &set, NULL);
	sigpending(&pend);
	printf("signal: unblocked = %d: handled %d, pending %d\n", r, (int)got,
	       sigismember(&pend, SIGUSR1));

	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);
	r = raise(SIGUSR2);
	printf("signal: ignored SIGUSR2: raise = %d, still running\n", r);

	sa.sa_handler = simple;
	sa.sa_flags = SA_RESETHAND;
	sigaction(SIGUSR2, &sa, NULL);
	got = 0;
	raise(SIGUSR2);
	sigaction(SIGUSR2, NULL, &old);
	printf("signal: SA_RESETHAND: handled %d, handler now %s\n", (int)got,
	       old.sa_handler == SIG_DFL ? "SIG_DFL" : "other");
	sa.sa_handler = SIG_IGN;
	sa.sa_flags = 0;
	sigaction(SIGUSR2, &sa, NULL);

	ss.ss_sp = altstack;
	ss.ss_size = sizeof(altstack);
	ss.ss_flags = 0;
	r = sigaltstack(&ss, NULL);
	printf("signal: sigaltstack = %d\n", r);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	got = 0;
	raise(SIGUSR1);
	printf("signal: SA_ONSTACK: handled %d, on the alternate stack %s\n",
	       (int)got, on_alt ? "yes" : "NO");
	sigaltstack(NULL, &oss);
	printf("signal: sigaltstack query: size %zu, flags %d\n", oss.ss_size,
	       oss.ss_flags);
	ss.ss_flags = SS_DISABLE;
	sigaltstack(&ss, NULL);
	ss.ss_size = 100;
	ss.ss_flags = 0;
	errno = 0;
	r = sigaltstack(&ss, NULL);
	printf("signal: sigaltstack too small = %d, errno %d (ENOMEM %d)\n", r,
	       errno, ENOMEM);

	errno = 0;
	r = sigaction(SIGKILL, &sa, NULL);
	printf("signal: sigaction(SIGKILL) = %d, errno %d\n", r, errno);
	errno = 0;
	r = sigaction(65, &sa, NULL);
	printf("signal: sigaction(65) = %d, errno %d\n", r, errno);
	errno = 0;
	r = kill(getpid(), 999);
	printf("signal: kill(999) = %d, errno %d\n", r, errno);
	r = kill(getpid(), 0);
	printf("signal: kill(pid, 0) = %d\n", r);
	sigprocmask(SIG_SETMASK, NULL, &set);
	printf("signal: mask now has SIGUSR1 %d\n", sigismember(&set, SIGUSR1));
	t_timer();
}
