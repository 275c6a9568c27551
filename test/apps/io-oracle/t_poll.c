/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * poll, ppoll, select, pselect and epoll: readiness, timeouts, threads
 * waking each other, level/edge/oneshot, a closed file, errors.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/select.h>
#include <sys/time.h>
#include <unistd.h>

static void *write_later(void *arg)
{
	usleep(5000);
	write(*(int *)arg, "w", 1);
	return NULL;
}

void t_poll(void)
{
	struct pollfd p[3];
	struct timespec ts = { 0, 20000000 };
	struct timeval tv = { 0, 20000 };
	sigset_t mask;
	fd_set rd, wr;
	pthread_t t;
	long t0;
	int fds[2], closed;

	pipe(fds);
	p[0] = (struct pollfd){ .fd = fds[0], .events = POLLIN };
	p[1] = (struct pollfd){ .fd = -1, .events = POLLIN };
	p[2] = (struct pollfd){ .fd = 99, .events = POLLIN };
	SHOW("poll: empty pipe, a negative fd, a closed fd", poll(p, 3, 0));
	printf("poll: revents %#x %#x %#x\n", p[0].revents, p[1].revents,
	       p[2].revents);
	t0 = now_ms();
	SHOW("poll: 30 ms timeout", poll(p, 1, 30));
	PROP("poll: waited at least 30 ms", now_ms() - t0 >= 30);
	pthread_create(&t, NULL, write_later, &fds[1]);
	SHOW("poll: woken by a writer thread", poll(p, 1, 10000));
	printf("poll: revents %#x\n", p[0].revents);
	pthread_join(t, NULL);
	sigemptyset(&mask);
	SHOW("ppoll: with a mask, readable", ppoll(p, 1, &ts, &mask));
	SHOW("ppoll: bad timespec", ppoll(p, 1, &(struct timespec){ 0, -1 }, NULL));

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	FD_SET(fds[1], &wr);
	SHOW("select: readable and writable", select(fds[1] + 1, &rd, &wr, NULL, &tv));
	printf("select: read set %d write set %d\n", FD_ISSET(fds[0], &rd),
	       FD_ISSET(fds[1], &wr));
	read(fds[0], p, 1);
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	tv = (struct timeval){ 0, 20000 };
	t0 = now_ms();
	SHOW("select: 20 ms timeout", select(fds[0] + 1, &rd, NULL, NULL, &tv));
	PROP("select: waited at least 20 ms", now_ms() - t0 >= 20);
	printf("select: time left %ld.%06ld, read set %d\n", (long)tv.tv_sec,
	       (long)tv.tv_usec, FD_ISSET(fds[0], &rd));
	/* A descriptor that was open and is closed now, not a fixed high
	 * number: Linux ignores set bits past its descriptor table's size
	 * (64 slots in a process with few open), so select(100) on fd 99
	 * waits forever there instead of failing with EBADF. */
	closed = dup(fds[0]);
	close(closed);
	FD_SET(closed, &rd);
	SHOW("select: a closed fd", select(closed + 1, &rd, NULL, NULL, NULL));
	SHOW("select: negative nfds", select(-1, NULL, NULL, NULL, NULL));
	FD_ZERO(&rd);
	FD_SET(fds[0], &rd);
	SHOW("pselect: 0 timeout", pselect(fds[0] + 1, &rd, NULL, NULL,
					   &(struct timespec){ 0, 0 }, &mask));
	close(fds[0]);
	close(fds[1]);
}

/* epoll_wait with timeout 0: "<what>: n [data:events ...]". */
static void show_wait(const char *what, int ep)
{
	struct epoll_event ev[8];
	int n = epoll_wait(ep, ev, 8, 0);

	printf("%s: %d", what, n);
	for (int i = 0; i < n; i++)
		printf(" %llu:%#x", (unsigned long long)ev[i].data.u64,
		       ev[i].events);
	printf("\n");
}

static int add(int ep, int fd, unsigned int events, uint64_t data)
{
	struct epoll_event ev = { .events = events, .data.u64 = data };

	return epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
}

struct waiter {
	int ep;
	int n;
	struct epoll_event ev;
};

static void *epoll_waiter(void *arg)
{
	struct waiter *w = arg;

	w->n = epoll_wait(w->ep, &w->ev, 1, 10000);
	return NULL;
}

void t_epoll(void)
{
	int ep = epoll_create1(EPOLL_CLOEXEC);
	int lt = eventfd(0, EFD_NONBLOCK), et = eventfd(0, EFD_NONBLOCK);
	int os = eventfd(0, EFD_NONBLOCK), inner, spare;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 9 };
	uint64_t one = 1, v;
	struct waiter w;
	pthread_t t;
	long t0;
	int fds[2];

	/* Debian's musl ignores the size (no EINVAL for 0). */
	spare = epoll_create(0);
	PROP("epoll: epoll_create(0) gives a descriptor", spare >= 0);
	close(spare);
	SHOW("epoll: epoll_create1 bad flags", epoll_create1(1));
	printf("epoll: FD_CLOEXEC %d\n", fcntl(ep, F_GETFD) & FD_CLOEXEC);
	SHOW("epoll: add level", add(ep, lt, EPOLLIN, 1));
	SHOW("epoll: add again", add(ep, lt, EPOLLIN, 1));
	SHOW("epoll: add edge", add(ep, et, EPOLLIN | EPOLLET, 2));
	SHOW("epoll: add oneshot", add(ep, os, EPOLLIN | EPOLLONESHOT, 3));
	SHOW("epoll: add itself", add(ep, ep, EPOLLIN, 0));
	SHOW("epoll: add a closed fd", add(ep, 99, EPOLLIN, 0));
	SHOW("epoll: ctl on a non-epoll", add(lt, et, EPOLLIN, 0));
	SHOW("epoll: bad op", epoll_ctl(ep, 99, lt, &ev));
	spare = eventfd(0, 0);
	SHOW("epoll: mod unknown", epoll_ctl(ep, EPOLL_CTL_MOD, spare, &ev));
	SHOW("epoll: del unknown", epoll_ctl(ep, EPOLL_CTL_DEL, spare, &ev));
	SHOW("epoll: exclusive with oneshot",
	     add(ep, spare, EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0));
	SHOW("epoll: exclusive", add(ep, spare, EPOLLIN | EPOLLEXCLUSIVE, 11));
	ev = (struct epoll_event){ .events = EPOLLIN, .data.u64 = 11 };
	SHOW("epoll: mod an exclusive one", epoll_ctl(ep, EPOLL_CTL_MOD, spare, &ev));
	close(spare);
	SHOW("epoll: maxevents 0", epoll_wait(ep, &ev, 0, 0));
	show_wait("epoll: nothing yet", ep);
	write(lt, &one, 8);
	show_wait("epoll: level after a write", ep);
	show_wait("epoll: level again", ep);
	read(lt, &v, 8);
	show_wait("epoll: level after the read", ep);
	write(et, &one, 8);
	show_wait("epoll: edge after a write", ep);
	show_wait("epoll: edge again", ep);
	write(et, &one, 8);
	show_wait("epoll: edge after a second write", ep);
	write(os, &one, 8);
	show_wait("epoll: oneshot after a write", ep);
	write(os, &one, 8);
	show_wait("epoll: oneshot after a second write", ep);
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLONESHOT, .data.u64 = 4 };
	SHOW("epoll: mod oneshot", epoll_ctl(ep, EPOLL_CTL_MOD, os, &ev));
	show_wait("epoll: oneshot re-armed", ep);
	ev = (struct epoll_event){ .events = EPOLLOUT, .data.u64 = 5 };
	SHOW("epoll: mod level to EPOLLOUT", epoll_ctl(ep, EPOLL_CTL_MOD, lt, &ev));
	show_wait("epoll: writable", ep);
	SHOW("epoll: del", epoll_ctl(ep, EPOLL_CTL_DEL, lt, NULL));
	SHOW("epoll: del again", epoll_ctl(ep, EPOLL_CTL_DEL, lt, NULL));
	show_wait("epoll: after del", ep);

	/* A watched pipe end closed: it leaves the set. */
	pipe(fds);
	add(ep, fds[0], EPOLLIN | EPOLLRDHUP, 6);
	write(fds[1], "x", 1);
	show_wait("epoll: pipe readable", ep);
	close(fds[1]);
	show_wait("epoll: pipe writer closed", ep);
	close(fds[0]);
	show_wait("epoll: pipe read end closed", ep);

	/* An epoll inside an epoll, and in poll. */
	inner = epoll_create1(0);
	add(inner, et, EPOLLIN, 7);
	SHOW("epoll: add an epoll", add(ep, inner, EPOLLIN, 8));
	show_wait("epoll: the inner one is ready", ep);
	printf("epoll: poll on the inner epoll %#x\n", revents(inner, POLLIN));
	close(inner);

	SHOW("epoll: wait on a non-epoll", epoll_wait(os, &ev, 1, 20));
	w.ep = epoll_create1(0);
	add(w.ep, lt, EPOLLIN, 10);
	t0 = now_ms();
	SHOW("epoll: empty wait 20 ms", epoll_wait(w.ep, &ev, 1, 20));
	PROP("epoll: waited at least 20 ms", now_ms() - t0 >= 20);
	pthread_create(&t, NULL, epoll_waiter, &w);
	usleep(3000);
	write(lt, &one, 8);
	pthread_join(t, NULL);
	printf("epoll: waiter thread woke with %d, data %llu\n", w.n,
	       (unsigned long long)w.ev.data.u64);
	close(w.ep);
	close(lt);
	close(et);
	close(os);
	close(ep);
}
