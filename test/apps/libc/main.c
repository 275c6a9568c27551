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
 * Each prints "ok <mode>" when all of it held, and returns 0; otherwise
 * "FAIL <mode>: what" and 1.
 */
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
