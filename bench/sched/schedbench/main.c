/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * schedbench: what a thread switch costs. Run as
 *
 *	schedbench -- PATTERN N
 *
 * PATTERN: yield (two threads alternate through uk_sched_yield: 2N
 * switches), sem (two threads hand a token through two semaphores: 2N
 * switches), create (N create+join of a thread that returns at once),
 * none (set-up only: the baseline for instruction counts). Prints
 *
 *	schedbench: PATTERN N ns_per_op cycles_per_op
 *
 * where an op is a switch (yield, sem) or a create+join. Under QEMU
 * with -icount shift=0 the guest's clock advances 1 ns per instruction,
 * so ns_per_op is instructions per op there. bench/sched/host.c runs the
 * same patterns with Linux threads.
 */
#include <uk/arch/cpu.h>
#include <uk/lock.h>
#include <uk/plat/console.h>
#include <uk/plat/time.h>
#include <uk/sched.h>

static void say(const char *s)
{
	const char *e = s;

	while (*e)
		e++;
	ukplat_console_write(s, e - s);
}

static void say_u(uint64_t v)
{
	char b[24], *p = b + sizeof(b);

	*--p = '\0';
	do
		*--p = '0' + v % 10;
	while (v /= 10);
	say(p);
}

static int eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static long n;
static struct uk_semaphore s1, s2;

static void *yielder(void *arg __uk_unused)
{
	long i;

	for (i = 0; i < n; i++)
		uk_sched_yield();
	return NULL;
}

static void *sem_peer(void *arg __uk_unused)
{
	long i;

	for (i = 0; i < n; i++) {
		uk_lock_sem_down(&s1);
		uk_lock_sem_up(&s2);
	}
	return NULL;
}

static void *nothing(void *arg)
{
	return arg;
}

/* One timed run of pattern p; returns the number of ops. */
static long run(const char *p)
{
	struct uk_thread *a, *b;
	long i;

	if (eq(p, "yield")) {
		a = uk_sched_thread_create("y1", yielder, NULL);
		b = uk_sched_thread_create("y2", yielder, NULL);
		uk_sched_thread_join(a, NULL);
		uk_sched_thread_join(b, NULL);
		return 2 * n;
	}
	if (eq(p, "sem")) {
		uk_lock_sem_init(&s1, 0);
		uk_lock_sem_init(&s2, 0);
		a = uk_sched_thread_create("peer", sem_peer, NULL);
		for (i = 0; i < n; i++) {
			uk_lock_sem_up(&s1);
			uk_lock_sem_down(&s2);
		}
		uk_sched_thread_join(a, NULL);
		return 2 * n;
	}
	if (eq(p, "create")) {
		for (i = 0; i < n; i++)
			uk_sched_thread_join(uk_sched_thread_create("c", nothing, NULL),
				       NULL);
		return n;
	}
	return 1;
}

int main(int argc, char *argv[])
{
	uint64_t t0, c0, t1, c1;
	long ops, i;

	if (argc < 3) {
		say("usage: schedbench -- yield|sem|create|none N\n");
		return 2;
	}
	for (n = 0, i = 0; argv[2][i]; i++)
		n = n * 10 + (argv[2][i] - '0');
	if (!eq(argv[1], "none")) {
		long keep = n;

		n = n / 10 + 1;	/* warm-up */
		run(argv[1]);
		n = keep;
	}
	t0 = ukplat_monotonic_ns();
	c0 = rdtsc();
	ops = run(argv[1]);
	c1 = rdtsc();
	t1 = ukplat_monotonic_ns();
	say("schedbench: ");
	say(argv[1]);
	say(" ");
	say_u(n);
	say(" ");
	say_u((t1 - t0) / ops);
	say(" ");
	say_u((c1 - c0) / ops);
	say("\n");
	return 0;
}
