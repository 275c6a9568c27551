// SPDX-License-Identifier: BSD-3-Clause
/*
 * bench/sched/host.c: schedbench's patterns with Linux threads, natively.
 * Both threads are pinned to one CPU so that a switch is a switch (as in
 * the single-CPU unikernel): yield = sched_yield(), sem = a futex-based
 * POSIX semaphore pair, create = pthread_create + pthread_join.
 * Prints "host: PATTERN N ns_per_op cycles_per_op".
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <x86intrin.h>

static long n;
static sem_t s1, s2;

static void *yielder(void *a) { for (long i = 0; i < n; i++) sched_yield(); return a; }
static void *peer(void *a) { for (long i = 0; i < n; i++) { sem_wait(&s1); sem_post(&s2); } return a; }
static void *nothing(void *a) { return a; }

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
		for (long i = 0; i < n; i++) { sem_post(&s1); sem_wait(&s2); }
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
	return 1;
}

static uint64_t ns(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

int main(int argc, char **argv)
{
	cpu_set_t one;

	if (argc < 3)
		return 2;
	CPU_ZERO(&one);
	CPU_SET(0, &one);
	sched_setaffinity(0, sizeof(one), &one);	/* threads inherit it */
	n = atol(argv[2]) / 10 + 1;
	run(argv[1]);
	n = atol(argv[2]);
	uint64_t t0 = ns(), c0 = __rdtsc();
	long ops = run(argv[1]);
	uint64_t c1 = __rdtsc(), t1 = ns();
	printf("host: %s %ld %llu %llu\n", argv[1], n,
	       (unsigned long long)((t1 - t0) / ops),
	       (unsigned long long)((c1 - c0) / ops));
	return 0;
}
