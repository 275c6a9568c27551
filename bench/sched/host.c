// SPDX-License-Identifier: BSD-3-Clause
/*
 * bench/sched/host.c: schedbench's patterns with Linux threads. One
 * program, two places:
 *
 *   - natively on the host: `host PATTERN N`;
 *   - as /init of the Linux VM peer (bench/peers/linux-vm/build builds
 *     it statically with musl-gcc into initrd-sched.cpio): the kernel
 *     passes what follows `--` on its command line, `PATTERN N ...`;
 *     as pid 1 it runs each pair in turn and powers the VM off.
 *
 * All threads are pinned to one CPU so that a switch is a switch (as in
 * the single-CPU unikernel): yield = sched_yield(), sem = a futex-based
 * POSIX semaphore pair, create = pthread_create + pthread_join. Each
 * pattern runs once with N/10+1 as a warm-up, then timed with N. Prints
 *
 *	host: PATTERN N ns_per_op tsc_per_op
 *
 * ns from clock_gettime(CLOCK_MONOTONIC), tsc from rdtsc. Under QEMU TCG
 * with -icount shift=0 the TSC advances one tick per guest instruction,
 * so tsc_per_op is guest instructions per op, kernel and user, exactly
 * as bench/sched reads them from the unikernel.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <time.h>
#include <unistd.h>
#include <x86intrin.h>

static long n;
static sem_t s1, s2;

static void *yielder(void *a)
{
	for (long i = 0; i < n; i++)
		sched_yield();
	return a;
}

static void *peer(void *a)
{
	for (long i = 0; i < n; i++) {
		sem_wait(&s1);
		sem_post(&s2);
	}
	return a;
}

static void *nothing(void *a)
{
	return a;
}

/* One run of pattern p; returns the number of ops, 0 for no pattern. */
static long run(const char *p)
{
	pthread_t a, b;

	if (!strcmp(p, "yield")) {
		pthread_create(&a, NULL, yielder, NULL);
		pthread_create(&b, NULL, yielder, NULL);
		pthread_join(a, NULL);
		pthread_join(b, NULL);
		return 2 * n;
	}
	if (!strcmp(p, "sem")) {
		sem_init(&s1, 0, 0);
		sem_init(&s2, 0, 0);
		pthread_create(&a, NULL, peer, NULL);
		for (long i = 0; i < n; i++) {
			sem_post(&s1);
			sem_wait(&s2);
		}
		pthread_join(a, NULL);
		return 2 * n;
	}
	if (!strcmp(p, "create")) {
		for (long i = 0; i < n; i++) {
			pthread_create(&a, NULL, nothing, NULL);
			pthread_join(a, NULL);
		}
		return n;
	}
	return 0;
}

static uint64_t ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

static void bench(const char *p, long count)
{
	n = count / 10 + 1;	/* warm-up */
	if (!run(p)) {
		printf("host: %s: no such pattern (yield, sem, create)\n", p);
		return;
	}
	n = count;
	uint64_t t0 = ns(), c0 = __rdtsc();
	long ops = run(p);
	uint64_t c1 = __rdtsc(), t1 = ns();
	printf("host: %s %ld %llu %llu\n", p, n,
	       (unsigned long long)((t1 - t0) / ops),
	       (unsigned long long)((c1 - c0) / ops));
	fflush(stdout);
}

int main(int argc, char **argv)
{
	cpu_set_t one;

	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);	/* threads inherit it */
	for (int i = 1; i + 1 < argc; i += 2)
		bench(argv[i], atol(argv[i + 1]));
	if (argc < 3)
		puts("usage: host PATTERN N [PATTERN N]...");
	if (getpid() == 1) {	/* /init of the Linux VM peer */
		puts("host: done");
		fflush(stdout);
		sync();
		reboot(RB_POWER_OFF);
	}
	return argc < 3 ? 2 : 0;
}
