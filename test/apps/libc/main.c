/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libc: what test/cases/musl.sh checks of musl on the kit, one mode per
 * argument:
 *   enosys   a call no library provides, twice: -1/ENOSYS both times
 *            (the shim logs it once)
 *   write    write(1) directly; status 3 if it fails with ENOSYS
 *   mutex    pthread mutex kinds in main: error-checking (EDEADLK on
 *            relock, EPERM on a foreign unlock), recursive, robust
 *   printf   formatted output, floating point included
 *   threads  pthread_create (on stacks the app gives: no mmap needed)
 *            and join; in each thread: its own tid, errno and TLS, an
 *            error-checking mutex (EDEADLK), a shared normal mutex
 *            guarding a counter, a condition variable handshake
 * Each prints "ok <mode>" when all of it held, and returns 0; otherwise
 * "FAIL <mode>: what" and 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

static int failed;

#define expect(cond, what)						\
	do {								\
		if (!(cond)) {						\
			printf("FAIL %s: %s (errno %d)\n", mode, what, errno); \
			failed = 1;					\
		}							\
	} while (0)

static const char *mode;

static void enosys(void)
{
	long r;
	int i;

	for (i = 0; i < 2; i++) {
		errno = 0;
		r = syscall(SYS_kexec_load, 0, 0, 0, 0);
		expect(r == -1 && errno == ENOSYS, "kexec_load should fail with ENOSYS");
	}
}

static void mutex(void)
{
	pthread_mutexattr_t a;
	pthread_mutex_t m;

	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	expect(pthread_mutex_init(&m, &a) == 0, "errorcheck init");
	expect(pthread_mutex_unlock(&m) == EPERM, "errorcheck unlock of an unlocked mutex: EPERM");
	expect(pthread_mutex_lock(&m) == 0, "errorcheck lock");
	expect(pthread_mutex_lock(&m) == EDEADLK, "errorcheck relock: EDEADLK");
	expect(pthread_mutex_unlock(&m) == 0, "errorcheck unlock");
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	expect(pthread_mutex_init(&m, &a) == 0, "recursive init");
	expect(pthread_mutex_lock(&m) == 0 && pthread_mutex_lock(&m) == 0, "recursive lock twice");
	expect(pthread_mutex_trylock(&m) == 0, "recursive trylock by the owner");
	expect(pthread_mutex_unlock(&m) == 0 && pthread_mutex_unlock(&m) == 0 &&
	       pthread_mutex_unlock(&m) == 0, "recursive unlock three times");
	expect(pthread_mutex_unlock(&m) == EPERM, "recursive unlock once too often: EPERM");
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	expect(pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST) == 0, "setrobust");
	expect(pthread_mutex_init(&m, &a) == 0, "robust init");
	expect(pthread_mutex_lock(&m) == 0, "robust lock");
	expect(pthread_mutex_trylock(&m) == EBUSY || pthread_mutex_trylock(&m) == EDEADLK,
	       "robust trylock while held");
	expect(pthread_mutex_unlock(&m) == 0, "robust unlock");
	expect(pthread_mutex_unlock(&m) == EPERM, "robust unlock when not held: EPERM");
	pthread_mutex_destroy(&m);
	pthread_mutexattr_destroy(&a);
}

#define NTHREADS 3
#define ROUNDS 200

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int counter, started;
static __thread int mine;
static char stacks[NTHREADS][65536] __attribute__((aligned(16)));

static void *worker(void *arg)
{
	long id = (long)arg;
	pthread_mutexattr_t a;
	pthread_mutex_t m;
	int i;

	mine = (int)id;
	errno = 1000 + (int)id;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &a);
	if (pthread_mutex_lock(&m) || pthread_mutex_lock(&m) != EDEADLK)
		return (void *)1;
	pthread_mutex_unlock(&m);
	/* Wait for all: the others run meanwhile and set their own. */
	pthread_mutex_lock(&lock);
	started++;
	pthread_cond_broadcast(&cond);
	while (started < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	if (mine != id || errno != 1000 + id || gettid() == 1)
		return (void *)2;
	for (i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(id * 10);
}

static void threads(void)
{
	pthread_t t[NTHREADS];
	pthread_attr_t at;
	void *r;
	long i;

	mine = 99;
	for (i = 0; i < NTHREADS; i++) {
		pthread_attr_init(&at);
		pthread_attr_setstack(&at, stacks[i], sizeof(stacks[i]));
		expect(pthread_create(&t[i], &at, worker, (void *)(i + 1)) == 0,
		       "pthread_create");
		pthread_attr_destroy(&at);
	}
	pthread_mutex_lock(&lock);
	while (started < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < NTHREADS; i++) {
		expect(pthread_join(t[i], &r) == 0, "pthread_join");
		if ((long)r != (i + 1) * 10)
			printf("thread %ld returned %ld\n", i + 1, (long)r);
		expect((long)r == (i + 1) * 10, "a thread's result");
	}
	expect(counter == NTHREADS * ROUNDS, "the counter under the mutex");
	expect(mine == 99, "main's TLS untouched by the threads");
}

int main(int argc, char *argv[])
{
	char buf[64];

	mode = argc > 1 ? argv[1] : "printf";
	if (!strcmp(mode, "enosys")) {
		enosys();
	} else if (!strcmp(mode, "write")) {
		if (write(1, "direct\n", 7) < 0 && errno == ENOSYS)
			return 3;
	} else if (!strcmp(mode, "mutex")) {
		mutex();
	} else if (!strcmp(mode, "threads")) {
		threads();
	} else if (!strcmp(mode, "printf")) {
		snprintf(buf, sizeof(buf), "%d %5.2f %s %x", -42, 3.14159, "str", 255);
		expect(!strcmp(buf, "-42  3.14 str ff"), buf);
		printf("formatted: %s\n", buf);
		fprintf(stderr, "to stderr\n");
	} else {
		printf("FAIL %s: unknown mode\n", mode);
		return 1;
	}
	if (!failed)
		printf("ok %s\n", mode);
	return failed;
}
