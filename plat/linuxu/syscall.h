/* SPDX-License-Identifier: BSD-3-Clause */
/* Raw Linux system calls (x86_64) for the linuxu platform. */
#ifndef LINUXU_SYSCALL_H
#define LINUXU_SYSCALL_H

#include <stddef.h>

#define SYS_read		0
#define SYS_write		1
#define SYS_mmap		9
#define SYS_rt_sigaction	13
#define SYS_rt_sigprocmask	14
#define SYS_rt_sigreturn	15
#define SYS_rt_sigsuspend	130
#define SYS_timer_create	222
#define SYS_timer_settime	223
#define SYS_clock_gettime	228
#define SYS_exit_group		231

static inline long linuxu_syscall6(long n, long a, long b, long c, long d,
				   long e, long f)
{
	long ret;
	register long r10 __asm__("r10") = d;
	register long r8 __asm__("r8") = e;
	register long r9 __asm__("r9") = f;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10),
			       "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#define linuxu_syscall3(n, a, b, c) linuxu_syscall6(n, a, b, c, 0, 0, 0)

/* Set up the crash handlers (crash.c). */
void linuxu_crash_init(void);

/* The environment, for UKPLAT_INITRD (initrd.c). */
void linuxu_initrd_env(const char *const *envp);

/* The clock's zero, SIGALRM blocked (time.c): first thing at start-up. */
void linuxu_time_start(void);

#endif
