/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libc: what test/cases/musl.sh checks of musl on the kit, one mode per
 * argument:
 *   enosys   a call no library provides, twice: -1/ENOSYS both times
 *            (the shim logs it once)
 *   write    write(1) directly; status 3 if it fails with ENOSYS
 *   mutex    pthread mutex kinds in main: error-checking (EDEADLK on
 *            relock, EPERM on a foreign unlock), recursive, robust
 *   fds      the descriptor table: dup, dup2, dup3 and fcntl keep
 *            O_CLOEXEC per descriptor, close, EBADF, writes through dups
 *   printf   formatted output, floating point included
 *   threads  pthread_create (on stacks the app gives: no mmap needed)
 *            and join; in each thread: its own tid, errno and TLS, an
 *            error-checking mutex (EDEADLK), a shared normal mutex
 *            guarding a counter, a condition variable handshake
 *   exitlive exit(7) while another thread is alive (blocked): the image
 *            must end with 7, stdio flushed once, not hang at exit
 *   kthreads the same in threads made with uksched's own API
 *            (uk_sched_thread_create): each gets a musl thread control
 *            block from lib/musl's thread hook, so the same code works,
 *            plus printf and a pthread key whose destructor runs at exit
 * Each prints "ok <mode>" when all of it held, and returns 0; otherwise
 * "FAIL <mode>: what" and 1.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

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

static void fds(void)
{
	int a, b;

	a = dup(1);
	expect(a >= 3, "dup(1) gives a new descriptor");
	expect(write(a, "via dup\n", 8) == 8, "write through the dup");
	expect(fcntl(a, F_GETFD) == 0, "dup: no FD_CLOEXEC");
	expect(dup2(1, 20) == 20, "dup2 to 20");
	expect(dup3(1, 21, O_CLOEXEC) == 21, "dup3 with O_CLOEXEC");
	expect(fcntl(21, F_GETFD) == FD_CLOEXEC, "dup3 kept O_CLOEXEC");
	expect(fcntl(20, F_GETFD) == 0, "dup2 did not set it");
	expect(fcntl(21, F_SETFD, 0) == 0 && fcntl(21, F_GETFD) == 0, "F_SETFD clears it");
	b = fcntl(1, F_DUPFD_CLOEXEC, 30);
	expect(b >= 30 && fcntl(b, F_GETFD) == FD_CLOEXEC, "F_DUPFD_CLOEXEC at >= 30");
	expect(dup3(1, 1, 0) == -1 && errno == EINVAL, "dup3 to itself: EINVAL");
	expect(dup2(1, 1) == 1, "dup2 to itself: the descriptor");
	expect(close(20) == 0 && close(21) == 0 && close(a) == 0 && close(b) == 0, "close");
	expect(close(20) == -1 && errno == EBADF, "close twice: EBADF");
	expect(write(20, "x", 1) == -1 && errno == EBADF, "write to a closed descriptor: EBADF");
	expect(fcntl(99999, F_GETFD) == -1 && errno == EBADF, "fcntl on a bad descriptor: EBADF");
	expect(write(1, "stdout still open\n", 18) == 18, "stdout survives closing its dups");
}

#define NTHREADS 3
#define ROUNDS 200

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int counter, started;
static __thread int mine;
static char stacks[NTHREADS][65536] __attribute__((aligned(16)));

static pthread_key_t key;
static int key_made, key_dtors;

static __attribute__((unused)) void key_dtor(void *v)
{
	if (v == &key)
		__atomic_fetch_add(&key_dtors, 1, __ATOMIC_RELAXED);
}

static void *worker(void *arg)
{
	long id = (long)arg;
	pthread_mutexattr_t a;
	pthread_mutex_t m;
	int i;

	mine = (int)id;
	errno = 1000 + (int)id;
	if (key_made) {
		pthread_setspecific(key, &key);
		printf("thread %ld: tid is not main's: %d\n", id, gettid() != 1);
		errno = 1000 + (int)id;
	}
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

#if CONFIG_LIBUKSCHED
static void kthreads(void)
{
	struct uk_thread *t[NTHREADS];
	void *r;
	long i;

	mine = 99;
	expect(pthread_key_create(&key, key_dtor) == 0, "pthread_key_create");
	key_made = 1;
	for (i = 0; i < NTHREADS; i++) {
		t[i] = uk_sched_thread_create("kthread", worker, (void *)(i + 1));
		expect(t[i] && !uk_is_err(t[i]), "uk_sched_thread_create");
	}
	pthread_mutex_lock(&lock);
	while (started < NTHREADS)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < NTHREADS; i++) {
		expect(uk_sched_thread_join(t[i], &r) == 0, "uk_sched_thread_join");
		expect((long)r == (i + 1) * 10, "a thread's result");
	}
	expect(counter == NTHREADS * ROUNDS, "the counter under the mutex");
	expect(mine == 99, "main's TLS untouched by the threads");
	expect(key_dtors == NTHREADS, "each thread's key destructor ran");
}
#endif

static void *blocker(void *arg __attribute__((unused)))
{
	pthread_mutex_lock(&lock);
	started = 1;
	pthread_cond_broadcast(&cond);
	for (;;)
		pthread_cond_wait(&cond, &lock);
	return NULL;
}

static void exitlive(void)
{
	pthread_t t;
	pthread_attr_t at;

	pthread_attr_init(&at);
	pthread_attr_setstack(&at, stacks[0], sizeof(stacks[0]));
	expect(pthread_create(&t, &at, blocker, NULL) == 0, "pthread_create");
	pthread_mutex_lock(&lock);
	while (!started)
		pthread_cond_wait(&cond, &lock);
	pthread_mutex_unlock(&lock);
	printf("buffered, then exit(7) with a thread alive");	/* no newline */
	exit(7);
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
	} else if (!strcmp(mode, "fds")) {
		fds();
	} else if (!strcmp(mode, "threads")) {
		threads();
	} else if (!strcmp(mode, "exitlive")) {
		exitlive();
#if CONFIG_LIBUKSCHED
	} else if (!strcmp(mode, "kthreads")) {
		kthreads();
#endif
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
