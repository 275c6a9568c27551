/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Delivery: the calling thread runs the handler of each pending signal
 * it does not block, lowest number first, with the action's mask (and
 * the signal itself, unless SA_NODEFER) added for the handler's time;
 * SA_RESETHAND resets the action first; SA_ONSTACK runs the handler on
 * the thread's alternate stack when one is set and it is not on it yet.
 * SIG_DFL: ignore for SIGCHLD, SIGCONT, SIGURG, SIGWINCH and the job
 * control stops (there is no job control); anything else ends the image
 * with status 128 + N and a report, as the signal kills a Linux process.
 */
#include <string.h>
#include <ucontext.h>
#include <uk/plat/console.h>
#include <uk/plat/irq.h>
#include <uk/plat/power.h>
#include <uk/process.h>
#include "signal_impl.h"

#define IGNORED_BY_DEFAULT (BIT(SIGCHLD) | BIT(SIGCONT) | BIT(SIGURG) | \
			    BIT(SIGWINCH) | BIT(SIGSTOP) | BIT(SIGTSTP) | \
			    BIT(SIGTTIN) | BIT(SIGTTOU))

static const char *const names[32] = {
	[SIGHUP] = "SIGHUP", [SIGINT] = "SIGINT", [SIGQUIT] = "SIGQUIT",
	[SIGILL] = "SIGILL", [SIGTRAP] = "SIGTRAP", [SIGABRT] = "SIGABRT",
	[SIGBUS] = "SIGBUS", [SIGFPE] = "SIGFPE", [SIGKILL] = "SIGKILL",
	[SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV", [SIGUSR2] = "SIGUSR2",
	[SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM", [SIGTERM] = "SIGTERM",
	[SIGSTKFLT] = "SIGSTKFLT", [SIGXCPU] = "SIGXCPU",
	[SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM",
	[SIGPROF] = "SIGPROF", [SIGIO] = "SIGIO", [SIGPWR] = "SIGPWR",
	[SIGSYS] = "SIGSYS",
};

static void put_dec(long v)
{
	char b[24], *p = b + sizeof(b);

	*--p = '\0';
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	ukplat_console_puts(p);
}

static void __attribute__((noreturn)) die(int sig)
{
	ukplat_console_puts("posix_signal: fatal signal ");
	put_dec(sig);
	ukplat_console_puts(" (");
	ukplat_console_puts(sig < 32 && names[sig] ? names[sig] : "SIGRT");
	ukplat_console_puts(") in thread ");
	put_dec(uk_process_gettid());
	ukplat_console_puts(": exiting with status ");
	put_dec(128 + sig);
	ukplat_console_puts("\n");
	ukplat_poweroff(128 + sig);
}

static void run_handler(int sig, struct k_sigaction *act, siginfo_t *si)
{
	uint64_t saved = posix_signal_mask;
	stack_t *alt = &posix_signal_altstack;
	ucontext_t uc;
	/* An sa_handler ignores the two extra arguments (SysV ABI). */
	void (*fn)(int, void *, void *) =
		(void (*)(int, void *, void *))(void (*)(void))act->handler;

	memset(&uc, 0, sizeof(uc));
	memcpy(&uc.uc_sigmask, &saved, sizeof(saved));
	uc.uc_stack = *alt;
	posix_signal_mask |= act->mask |
			     (act->flags & SA_NODEFER ? 0 : BIT(sig));
	posix_signal_mask &= ~UNBLOCKABLE;
	if ((act->flags & SA_ONSTACK) && !(alt->ss_flags & SS_DISABLE) &&
	    !posix_signal_on_altstack) {
		posix_signal_on_altstack = 1;
		posix_signal_call_on((char *)alt->ss_sp + alt->ss_size, fn,
				     sig, si, &uc);
		posix_signal_on_altstack = 0;
	} else {
		fn(sig, si, &uc);
	}
	posix_signal_mask = saved;
}

int posix_signal_deliver(void)
{
	struct k_sigaction act;
	uint64_t ready;
	siginfo_t si;
	unsigned long fl;
	int sig, ran = 0;

	for (;;) {
		fl = ukplat_irq_save();
		ready = (posix_signal_thread_pending |
			 posix_signal_proc_pending) & ~posix_signal_mask;
		if (!ready) {
			ukplat_irq_restore(fl);
			return ran;
		}
		sig = __builtin_ctzll(ready) + 1;
		posix_signal_thread_pending &= ~BIT(sig);
		posix_signal_proc_pending &= ~BIT(sig);
		act = posix_signal_act[sig];
		si = posix_signal_info[sig];
		if (act.flags & SA_RESETHAND && act.handler != SIG_IGN &&
		    act.handler != SIG_DFL) {
			posix_signal_act[sig].handler = SIG_DFL;
			posix_signal_act[sig].flags &= ~SA_SIGINFO;
		}
		ukplat_irq_restore(fl);
		if (act.handler == SIG_IGN)
			continue;
		if (act.handler == SIG_DFL) {
			if (BIT(sig) & IGNORED_BY_DEFAULT)
				continue;
			die(sig);
		}
		run_handler(sig, &act, &si);
		ran = 1;
	}
}
