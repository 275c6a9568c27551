/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-signal through the shim, as musl calls it. */
#include <errno.h>
#include <string.h>
#include <uk/process.h>
#include <uk/syscall.h>
#include <uk/test.h>
#include "../signal_impl.h"

#define L(x) ((long)(x))
#define SC(n, a, b, c, d) uk_syscall(SYS_##n, L(a), L(b), L(c), L(d), 0, 0)

static volatile int hits, last_sig, last_code, nested_mask_had_self;
static volatile int on_alt;
static char alt[16384];

static void h(int sig)
{
	hits++;
	last_sig = sig;
	nested_mask_had_self = !!(posix_signal_mask & BIT(sig));
}

static void hi(int sig, siginfo_t *si, void *uc)
{
	char probe;

	(void)uc;
	hits++;
	last_sig = sig;
	last_code = si->si_code;
	on_alt = &probe >= alt && &probe < alt + sizeof(alt);
}

static int set(int sig, void *fn, unsigned long flags)
{
	struct k_sigaction a = { .handler = fn, .flags = flags };

	return SC(rt_sigaction, sig, &a, 0, 8);
}

static long self(int sig)
{
	return SC(tkill, uk_process_gettid(), sig, 0, 0);
}

UK_TESTCASE(posix_signal, handler_runs_before_kill_returns)
{
	UK_TEST_ASSERT_INT_EQ(set(SIGUSR1, h, 0), 0);
	hits = 0;
	UK_TEST_EXPECT_INT_EQ(SC(kill, 1, SIGUSR1, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(hits, 1);
	UK_TEST_EXPECT_INT_EQ(last_sig, SIGUSR1);
	UK_TEST_EXPECT_INT_EQ(nested_mask_had_self, 1);	/* no SA_NODEFER */
	UK_TEST_EXPECT_INT_EQ(self(SIGUSR1), 0);
	UK_TEST_EXPECT_INT_EQ(hits, 2);
	UK_TEST_ASSERT_INT_EQ(set(SIGUSR1, h, SA_NODEFER), 0);
	self(SIGUSR1);
	UK_TEST_EXPECT_INT_EQ(nested_mask_had_self, 0);
	UK_TEST_ASSERT_INT_EQ(set(SIGUSR1, hi, SA_SIGINFO), 0);
	SC(kill, 0, SIGUSR1, 0, 0);
	UK_TEST_EXPECT_INT_EQ(last_code, SI_USER);
	self(SIGUSR1);
	UK_TEST_EXPECT_INT_EQ(last_code, SI_TKILL);
	set(SIGUSR1, SIG_DFL, 0);
}

UK_TESTCASE(posix_signal, blocked_stays_pending_until_unblocked)
{
	uint64_t m = BIT(SIGUSR2), pend = 0, old = 0;

	set(SIGUSR2, h, 0);
	hits = 0;
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigprocmask, SIG_BLOCK, &m, &old, 8), 0);
	self(SIGUSR2);
	self(SIGUSR2);
	UK_TEST_EXPECT_INT_EQ(hits, 0);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigpending, &pend, 8, 0, 0), 0);
	UK_TEST_EXPECT_UINT_EQ(pend, BIT(SIGUSR2));
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigprocmask, SIG_UNBLOCK, &m, 0, 8), 0);
	UK_TEST_EXPECT_INT_EQ(hits, 1);	/* once: not queued */
	SC(rt_sigpending, &pend, 8, 0, 0);
	UK_TEST_EXPECT_UINT_EQ(pend, 0);
	/* SIGKILL and SIGSTOP cannot be blocked */
	m = BIT(SIGKILL) | BIT(SIGSTOP) | BIT(SIGUSR2);
	SC(rt_sigprocmask, SIG_SETMASK, &m, 0, 8);
	SC(rt_sigprocmask, SIG_SETMASK, &old, &m, 8);
	UK_TEST_EXPECT_UINT_EQ(m, BIT(SIGUSR2));
	set(SIGUSR2, SIG_DFL, 0);
}

UK_TESTCASE(posix_signal, ignore_resethand_and_defaults)
{
	struct k_sigaction o;

	set(SIGUSR1, SIG_IGN, 0);
	UK_TEST_EXPECT_INT_EQ(self(SIGUSR1), 0);	/* still alive */
	set(SIGUSR1, h, SA_RESETHAND);
	hits = 0;
	self(SIGUSR1);
	UK_TEST_EXPECT_INT_EQ(hits, 1);
	SC(rt_sigaction, SIGUSR1, 0, &o, 8);
	UK_TEST_EXPECT_PTR_EQ((void *)o.handler, (void *)SIG_DFL);
	/* SIG_DFL that ignores: SIGCHLD, SIGWINCH */
	UK_TEST_EXPECT_INT_EQ(self(SIGCHLD), 0);
	UK_TEST_EXPECT_INT_EQ(self(SIGWINCH), 0);
}

UK_TESTCASE(posix_signal, altstack)
{
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) }, o;

	UK_TEST_ASSERT_INT_EQ(SC(sigaltstack, &ss, 0, 0, 0), 0);
	set(SIGUSR1, hi, SA_SIGINFO | SA_ONSTACK);
	on_alt = 0;
	self(SIGUSR1);
	UK_TEST_EXPECT_INT_EQ(on_alt, 1);
	set(SIGUSR1, hi, SA_SIGINFO);
	self(SIGUSR1);
	UK_TEST_EXPECT_INT_EQ(on_alt, 0);
	UK_TEST_EXPECT_INT_EQ(SC(sigaltstack, 0, &o, 0, 0), 0);
	UK_TEST_EXPECT_PTR_EQ(o.ss_sp, alt);
	UK_TEST_EXPECT_INT_EQ(o.ss_flags, 0);
	ss.ss_size = 100;
	UK_TEST_EXPECT_INT_EQ(SC(sigaltstack, &ss, 0, 0, 0), -ENOMEM);
	ss.ss_flags = 0x55;
	UK_TEST_EXPECT_INT_EQ(SC(sigaltstack, &ss, 0, 0, 0), -EINVAL);
	ss.ss_flags = SS_DISABLE;
	UK_TEST_EXPECT_INT_EQ(SC(sigaltstack, &ss, 0, 0, 0), 0);
	SC(sigaltstack, 0, &o, 0, 0);
	UK_TEST_EXPECT_INT_EQ(o.ss_flags, SS_DISABLE);
	set(SIGUSR1, SIG_DFL, 0);
}

UK_TESTCASE(posix_signal, sigtimedwait_takes_a_blocked_signal)
{
	uint64_t m = BIT(SIGUSR2), old;
	struct timespec ts = { 0, 1000000 };
	siginfo_t si;

	set(SIGUSR2, h, 0);
	SC(rt_sigprocmask, SIG_BLOCK, &m, &old, 8);
	hits = 0;
	SC(kill, 1, SIGUSR2, 0, 0);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigtimedwait, &m, &si, &ts, 8), SIGUSR2);
	UK_TEST_EXPECT_INT_EQ(si.si_signo, SIGUSR2);
	UK_TEST_EXPECT_INT_EQ(si.si_code, SI_USER);
	UK_TEST_EXPECT_INT_EQ(hits, 0);	/* taken, not handled */
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigtimedwait, &m, &si, &ts, 8), -EAGAIN);
	SC(rt_sigprocmask, SIG_SETMASK, &old, 0, 8);
	UK_TEST_EXPECT_INT_EQ(hits, 0);
	set(SIGUSR2, SIG_DFL, 0);
}

UK_TESTCASE(posix_signal, errors_as_linux)
{
	struct k_sigaction a = { .handler = SIG_IGN };
	uint64_t m = 0;

	UK_TEST_EXPECT_INT_EQ(SC(rt_sigaction, SIGKILL, &a, 0, 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigaction, SIGSTOP, &a, 0, 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigaction, 0, &a, 0, 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigaction, 65, &a, 0, 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigaction, SIGUSR1, &a, 0, 4), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigprocmask, 7, &m, 0, 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rt_sigprocmask, SIG_BLOCK, &m, 0, 16), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(kill, 1, 65, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(kill, 1, -1, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(kill, 2, SIGUSR1, 0, 0), -ESRCH);
	UK_TEST_EXPECT_INT_EQ(SC(kill, 1, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(tgkill, 2, 1, SIGUSR1, 0), -ESRCH);
	UK_TEST_EXPECT_INT_EQ(SC(tgkill, 0, 1, SIGUSR1, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(tkill, 0, SIGUSR1, 0, 0), -EINVAL);
}
