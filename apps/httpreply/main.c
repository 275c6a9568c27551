/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * httpreply: a small HTTP/1.1 server (and, with -e, a TCP echo server)
 * on one epoll loop over non-blocking sockets.
 *
 *   httpreply [-a ADDR] [-p PORT] [-e ECHOPORT] [-r ROOT] [-c MAXCONN]
 *             [-t IDLE_SECONDS]
 *
 * Connection lifetime, the layer this file is: accept -> read into
 * c->in -> http_parse (http_parse.c) -> respond (respond.c) into c->out
 * -> write; keep-alive and pipelined requests loop on the same
 * connection. Each open connection sits on one of two lists, oldest
 * deadline first: "idle" (closed after -t seconds without traffic) and
 * "linger" (write side shut after a last response; its input is
 * discarded until the peer closes or LINGER_MS pass, so the response is
 * not lost to a reset). At -c connections the least recently active one
 * is closed to make room: a client holding connections half-open can
 * delay others by at most the idle time and never lock them out.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* accept4 */
#endif
#include "httpreply.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define LINGER_MS 2000
#define MAX_EVENTS 64

struct settings cfg = {"/www", 1000, 10000};

struct list {
	struct conn *head, *tail;
};

static int ep;
static int nconns;
static struct list idle, linger;
static struct conn *dead; /* closed, freed after this batch */
/* epoll data of the listening sockets (connections carry their conn). */
static int http_lfd = -1, echo_lfd = -1;
static char listen_tag_http, listen_tag_echo;

static int64_t now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void list_del(struct list *l, struct conn *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		l->head = c->next;
	if (c->next)
		c->next->prev = c->prev;
	else
		l->tail = c->prev;
	c->prev = c->next = NULL;
}

static void list_add_tail(struct list *l, struct conn *c)
{
	c->prev = l->tail;
	c->next = NULL;
	if (l->tail)
		l->tail->next = c;
	else
		l->head = c;
	l->tail = c;
}

static struct list *list_of(struct conn *c)
{
	return c->lingering ? &linger : &idle;
}

/* Traffic on c: its idle deadline moves, it goes to the list's end. */
static void touch(struct conn *c)
{
	struct list *l = list_of(c);

	list_del(l, c);
	c->deadline = now_ms() + (c->lingering ? LINGER_MS : cfg.idle_ms);
	list_add_tail(l, c);
}

/*
 * Close c. Its memory is freed by reap() after the current batch of
 * events, which may still name it (c->fd < 0 then says it is gone).
 */
static void conn_close(struct conn *c)
{
	list_del(list_of(c), c);
	if (c->file >= 0)
		close(c->file);
	close(c->fd); /* also takes it out of the epoll set */
	c->fd = -1;
	c->next = dead;
	dead = c;
	nconns--;
}

static void reap(void)
{
	struct conn *c;

	while ((c = dead)) {
		dead = c->next;
		free(c);
	}
}

static int pending_out(const struct conn *c)
{
	return c->out_off < c->out_len || c->file >= 0;
}

/*
 * Register what c waits for: input while it takes any (not after EOF,
 * not while its output is blocked or its buffer full), output while
 * some is queued. Returns -1 (and closes c) when epoll refuses.
 */
static int interest(struct conn *c)
{
	unsigned want = 0;
	struct epoll_event ev;

	if (!c->peer_eof && !pending_out(c) && c->in_len < CONN_IN)
		want |= EPOLLIN;
	if (pending_out(c))
		want |= EPOLLOUT;
	if (want == c->events)
		return 0;
	ev.events = want;
	ev.data.ptr = c;
	if (epoll_ctl(ep, EPOLL_CTL_MOD, c->fd, &ev) < 0) {
		perror("httpreply: epoll_ctl");
		conn_close(c);
		return -1;
	}
	c->events = want;
	return 0;
}

static void consume(struct conn *c, size_t n)
{
	memmove(c->in, c->in + n, c->in_len - n);
	c->in_len -= n;
}

/* Answer the requests in c->in while c->out has room for a response. */
static void serve(struct conn *c)
{
	struct http_req req;
	int r;

	while (!c->close_after && c->file < 0) {
		if (c->discard) {
			size_t n =
				c->discard < c->in_len ? c->discard : c->in_len;

			consume(c, n);
			c->discard -= n;
			if (c->discard)
				return;
		}
		if (c->out_len - c->out_off > CONN_OUT - RESP_HEAD_MAX)
			return;
		if (c->out_off == c->out_len)
			c->out_off = c->out_len = 0;
		if (c->out_len > CONN_OUT - RESP_HEAD_MAX) {
			memmove(c->out, c->out + c->out_off,
				c->out_len - c->out_off);
			c->out_len -= c->out_off;
			c->out_off = 0;
		}
		if (c->in_len == 0)
			return;
		r = http_parse(c->in, c->in_len, &req);
		if (r == 0)
			return;
		if (r < 0) {
			respond_error(c, -r, req.why, NULL);
			c->in_len = 0;
			return;
		}
		respond(c, &req);
		consume(c, r);
		c->discard = req.body_len;
	}
}

/*
 * Send what is queued (and the file behind it). 0 when all is sent or
 * the socket is full, -1 when c was closed.
 */
static int flush(struct conn *c)
{
	ssize_t n;

	for (;;) {
		if (c->out_off == c->out_len && c->file >= 0) {
			c->out_off = c->out_len = 0;
			if (fill_from_file(c) < 0) {
				conn_close(c);
				return -1;
			}
		}
		if (c->out_off == c->out_len)
			return 0;
		n = send(c->fd, c->out + c->out_off, c->out_len - c->out_off,
			 MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n <= 0) {
			conn_close(c);
			return -1;
		}
		c->out_off += n;
	}
}

/* Everything queued is sent and c asked to close: shut, then linger. */
static void finish(struct conn *c)
{
	list_del(&idle, c);
	c->lingering = 1;
	c->peer_eof = 0;
	shutdown(c->fd, SHUT_WR);
	c->deadline = now_ms() + LINGER_MS;
	list_add_tail(&linger, c);
}

/* Read what c's socket has into c->in; -1 when c was closed. */
static int fill(struct conn *c)
{
	ssize_t n;

	while (c->in_len < CONN_IN) {
		n = recv(c->fd, c->in + c->in_len, CONN_IN - c->in_len, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return 0;
		if (n < 0) {
			conn_close(c);
			return -1;
		}
		if (n == 0) {
			c->peer_eof = 1;
			return 0;
		}
		c->in_len += n;
		if (c->lingering)
			c->in_len = 0;
	}
	return 0;
}

/* An echo connection: what came in goes out, in order. */
static void echo_step(struct conn *c)
{
	size_t n;

	if (c->out_off == c->out_len)
		c->out_off = c->out_len = 0;
	n = c->in_len < CONN_OUT - c->out_len ? c->in_len :
						CONN_OUT - c->out_len;
	memcpy(c->out + c->out_len, c->in, n);
	c->out_len += n;
	consume(c, n);
	if (c->peer_eof && c->in_len == 0)
		c->close_after = 1;
}

/* One readiness event on a connection. */
static void conn_event(struct conn *c, unsigned events)
{
	if (c->fd < 0)
		return;
	if (events & (EPOLLIN | EPOLLHUP | EPOLLERR)) {
		if (fill(c) < 0)
			return;
		if (c->lingering) {
			if (c->peer_eof || (events & EPOLLERR))
				conn_close(c);
			return;
		}
	}
	touch(c);
	for (;;) {
		size_t before_in = c->in_len, before_out = c->out_len;

		if (c->echo)
			echo_step(c);
		else
			serve(c);
		if (flush(c) < 0)
			return;
		if (pending_out(c))
			break;
		if (c->in_len == before_in && c->out_len == before_out)
			break;
	}
	if (!pending_out(c)) {
		if (c->close_after) {
			finish(c);
		} else if (c->peer_eof) {
			conn_close(c);
			return;
		}
	}
	interest(c);
}

/* Close the connection idle longest, to make room for a new one. */
static void evict_oldest(void)
{
	struct conn *c = linger.head ? linger.head : idle.head;

	if (c)
		conn_close(c);
}

static void accept_some(int lfd, int echo)
{
	struct epoll_event ev;
	struct conn *c;
	int fd, one = 1;

	/*
	 * Until EAGAIN: with a limit per wakeup, the connections left
	 * waiting depend on the listening socket being reported again
	 * (level-triggered); a trial build of the kit's epoll left them
	 * waiting for the next SYN (100 connections at once hung).
	 */
	for (;;) {
		if (nconns >= cfg.max_conns)
			evict_oldest();
		fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE ||
			    errno == ENOBUFS || errno == ENOMEM) {
				/* Out of descriptors: the oldest makes room. */
				if (nconns == 0)
					return;
				evict_oldest();
				continue;
			}
			return; /* EAGAIN, or the peer gave up already */
		}
		c = malloc(sizeof(*c));
		if (!c) {
			close(fd);
			evict_oldest();
			continue;
		}
		memset(c, 0, offsetof(struct conn, in));
		c->fd = fd;
		c->echo = echo;
		c->file = -1;
		c->events = EPOLLIN;
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		ev.events = EPOLLIN;
		ev.data.ptr = c;
		if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
			perror("httpreply: epoll_ctl add");
			close(fd);
			free(c);
			continue;
		}
		nconns++;
		c->deadline = now_ms() + cfg.idle_ms;
		list_add_tail(&idle, c);
	}
}

/* Close what passed its deadline; the ms until the next one, or -1. */
static int expire(void)
{
	int64_t now = now_ms(), next = -1, d;
	struct list *ls[] = {&idle, &linger};
	unsigned i;

	for (i = 0; i < 2; i++) {
		while (ls[i]->head && ls[i]->head->deadline <= now)
			conn_close(ls[i]->head);
		if (ls[i]->head) {
			d = ls[i]->head->deadline - now;
			if (next < 0 || d < next)
				next = d;
		}
	}
	return next;
}

static int listen_on(const char *addr, int port, void *tag)
{
	struct sockaddr_in sa = {0};
	struct epoll_event ev = {0};
	int fd, one = 1;

	sa.sin_family = AF_INET;
	sa.sin_port = htons(port);
	if (inet_pton(AF_INET, addr, &sa.sin_addr) != 1) {
		fprintf(stderr, "httpreply: -a: '%s' is not an IPv4 address\n",
			addr);
		exit(2);
	}
	fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (fd < 0 ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
	    bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
	    listen(fd, 1024) < 0) {
		fprintf(stderr, "httpreply: cannot listen on %s:%d: %s\n", addr,
			port, strerror(errno));
		exit(1);
	}
	ev.events = EPOLLIN;
	ev.data.ptr = tag;
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0) {
		perror("httpreply: epoll_ctl");
		exit(1);
	}
	return fd;
}

/* A number option in [min, max], or a one-line error naming it. */
static long number(int opt, const char *s, long min, long max)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		fprintf(stderr,
			"httpreply: -%c: '%s' is not a number in %ld..%ld\n",
			opt, s, min, max);
		exit(2);
	}
	return v;
}

/* The command line into cfg, *addr, *port, *echo_port; exits on a bad one. */
static void options(int argc, char **argv, const char **addr, int *port,
		    int *echo_port)
{
	int opt;

	while ((opt = getopt(argc, argv, "a:p:e:r:c:t:")) != -1) {
		switch (opt) {
		case 'a':
			*addr = optarg;
			break;
		case 'p':
			*port = number(opt, optarg, 1, 65535);
			break;
		case 'e':
			*echo_port = number(opt, optarg, 0, 65535);
			break;
		case 'r':
			cfg.root = optarg;
			break;
		case 'c':
			cfg.max_conns = number(opt, optarg, 1, 1 << 20);
			break;
		case 't':
			cfg.idle_ms = number(opt, optarg, 1, 86400) * 1000;
			break;
		default:
			fprintf(stderr, "usage: httpreply [-a ADDR] [-p PORT] "
					"[-e ECHOPORT] [-r ROOT] [-c MAXCONN] "
					"[-t IDLE_SECONDS]\n");
			exit(2);
		}
	}
	if (optind < argc) {
		fprintf(stderr, "httpreply: unexpected argument '%s'\n",
			argv[optind]);
		exit(2);
	}
}

int main(int argc, char **argv)
{
	struct epoll_event evs[MAX_EVENTS];
	const char *addr = "0.0.0.0";
	int port = 80, echo_port = 0, i, n, timeout;

	options(argc, argv, &addr, &port, &echo_port);
	signal(SIGPIPE, SIG_IGN);
	ep = epoll_create1(EPOLL_CLOEXEC);
	if (ep < 0) {
		perror("httpreply: epoll_create1");
		return 1;
	}
	http_lfd = listen_on(addr, port, &listen_tag_http);
	if (echo_port)
		echo_lfd = listen_on(addr, echo_port, &listen_tag_echo);
	printf("httpreply: serving http on %s:%d", addr, port);
	if (echo_port)
		printf(", echo on port %d", echo_port);
	printf(", files from %s, up to %d connections, idle timeout %d s\n",
	       cfg.root, cfg.max_conns, cfg.idle_ms / 1000);
	fflush(stdout);
	for (;;) {
		timeout = expire();
		reap();
		n = epoll_wait(ep, evs, MAX_EVENTS, timeout);
		if (n < 0 && errno != EINTR) {
			perror("httpreply: epoll_wait");
			return 1;
		}
		for (i = 0; i < n; i++) {
			void *p = evs[i].data.ptr;

			if (p == &listen_tag_http)
				accept_some(http_lfd, 0);
			else if (p == &listen_tag_echo)
				accept_some(echo_lfd, 1);
			else
				conn_event(p, evs[i].events);
		}
		reap();
	}
}
