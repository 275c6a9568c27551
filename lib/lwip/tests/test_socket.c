/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AF_INET and AF_INET6 sockets (socket.c) through musl's socket API and
 * posix-socket, over loopback, in one thread: non-blocking connect and
 * accept driven by poll() and epoll (so readiness must come from
 * uk_file_event), data both ways, names, options, shutdown, a refused
 * connect (blocking and not), UDP with addresses, MSG_TRUNC and
 * SO_RCVTIMEO, dual-stack IPv6, a server's half-closed connection that
 * TIME-WAIT takes away before the server closes it. With lwip.test_serve=<port> one more
 * case serves a TCP echo to the host (test/cases/lwip.sh connects to it
 * through user-net's hostfwd).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <uk/param.h>
#include <uk/print.h>
#include <uk/test.h>

#include "lwip/opt.h"
#include "lwip/stats.h"
#include "test_dns.h"

static long test_serve;
UK_PARAM(test_serve, UK_PARAM_INT, &test_serve,
	 "tests: serve one TCP echo connection on this port (0: no)");

static struct sockaddr_in lo4(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_port = htons((uint16_t)port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

/* Wait up to 5 s for events on fd: what poll() reported. */
static int wait_for(int fd, short events)
{
	struct pollfd p = { .fd = fd, .events = events };

	return poll(&p, 1, 5000) == 1 ? p.revents : 0;
}

static int nonblock(int fd)
{
	return fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
}

UK_TESTCASE(lwip, socket_tcp_nonblocking_with_poll)
{
	struct sockaddr_in a = lo4(7101), got;
	socklen_t len = sizeof(got);
	int ls, c, s, on = 1, err = -1;
	char buf[64];

	ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_EXPECT_INT_EQ(setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)), 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, 8), 0);
	/* Nothing to accept yet: EAGAIN, and poll says not readable. */
	UK_TEST_EXPECT_INT_EQ(accept(ls, NULL, NULL), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EAGAIN);

	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(c, 0);
	nonblock(c);
	UK_TEST_EXPECT_INT_EQ(connect(c, (struct sockaddr *)&a, sizeof(a)), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EINPROGRESS);
	UK_TEST_EXPECT(wait_for(ls, POLLIN) & POLLIN);
	s = accept4(ls, (struct sockaddr *)&got, &len, SOCK_NONBLOCK);
	UK_TEST_ASSERT_INT_GE(s, 0);
	UK_TEST_EXPECT_UINT_EQ(got.sin_addr.s_addr, htonl(INADDR_LOOPBACK));
	UK_TEST_EXPECT(wait_for(c, POLLOUT) & POLLOUT);
	len = sizeof(err);
	UK_TEST_EXPECT_INT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	UK_TEST_EXPECT_INT_EQ(err, 0);

	/* Names: the client's peer is the listener's address; the
	 * server's peer is the client's local address. */
	len = sizeof(got);
	UK_TEST_EXPECT_INT_EQ(getpeername(c, (struct sockaddr *)&got, &len), 0);
	UK_TEST_EXPECT_UINT_EQ(ntohs(got.sin_port), 7101);
	len = sizeof(got);
	UK_TEST_EXPECT_INT_EQ(getsockname(c, (struct sockaddr *)&got, &len), 0);
	{
		struct sockaddr_in peer;
		socklen_t plen = sizeof(peer);

		UK_TEST_EXPECT_INT_EQ(getpeername(s, (struct sockaddr *)&peer, &plen), 0);
		UK_TEST_EXPECT_UINT_EQ(peer.sin_port, got.sin_port);
	}

	/* Data both ways; an empty socket says EAGAIN, poll says POLLIN
	 * once data is there. */
	UK_TEST_EXPECT_INT_EQ(recv(s, buf, sizeof(buf), 0), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EAGAIN);
	UK_TEST_EXPECT_INT_EQ(send(c, "hello lwip", 10, 0), 10);
	UK_TEST_EXPECT(wait_for(s, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(recv(s, buf, 5, MSG_PEEK), 5);
	UK_TEST_EXPECT_INT_EQ(recv(s, buf, sizeof(buf), 0), 10);
	UK_TEST_EXPECT_MEM_EQ(buf, "hello lwip", 10);
	UK_TEST_EXPECT_INT_EQ(write(s, "back", 4), 4);
	UK_TEST_EXPECT(wait_for(c, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(read(c, buf, sizeof(buf)), 4);

	/* shutdown(SHUT_WR): the other side reads EOF, poll shows it. */
	UK_TEST_EXPECT_INT_EQ(shutdown(c, SHUT_WR), 0);
	UK_TEST_EXPECT(wait_for(s, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(recv(s, buf, sizeof(buf), 0), 0);
	UK_TEST_EXPECT_INT_EQ(send(c, "x", 1, MSG_NOSIGNAL), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EPIPE);
	close(s);
	close(c);
	close(ls);
}

/* The peer has closed its side (FIN read) and we close ours with data
 * still queued: it must all arrive, then EOF (not a reset). */
UK_TESTCASE(lwip, socket_close_after_eof_delivers_queued_data)
{
	struct sockaddr_in a = lo4(7108);
	static char big[128 * 1024], in[8192];
	size_t sent = 0, got = 0;
	ssize_t n;
	int ls, c, s, spins;

	memset(big, 'q', sizeof(big));
	ls = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, 4), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_EQ(connect(c, (struct sockaddr *)&a, sizeof(a)), 0);
	s = accept(ls, NULL, NULL);
	UK_TEST_ASSERT_INT_GE(s, 0);
	UK_TEST_EXPECT_INT_EQ(send(c, "request", 7, 0), 7);
	UK_TEST_EXPECT_INT_EQ(shutdown(c, SHUT_WR), 0);
	UK_TEST_EXPECT_INT_EQ(recv(s, in, sizeof(in), MSG_WAITALL), 7);
	UK_TEST_EXPECT_INT_EQ(recv(s, in, sizeof(in), 0), 0);
	nonblock(s);
	nonblock(c);
	/* Queue the reply, reading just enough to make room; close with
	 * the last of it still queued. */
	for (spins = 0; sent < sizeof(big) && spins < 100000; spins++) {
		n = send(s, big + sent, sizeof(big) - sent, 0);
		if (n > 0)
			sent += (size_t)n;
		else if (sent < sizeof(big) && (n = recv(c, in, sizeof(in), 0)) > 0)
			got += (size_t)n;
		else
			wait_for(c, POLLIN);
	}
	UK_TEST_EXPECT_UINT_EQ(sent, sizeof(big));
	close(s);
	while (wait_for(c, POLLIN) && (n = recv(c, in, sizeof(in), 0)) > 0)
		got += (size_t)n;
	UK_TEST_EXPECT_INT_EQ(n, 0);	/* EOF, not ECONNRESET */
	UK_TEST_EXPECT_UINT_EQ(got, sizeof(big));
	close(c);
	close(ls);
}

/* TCP pcbs in use (lwIP's pool statistics). */
static unsigned int tcp_pcbs_used(void)
{
	return lwip_stats.memp[MEMP_TCP_PCB]->used;
}

/*
 * A server shuts down its sending side and closes the socket only later
 * (httpreply lingers so for the client's FIN): the client's FIN takes
 * the connection to TIME-WAIT while the socket still holds it. A
 * TIME-WAIT that ends (reopen == 0: the time passes) or is reopened by
 * a new SYN from the same client port (reopen == 1) before the close
 * frees the pcb; the close must then free nothing (lwIP patch 0004: the
 * socket is told). Before, it ran tcp_close on the freed pcb: the pool
 * lost count (and in the reopen case held the pcb twice), and whichever
 * connection got that memory next lost its callbacks.
 */
static void half_closed_outlives_time_wait(int port, int reopen)
{
	struct sockaddr_in a = lo4(port), from = lo4(port + 1);
	int ls, c, s, c2, s2, v = 1;
	unsigned int used;
	char b[8];

	ls = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, 4), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_EQ(setsockopt(c, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)), 0);
	UK_TEST_ASSERT_INT_EQ(bind(c, (struct sockaddr *)&from, sizeof(from)), 0);
	UK_TEST_ASSERT_INT_EQ(connect(c, (struct sockaddr *)&a, sizeof(a)), 0);
	s = accept(ls, NULL, NULL);
	UK_TEST_ASSERT_INT_GE(s, 0);
	UK_TEST_EXPECT_INT_EQ(shutdown(s, SHUT_WR), 0);
	UK_TEST_EXPECT_INT_EQ(recv(c, b, sizeof(b), 0), 0);
	close(c);
	/* The client's FIN: the server's side is in TIME-WAIT now. */
	UK_TEST_EXPECT(wait_for(s, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(recv(s, b, sizeof(b), 0), 0);

	if (reopen) {
		c2 = socket(AF_INET, SOCK_STREAM, 0);
		UK_TEST_ASSERT_INT_GE(c2, 0);
		UK_TEST_ASSERT_INT_EQ(setsockopt(c2, SOL_SOCKET, SO_REUSEADDR, &v, sizeof(v)), 0);
		UK_TEST_ASSERT_INT_EQ(bind(c2, (struct sockaddr *)&from, sizeof(from)), 0);
		UK_TEST_ASSERT_INT_EQ(connect(c2, (struct sockaddr *)&a, sizeof(a)), 0);
		s2 = accept(ls, NULL, NULL);
		UK_TEST_ASSERT_INT_GE(s2, 0);
	} else {
		/* TIME-WAIT is CONFIG_LIBLWIP_TIME_WAIT_MS, checked every
		 * 500 ms (the slow timer); c2 takes the freed pcb. */
		usleep((CONFIG_LIBLWIP_TIME_WAIT_MS + 1500) * 1000);
		c2 = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		UK_TEST_ASSERT_INT_GE(c2, 0);
		s2 = -1;
	}
	used = tcp_pcbs_used();
	close(s);
	UK_TEST_EXPECT_UINT_EQ(tcp_pcbs_used(), used);
	/* The connection that came after works. */
	if (s2 < 0) {
		/* Not blocking: with its pcb closed under it (the bug), a
		 * blocking connect would wait for ever. */
		UK_TEST_ASSERT(connect(c2, (struct sockaddr *)&a, sizeof(a)) == 0 ||
			       errno == EINPROGRESS);
		UK_TEST_ASSERT(wait_for(c2, POLLOUT) == POLLOUT);
		UK_TEST_ASSERT(wait_for(ls, POLLIN) & POLLIN);
		s2 = accept(ls, NULL, NULL);
		UK_TEST_ASSERT_INT_GE(s2, 0);
	}
	UK_TEST_EXPECT_INT_EQ(send(c2, "ping", 4, 0), 4);
	UK_TEST_EXPECT(wait_for(s2, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(recv(s2, b, sizeof(b), MSG_DONTWAIT), 4);
	UK_TEST_EXPECT_INT_EQ(send(s2, "pong", 4, 0), 4);
	UK_TEST_EXPECT(wait_for(c2, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(recv(c2, b, sizeof(b), MSG_DONTWAIT), 4);
	close(c2);
	close(s2);
	close(ls);
}

UK_TESTCASE(lwip, socket_half_closed_outlives_time_wait)
{
	half_closed_outlives_time_wait(7112, 0);
}

UK_TESTCASE(lwip, socket_half_closed_reopened_by_new_syn)
{
	half_closed_outlives_time_wait(7114, 1);
}

UK_TESTCASE(lwip, socket_epoll_sees_connection_and_data)
{
	struct sockaddr_in a = lo4(7102);
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	int ls, c, s, ep;
	char buf[8];

	ls = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, 8), 0);
	ep = epoll_create1(0);
	UK_TEST_ASSERT_INT_GE(ep, 0);
	ev.data.fd = ls;
	UK_TEST_EXPECT_INT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev), 0);
	UK_TEST_EXPECT_INT_EQ(epoll_wait(ep, out, 4, 0), 0);
	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_EQ(connect(c, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_EXPECT_INT_EQ(epoll_wait(ep, out, 4, 5000), 1);
	UK_TEST_EXPECT_INT_EQ(out[0].data.fd, ls);
	s = accept(ls, NULL, NULL);
	UK_TEST_ASSERT_INT_GE(s, 0);
	ev.events = EPOLLIN | EPOLLET;
	ev.data.fd = s;
	UK_TEST_EXPECT_INT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev), 0);
	UK_TEST_EXPECT_INT_EQ(send(c, "ping", 4, 0), 4);
	UK_TEST_EXPECT_INT_EQ(epoll_wait(ep, out, 4, 5000), 1);
	UK_TEST_EXPECT_INT_EQ(out[0].data.fd, s);
	UK_TEST_EXPECT_INT_EQ(recv(s, buf, sizeof(buf), 0), 4);
	close(ep);
	close(s);
	close(c);
	close(ls);
}

/*
 * A level-triggered listener with more connections waiting than one
 * wakeup accepts is reported again by every epoll_wait until its
 * backlog is empty, then not at all (a server that accepts a bounded
 * number per wakeup relies on it).
 */
UK_TESTCASE(lwip, socket_epoll_listener_level_until_drained)
{
	enum { N = 100, PER_WAKEUP = 16 };
	struct sockaddr_in a = lo4(7109);
	struct epoll_event ev = { .events = EPOLLIN }, out[4];
	int ls, ep, c[N], i, k, s, n, got = 0, wakeups = 0;

	ls = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, N), 0);
	ep = epoll_create1(0);
	UK_TEST_ASSERT_INT_GE(ep, 0);
	ev.data.fd = ls;
	UK_TEST_ASSERT_INT_EQ(epoll_ctl(ep, EPOLL_CTL_ADD, ls, &ev), 0);
	for (i = 0; i < N; i++) {
		c[i] = socket(AF_INET, SOCK_STREAM, 0);
		UK_TEST_ASSERT_INT_GE(c[i], 0);
		UK_TEST_ASSERT_INT_EQ(connect(c[i], (struct sockaddr *)&a, sizeof(a)), 0);
	}
	/* All N wait; no new event comes while they are taken. */
	while (got < N && wakeups < N) {
		n = epoll_wait(ep, out, 4, 5000);
		if (n != 1 || out[0].data.fd != ls)
			break;
		wakeups++;
		for (k = 0; k < PER_WAKEUP; k++) {
			s = accept(ls, NULL, NULL);
			if (s < 0)
				break;
			close(s);
			got++;
		}
	}
	UK_TEST_EXPECT_INT_EQ(got, N);
	UK_TEST_EXPECT_INT_EQ(wakeups, (N + PER_WAKEUP - 1) / PER_WAKEUP);
	/* Drained: no longer reported, and accept says so. */
	UK_TEST_EXPECT_INT_EQ(epoll_wait(ep, out, 4, 0), 0);
	UK_TEST_EXPECT_INT_EQ(accept(ls, NULL, NULL), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EAGAIN);
	for (i = 0; i < N; i++)
		close(c[i]);
	close(ep);
	close(ls);
}

UK_TESTCASE(lwip, socket_connect_refused)
{
	struct sockaddr_in a = lo4(7103);
	int c, err = 0;
	socklen_t len = sizeof(err);

	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(c, 0);
	UK_TEST_EXPECT_INT_EQ(connect(c, (struct sockaddr *)&a, sizeof(a)), -1);
	UK_TEST_EXPECT_INT_EQ(errno, ECONNREFUSED);
	close(c);
	c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	UK_TEST_EXPECT_INT_EQ(connect(c, (struct sockaddr *)&a, sizeof(a)), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EINPROGRESS);
	UK_TEST_EXPECT(wait_for(c, POLLOUT) & (POLLERR | POLLHUP));
	UK_TEST_EXPECT_INT_EQ(getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len), 0);
	UK_TEST_EXPECT_INT_EQ(err, ECONNREFUSED);
	close(c);
}

UK_TESTCASE(lwip, socket_options_and_bind_conflict)
{
	struct sockaddr_in a = lo4(7104), b;
	int s1, s2, v = 1, u = 0;
	socklen_t len = sizeof(u);

	s1 = socket(AF_INET, SOCK_STREAM, 0);
	s2 = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT(s1 >= 0 && s2 >= 0);
	UK_TEST_EXPECT_INT_EQ(setsockopt(s1, IPPROTO_TCP, TCP_NODELAY, &v, sizeof(v)), 0);
	UK_TEST_EXPECT_INT_EQ(getsockopt(s1, IPPROTO_TCP, TCP_NODELAY, &u, &len), 0);
	UK_TEST_EXPECT_INT_EQ(u, 1);
	UK_TEST_EXPECT_INT_EQ(setsockopt(s1, SOL_SOCKET, SO_REUSEPORT, &v, sizeof(v)), 0);
	len = sizeof(u);
	UK_TEST_EXPECT_INT_EQ(getsockopt(s1, SOL_SOCKET, SO_REUSEPORT, &u, &len), 0);
	UK_TEST_EXPECT_INT_EQ(u, 1);
	UK_TEST_EXPECT_INT_EQ(setsockopt(s1, SOL_SOCKET, 9999, &v, sizeof(v)), -1);
	UK_TEST_EXPECT_INT_EQ(errno, ENOPROTOOPT);
	UK_TEST_EXPECT_INT_EQ(bind(s1, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_EXPECT_INT_EQ(bind(s2, (struct sockaddr *)&a, sizeof(a)), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EADDRINUSE);
	len = sizeof(b);
	UK_TEST_EXPECT_INT_EQ(getpeername(s1, (struct sockaddr *)&b, &len), -1);
	UK_TEST_EXPECT_INT_EQ(errno, ENOTCONN);
	close(s1);
	close(s2);
}

UK_TESTCASE(lwip, socket_udp_addresses_trunc_timeout)
{
	struct sockaddr_in a = lo4(7105), b = lo4(7106), from;
	struct timeval tv = { .tv_sec = 0, .tv_usec = 100000 };
	socklen_t len = sizeof(from);
	int u1, u2;
	char buf[8];

	u1 = socket(AF_INET, SOCK_DGRAM, 0);
	u2 = socket(AF_INET, SOCK_DGRAM, 0);
	UK_TEST_ASSERT(u1 >= 0 && u2 >= 0);
	UK_TEST_ASSERT_INT_EQ(bind(u1, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(bind(u2, (struct sockaddr *)&b, sizeof(b)), 0);
	UK_TEST_EXPECT_INT_EQ(send(u2, "x", 1, 0), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EDESTADDRREQ);
	UK_TEST_EXPECT_INT_EQ(sendto(u2, "0123456789", 10, 0,
				     (struct sockaddr *)&a, sizeof(a)), 10);
	UK_TEST_EXPECT(wait_for(u1, POLLIN) & POLLIN);
	UK_TEST_EXPECT_INT_EQ(recvfrom(u1, buf, sizeof(buf), MSG_TRUNC,
				       (struct sockaddr *)&from, &len), 10);
	UK_TEST_EXPECT_MEM_EQ(buf, "01234567", 8);
	UK_TEST_EXPECT_UINT_EQ(ntohs(from.sin_port), 7106);
	/* Nothing more: the receive timeout ends a blocking recv. */
	UK_TEST_EXPECT_INT_EQ(setsockopt(u1, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)), 0);
	UK_TEST_EXPECT_INT_EQ(recv(u1, buf, sizeof(buf), 0), -1);
	UK_TEST_EXPECT_INT_EQ(errno, EAGAIN);
	/* Connected: send without an address goes to the peer. */
	UK_TEST_EXPECT_INT_EQ(connect(u2, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_EXPECT_INT_EQ(send(u2, "y", 1, 0), 1);
	UK_TEST_EXPECT_INT_EQ(recv(u1, buf, sizeof(buf), 0), 1);
	close(u1);
	close(u2);
}

UK_TESTCASE(lwip, socket_ipv6_dual_stack)
{
	struct sockaddr_in6 a6 = { .sin6_family = AF_INET6,
				   .sin6_port = htons(7107) }, peer;
	struct sockaddr_in a4 = lo4(7107);
	socklen_t len = sizeof(peer);
	int ls, c, s;

	ls = socket(AF_INET6, SOCK_STREAM, 0);
	if (ls < 0 && errno == EAFNOSUPPORT)
		UK_TEST_SKIP("IPv6 is off (CONFIG_LIBLWIP_IPV6)");
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a6, sizeof(a6)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, 4), 0);
	/* IPv4 to the :: listener: the peer is ::ffff:127.0.0.1. */
	c = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_EQ(connect(c, (struct sockaddr *)&a4, sizeof(a4)), 0);
	s = accept(ls, (struct sockaddr *)&peer, &len);
	UK_TEST_ASSERT_INT_GE(s, 0);
	UK_TEST_EXPECT_INT_EQ(peer.sin6_family, AF_INET6);
	UK_TEST_EXPECT(IN6_IS_ADDR_V4MAPPED(&peer.sin6_addr));
	close(s);
	close(c);
	/* IPv6 to ::1. */
	a6.sin6_addr = in6addr_loopback;
	c = socket(AF_INET6, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_EQ(connect(c, (struct sockaddr *)&a6, sizeof(a6)), 0);
	len = sizeof(peer);
	s = accept(ls, (struct sockaddr *)&peer, &len);
	UK_TEST_ASSERT_INT_GE(s, 0);
	UK_TEST_EXPECT(IN6_IS_ADDR_LOOPBACK(&peer.sin6_addr));
	UK_TEST_EXPECT_INT_EQ(send(c, "v6", 2, 0), 2);
	UK_TEST_EXPECT_INT_EQ(recv(s, &peer, 2, MSG_WAITALL), 2);
	close(s);
	close(c);
	close(ls);
}

/* lwip.test_serve=<port>: echo one connection from the host until it
 * closes, then report how many bytes went through. */
UK_TESTCASE(lwip, socket_serve_host_echo)
{
	struct sockaddr_in a = { .sin_family = AF_INET };
	struct timeval tv = { .tv_sec = 60 };
	static char buf[16384];
	long total = 0;
	ssize_t n;
	int ls, s;

	if (!test_serve)
		UK_TEST_SKIP("no lwip.test_serve=<port>");
	a.sin_port = htons((uint16_t)test_serve);
	ls = socket(AF_INET, SOCK_STREAM, 0);
	UK_TEST_ASSERT_INT_GE(ls, 0);
	UK_TEST_ASSERT_INT_EQ(bind(ls, (struct sockaddr *)&a, sizeof(a)), 0);
	UK_TEST_ASSERT_INT_EQ(listen(ls, 4), 0);
	setsockopt(ls, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	uk_pr_info("serving on port %ld\n", test_serve);
	s = accept(ls, NULL, NULL);
	UK_TEST_ASSERT_INT_GE(s, 0);
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while ((n = recv(s, buf, sizeof(buf), 0)) > 0) {
		UK_TEST_ASSERT_INT_EQ(send(s, buf, (size_t)n, 0), n);
		total += n;
	}
	UK_TEST_EXPECT_INT_EQ(n, 0);
	uk_pr_info("served %ld bytes\n", total);
	/* Closed with the end of the echo and the FIN perhaps still in
	 * flight, and the image powers off after the tests: drain.c's exit
	 * drain is what gets them to the host. */
	close(s);
	close(ls);
}

/* musl's getaddrinfo through /etc/resolv.conf (written by lib/lwip from
 * netdev.dns=127.0.0.1) to a DNS server on loopback (test_dns.c). */
UK_TESTCASE(lwip, socket_getaddrinfo_through_resolv_conf)
{
	struct addrinfo hints = { .ai_family = AF_INET,
				  .ai_socktype = SOCK_STREAM }, *res = NULL;
	char conf[128] = "";
	int fd, n;

	fd = open("/etc/resolv.conf", O_RDONLY);
	if (fd >= 0) {
		n = (int)read(fd, conf, sizeof(conf) - 1);
		conf[n > 0 ? n : 0] = '\0';
		close(fd);
	}
	if (!strstr(conf, "nameserver 127.0.0.1\n"))
		UK_TEST_SKIP("/etc/resolv.conf does not name 127.0.0.1 (netdev.dns=127.0.0.1 with vfscore)");
	UK_TEST_ASSERT_INT_EQ(uk_lwip_test_dns_start(), 0);
	UK_TEST_ASSERT_INT_EQ(getaddrinfo("www.unikit.test", "80", &hints, &res), 0);
	UK_TEST_ASSERT_NOT_NULL(res);
	UK_TEST_EXPECT_INT_EQ(res->ai_family, AF_INET);
	UK_TEST_EXPECT_UINT_EQ(((struct sockaddr_in *)res->ai_addr)->sin_addr.s_addr,
			       htonl(0x0a010203));
	UK_TEST_EXPECT_UINT_EQ(ntohs(((struct sockaddr_in *)res->ai_addr)->sin_port), 80);
	UK_TEST_EXPECT_INT_GE(uk_lwip_test_dns_answered(), 1);
	freeaddrinfo(res);
}
