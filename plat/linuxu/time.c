/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu time and "interrupts". The clock is clock_gettime() (a system
 * call: no vDSO parsing), since the process's first instruction; the
 * wall clock is CLOCK_REALTIME. The one-shot timer is a POSIX timer on
 * CLOCK_MONOTONIC, armed with an absolute deadline, whose SIGALRM stands
 * in for the timer interrupt; "interrupts off" means SIGALRM blocked
 * (rt_sigprocmask), and idle is rt_sigsuspend(), which unblocks and
 * waits atomically, like sti;hlt.
 *
 * SIGALRM is blocked from start-up until the platform's init at
 * UK_INIT_PLAT (earliest), as interrupts are on kvm. The blocked state
 * is cached, so save/restore that change nothing cost no system call.
 */
#include <uk/essentials.h>
#include <uk/init.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include "syscall.h"

#define SIGALRM		14
#define ALRM_MASK	(1UL << (SIGALRM - 1))
#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2
#define SA_RESTORER	0x04000000
#define SA_RESTART	0x10000000
#define CLOCK_REALTIME	0
#define CLOCK_MONOTONIC	1
#define SIGEV_SIGNAL	0
#define TIMER_ABSTIME	1
#define ENODEV		19
#define EINVAL		22

struct timespec_k {
	long sec, nsec;
};

struct k_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

/* The kernel returns from the SIGALRM handler through this. */
__asm__(".text\n linuxu_alarm_return:\n mov $15, %eax\n syscall\n hlt\n");
void linuxu_alarm_return(void);

static struct timespec_k boot;
static int timer_id = -1;
static void (*handler)(void);
static uint64_t deadline;		/* ns; 0: disarmed */
static int masked = 1;			/* SIGALRM blocked (cached) */
static struct ukplat_irq_stats stats;

static uint64_t ts_ns(const struct timespec_k *t)
{
	return (uint64_t)t->sec * UKPLAT_NSEC_PER_SEC + (uint64_t)t->nsec;
}

static void clock_get(int clk, struct timespec_k *t)
{
	linuxu_syscall3(SYS_clock_gettime, clk, (long)t, 0);
}

uint64_t ukplat_monotonic_ns(void)
{
	struct timespec_k t;

	clock_get(CLOCK_MONOTONIC, &t);
	return ts_ns(&t) - ts_ns(&boot);
}

uint64_t ukplat_wallclock_ns(void)
{
	struct timespec_k t;

	clock_get(CLOCK_REALTIME, &t);
	return ts_ns(&t);
}

static void sigmask(int how)
{
	unsigned long m = ALRM_MASK;

	linuxu_syscall6(SYS_rt_sigprocmask, how, (long)&m, 0, 8, 0, 0);
}

unsigned long ukplat_irq_save(void)
{
	unsigned long was_on = !masked;

	if (was_on) {
		sigmask(SIG_BLOCK);
		masked = 1;
	}
	return was_on;
}

void ukplat_irq_restore(unsigned long flags)
{
	if (flags)
		ukplat_irq_enable();
	else
		ukplat_irq_disable();
}

void ukplat_irq_enable(void)
{
	if (masked) {
		masked = 0;
		sigmask(SIG_UNBLOCK);
	}
}

void ukplat_irq_disable(void)
{
	if (!masked) {
		sigmask(SIG_BLOCK);
		masked = 1;
	}
}

int ukplat_irq_enabled(void)
{
	return !masked;
}

int ukplat_irq_register(unsigned int irq __uk_unused,
			ukplat_irq_handler_t fn __uk_unused,
			void *arg __uk_unused)
{
	return -ENODEV;		/* a process has no interrupt lines */
}

int ukplat_irq_unregister(unsigned int irq __uk_unused,
			  ukplat_irq_handler_t fn __uk_unused,
			  void *arg __uk_unused)
{
	return -EINVAL;
}

void ukplat_irq_stats(struct ukplat_irq_stats *st)
{
	*st = stats;
}

/* SIGALRM: the timer interrupt. The kernel blocks SIGALRM while we run. */
static void on_alarm(int sig __uk_unused)
{
	int was = masked;

	masked = 1;
	stats.handled++;
	if (deadline && ukplat_monotonic_ns() >= deadline) {
		deadline = 0;
		if (handler)
			handler();
	} else if (deadline) {
		ukplat_timer_arm(deadline);	/* early: re-arm */
	}
	masked = was;
}

void ukplat_timer_set_handler(void (*fn)(void))
{
	handler = fn;
}

int ukplat_timer_arm(uint64_t deadline_ns)
{
	struct { struct timespec_k interval, value; } its = { { 0, 0 }, { 0, 0 } };
	uint64_t abs = deadline_ns + ts_ns(&boot);

	if (timer_id < 0)
		return -ENODEV;
	deadline = deadline_ns;
	if (deadline_ns) {
		its.value.sec = (long)(abs / UKPLAT_NSEC_PER_SEC);
		its.value.nsec = (long)(abs % UKPLAT_NSEC_PER_SEC);
	}
	return (int)linuxu_syscall6(SYS_timer_settime, timer_id, TIMER_ABSTIME,
				    (long)&its, 0, 0, 0);
}

void ukplat_idle(void)
{
	unsigned long none = 0;

	linuxu_syscall3(SYS_rt_sigsuspend, (long)&none, 8, 0);
	ukplat_irq_disable();
}

/* From linuxu_start_c's first line: the clock's zero; SIGALRM blocked. */
void linuxu_time_start(void)
{
	clock_get(CLOCK_MONOTONIC, &boot);
	sigmask(SIG_BLOCK);
}

static int linuxu_timer_init(void)
{
	struct k_sigaction sa = {
		.handler = on_alarm,
		.flags = SA_RESTORER | SA_RESTART,
		.restorer = linuxu_alarm_return,
		.mask = ALRM_MASK,
	};
	struct {
		long value;
		int signo, notify;
		long pad[6];
	} sev = { 0, SIGALRM, SIGEV_SIGNAL, { 0 } };
	long r;

	linuxu_syscall6(SYS_rt_sigaction, SIGALRM, (long)&sa, 0, 8, 0, 0);
	r = linuxu_syscall3(SYS_timer_create, CLOCK_MONOTONIC, (long)&sev,
			    (long)&timer_id);
	if (r < 0)
		timer_id = -1;
	ukplat_irq_enable();
	return 0;
}

uk_init(UK_INIT_PLAT, UK_PRIO_EARLIEST, linuxu_timer_init, NULL);
