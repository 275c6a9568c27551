/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eventfd through the shim: counting, EFD_SEMAPHORE, a reader blocked
 * until another thread writes, the overflow limit, short buffers, bad
 * flags.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

UK_TESTCASE(posix_eventfd, counts_and_resets)
{
	int fd = SC(eventfd2, 3, EFD_NONBLOCK | EFD_CLOEXEC, 0);
	uint64_t v = 4;
	char small[4];

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, fd, F_GETFD, 0), FD_CLOEXEC);
	UK_TEST_EXPECT_INT_EQ(SC(eventfd2, 0, 0x40000000, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, small, 4), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, &v, 8), 8);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 8), 8);
	UK_TEST_EXPECT_INT_EQ(v, 7);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 8), -EAGAIN);
	/* The counter stops one below UINT64_MAX. */
	v = UINT64_MAX;
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, &v, 8), -EINVAL);
	v = UINT64_MAX - 1;
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, &v, 8), 8);
	v = 1;
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, &v, 8), -EAGAIN);
	SC(close, fd, 0, 0);
}

UK_TESTCASE(posix_eventfd, semaphore_takes_one)
{
	int fd = SC(eventfd2, 2, EFD_SEMAPHORE | EFD_NONBLOCK, 0);
	uint64_t v = 0;

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 8), 8);
	UK_TEST_EXPECT_INT_EQ(v, 1);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 8), 8);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 8), -EAGAIN);
	SC(close, fd, 0, 0);
}

static void *post_later(void *arg)
{
	uint64_t one = 1;
	int i;

	for (i = 0; i < 3; i++) {
		uk_sched_sleep_ns(2000000);
		SC(write, *(int *)arg, &one, 8);
	}
	return NULL;
}

UK_TESTCASE(posix_eventfd, reader_blocks_until_written)
{
	int fd = SC(eventfd2, 0, EFD_SEMAPHORE, 0);
	struct uk_thread *t;
	uint64_t v, sum = 0;
	int i;

	UK_TEST_ASSERT_INT_GE(fd, 0);
	t = uk_sched_thread_create("efd-post", post_later, &fd);
	UK_TEST_ASSERT(!uk_is_err(t));
	for (i = 0; i < 3; i++) {
		UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 8), 8);
		sum += v;
	}
	UK_TEST_EXPECT_INT_EQ(sum, 3);
	uk_sched_thread_join(t, NULL);
	SC(close, fd, 0, 0);
}
