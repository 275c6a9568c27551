/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uklock's cases, in the thread "main", under whichever scheduler the
 * image runs (test/cases/sched.sh builds both). Critical sections yield
 * on purpose, so contention happens under the cooperative scheduler too.
 */
#include <errno.h>
#include <uk/test.h>
#include <uk/lock.h>
#include <uk/plat/time.h>

#define MS 1000000ULL

/* Ping-pong: two threads hand a token back and forth. */
static struct uk_semaphore ping, pong;
static int volleys;

static void *ponger(void *arg)
{
	int i, n = (int)(uintptr_t)arg;

	for (i = 0; i < n; i++) {
		uk_lock_sem_down(&ping);
		volleys++;
		uk_lock_sem_up(&pong);
	}
	return NULL;
}

UK_TESTCASE(uklock, semaphore_ping_pong)
{
	struct uk_thread *t;
	int i, bad = 0;

	uk_lock_sem_init(&ping, 0);
	uk_lock_sem_init(&pong, 0);
	volleys = 0;
	t = uk_sched_thread_create("pong", ponger, (void *)1000);
	UK_TEST_ASSERT(!uk_is_err(t));
	for (i = 0; i < 1000; i++) {
		uk_lock_sem_up(&ping);
		uk_lock_sem_down(&pong);
		if (volleys != i + 1)
			bad++;
	}
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(bad, 0);
	UK_TEST_EXPECT_INT_EQ(volleys, 1000);
}

UK_TESTCASE(uklock, semaphore_timeout_and_try)
{
	struct uk_semaphore s = UK_SEMAPHORE_INITIALIZER(1);
	uint64_t t0;

	UK_TEST_EXPECT_INT_EQ(uk_lock_sem_trydown(&s), 0);
	UK_TEST_EXPECT_INT_EQ(uk_lock_sem_trydown(&s), -EAGAIN);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(uk_lock_sem_down_until(&s, uk_sched_deadline_in(5 * MS)),
			      -ETIMEDOUT);
	UK_TEST_EXPECT_UINT_GE(ukplat_monotonic_ns() - t0, 5 * MS);
	uk_lock_sem_up(&s);
	UK_TEST_EXPECT_INT_EQ(uk_lock_sem_down_until(&s, uk_sched_deadline_in(5 * MS)), 0);
}

/* Bounded queue: 2 producers, 2 consumers, a 4-slot ring. */
#define QSLOTS 4
#define PER_PRODUCER 500
static struct {
	struct uk_mutex m;
	struct uk_condvar notfull, notempty;
	int ring[QSLOTS], head, count, maxcount;
	long consumed_sum;
	int consumed, producers_left;
} q;

static void *producer(void *arg)
{
	int base = (int)(uintptr_t)arg, i;

	for (i = 1; i <= PER_PRODUCER; i++) {
		uk_lock_mutex_lock(&q.m);
		while (q.count == QSLOTS)
			uk_lock_cond_wait(&q.notfull, &q.m);
		q.ring[(q.head + q.count) % QSLOTS] = base + i;
		q.count++;
		if (q.count > q.maxcount)
			q.maxcount = q.count;
		uk_lock_cond_signal(&q.notempty);
		uk_lock_mutex_unlock(&q.m);
		if (i % 7 == 0)
			uk_sched_yield();
	}
	uk_lock_mutex_lock(&q.m);
	q.producers_left--;
	uk_lock_cond_broadcast(&q.notempty);
	uk_lock_mutex_unlock(&q.m);
	return NULL;
}

static void *consumer(void *arg __uk_unused)
{
	for (;;) {
		uk_lock_mutex_lock(&q.m);
		while (!q.count && q.producers_left)
			uk_lock_cond_wait(&q.notempty, &q.m);
		if (!q.count) {
			uk_lock_mutex_unlock(&q.m);
			return NULL;
		}
		q.consumed_sum += q.ring[q.head];
		q.head = (q.head + 1) % QSLOTS;
		q.count--;
		q.consumed++;
		uk_lock_cond_signal(&q.notfull);
		uk_lock_mutex_unlock(&q.m);
	}
}

UK_TESTCASE(uklock, bounded_queue_producer_consumer)
{
	struct uk_thread *t[4];
	long expect = 0;
	int i;

	uk_lock_mutex_init(&q.m, 0);
	uk_lock_cond_init(&q.notfull);
	uk_lock_cond_init(&q.notempty);
	q.head = q.count = q.maxcount = q.consumed = 0;
	q.consumed_sum = 0;
	q.producers_left = 2;
	t[0] = uk_sched_thread_create("cons1", consumer, NULL);
	t[1] = uk_sched_thread_create("cons2", consumer, NULL);
	t[2] = uk_sched_thread_create("prod1", producer, (void *)0);
	t[3] = uk_sched_thread_create("prod2", producer, (void *)100000);
	for (i = 0; i < 4; i++)
		UK_TEST_ASSERT(!uk_is_err(t[i]));
	for (i = 0; i < 4; i++)
		uk_sched_thread_join(t[i], NULL);
	for (i = 1; i <= PER_PRODUCER; i++)
		expect += i + (100000 + i);
	UK_TEST_EXPECT_INT_EQ(q.consumed, 2 * PER_PRODUCER);
	UK_TEST_EXPECT_INT_EQ(q.consumed_sum, expect);
	UK_TEST_EXPECT_INT_LE(q.maxcount, QSLOTS);
}

/* Broadcast wakes every waiter. */
static struct uk_mutex bm = UK_MUTEX_INITIALIZER;
static struct uk_condvar bc = UK_CONDVAR_INITIALIZER;
static int go, waiting, released;

static void *bwaiter(void *arg __uk_unused)
{
	uk_lock_mutex_lock(&bm);
	waiting++;
	while (!go)
		uk_lock_cond_wait(&bc, &bm);
	released++;
	uk_lock_mutex_unlock(&bm);
	return NULL;
}

UK_TESTCASE(uklock, condvar_broadcast_wakes_all)
{
	struct uk_thread *t[8];
	int i;

	go = waiting = released = 0;
	for (i = 0; i < 8; i++)
		UK_TEST_ASSERT(!uk_is_err(t[i] = uk_sched_thread_create("bw", bwaiter,
								  NULL)));
	while (waiting < 8)
		uk_sched_sleep_ns(MS);
	uk_lock_mutex_lock(&bm);
	UK_TEST_EXPECT_INT_EQ(released, 0);
	go = 1;
	uk_lock_cond_broadcast(&bc);
	uk_lock_mutex_unlock(&bm);
	for (i = 0; i < 8; i++)
		uk_sched_thread_join(t[i], NULL);
	UK_TEST_EXPECT_INT_EQ(released, 8);
}

UK_TESTCASE(uklock, condvar_timeout_keeps_mutex)
{
	struct uk_mutex m = UK_MUTEX_INITIALIZER;
	struct uk_condvar c = UK_CONDVAR_INITIALIZER;

	uk_lock_mutex_lock(&m);
	UK_TEST_EXPECT_INT_EQ(uk_lock_cond_wait_until(&c, &m, uk_sched_deadline_in(3 * MS)),
			      -ETIMEDOUT);
	UK_TEST_EXPECT_PTR_EQ(m.owner, uk_sched_thread_current());
	uk_lock_mutex_unlock(&m);
}

/* Contention: 4 threads, a critical section that yields inside. */
static struct uk_mutex cm = UK_MUTEX_INITIALIZER;
static int inside, overlaps, counter;

static void *contender(void *arg __uk_unused)
{
	int i;

	for (i = 0; i < 200; i++) {
		uk_lock_mutex_lock(&cm);
		if (inside++)
			overlaps++;
		counter++;
		if (i % 3 == 0)
			uk_sched_yield();
		inside--;
		uk_lock_mutex_unlock(&cm);
	}
	return NULL;
}

UK_TESTCASE(uklock, mutex_contention)
{
	struct uk_thread *t[4];
	int i;

	inside = overlaps = counter = 0;
	for (i = 0; i < 4; i++)
		UK_TEST_ASSERT(!uk_is_err(t[i] = uk_sched_thread_create("ct", contender,
								  NULL)));
	for (i = 0; i < 4; i++)
		uk_sched_thread_join(t[i], NULL);
	UK_TEST_EXPECT_INT_EQ(overlaps, 0);
	UK_TEST_EXPECT_INT_EQ(counter, 800);
	UK_TEST_EXPECT(!uk_lock_mutex_is_locked(&cm));
}

static void *try_locker(void *arg)
{
	struct uk_mutex *m = arg;
	int r = uk_lock_mutex_trylock(m), t;

	t = uk_lock_mutex_lock_until(m, uk_sched_deadline_in(3 * MS));
	return (void *)(uintptr_t)(r == -EBUSY && t == -ETIMEDOUT);
}

UK_TESTCASE(uklock, mutex_recursive_trylock_timeout)
{
	struct uk_mutex m, r;
	struct uk_thread *t;
	void *ok;

	uk_lock_mutex_init(&m, 0);
	uk_lock_mutex_init(&r, UK_MUTEX_RECURSIVE);
	UK_TEST_EXPECT_INT_EQ(uk_lock_mutex_lock(&m), 0);
	UK_TEST_EXPECT_INT_EQ(uk_lock_mutex_lock(&m), -EDEADLK);
	t = uk_sched_thread_create("try", try_locker, &m);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_thread_join(t, &ok);
	UK_TEST_EXPECT_PTR_EQ(ok, (void *)1);
	uk_lock_mutex_unlock(&m);
	UK_TEST_EXPECT(!uk_lock_mutex_is_locked(&m));

	UK_TEST_EXPECT_INT_EQ(uk_lock_mutex_lock(&r), 0);
	UK_TEST_EXPECT_INT_EQ(uk_lock_mutex_lock(&r), 0);
	UK_TEST_EXPECT_INT_EQ(uk_lock_mutex_trylock(&r), 0);
	uk_lock_mutex_unlock(&r);
	uk_lock_mutex_unlock(&r);
	UK_TEST_EXPECT(uk_lock_mutex_is_locked(&r));
	uk_lock_mutex_unlock(&r);
	UK_TEST_EXPECT(!uk_lock_mutex_is_locked(&r));
}

/* rwlock: readers share, a writer excludes everyone. */
static struct uk_rwlock rw = UK_RWLOCK_INITIALIZER;
static int readers_in, max_readers, writer_in, rw_bad;

static void *reader(void *arg __uk_unused)
{
	int i;

	for (i = 0; i < 20; i++) {
		uk_lock_rwlock_rlock(&rw);
		readers_in++;
		if (readers_in > max_readers)
			max_readers = readers_in;
		if (writer_in)
			rw_bad++;
		uk_sched_yield();
		readers_in--;
		uk_lock_rwlock_runlock(&rw);
	}
	return NULL;
}

static void *writer(void *arg __uk_unused)
{
	int i;

	for (i = 0; i < 10; i++) {
		uk_lock_rwlock_wlock(&rw);
		if (writer_in++ || readers_in)
			rw_bad++;
		uk_sched_yield();
		writer_in--;
		uk_lock_rwlock_wunlock(&rw);
		uk_sched_yield();
	}
	return NULL;
}

UK_TESTCASE(uklock, rwlock_readers_share_writer_excludes)
{
	struct uk_thread *t[5];
	int i;

	readers_in = max_readers = writer_in = rw_bad = 0;
	for (i = 0; i < 3; i++)
		t[i] = uk_sched_thread_create("rd", reader, NULL);
	t[3] = uk_sched_thread_create("wr", writer, NULL);
	t[4] = uk_sched_thread_create("wr", writer, NULL);
	for (i = 0; i < 5; i++)
		UK_TEST_ASSERT(!uk_is_err(t[i]));
	for (i = 0; i < 5; i++)
		uk_sched_thread_join(t[i], NULL);
	UK_TEST_EXPECT_INT_EQ(rw_bad, 0);
	UK_TEST_EXPECT_INT_GT(max_readers, 1);

	uk_lock_rwlock_rlock(&rw);
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_wlock_until(&rw, uk_sched_deadline_in(3 * MS)),
			      -ETIMEDOUT);
	uk_lock_rwlock_runlock(&rw);
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_wlock_until(&rw, uk_sched_deadline_in(3 * MS)), 0);
	uk_lock_rwlock_wunlock(&rw);
}

/* Every timed wait is uk_sched_waitq_wait_cond_irqoff(): a read lock
 * times out behind a writer, and a writer's timeout lets readers in. */
UK_TESTCASE(uklock, rwlock_timeouts)
{
	struct uk_rwlock l;
	uint64_t t0;

	uk_lock_rwlock_init(&l);
	uk_lock_rwlock_wlock(&l);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_rlock_until(&l, uk_sched_deadline_in(3 * MS)),
			      -ETIMEDOUT);
	UK_TEST_EXPECT_UINT_GE(ukplat_monotonic_ns() - t0, 3 * MS);
	uk_lock_rwlock_wunlock(&l);
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_rlock_until(&l, uk_sched_deadline_in(3 * MS)), 0);
	/* A writer that gave up no longer keeps new readers out. */
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_wlock_until(&l, uk_sched_deadline_in(3 * MS)),
			      -ETIMEDOUT);
	UK_TEST_EXPECT_INT_EQ(l.writers_waiting, 0);
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_rlock_until(&l, uk_sched_deadline_in(3 * MS)), 0);
	uk_lock_rwlock_runlock(&l);
	uk_lock_rwlock_runlock(&l);
	UK_TEST_EXPECT_INT_EQ(uk_lock_rwlock_wlock_until(&l, uk_sched_deadline_in(3 * MS)), 0);
	uk_lock_rwlock_wunlock(&l);
}

/*
 * The same two promises, each forced: a reader never gets in while a
 * writer holds the lock, and a waiting writer keeps new readers out
 * (rwlocks prefer writers, uklock's README). The contention case above
 * cannot show either: its readers keep the lock shared until they are
 * done, so its writers only ever run alone.
 */
static void *timed_reader(void *arg __uk_unused)
{
	int r = uk_lock_rwlock_rlock_until(&rw, uk_sched_deadline_in(3 * MS));

	if (r == 0)
		uk_lock_rwlock_runlock(&rw);
	return (void *)(intptr_t)r;
}

static volatile int waiting_writer_in;

static void *blocking_writer(void *arg __uk_unused)
{
	uk_lock_rwlock_wlock(&rw);
	waiting_writer_in = 1;
	uk_lock_rwlock_wunlock(&rw);
	return NULL;
}

UK_TESTCASE(uklock, rwlock_writer_keeps_readers_out)
{
	struct uk_thread *t, *w;
	void *r;

	/* A writer holds it: a reader times out. */
	uk_lock_rwlock_wlock(&rw);
	t = uk_sched_thread_create("rd", timed_reader, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_thread_join(t, &r);
	uk_lock_rwlock_wunlock(&rw);
	UK_TEST_EXPECT_INT_EQ((intptr_t)r, -ETIMEDOUT);

	/* A reader holds it and a writer waits: a new reader times out. */
	waiting_writer_in = 0;
	uk_lock_rwlock_rlock(&rw);
	w = uk_sched_thread_create("wr", blocking_writer, NULL);
	UK_TEST_ASSERT(!uk_is_err(w));
	uk_sched_yield();	/* the writer runs and blocks */
	t = uk_sched_thread_create("rd", timed_reader, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_thread_join(t, &r);
	UK_TEST_EXPECT_INT_EQ((intptr_t)r, -ETIMEDOUT);
	UK_TEST_EXPECT_INT_EQ(waiting_writer_in, 0);
	uk_lock_rwlock_runlock(&rw);
	uk_sched_thread_join(w, NULL);
	UK_TEST_EXPECT_INT_EQ(waiting_writer_in, 1);

	/* Free: a reader gets in. */
	t = uk_sched_thread_create("rd", timed_reader, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_thread_join(t, &r);
	UK_TEST_EXPECT_INT_EQ((intptr_t)r, 0);
}

UK_TESTCASE(uklock, spinlock_irqsave_restores)
{
	struct uk_spinlock l = UK_SPINLOCK_INITIALIZER;
	int was = ukplat_irq_enabled();
	unsigned long fl;

	fl = uk_lock_spin_lock_irqsave(&l);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), 0);
	UK_TEST_EXPECT_INT_EQ(uk_lock_spin_trylock(&l), 0);
	uk_lock_spin_unlock_irqrestore(&l, fl);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_enabled(), was);
	UK_TEST_EXPECT_INT_EQ(uk_lock_spin_trylock(&l), 1);
	uk_lock_spin_unlock(&l);
}
