/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AF_UNIX through the shim: streams and datagrams between threads that
 * block on each other, names (abstract, autobind), listen/connect/
 * accept, and what the peer sees of shutdown and close.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <time.h>
#include <uk/sched.h>
#include <uk/socket.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)
#define SC6(n, a, b, c, d, e, f) \
	uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f))

/* Readiness as the family reports it (posix-poll may not be in). */
static unsigned int ready(int fd)
{
	struct uk_socket *s = uk_socket_of_fd(fd);
	unsigned int ev;

	if (uk_is_err(s))
		return 0xdead;
	ev = uk_file_poll(&s->file);
	uk_socket_put(s);
	return ev & (POLLIN | POLLOUT | POLLRDHUP | POLLHUP | POLLERR);
}

struct pump {
	int fd;
	size_t n;
	unsigned int sum;
	long r;
};

/* Write n bytes (i & 0xff pattern) in odd-sized pieces. */
static void *pump_out(void *arg)
{
	struct pump *p = arg;
	char buf[1000];
	size_t done = 0, k;
	long r;

	while (done < p->n) {
		k = UK_MIN(sizeof(buf), p->n - done);
		for (size_t i = 0; i < k; i++)
			buf[i] = (char)(done + i);
		r = SC(write, p->fd, buf, k);
		if (r <= 0) {
			p->r = r;
			return NULL;
		}
		done += r;
	}
	p->r = done;
	SC(close, p->fd, 0, 0);
	return NULL;
}

UK_TESTCASE(posix_unix, stream_pair_moves_a_megabyte_between_threads)
{
	struct pump out = { .n = 1 << 20 };
	struct uk_thread *t;
	char buf[777];
	size_t got = 0, bad = 0;
	long r;
	int sv[2];

	UK_TEST_ASSERT_INT_EQ(SC4(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0);
	out.fd = sv[1];
	t = uk_sched_thread_create("unix-pump", pump_out, &out);
	UK_TEST_ASSERT(!uk_is_err(t));
	/* The ring is smaller than 1 MiB: writer and reader block in turn. */
	while ((r = SC(read, sv[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			bad += buf[i] != (char)(got + i);
		got += r;
	}
	UK_TEST_EXPECT_INT_EQ(r, 0);	/* EOF once the writer closed */
	UK_TEST_EXPECT_INT_EQ(got, 1 << 20);
	UK_TEST_EXPECT_INT_EQ(bad, 0);
	uk_sched_thread_join(t, NULL);
	UK_TEST_EXPECT_INT_EQ(out.r, 1 << 20);
	UK_TEST_EXPECT_INT_EQ(SC(close, sv[0], 0, 0), 0);
}

UK_TESTCASE(posix_unix, stream_shutdown_and_close_seen_by_peer)
{
	int sv[2], v;
	char c;

	UK_TEST_ASSERT_INT_EQ(SC4(socketpair, AF_UNIX, SOCK_STREAM, 0, sv), 0);
	UK_TEST_EXPECT_INT_EQ(ready(sv[0]), POLLOUT);
	UK_TEST_EXPECT_INT_EQ(SC(write, sv[1], "ab", 2), 2);
	UK_TEST_EXPECT_INT_EQ(ready(sv[0]), POLLIN | POLLOUT);
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, sv[0], FIONREAD, &v), 0);
	UK_TEST_EXPECT_INT_EQ(v, 2);
	UK_TEST_EXPECT_INT_EQ(SC(shutdown, sv[1], SHUT_WR, 0), 0);
	UK_TEST_EXPECT_INT_EQ(ready(sv[0]), POLLIN | POLLOUT | POLLRDHUP);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, sv[1], "x", 1, MSG_NOSIGNAL, 0, 0),
			      -EPIPE);
	UK_TEST_EXPECT_INT_EQ(SC(read, sv[0], &c, 1), 1);
	UK_TEST_EXPECT_INT_EQ(SC(read, sv[0], &c, 1), 1);
	UK_TEST_EXPECT_INT_EQ(SC(read, sv[0], &c, 1), 0);
	UK_TEST_EXPECT_INT_EQ(c, 'b');
	/* Closing with unread data: the peer hears ECONNRESET once. */
	UK_TEST_EXPECT_INT_EQ(SC(write, sv[0], "zz", 2), 2);
	UK_TEST_EXPECT_INT_EQ(SC(close, sv[1], 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(ready(sv[0]) & (POLLHUP | POLLERR),
			      POLLHUP | POLLERR);
	UK_TEST_EXPECT_INT_EQ(SC(read, sv[0], &c, 1), -ECONNRESET);
	UK_TEST_EXPECT_INT_EQ(SC(read, sv[0], &c, 1), 0);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, sv[0], "x", 1, MSG_NOSIGNAL, 0, 0),
			      -EPIPE);
	UK_TEST_EXPECT_INT_EQ(SC(close, sv[0], 0, 0), 0);
}

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static void *client(void *arg __uk_unused)
{
	struct sockaddr_un a;
	socklen_t len = abstract(&a, "uk-test-srv");
	int fd = SC(socket, AF_UNIX, SOCK_STREAM, 0);
	long r;

	r = SC(connect, fd, &a, len);
	if (!r)
		r = SC(write, fd, "ping", 4);
	SC(close, fd, 0, 0);
	return (void *)r;
}

UK_TESTCASE(posix_unix, listen_connect_accept_on_an_abstract_name)
{
	struct sockaddr_un a, b;
	socklen_t len = abstract(&a, "uk-test-srv"), blen = sizeof(b);
	int l = SC(socket, AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int other = SC(socket, AF_UNIX, SOCK_STREAM, 0);
	struct uk_thread *t;
	void *ret;
	char buf[8];
	int c;

	UK_TEST_ASSERT_INT_GE(l, 0);
	UK_TEST_EXPECT_INT_EQ(SC(connect, other, &a, len), -ECONNREFUSED);
	UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), 0);
	UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(bind, other, &a, len), -EADDRINUSE);
	/* Bound but not listening. */
	UK_TEST_EXPECT_INT_EQ(SC(connect, other, &a, len), -ECONNREFUSED);
	UK_TEST_EXPECT_INT_EQ(SC(listen, l, 4, 0), 0);
	SC(fcntl, l, F_SETFL, O_NONBLOCK);
	UK_TEST_EXPECT_INT_EQ(SC4(accept4, l, 0, 0, SOCK_NONBLOCK), -EAGAIN);
	UK_TEST_EXPECT_INT_EQ(SC4(accept4, l, 0, 0, 0x1234), -EINVAL);
	SC(fcntl, l, F_SETFL, 0);
	t = uk_sched_thread_create("unix-client", client, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	c = SC(accept, l, &b, &blen);	/* blocks until the client connects */
	UK_TEST_ASSERT_INT_GE(c, 0);
	UK_TEST_EXPECT_INT_EQ(blen, sizeof(sa_family_t));	/* unnamed */
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, c, buf, 8, MSG_WAITALL, 0, 0), 4);
	UK_TEST_EXPECT_MEM_EQ(buf, "ping", 4);
	uk_sched_thread_join(t, &ret);
	UK_TEST_EXPECT_INT_EQ((long)ret, 4);
	/* The accepted end is named after the listener. */
	blen = sizeof(b);
	UK_TEST_EXPECT_INT_EQ(SC(getsockname, c, &b, &blen), 0);
	UK_TEST_EXPECT_INT_EQ(blen, len);
	UK_TEST_EXPECT_MEM_EQ(&b, &a, len);
	SC(close, c, 0, 0);
	SC(close, other, 0, 0);
	SC(close, l, 0, 0);
	/* The name is free again once its socket is closed. */
	l = SC(socket, AF_UNIX, SOCK_DGRAM, 0);
	UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), 0);
	SC(close, l, 0, 0);
}

UK_TESTCASE(posix_unix, datagrams_keep_boundaries_and_sender_names)
{
	struct sockaddr_un ra, sa, from;
	socklen_t rlen = abstract(&ra, "uk-test-dg"), flen = sizeof(from);
	int r = SC(socket, AF_UNIX, SOCK_DGRAM, 0);
	int s = SC(socket, AF_UNIX, SOCK_DGRAM, 0);
	char buf[16];

	UK_TEST_ASSERT_INT_GE(r, 0);
	UK_TEST_EXPECT_INT_EQ(SC(bind, r, &ra, rlen), 0);
	sa.sun_family = AF_UNIX;
	/* Autobind: a 5-hex-digit abstract name, as Linux. */
	UK_TEST_EXPECT_INT_EQ(SC(bind, s, &sa, offsetof(struct sockaddr_un,
							sun_path)), 0);
	flen = sizeof(sa);
	UK_TEST_EXPECT_INT_EQ(SC(getsockname, s, &sa, &flen), 0);
	UK_TEST_EXPECT_INT_EQ(flen, offsetof(struct sockaddr_un, sun_path) + 6);
	UK_TEST_EXPECT_INT_EQ(sa.sun_path[0], 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, s, "x", 1), -ENOTCONN);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, s, "one", 3, 0, &ra, rlen), 3);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, s, "second", 6, 0, &ra, rlen), 6);
	flen = sizeof(from);
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, r, buf, 2, 0, &from, &flen), 2);
	UK_TEST_EXPECT_MEM_EQ(buf, "on", 2);	/* the rest is dropped */
	UK_TEST_EXPECT_INT_EQ(flen, offsetof(struct sockaddr_un, sun_path) + 6);
	UK_TEST_EXPECT_MEM_EQ(&from, &sa, flen);
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, r, buf, 16, MSG_PEEK, 0, 0), 6);
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, r, buf, 16, MSG_TRUNC | MSG_DONTWAIT,
				  0, 0), 6);
	UK_TEST_EXPECT_MEM_EQ(buf, "second", 6);
	UK_TEST_EXPECT_INT_EQ(SC6(recvfrom, r, buf, 16, MSG_DONTWAIT, 0, 0),
			      -EAGAIN);
	/* Sending to a name nobody holds. */
	SC(close, r, 0, 0);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, s, "x", 1, 0, &ra, rlen), -ECONNREFUSED);
	SC(close, s, 0, 0);
}

static void *dgram_reader(void *arg)
{
	int fd = *(int *)arg;
	char buf[8];
	long n = 0, r;

	/* Let the writer fill the queue and block first. */
	uk_sched_sleep_ns(5000000);
	while ((r = SC(read, fd, buf, sizeof(buf))) == 4 && memcmp(buf, "done", 4))
		n++;
	return (void *)n;
}

UK_TESTCASE(posix_unix, dgram_writer_blocks_on_a_full_queue)
{
	struct uk_thread *t;
	void *n;
	int sv[2], i;

	UK_TEST_ASSERT_INT_EQ(SC4(socketpair, AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	t = uk_sched_thread_create("unix-dgram", dgram_reader, &sv[0]);
	UK_TEST_ASSERT(!uk_is_err(t));
	for (i = 0; i < 3 * CONFIG_LIBPOSIX_UNIX_DGRAM_QLEN; i++)
		if (SC(write, sv[1], "data", 4) != 4)
			break;
	UK_TEST_EXPECT_INT_EQ(i, 3 * CONFIG_LIBPOSIX_UNIX_DGRAM_QLEN);
	UK_TEST_EXPECT_INT_EQ(SC(write, sv[1], "done", 4), 4);
	uk_sched_thread_join(t, &n);
	UK_TEST_EXPECT_INT_EQ((long)n, 3 * CONFIG_LIBPOSIX_UNIX_DGRAM_QLEN);
	SC(close, sv[0], 0, 0);
	SC(close, sv[1], 0, 0);
}

static socklen_t pathname(struct sockaddr_un *a, const char *path)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	strcpy(a->sun_path, path);
	return offsetof(struct sockaddr_un, sun_path) + strlen(path) + 1;
}

UK_TESTCASE(posix_unix, path_names_through_the_file_system)
{
	struct sockaddr_un a;
	socklen_t len = pathname(&a, "/uk-test.sock");
	int l = SC(socket, AF_UNIX, SOCK_STREAM, 0);
	int c = SC(socket, AF_UNIX, SOCK_STREAM, 0);
	struct stat st;
	int vfs = uk_syscall_provider(SYS_mknodat) && uk_syscall_provider(SYS_newfstatat);
	int s;

	UK_TEST_ASSERT_INT_GE(l, 0);
	UK_TEST_EXPECT_INT_EQ(SC(connect, c, &a, len),
			      -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), 0);
	UK_TEST_EXPECT_INT_EQ(SC(listen, l, 1, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(connect, c, &a, len), 0);
	SC(fcntl, l, F_SETFL, O_NONBLOCK);	/* a failed connect: no hang */
	s = SC(accept, l, 0, 0);
	UK_TEST_EXPECT_INT_GE(s, 0);
	SC(close, s, 0, 0);
	SC(close, c, 0, 0);
	SC(close, l, 0, 0);
	l = SC(socket, AF_UNIX, SOCK_DGRAM, 0);
	if (vfs) {
		/* The socket file stays after close (Linux): the name is
		 * taken until it is unlinked; connecting to it is refused. */
		UK_TEST_EXPECT_INT_EQ(SC4(newfstatat, AT_FDCWD, "/uk-test.sock",
					  &st, 0), 0);
		UK_TEST_EXPECT(S_ISSOCK(st.st_mode));
		UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), -EADDRINUSE);
		UK_TEST_EXPECT_INT_EQ(SC6(sendto, l, "x", 1, 0, &a, len),
				      -ECONNREFUSED);
		UK_TEST_EXPECT_INT_EQ(SC(unlink, "/uk-test.sock", 0, 0), 0);
	}
	/* Without a file system the name is the family's and free again. */
	UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), 0);
	SC(close, l, 0, 0);
	if (vfs)
		SC(unlink, "/uk-test.sock", 0, 0);
}

UK_TESTCASE(posix_unix, seqpacket_keeps_records_over_a_connection)
{
	struct sockaddr_un a;
	socklen_t len = abstract(&a, "uk-test-seq");
	int l = SC(socket, AF_UNIX, SOCK_SEQPACKET, 0);
	int c = SC(socket, AF_UNIX, SOCK_SEQPACKET, 0);
	int st = SC(socket, AF_UNIX, SOCK_STREAM, 0);
	char buf[8];
	int s;

	UK_TEST_ASSERT_INT_GE(l, 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, c, "x", 1), -ENOTCONN);
	UK_TEST_EXPECT_INT_EQ(SC(bind, l, &a, len), 0);
	/* Abstract names are per type: a stream socket may hold it too,
	 * and does not reach the seqpacket listener. */
	UK_TEST_EXPECT_INT_EQ(SC(bind, st, &a, len), 0);
	SC(close, st, 0, 0);
	UK_TEST_EXPECT_INT_EQ(SC(listen, l, 2, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(connect, c, &a, len), 0);
	SC(fcntl, l, F_SETFL, O_NONBLOCK);
	s = SC(accept, l, 0, 0);
	UK_TEST_ASSERT_INT_GE(s, 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, c, "first", 5), 5);
	UK_TEST_EXPECT_INT_EQ(SC(write, c, "2nd", 3), 3);
	UK_TEST_EXPECT_INT_EQ(SC(read, s, buf, 2), 2);	/* rest dropped */
	UK_TEST_EXPECT_INT_EQ(SC(read, s, buf, 8), 3);
	UK_TEST_EXPECT_MEM_EQ(buf, "2nd", 3);
	SC(close, c, 0, 0);
	UK_TEST_EXPECT_INT_EQ(SC(read, s, buf, 8), 0);
	UK_TEST_EXPECT_INT_EQ(SC6(sendto, s, "x", 1, MSG_NOSIGNAL, 0, 0), -EPIPE);
	SC(close, s, 0, 0);
	SC(close, l, 0, 0);
}

UK_TESTCASE(posix_unix, sendmmsg_recvmmsg_move_several_datagrams)
{
	struct iovec out[3] = { { "a", 1 }, { "bb", 2 }, { "ccc", 3 } };
	char in[3][8];
	struct iovec iin[3] = { { in[0], 8 }, { in[1], 8 }, { in[2], 8 } };
	struct mmsghdr mo[3], mi[4];
	struct timespec ts = { 0, 0 };
	int sv[2], i;

	UK_TEST_ASSERT_INT_EQ(SC4(socketpair, AF_UNIX, SOCK_DGRAM, 0, sv), 0);
	memset(mo, 0, sizeof(mo));
	memset(mi, 0, sizeof(mi));
	for (i = 0; i < 3; i++) {
		mo[i].msg_hdr.msg_iov = &out[i];
		mo[i].msg_hdr.msg_iovlen = 1;
		mi[i].msg_hdr.msg_iov = &iin[i];
		mi[i].msg_hdr.msg_iovlen = 1;
	}
	mi[3].msg_hdr.msg_iov = &iin[0];
	mi[3].msg_hdr.msg_iovlen = 1;
	UK_TEST_EXPECT_INT_EQ(SC4(sendmmsg, sv[0], mo, 3, 0), 3);
	UK_TEST_EXPECT_INT_EQ(mo[2].msg_len, 3);
	/* Four asked, three there: MSG_WAITFORONE returns the three. */
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_recvmmsg, sv[1], (long)mi, 4,
					 MSG_WAITFORONE, 0, 0), 3);
	UK_TEST_EXPECT_INT_EQ(mi[0].msg_len, 1);
	UK_TEST_EXPECT_INT_EQ(mi[1].msg_len, 2);
	UK_TEST_EXPECT_INT_EQ(mi[2].msg_len, 3);
	UK_TEST_EXPECT_MEM_EQ(in[2], "ccc", 3);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_recvmmsg, sv[1], (long)mi, 4,
					 MSG_DONTWAIT, 0, 0), -EAGAIN);
	/* A timeout that has run out ends it after a datagram (Linux). */
	UK_TEST_EXPECT_INT_EQ(SC4(sendmmsg, sv[0], mo, 2, 0), 2);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_recvmmsg, sv[1], (long)mi, 4, 0,
					 (long)&ts, 0), 1);
	SC(close, sv[0], 0, 0);
	SC(close, sv[1], 0, 0);
}
