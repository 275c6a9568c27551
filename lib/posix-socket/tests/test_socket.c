/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket through the shim, on a family of the tests' own (AF_KEY,
 * which nothing else in the kit provides): a socket with a 4-byte
 * "wire" that sendmsg fills and recvmsg drains, never blocking, as the
 * contract asks. The layer's part is what is checked: descriptor and
 * argument errors, blocking until the family's event, timeouts, whole
 * stream sends, MSG_WAITALL, address copies, SIGPIPE, fstat.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <uk/alloc.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/socket.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC5(n, a, b, c, d, e) \
	uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), 0)
#define SC6(n, a, b, c, d, e, f) \
	uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

#define AF_TEST AF_KEY
#define WIRE 4

struct tsock {
	struct uk_socket s;
	char wire[WIRE];
	size_t len;
	int broken;		/* sendmsg says EPIPE */
	int connecting;		/* connect started, not done */
	int connected;
	int conn_err;		/* SO_ERROR once done */
};

static int closed_count;
/* Calls that reached the family without MSG_DONTWAIT or with WAITALL. */
static int bad_flags;

static ssize_t t_send(struct uk_socket *s, const struct msghdr *m, int flags)
{
	struct tsock *t = uk_container_of(s, struct tsock, s);
	size_t n = 0, k;
	int i;

	if (!(flags & MSG_DONTWAIT))
		bad_flags++;
	if (t->broken)
		return -EPIPE;
	if (t->len == WIRE)
		return -EAGAIN;
	for (i = 0; i < m->msg_iovlen && t->len < WIRE; i++) {
		k = UK_MIN(m->msg_iov[i].iov_len, WIRE - t->len);
		memcpy(t->wire + t->len, m->msg_iov[i].iov_base, k);
		t->len += k;
		n += k;
	}
	uk_socket_event(s, EPOLLIN);
	return n;
}

static ssize_t t_recv(struct uk_socket *s, struct msghdr *m, int flags)
{
	struct tsock *t = uk_container_of(s, struct tsock, s);
	size_t n = UK_MIN(t->len, m->msg_iov[0].iov_len);

	if (!(flags & MSG_DONTWAIT) || (flags & MSG_WAITALL))
		bad_flags++;
	if (!t->len)
		return -EAGAIN;
	memcpy(m->msg_iov[0].iov_base, t->wire, n);
	memmove(t->wire, t->wire + n, t->len - n);
	t->len -= n;
	if (m->msg_name) {	/* a 16-byte "address": AF_TEST, then 'a'.. */
		struct sockaddr *sa = m->msg_name;

		memset(sa, 0, 16);
		sa->sa_family = AF_TEST;
		memcpy(sa->sa_data, "abcdefghijklmn", 14);
		m->msg_namelen = 16;
	}
	m->msg_controllen = 0;
	uk_socket_event(s, EPOLLOUT);
	return n;
}

static unsigned int t_poll(struct uk_socket *s)
{
	struct tsock *t = uk_container_of(s, struct tsock, s);

	if (t->connecting)
		return 0;
	return (t->len ? EPOLLIN : 0) | (t->len < WIRE ? EPOLLOUT : 0) |
	       (t->conn_err ? EPOLLERR : 0);
}

/* connect never completes at once: it starts, and a thread of the
 * test's ends it later (finish_connect). */
static int t_connect(struct uk_socket *s, const struct sockaddr *a __uk_unused,
		     socklen_t len __uk_unused)
{
	struct tsock *t = uk_container_of(s, struct tsock, s);

	if (t->connected)
		return -EISCONN;
	if (t->connecting)
		return -EALREADY;
	t->connecting = 1;
	return -EINPROGRESS;
}

static int t_getsockopt(struct uk_socket *s, int level, int name, void *val,
			socklen_t *len)
{
	struct tsock *t = uk_container_of(s, struct tsock, s);

	if (level != SOL_SOCKET || name != SO_ERROR || *len < sizeof(int))
		return -ENOPROTOOPT;
	*(int *)val = t->conn_err;
	t->conn_err = 0;
	*len = sizeof(int);
	return 0;
}

static void t_close(struct uk_socket *s)
{
	closed_count++;
	uk_free(uk_alloc_get_default(), uk_container_of(s, struct tsock, s));
}

static const struct uk_socket_ops t_ops = {
	.sendmsg = t_send, .recvmsg = t_recv, .poll = t_poll, .close = t_close,
	.connect = t_connect, .getsockopt = t_getsockopt,
};

static int t_create(int type, int protocol, struct uk_socket **out)
{
	struct tsock *t;

	if (type != SOCK_STREAM && type != SOCK_DGRAM)
		return -ESOCKTNOSUPPORT;
	t = uk_malloc(uk_alloc_get_default(), sizeof(*t));
	if (!t)
		return -ENOMEM;
	memset(t, 0, sizeof(*t));
	uk_socket_init(&t->s, &t_ops, AF_TEST, type, protocol);
	*out = &t->s;
	return 0;
}

static const struct uk_socket_family t_family = {
	.family = AF_TEST, .create = t_create,
};
UK_SOCKET_FAMILY_REGISTER(t_family);

static struct tsock *tsock_of(int fd)
{
	struct uk_socket *s = uk_socket_of_fd(fd);

	if (uk_is_err(s))
		return NULL;
	uk_socket_put(s);	/* the descriptor keeps it */
	return uk_container_of(s, struct tsock, s);
}

UK_TESTCASE(posix_socket, errors_before_the_family)
{
	int sv[2];
	int fd;

	UK_TEST_EXPECT_INT_EQ(SC(socket, 999, SOCK_STREAM, 0), -EAFNOSUPPORT);
	UK_TEST_EXPECT_INT_EQ(SC(socket, AF_APPLETALK, SOCK_STREAM, 0),
			      -EAFNOSUPPORT);
	UK_TEST_EXPECT_INT_EQ(SC(socket, AF_TEST, SOCK_RAW, 0),
			      -ESOCKTNOSUPPORT);
	UK_TEST_EXPECT_INT_EQ(SC(socket, AF_TEST, SOCK_STREAM | 0x100, 0),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC6(socketpair, AF_TEST, SOCK_STREAM, 0, sv, 0, 0),
			      -EOPNOTSUPP);
	/* 1 is the console: not a socket. 60 is not open. */
	UK_TEST_EXPECT_INT_EQ(SC(listen, 1, 1, 0), -ENOTSOCK);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, 1, "x", 1, 0, 0, 0), -ENOTSOCK);
	UK_TEST_EXPECT_INT_EQ(SC(listen, 60, 1, 0), -EBADF);
	fd = SC(socket, AF_TEST, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(fd, 0);
	/* Ops the family left NULL. */
	UK_TEST_EXPECT_INT_EQ(SC(listen, fd, 1, 0), -EOPNOTSUPP);
	UK_TEST_EXPECT_INT_EQ(SC(shutdown, fd, 7, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(shutdown, fd, SHUT_RD, 0), -EOPNOTSUPP);
	UK_TEST_EXPECT_INT_EQ(SC5(setsockopt, fd, SOL_SOCKET, SO_REUSEADDR, &fd, 4),
			      -ENOPROTOOPT);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
}

UK_TESTCASE(posix_socket, fstat_flags_and_generic_options)
{
	int fd = SC(socket, AF_TEST, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 7);
	int v = -1, before = closed_count;
	socklen_t len = sizeof(v);
	struct stat st;

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st, 0), 0);
	UK_TEST_EXPECT(S_ISSOCK(st.st_mode));
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, fd, F_GETFD, 0), FD_CLOEXEC);
	UK_TEST_EXPECT(SC(fcntl, fd, F_GETFL, 0) & O_NONBLOCK);
	UK_TEST_EXPECT_INT_EQ(SC5(getsockopt, fd, SOL_SOCKET, SO_TYPE, &v, &len), 0);
	UK_TEST_EXPECT_INT_EQ(v, SOCK_DGRAM);
	UK_TEST_EXPECT_INT_EQ(SC5(getsockopt, fd, SOL_SOCKET, SO_DOMAIN, &v, &len), 0);
	UK_TEST_EXPECT_INT_EQ(v, AF_TEST);
	UK_TEST_EXPECT_INT_EQ(SC5(getsockopt, fd, SOL_SOCKET, SO_PROTOCOL, &v, &len), 0);
	UK_TEST_EXPECT_INT_EQ(v, 7);
	/* Non-blocking: the family's EAGAIN comes straight back. */
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, &v, 1), -EAGAIN);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "wxyz", 4), 4);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "w", 1), -EAGAIN);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(closed_count, before + 1);
}

UK_TESTCASE(posix_socket, rcvtimeo_expires_with_eagain)
{
	int fd = SC(socket, AF_TEST, SOCK_STREAM, 0);
	struct timeval tv = { 0, 30000 }, got;
	socklen_t len = sizeof(got);
	uint64_t t0;
	char c;

	UK_TEST_ASSERT_INT_GE(fd, 0);
	tv.tv_usec = 1000000;
	UK_TEST_EXPECT_INT_EQ(SC5(setsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
				  sizeof(tv)), -EDOM);
	tv.tv_usec = 30000;
	UK_TEST_EXPECT_INT_EQ(SC5(setsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, &tv, 4),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC5(setsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, &tv,
				  sizeof(tv)), 0);
	UK_TEST_EXPECT_INT_EQ(SC5(getsockopt, fd, SOL_SOCKET, SO_RCVTIMEO, &got,
				  &len), 0);
	UK_TEST_EXPECT_INT_EQ(got.tv_usec, 30000);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, fd, &c, 1, 0, 0, 0), -EAGAIN);
	UK_TEST_EXPECT_INT_GE(ukplat_monotonic_ns() - t0, 30000000);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
}

struct reader {
	int fd;
	size_t want;
	char got[16];
	long r;
};

/* Drain the wire 1 byte at a time with a pause, so the writer must block
 * and be woken several times. */
static void *slow_reader(void *arg)
{
	struct reader *rd = arg;
	size_t n = 0;
	long r;

	while (n < rd->want) {
		uk_sched_sleep_ns(2000000);
		r = SC(read, rd->fd, rd->got + n, 1);
		if (r <= 0)
			break;
		n += r;
	}
	rd->r = n;
	return NULL;
}

UK_TESTCASE(posix_socket, blocking_stream_send_sends_everything)
{
	int fd = SC(socket, AF_TEST, SOCK_STREAM, 0);
	struct reader rd = { .fd = fd, .want = 11 };
	struct uk_thread *t;

	UK_TEST_ASSERT_INT_GE(fd, 0);
	t = uk_sched_thread_create("sock-reader", slow_reader, &rd);
	UK_TEST_ASSERT(!uk_is_err(t));
	/* 11 bytes through a 4-byte wire: the send blocks twice at least. */
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "hello world", 11), 11);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(rd.r, 11);
	UK_TEST_EXPECT_MEM_EQ(rd.got, "hello world", 11);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
}

static void *slow_writer(void *arg)
{
	int fd = *(int *)arg;
	const char *s = "abcdefgh";
	int i;

	for (i = 0; i < 8; i++) {
		uk_sched_sleep_ns(2000000);
		SC(write, fd, s + i, 1);
	}
	return NULL;
}

UK_TESTCASE(posix_socket, waitall_and_source_address)
{
	int fd = SC(socket, AF_TEST, SOCK_STREAM, 0);
	struct sockaddr_storage ss;
	socklen_t alen = 6;	/* less than the family's 16 */
	struct uk_thread *t;
	char buf[8];

	UK_TEST_ASSERT_INT_GE(fd, 0);
	memset(&ss, 0x55, sizeof(ss));
	t = uk_sched_thread_create("sock-writer", slow_writer, &fd);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, fd, buf, 8, MSG_WAITALL, &ss, &alen), 8);
	UK_TEST_EXPECT_MEM_EQ(buf, "abcdefgh", 8);
	/* What fits is copied, the full length reported. */
	UK_TEST_EXPECT_INT_EQ(alen, 16);
	UK_TEST_EXPECT_MEM_EQ(((struct sockaddr *)&ss)->sa_data, "abcd", 4);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)&ss)[6], 0x55);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(bad_flags, 0);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
}

static int pipes_seen;

static void on_sigpipe(int sig)
{
	if (sig == SIGPIPE)
		pipes_seen++;
}

UK_TESTCASE(posix_socket, epipe_raises_sigpipe_unless_nosignal)
{
#if CONFIG_LIBPOSIX_SIGNAL
	struct sigaction sa = { .sa_handler = on_sigpipe }, old;
	int fd = SC(socket, AF_TEST, SOCK_STREAM, 0);

	UK_TEST_ASSERT_INT_GE(fd, 0);
	tsock_of(fd)->broken = 1;
	UK_TEST_ASSERT_INT_EQ(sigaction(SIGPIPE, &sa, &old), 0);
	pipes_seen = 0;
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, fd, "x", 1, MSG_NOSIGNAL, 0, 0), -EPIPE);
	UK_TEST_EXPECT_INT_EQ(pipes_seen, 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "x", 1), -EPIPE);
	UK_TEST_EXPECT_INT_EQ(pipes_seen, 1);
	sigaction(SIGPIPE, &old, NULL);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
#else
	(void)on_sigpipe;
	(void)tsock_of;
	UK_TEST_SKIP("posix-signal not selected");
#endif
}

UK_TESTCASE(posix_socket, sndtimeo_expires_with_eagain)
{
	int fd = SC(socket, AF_TEST, SOCK_DGRAM, 0);
	struct timeval tv = { 0, 20000 };
	uint64_t t0;

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "full", 4), 4);
	UK_TEST_EXPECT_INT_EQ(SC5(setsockopt, fd, SOL_SOCKET, SO_SNDTIMEO, &tv,
				  sizeof(tv)), 0);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "x", 1), -EAGAIN);
	UK_TEST_EXPECT_INT_GE(ukplat_monotonic_ns() - t0, 20000000);
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
}

struct finisher {
	struct tsock *t;
	int err;
};

static void *finish_connect(void *arg)
{
	struct finisher *f = arg;

	uk_sched_sleep_ns(3000000);
	f->t->connecting = 0;
	f->t->connected = !f->err;
	f->t->conn_err = f->err;
	uk_socket_event(&f->t->s, EPOLLOUT | EPOLLERR);
	return NULL;
}

UK_TESTCASE(posix_socket, blocking_connect_waits_for_the_family)
{
	struct sockaddr sa = { .sa_family = AF_TEST };
	struct finisher f;
	struct uk_thread *t;
	int fd, nb;

	/* Completes: 0. */
	fd = SC(socket, AF_TEST, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(fd, 0);
	f = (struct finisher){ tsock_of(fd), 0 };
	t = uk_sched_thread_create("sock-connect", finish_connect, &f);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(SC(connect, fd, &sa, sizeof(sa)), 0);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(SC(connect, fd, &sa, sizeof(sa)), -EISCONN);
	SC(close, fd, 0, 0);
	/* Refused: the family's SO_ERROR comes back. */
	fd = SC(socket, AF_TEST, SOCK_STREAM, 0);
	f = (struct finisher){ tsock_of(fd), ECONNREFUSED };
	t = uk_sched_thread_create("sock-connect", finish_connect, &f);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(SC(connect, fd, &sa, sizeof(sa)), -ECONNREFUSED);
	uk_sched_thread_join(t, NULL);
	SC(close, fd, 0, 0);
	/* Non-blocking: EINPROGRESS, then EALREADY. */
	nb = SC(socket, AF_TEST, SOCK_STREAM | SOCK_NONBLOCK, 0);
	UK_TEST_EXPECT_INT_EQ(SC(connect, nb, &sa, sizeof(sa)), -EINPROGRESS);
	UK_TEST_EXPECT_INT_EQ(SC(connect, nb, &sa, sizeof(sa)), -EALREADY);
	SC(close, nb, 0, 0);
}
