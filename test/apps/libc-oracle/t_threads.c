/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * pthreads: create/join/detach, the four mutex kinds (normal,
 * recursive, error-checking, robust), condition variables, rwlocks,
 * once, keys with destructors, __thread, barriers. Output only after
 * joins, so it does not depend on the interleaving.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#define N 4

static __thread int tls_var = 7;
static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *adder(void *arg)
{
	int i;

	tls_var += (int)(intptr_t)arg;
	for (i = 0; i < 10000; i++) {
		pthread_mutex_lock(&mtx);
		counter++;
		pthread_mutex_unlock(&mtx);
		if (i % 1000 == 0)
			sched_yield();
	}
	return (void *)(intptr_t)tls_var;
}

static sem_t detached_done;
static void *detached(void *arg)
{
	(void)arg;
	sem_post(&detached_done);
	return NULL;
}

static void t_create_join(void)
{
	pthread_t t[N];
	void *ret;
	int i, sum = 0, r;
	pthread_attr_t a;

	for (i = 0; i < N; i++)
		pthread_create(&t[i], NULL, adder, (void *)(intptr_t)(i + 1));
	for (i = 0; i < N; i++) {
		pthread_join(t[i], &ret);
		sum += (int)(intptr_t)ret;
	}
	printf("pthread: %d threads joined, counter %ld, their TLS sum %d, main's TLS %d\n",
	       N, counter, sum, tls_var);
	sem_init(&detached_done, 0, 0);
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	r = pthread_create(&t[0], &a, detached, NULL);
	sem_wait(&detached_done);
	printf("pthread: detached thread = %d, ran\n", r);
	r = pthread_create(&t[0], NULL, detached, NULL);
	pthread_detach(t[0]);
	sem_wait(&detached_done);
	printf("pthread: pthread_detach after create = %d, ran\n", r);
	PROP("pthread: pthread_equal(self, self)",
	     pthread_equal(pthread_self(), pthread_self()));
	pthread_attr_setstacksize(&a, 256 * 1024);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_JOINABLE);
	r = pthread_create(&t[0], &a, adder, (void *)1);
	pthread_join(t[0], &ret);
	printf("pthread: 256 KiB stack thread = %d, returned %d\n", r,
	       (int)(intptr_t)ret);
	pthread_attr_destroy(&a);
}

static pthread_mutex_t robust;
static void *die_holding(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&robust);
	return NULL;	/* exits with the robust mutex held */
}

static void *try_other(void *m)
{
	return (void *)(intptr_t)pthread_mutex_unlock(m);
}

static void t_mutex_kinds(void)
{
	pthread_mutexattr_t ma;
	pthread_mutex_t m;
	pthread_t t;
	void *ret;
	int r1, r2, r3;

	pthread_mutexattr_init(&ma);
	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&m, &ma);
	r1 = pthread_mutex_lock(&m);
	r2 = pthread_mutex_lock(&m);
	r3 = pthread_mutex_trylock(&m);
	printf("mutex: recursive lock %d, again %d, trylock %d\n", r1, r2, r3);
	pthread_create(&t, NULL, try_other, &m);
	pthread_join(t, &ret);
	printf("mutex: recursive unlock by another thread = %d (EPERM %d)\n",
	       (int)(intptr_t)ret, EPERM);
	r1 = pthread_mutex_unlock(&m);
	r2 = pthread_mutex_unlock(&m);
	r3 = pthread_mutex_unlock(&m);
	printf("mutex: recursive unlocks %d %d %d, one too many %d\n", r1, r2,
	       r3, pthread_mutex_unlock(&m));
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_ERRORCHECK);
	pthread_mutex_init(&m, &ma);
	r1 = pthread_mutex_lock(&m);
	r2 = pthread_mutex_lock(&m);
	printf("mutex: errorcheck lock %d, relock %d (EDEADLK %d)\n", r1, r2,
	       EDEADLK);
	pthread_create(&t, NULL, try_other, &m);
	pthread_join(t, &ret);
	printf("mutex: errorcheck unlock by another thread = %d\n",
	       (int)(intptr_t)ret);
	r1 = pthread_mutex_unlock(&m);
	r2 = pthread_mutex_unlock(&m);
	printf("mutex: errorcheck unlock %d, unlock unlocked %d\n", r1, r2);
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_NORMAL);
	pthread_mutex_init(&m, &ma);
	r1 = pthread_mutex_lock(&m);
	r2 = pthread_mutex_trylock(&m);
	r3 = pthread_mutex_unlock(&m);
	printf("mutex: normal lock %d, trylock while held %d (EBUSY %d), unlock %d\n",
	       r1, r2, EBUSY, r3);
	pthread_mutex_destroy(&m);

	pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_DEFAULT);
	pthread_mutexattr_setrobust(&ma, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(&robust, &ma);
	pthread_create(&t, NULL, die_holding, NULL);
	pthread_join(t, NULL);
	r1 = pthread_mutex_lock(&robust);
	r2 = pthread_mutex_consistent(&robust);
	r3 = pthread_mutex_unlock(&robust);
	printf("mutex: robust after owner died: lock %d (EOWNERDEAD %d), consistent %d, unlock %d\n",
	       r1, EOWNERDEAD, r2, r3);
	r1 = pthread_mutex_lock(&robust);
	r2 = pthread_mutex_unlock(&robust);
	printf("mutex: robust afterwards: lock %d, unlock %d\n", r1, r2);
	pthread_mutex_destroy(&robust);
	pthread_mutexattr_destroy(&ma);
}

static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int queue[8], qn, produced_sum, consumed_sum;

static void *producer(void *arg)
{
	int i;

	(void)arg;
	for (i = 1; i <= 100; i++) {
		pthread_mutex_lock(&mtx);
		while (qn == 8)
			pthread_cond_wait(&cv, &mtx);
		queue[qn++] = i;
		produced_sum += i;
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&mtx);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	int i;

	(void)arg;
	for (i = 0; i < 50; i++) {
		pthread_mutex_lock(&mtx);
		while (qn == 0)
			pthread_cond_wait(&cv, &mtx);
		consumed_sum += queue[--qn];
		pthread_cond_broadcast(&cv);
		pthread_mutex_unlock(&mtx);
	}
	return NULL;
}

static void t_cond(void)
{
	pthread_t p, c1, c2;
	struct timespec ts;
	int r;

	pthread_create(&c1, NULL, consumer, NULL);
	pthread_create(&c2, NULL, consumer, NULL);
	pthread_create(&p, NULL, producer, NULL);
	pthread_join(p, NULL);
	pthread_join(c1, NULL);
	pthread_join(c2, NULL);
	printf("cond: produced %d, consumed %d, left %d\n", produced_sum,
	       consumed_sum, qn);
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 10000000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&mtx);
	r = pthread_cond_timedwait(&cv, &mtx, &ts);
	pthread_mutex_unlock(&mtx);
	printf("cond: timedwait with nobody signalling = %d (ETIMEDOUT %d)\n",
	       r, ETIMEDOUT);
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static void *try_write(void *arg)
{
	(void)arg;
	return (void *)(intptr_t)pthread_rwlock_trywrlock(&rw);
}

static void *try_read(void *arg)
{
	int r = pthread_rwlock_tryrdlock(&rw);

	(void)arg;
	if (!r)
		pthread_rwlock_unlock(&rw);
	return (void *)(intptr_t)r;
}

static void t_rwlock(void)
{
	pthread_t t;
	void *w, *rd;

	pthread_rwlock_rdlock(&rw);
	pthread_create(&t, NULL, try_read, NULL);
	pthread_join(t, &rd);
	pthread_create(&t, NULL, try_write, NULL);
	pthread_join(t, &w);
	printf("rwlock: while read-held: another reader %d, a writer %d\n",
	       (int)(intptr_t)rd, (int)(intptr_t)w);
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_wrlock(&rw);
	pthread_create(&t, NULL, try_read, NULL);
	pthread_join(t, &rd);
	printf("rwlock: while write-held: a reader %d\n", (int)(intptr_t)rd);
	pthread_rwlock_unlock(&rw);
	pthread_create(&t, NULL, try_write, NULL);
	pthread_join(t, &w);
	printf("rwlock: free: a writer %d\n", (int)(intptr_t)w);
	pthread_rwlock_unlock(&rw);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs, dtor_runs, dtor_value;
static pthread_key_t key;

static void once_fn(void)
{
	once_runs++;
}

static void dtor(void *v)
{
	dtor_runs++;
	dtor_value += (int)(intptr_t)v;
}

static void *keyed(void *arg)
{
	pthread_once(&once, once_fn);
	pthread_setspecific(key, arg);
	return (void *)(intptr_t)(pthread_getspecific(key) == arg);
}

static pthread_barrier_t bar;
static int serial_count, after_count;
static void *barrier_fn(void *arg)
{
	int r = pthread_barrier_wait(&bar);

	(void)arg;
	pthread_mutex_lock(&mtx);
	serial_count += r == PTHREAD_BARRIER_SERIAL_THREAD;
	after_count += r == 0 || r == PTHREAD_BARRIER_SERIAL_THREAD;
	pthread_mutex_unlock(&mtx);
	return NULL;
}

static void t_once_keys_barrier(void)
{
	pthread_t t[N];
	void *ok;
	int i, good = 0;

	pthread_key_create(&key, dtor);
	for (i = 0; i < N; i++)
		pthread_create(&t[i], NULL, keyed, (void *)(intptr_t)(i + 10));
	for (i = 0; i < N; i++) {
		pthread_join(t[i], &ok);
		good += (int)(intptr_t)ok;
	}
	pthread_once(&once, once_fn);
	printf("once: ran %d time(s)\n", once_runs);
	printf("keys: %d threads saw their value, destructors %d, sum %d, main's %s\n",
	       good, dtor_runs, dtor_value,
	       pthread_getspecific(key) ? "set" : "NULL");
	pthread_key_delete(key);
	pthread_barrier_init(&bar, NULL, N);
	for (i = 0; i < N; i++)
		pthread_create(&t[i], NULL, barrier_fn, NULL);
	for (i = 0; i < N; i++)
		pthread_join(t[i], NULL);
	printf("barrier: %d passed, %d serial\n", after_count, serial_count);
	pthread_barrier_destroy(&bar);
}

void t_threads(void)
{
	t_create_join();
	t_mutex_kinds();
	t_cond();
	t_rwlock();
	t_once_keys_barrier();
}
