/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sending and receiving through a family's sendmsg/recvmsg, with the
 * layer's rules (<uk/socket.h>): the caller blocks here, not in the
 * family; a blocking stream send goes on until every byte is sent, a
 * stream recv with MSG_WAITALL until the buffer is full (or EOF, an
 * error, a timeout: then the count so far); the source address goes
 * through a sockaddr_storage of ours; EPIPE raises SIGPIPE unless
 * MSG_NOSIGNAL.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/epoll.h>
#include <uk/alloc.h>
#include <uk/socket.h>
#include "socket_impl.h"

struct op {
	struct msghdr *m;
	int flags;
};

static long try_send(struct uk_socket *s, void *arg)
{
	struct op *o = arg;

	return s->ops->sendmsg(s, o->m, o->flags);
}

static long try_recv(struct uk_socket *s, void *arg)
{
	struct op *o = arg;

	return s->ops->recvmsg(s, o->m, o->flags);
}

static size_t iov_total(const struct msghdr *m)
{
	size_t n = 0;
	size_t i;

	for (i = 0; i < (size_t)m->msg_iovlen; i++)
		n += m->msg_iov[i].iov_len;
	return n;
}

/* Step over k bytes of v[*i..n). */
static void advance(struct iovec *v, size_t *i, size_t n, size_t k)
{
	while (*i < n && k >= v[*i].iov_len)
		k -= v[(*i)++].iov_len;
	if (*i < n) {
		v[*i].iov_base = (char *)v[*i].iov_base + k;
		v[*i].iov_len -= k;
	}
}

/*
 * The rest of a blocking stream transfer after sum of total bytes went:
 * on a copy of the iovec, until total, EOF, an error or a timeout. The
 * bytes moved in all (an error after some went is not reported, as
 * Linux; the next call sees it).
 */
static long rest(struct uk_socket *s, struct msghdr *msg, int flags, int wr,
		 long sum, size_t total)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t n = msg->msg_iovlen, i = 0;
	struct msghdr m = *msg;
	struct op o = { &m, flags };
	struct iovec *v;
	long r;

	v = uk_malloc(a, n * sizeof(*v));
	if (!v)
		return sum;
	memcpy(v, msg->msg_iov, n * sizeof(*v));
	advance(v, &i, n, sum);
	m.msg_name = NULL;
	m.msg_namelen = 0;
	m.msg_control = NULL;
	m.msg_controllen = 0;
	while ((size_t)sum < total) {
		m.msg_iov = v + i;
		m.msg_iovlen = n - i;
		r = posix_socket_block(s, 0, wr ? s->sndtimeo_ns : s->rcvtimeo_ns,
				       wr ? EPOLLOUT : EPOLLIN | EPOLLRDHUP,
				       wr ? try_send : try_recv, &o, -EAGAIN);
		if (r <= 0)
			break;
		sum += r;
		advance(v, &i, n, r);
	}
	uk_free(a, v);
	return sum;
}

static int nonblocking(struct uk_socket *s, int flags)
{
	return (flags & MSG_DONTWAIT) || (s->file.flags & O_NONBLOCK);
}

ssize_t posix_socket_sendmsg(struct uk_socket *s, const struct msghdr *msg,
			     int flags)
{
	struct msghdr m = *msg;
	struct op o = { &m, (flags & ~MSG_WAITALL) | MSG_DONTWAIT };
	int nb = nonblocking(s, flags);
	size_t total = iov_total(msg);
	long r;

	if (!s->ops->sendmsg)
		return -EOPNOTSUPP;
	if (m.msg_name && m.msg_namelen > sizeof(struct sockaddr_storage))
		return -EINVAL;
	if (!m.msg_name)
		m.msg_namelen = 0;
	r = posix_socket_block(s, nb, s->sndtimeo_ns, EPOLLOUT, try_send, &o,
			       -EAGAIN);
	if (r > 0 && (size_t)r < total && !nb && s->type == SOCK_STREAM)
		r = rest(s, &m, o.flags, 1, r, total);
	if (r == -EPIPE && !(flags & MSG_NOSIGNAL))
		posix_socket_sigpipe();
	return r;
}

ssize_t posix_socket_recvmsg(struct uk_socket *s, struct msghdr *msg,
			     int flags)
{
	struct sockaddr_storage from;
	struct msghdr m = *msg;
	struct op o = { &m, (flags & ~MSG_WAITALL) | MSG_DONTWAIT };
	int nb = nonblocking(s, flags);
	size_t total = iov_total(msg);
	long r;

	if (!s->ops->recvmsg)
		return -EOPNOTSUPP;
	if (msg->msg_name && (int)msg->msg_namelen < 0)
		return -EINVAL;
	m.msg_name = msg->msg_name ? &from : NULL;
	m.msg_namelen = msg->msg_name ? sizeof(from) : 0;
	m.msg_flags = 0;
	r = posix_socket_block(s, nb, s->rcvtimeo_ns, EPOLLIN | EPOLLRDHUP,
			       try_recv, &o, -EAGAIN);
	if (r < 0)
		return r;
	if (msg->msg_name) {
		memcpy(msg->msg_name, &from,
		       UK_MIN(msg->msg_namelen, m.msg_namelen));
		msg->msg_namelen = m.msg_namelen;
	}
	msg->msg_controllen = m.msg_controllen;
	msg->msg_flags = m.msg_flags;
	if (r > 0 && (size_t)r < total && (flags & MSG_WAITALL) && !nb &&
	    s->type == SOCK_STREAM && !(flags & MSG_PEEK))
		r = rest(s, msg, o.flags, 0, r, total);
	return r;
}
