/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * AF_UNIX: socketpair streams and datagrams, shutdown and close seen by
 * the peer, names (abstract, autobind), listen/connect/accept with a
 * client thread, the errors Linux gives.
 */
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

#define PF (POLLIN | POLLOUT | POLLRDHUP)

static socklen_t abstract(struct sockaddr_un *a, const char *name)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	memcpy(a->sun_path + 1, name, strlen(name));
	return offsetof(struct sockaddr_un, sun_path) + 1 + strlen(name);
}

static void t_stream_pair(void)
{
	struct iovec iov[3] = { { "ab", 2 }, { "", 0 }, { "cde", 3 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 3 };
	struct stat st;
	char buf[16] = { 0 };
	int sv[2], v;
	socklen_t len = sizeof(v);

	SHOW("unix: socketpair stream", socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv));
	fstat(sv[0], &st);
	PROP("unix: fstat S_ISSOCK", S_ISSOCK(st.st_mode));
	getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &v, &len);
	printf("unix: SO_TYPE %d len %u\n", v, (unsigned)len);
	printf("unix: poll fresh pair %#x\n", revents(sv[0], PF));
	SHOW("unix: recv empty non-blocking", recv(sv[0], buf, 1, 0));
	SHOW("unix: sendmsg 3 iovecs", sendmsg(sv[1], &m, 0));
	ioctl(sv[0], FIONREAD, &v);
	printf("unix: FIONREAD %d, poll %#x\n", v, revents(sv[0], PF));
	SHOW("unix: recv MSG_PEEK 2", recv(sv[0], buf, 2, MSG_PEEK));
	SHOW("unix: read 16", read(sv[0], buf, 16));
	printf("unix: got \"%s\"\n", buf);
	SHOW("unix: shutdown bad how", shutdown(sv[1], 5));
	SHOW("unix: shutdown SHUT_WR", shutdown(sv[1], SHUT_WR));
	printf("unix: poll after peer SHUT_WR %#x, own %#x\n", revents(sv[0], PF),
	       revents(sv[1], PF));
	SHOW("unix: read after peer SHUT_WR", read(sv[0], buf, 16));
	SHOW("unix: send after SHUT_WR", send(sv[1], "x", 1, MSG_NOSIGNAL));
	SHOW("unix: send the other way", send(sv[0], "zz", 2, 0));
	close(sv[1]);
	printf("unix: poll after peer close %#x\n", revents(sv[0], PF));
	SHOW("unix: read after peer closed with data unread", read(sv[0], buf, 16));
	SHOW("unix: read again", read(sv[0], buf, 16));
	SHOW("unix: send to a closed peer", send(sv[0], "x", 1, MSG_NOSIGNAL));
	close(sv[0]);
}

static void t_dgram(void)
{
	struct sockaddr_un ra, sa, from;
	socklen_t rlen = abstract(&ra, "io-oracle-dg"), flen;
	char buf[16];
	int r, s, sv[2];

	SHOW("unix: socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
	printf("unix: dgram pair poll %#x\n", revents(sv[0], PF));
	send(sv[1], "one", 3, 0);
	send(sv[1], "second", 6, 0);
	SHOW("unix: dgram recv 2 of 3", recv(sv[0], buf, 2, 0));
	SHOW("unix: dgram recv MSG_TRUNC", recv(sv[0], buf, 2, MSG_TRUNC));
	SHOW("unix: dgram recv empty", recv(sv[0], buf, 2, MSG_DONTWAIT));
	close(sv[0]);
	close(sv[1]);

	r = socket(AF_UNIX, SOCK_DGRAM, 0);
	s = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	SHOW("unix: bind abstract", bind(r, (void *)&ra, rlen));
	SHOW("unix: bind again", bind(r, (void *)&ra, rlen));
	SHOW("unix: bind a taken name", bind(s, (void *)&ra, rlen));
	SHOW("unix: send unconnected", send(s, "x", 1, 0));
	SHOW("unix: sendto unbound sender", sendto(s, "hi", 2, 0, (void *)&ra, rlen));
	flen = sizeof(from);
	SHOW("unix: recvfrom", recvfrom(r, buf, 16, 0, (void *)&from, &flen));
	printf("unix: unnamed sender's address length %u\n", (unsigned)flen);
	sa.sun_family = AF_UNIX;
	SHOW("unix: autobind", bind(s, (void *)&sa, sizeof(sa_family_t)));
	flen = sizeof(sa);
	getsockname(s, (void *)&sa, &flen);
	printf("unix: autobind name length %u, abstract %d\n", (unsigned)flen,
	       sa.sun_path[0] == 0);
	sendto(s, "hi", 2, 0, (void *)&ra, rlen);
	flen = sizeof(from);
	recvfrom(r, buf, 16, 0, (void *)&from, &flen);
	printf("unix: named sender's address length %u, same as getsockname %d\n",
	       (unsigned)flen, !memcmp(&from, &sa, flen));
	flen = 4;
	getsockname(r, (void *)&from, &flen);
	printf("unix: getsockname into 4 bytes: length %u\n", (unsigned)flen);
	SHOW("unix: connect dgram", connect(s, (void *)&ra, rlen));
	SHOW("unix: send connected", send(s, "c", 1, 0));
	close(r);
	SHOW("unix: send after the receiver closed", send(s, "c", 1, 0));
	SHOW("unix: sendto a name nobody has", sendto(s, "x", 1, 0, (void *)&ra, rlen));
	close(s);
}

static void *client(void *arg)
{
	struct sockaddr_un a;
	socklen_t len = abstract(&a, "io-oracle-srv");
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	long r;

	(void)arg;
	r = connect(fd, (void *)&a, len);
	if (!r)
		r = write(fd, "ping", 4);
	if (r == 4)
		r = read(fd, &a, sizeof(a));	/* the reply */
	close(fd);
	return (void *)r;
}

static void t_listen(void)
{
	struct sockaddr_un a, b;
	socklen_t len = abstract(&a, "io-oracle-srv"), blen;
	int l = socket(AF_UNIX, SOCK_STREAM, 0), o = socket(AF_UNIX, SOCK_STREAM, 0);
	int c, v;
	socklen_t vlen = sizeof(v);
	char buf[8];
	pthread_t t;
	void *ret;

	SHOW("unix: connect to nobody", connect(o, (void *)&a, len));
	SHOW("unix: recv unconnected", recv(o, buf, 1, MSG_DONTWAIT));
	printf("unix: poll unconnected stream %#x\n", revents(o, PF));
	SHOW("unix: bind", bind(l, (void *)&a, len));
	SHOW("unix: connect to a bound non-listener", connect(o, (void *)&a, len));
	SHOW("unix: listen", listen(l, 4));
	getsockopt(l, SOL_SOCKET, SO_ACCEPTCONN, &v, &vlen);
	printf("unix: SO_ACCEPTCONN %d\n", v);
	fcntl(l, F_SETFL, O_NONBLOCK);
	SHOW("unix: accept none waiting", accept(l, NULL, NULL));
	SHOW("unix: accept4 bad flags", accept4(l, NULL, NULL, 0x1234));
	fcntl(l, F_SETFL, 0);
	pthread_create(&t, NULL, client, NULL);
	blen = sizeof(b);
	c = accept(l, (void *)&b, &blen);
	printf("unix: accepted %d, peer address length %u\n", c >= 0, (unsigned)blen);
	SHOW("unix: recv MSG_WAITALL 4", recv(c, buf, 4, MSG_WAITALL));
	SHOW("unix: reply", write(c, "pong", 4));
	pthread_join(t, &ret);
	printf("unix: client got %ld bytes back\n", (long)ret);
	blen = sizeof(b);
	getsockname(c, (void *)&b, &blen);
	printf("unix: accepted socket named like the listener %d\n",
	       blen == len && !memcmp(&a, &b, len));
	SHOW("unix: listen on a connected socket", listen(c, 1));
	close(c);
	close(o);
	close(l);
	l = socket(AF_UNIX, SOCK_STREAM, 0);
	SHOW("unix: the name is free after close", bind(l, (void *)&a, len));
	close(l);
}

/* epoll on sockets: a listener readable when a client connects, edge
 * events on data, EPOLLRDHUP on the peer's shutdown, EPOLLHUP at close. */
static void t_epoll_sockets(void)
{
	struct sockaddr_un a;
	socklen_t len = abstract(&a, "io-oracle-ep");
	int ep = epoll_create1(0), l = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int c = socket(AF_UNIX, SOCK_STREAM, 0), s;
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 1 }, got[4];
	char buf[8];

	bind(l, (void *)&a, len);
	listen(l, 8);
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	SHOW("unix: epoll on an idle listener", epoll_wait(ep, got, 4, 0));
	connect(c, (void *)&a, len);
	SHOW("unix: epoll after a connect", epoll_wait(ep, got, 4, 0));
	printf("unix: listener event %llu:%#x\n", (unsigned long long)got[0].data.u64,
	       got[0].events);
	s = accept(l, NULL, NULL);
	SHOW("unix: epoll after the accept", epoll_wait(ep, got, 4, 0));
	ev = (struct epoll_event){ .events = EPOLLIN | EPOLLRDHUP | EPOLLET, .data.u64 = 2 };
	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	SHOW("unix: epoll on a quiet connection", epoll_wait(ep, got, 4, 0));
	write(c, "abc", 3);
	SHOW("unix: epoll after data", epoll_wait(ep, got, 4, 0));
	printf("unix: connection event %llu:%#x\n", (unsigned long long)got[0].data.u64,
	       got[0].events);
	read(s, buf, 1);
	SHOW("unix: edge: nothing new after a partial read", epoll_wait(ep, got, 4, 0));
	shutdown(c, SHUT_WR);
	SHOW("unix: epoll after the peer's SHUT_WR", epoll_wait(ep, got, 4, 0));
	printf("unix: connection event %#x\n", got[0].events);
	close(c);
	SHOW("unix: epoll after the peer's close", epoll_wait(ep, got, 4, 0));
	printf("unix: connection event %#x\n", got[0].events);
	close(s);
	close(l);
	close(ep);
}

/* SOCK_SEQPACKET: records over a connection; abstract names per type. */
static void t_seqpacket(void)
{
	struct sockaddr_un a;
	socklen_t len = abstract(&a, "io-oracle-seq");
	int l = socket(AF_UNIX, SOCK_SEQPACKET, 0), c = socket(AF_UNIX, SOCK_SEQPACKET, 0);
	int st = socket(AF_UNIX, SOCK_STREAM, 0), d = socket(AF_UNIX, SOCK_DGRAM, 0);
	struct iovec iov = { 0 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	char buf[8];
	int s, sv[2];

	SHOW("unix: seqpacket send unconnected", send(c, "x", 1, 0));
	SHOW("unix: seqpacket bind", bind(l, (void *)&a, len));
	SHOW("unix: a stream socket binds the same abstract name", bind(st, (void *)&a, len));
	SHOW("unix: a dgram socket binds it too", bind(d, (void *)&a, len));
	SHOW("unix: seqpacket listen", listen(l, 2));
	SHOW("unix: stream connect to it", connect(socket(AF_UNIX, SOCK_STREAM, 0), (void *)&a, len));
	SHOW("unix: seqpacket connect", connect(c, (void *)&a, len));
	s = accept(l, NULL, NULL);
	printf("unix: seqpacket accepted %d, poll %#x\n", s >= 0, revents(s, PF));
	send(c, "first", 5, 0);
	send(c, "2nd", 3, 0);
	iov = (struct iovec){ buf, 2 };
	SHOW("unix: seqpacket recvmsg 2 of 5", recvmsg(s, &m, 0));
	printf("unix: MSG_TRUNC %d\n", !!(m.msg_flags & MSG_TRUNC));
	SHOW("unix: seqpacket recv the next", recv(s, buf, 8, 0));
	close(c);
	printf("unix: seqpacket poll after peer close %#x\n", revents(s, PF));
	SHOW("unix: seqpacket recv after peer close", recv(s, buf, 8, 0));
	SHOW("unix: seqpacket send after peer close", send(s, "x", 1, MSG_NOSIGNAL));
	close(s);
	SHOW("unix: seqpacket socketpair", socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv));
	send(sv[0], "ab", 2, 0);
	SHOW("unix: seqpacket pair recv", recv(sv[1], buf, 8, 0));
	close(sv[0]);
	close(sv[1]);
	close(l);
	close(st);
	close(d);
}

#define BIG (1 << 20)

static void *pump(void *arg)
{
	static char buf[4000];
	int fd = *(int *)arg;
	long done = 0, r;

	while (done < BIG) {
		for (int i = 0; i < (int)sizeof(buf); i++)
			buf[i] = (char)((done + i) * 13);
		r = send(fd, buf, BIG - done < (long)sizeof(buf) ? BIG - done
						     : (long)sizeof(buf), 0);
		if (r <= 0)
			break;
		done += r;
	}
	close(fd);
	return (void *)done;
}

void t_unix(void)
{
	static char buf[3333];
	long got = 0, bad = 0, r;
	pthread_t t;
	void *sent;
	int sv[2];

	SHOW("unix: socket of an unknown family", socket(9999, SOCK_STREAM, 0));
	SHOW("unix: socket of an unknown type", socket(AF_UNIX, 99, 0));
	SHOW("unix: socket with a bad protocol", socket(AF_UNIX, SOCK_STREAM, 7));
	SHOW("unix: listen on a pipe", (pipe(sv), listen(sv[0], 1)));
	close(sv[0]);
	close(sv[1]);
	SHOW("unix: listen on a closed fd", listen(99, 1));
	t_stream_pair();
	t_dgram();
	t_listen();
	t_epoll_sockets();
	t_seqpacket();
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pthread_create(&t, NULL, pump, &sv[1]);
	while ((r = recv(sv[0], buf, sizeof(buf), 0)) > 0) {
		for (long i = 0; i < r; i++)
			bad += buf[i] != (char)((got + i) * 13);
		got += r;
	}
	pthread_join(t, &sent);
	printf("unix: threads moved %ld bytes (sender %ld), %ld wrong, last recv %ld\n",
	       got, (long)sent, bad, r);
	close(sv[0]);
}
