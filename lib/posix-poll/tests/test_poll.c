/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll/select/epoll through the shim, on pipes and eventfds: readiness,
 * timeouts, a thread woken by another's write, level and edge triggers,
 * EPOLLONESHOT, a watched file closed, the errors Linux gives.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/time.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC5(n, a, b, c, d, e) \
	uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)

#if CONFIG_LIBPOSIX_PIPE && CONFIG_LIBPOSIX_EVENTFD

static uint64_t ms_since(uint64_t t0)
{
	return (ukplat_monotonic_ns() - t0) / 1000000;
}

UK_TESTCASE(posix_poll, poll_readiness_and_timeout)
{
	struct pollfd p[4];
	uint64_t t0;
	int fds[2];

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, fds, 0, 0), 0);
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = fds[1], .events = POLLOUT };
	p[2] = (struct pollfd){ .fd = -1, .events = POLLIN };
	p[3] = (struct pollfd){ .fd = 61, .events = POLLIN };	/* not open */
	UK_TEST_EXPECT_INT_EQ(SC(poll, p, 4, 0), 2);
	UK_TEST_EXPECT_INT_EQ(p[0].revents, 0);
	UK_TEST_EXPECT_INT_EQ(p[1].revents, POLLOUT);
	UK_TEST_EXPECT_INT_EQ(p[2].revents, 0);
	UK_TEST_EXPECT_INT_EQ(p[3].revents, POLLNVAL);
	/* Nothing to read: the timeout runs out. */
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC(poll, p, 1, 20), 0);
	UK_TEST_EXPECT_INT_GE(ms_since(t0), 20);
	UK_TEST_EXPECT_INT_EQ(SC(write, fds[1], "x", 1), 1);
	UK_TEST_EXPECT_INT_EQ(SC(poll, p, 1, -1), 1);
	UK_TEST_EXPECT_INT_EQ(p[0].revents, POLLIN);
	/* The writer gone: POLLHUP whether asked for or not. */
	SC(close, fds[1], 0, 0);
	p[0].events = 0;
	UK_TEST_EXPECT_INT_EQ(SC(poll, p, 1, 0), 1);
	UK_TEST_EXPECT_INT_EQ(p[0].revents, POLLHUP);
	SC(close, fds[0], 0, 0);
}

static void *write_later(void *arg)
{
	uk_sched_sleep_ns(5000000);
	SC(write, *(int *)arg, "w", 1);
	return NULL;
}

UK_TESTCASE(posix_poll, poll_woken_by_another_thread)
{
	struct pollfd p;
	struct uk_thread *t;
	int fds[2];

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, fds, 0, 0), 0);
	p = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	t = uk_sched_thread_create("poll-writer", write_later, &fds[1]);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(SC(poll, &p, 1, 5000), 1);
	UK_TEST_EXPECT_INT_EQ(p.revents, POLLIN);
	uk_sched_thread_join(t, NULL);
	SC(close, fds[0], 0, 0);
	SC(close, fds[1], 0, 0);
}

UK_TESTCASE(posix_poll, select_sets_timeout_and_ebadf)
{
	struct timeval tv = { 0, 15000 };
	fd_set rd, wr;
	uint64_t t0;
	int fds[2];

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, fds, 0, 0), 0);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC5(select, fds[0] + 1, &rd, 0, 0, &tv), 0);
	UK_TEST_EXPECT_INT_GE(ms_since(t0), 15);
	UK_TEST_EXPECT(!FD_ISSET(fds[0], &rd));
	UK_TEST_EXPECT_INT_EQ(tv.tv_sec, 0);
	UK_TEST_EXPECT_INT_EQ(tv.tv_usec, 0);
	SC(write, fds[1], "x", 1);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	UK_TEST_EXPECT_INT_EQ(SC5(select, fds[1] + 1, &rd, &wr, 0, 0), 2);
	UK_TEST_EXPECT(FD_ISSET(fds[0], &rd));
	UK_TEST_EXPECT(FD_ISSET(fds[1], &wr));
	FD_SET(60, &rd);
	UK_TEST_EXPECT_INT_EQ(SC5(select, 61, &rd, 0, 0, 0), -EBADF);
	SC(close, fds[0], 0, 0);
	SC(close, fds[1], 0, 0);
}

/* epoll_wait with timeout 0: the number of events, the first in *ev. */
static int ready(int ep, struct epoll_event *ev)
{
	struct epoll_event evs[4];
	long n = SC4(epoll_wait, ep, evs, 4, 0);

	if (n > 0)
		*ev = evs[0];
	return n;
}

UK_TESTCASE(posix_poll, epoll_level_edge_oneshot)
{
	int ep = SC(epoll_create1, EPOLL_CLOEXEC, 0, 0);
	int lt = SC(eventfd2, 0, EFD_NONBLOCK, 0);
	int et = SC(eventfd2, 0, EFD_NONBLOCK, 0);
	int os = SC(eventfd2, 0, EFD_NONBLOCK, 0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 };
	uint64_t one = 1, v;

	UK_TEST_ASSERT_INT_GE(ep, 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, lt, &ev), 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, lt, &ev), -EEXIST);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLET, .data.u64 = 2 };
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, et, &ev), 0);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 3 };
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, os, &ev), 0);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 0);

	/* Level: reported on every wait while readable. */
	SC(write, lt, &one, 8);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	UK_TEST_EXPECT_INT_EQ(ev.data.u64, 1);
	UK_TEST_EXPECT_INT_EQ(ev.events, EPOLLIN);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	SC(read, lt, &v, 8);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 0);

	/* Edge: once per write, though still readable. */
	SC(write, et, &one, 8);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	UK_TEST_EXPECT_INT_EQ(ev.data.u64, 2);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 0);
	SC(write, et, &one, 8);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	SC(read, et, &v, 8);

	/* Oneshot: once, then nothing until EPOLL_CTL_MOD re-arms it. */
	SC(write, os, &one, 8);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	UK_TEST_EXPECT_INT_EQ(ev.data.u64, 3);
	SC(write, os, &one, 8);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 0);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 4 };
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_MOD, os, &ev), 0);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	UK_TEST_EXPECT_INT_EQ(ev.data.u64, 4);

	/* Errors. */
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_DEL, lt, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_DEL, lt, 0), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_MOD, lt, &ev), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, ep, &ev), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, lt, EPOLL_CTL_ADD, et, &ev), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, 60, &ev), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, 99, et, &ev), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_wait, ep, &ev, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(epoll_create1, 1, 0, 0), -EINVAL);
	SC(close, lt, 0, 0);
	SC(close, et, 0, 0);
	SC(close, os, 0, 0);
	SC(close, ep, 0, 0);
}

UK_TESTCASE(posix_poll, epoll_forgets_a_closed_file)
{
	int ep = SC(epoll_create1, 0, 0, 0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 };
	int fds[2];

	UK_TEST_ASSERT_INT_GE(ep, 0);
	UK_TEST_ASSERT_INT_EQ(SC(pipe2, fds, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, fds[0], &ev), 0);
	SC(write, fds[1], "x", 1);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 1);
	/* The read end's last reference goes: its item with it (ready or
	 * not), and the descriptor number can be reused. */
	SC(close, fds[0], 0, 0);
	UK_TEST_EXPECT_INT_EQ(ready(ep, &ev), 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_DEL, fds[0], 0), -EBADF);
	UK_TEST_ASSERT_INT_EQ(SC(pipe2, fds, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, ep, EPOLL_CTL_ADD, fds[0], &ev), 0);
	SC(close, fds[0], 0, 0);
	SC(close, fds[1], 0, 0);
	SC(close, ep, 0, 0);
}

struct waiter {
	int ep;
	long n;
	struct epoll_event ev;
};

static void *epoll_waiter(void *arg)
{
	struct waiter *w = arg;

	w->n = SC4(epoll_wait, w->ep, &w->ev, 1, 5000);
	return NULL;
}

UK_TESTCASE(posix_poll, epoll_wait_woken_and_timed_out)
{
	struct waiter w = { .ep = SC(epoll_create1, 0, 0, 0) };
	int efd = SC(eventfd2, 0, 0, 0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 9 };
	struct pollfd p = { .fd = w.ep, .events = POLLIN };
	struct uk_thread *t;
	uint64_t one = 1, t0;

	UK_TEST_ASSERT_INT_GE(w.ep, 0);
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_ctl, w.ep, EPOLL_CTL_ADD, efd, &ev), 0);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC4(epoll_wait, w.ep, &ev, 1, 20), 0);
	UK_TEST_EXPECT_INT_GE(ms_since(t0), 20);
	t = uk_sched_thread_create("epoll-waiter", epoll_waiter, &w);
	UK_TEST_ASSERT(!uk_is_err(t));
	uk_sched_sleep_ns(3000000);
	SC(write, efd, &one, 8);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(w.n, 1);
	UK_TEST_EXPECT_INT_EQ(w.ev.data.u64, 9);
	/* The epoll file itself polls readable while an item is ready. */
	UK_TEST_EXPECT_INT_EQ(SC(poll, &p, 1, 0), 1);
	SC(close, efd, 0, 0);
	SC(close, w.ep, 0, 0);
}

#else
UK_TESTCASE(posix_poll, needs_pipe_and_eventfd)
{
	UK_TEST_SKIP("posix-pipe and posix-eventfd not both selected");
}
#endif
