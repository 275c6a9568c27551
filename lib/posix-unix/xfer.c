/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AF_UNIX data: a stream end writes into its peer's ring buffer and
 * reads its own; a datagram is copied into one allocation and queued on
 * its receiver. None of it blocks (posix-socket does): no room is
 * -EAGAIN, and each change of room or data is a uk_socket_event on the
 * socket whose readiness it changes. Locking: unix_impl.h.
 */
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <uk/alloc.h>
#include <uk/plat/irq.h>
#include "unix_impl.h"

static size_t iov_total(const struct msghdr *m)
{
	size_t n = 0;
	int i;

	for (i = 0; i < m->msg_iovlen; i++)
		n += m->msg_iov[i].iov_len;
	return n;
}

/* Copy n bytes from the iovec (from byte 0) into the ring of u. */
static void ring_put(struct unix_sock *u, const struct msghdr *m, size_t n)
{
	size_t done = 0, at, k;
	int i;

	for (i = 0; i < m->msg_iovlen && done < n; i++) {
		const char *src = m->msg_iov[i].iov_base;
		size_t left = UK_MIN(m->msg_iov[i].iov_len, n - done);

		while (left) {
			at = (u->head + u->len) % u->cap;
			k = UK_MIN(left, u->cap - at);
			memcpy(u->buf + at, src, k);
			u->len += k;
			src += k;
			left -= k;
			done += k;
		}
	}
}

/* Copy up to n bytes of u's ring into the iovec; consume unless peek. */
static size_t ring_get(struct unix_sock *u, struct msghdr *m, size_t n,
		       int peek)
{
	size_t done = 0, at = u->head, k;
	int i;

	n = UK_MIN(n, u->len);
	for (i = 0; i < m->msg_iovlen && done < n; i++) {
		char *dst = m->msg_iov[i].iov_base;
		size_t left = UK_MIN(m->msg_iov[i].iov_len, n - done);

		while (left) {
			k = UK_MIN(left, u->cap - at);
			memcpy(dst, u->buf + at, k);
			at = (at + k) % u->cap;
			dst += k;
			left -= k;
			done += k;
		}
	}
	if (!peek) {
		u->head = at;
		u->len -= done;
		if (!u->len)
			u->head = 0;
	}
	return done;
}

ssize_t posix_unix_stream_send(struct uk_socket *s, const struct msghdr *m,
			       int flags __uk_unused)
{
	struct unix_sock *u = unix_of(s), *p;
	size_t total = iov_total(m), n;
	unsigned long fl;
	ssize_t r;

	fl = ukplat_irq_save();
	p = u->peer;
	if (u->state != US_CONNECTED && !(u->shut & SHUT_W))
		r = m->msg_namelen ? -EOPNOTSUPP : -ENOTCONN;
	else if ((u->shut & SHUT_W) || !p || (p->shut & SHUT_R))
		r = -EPIPE;
	else if (m->msg_namelen)
		r = -EISCONN;
	else if (!total)
		r = 0;
	else if (p->len == p->cap)
		r = -EAGAIN;
	else {
		n = UK_MIN(total, p->cap - p->len);
		ring_put(p, m, n);
		uk_socket_event(&p->s, EPOLLIN | EPOLLRDNORM);
		r = n;
	}
	ukplat_irq_restore(fl);
	return r;
}

ssize_t posix_unix_stream_recv(struct uk_socket *s, struct msghdr *m,
			       int flags)
{
	struct unix_sock *u = unix_of(s);
	unsigned long fl;
	ssize_t r;

	m->msg_namelen = 0;
	m->msg_controllen = 0;
	fl = ukplat_irq_save();
	if (u->state != US_CONNECTED && !u->shut) {
		r = -EINVAL;
	} else if (!u->len) {
		if (u->err) {
			r = -u->err;
			u->err = 0;
		} else {
			r = (u->shut & SHUT_R) ? 0 : -EAGAIN;
		}
	} else {
		r = ring_get(u, m, iov_total(m), flags & MSG_PEEK);
		if (!(flags & MSG_PEEK) && u->peer)
			uk_socket_event(&u->peer->s, EPOLLOUT | EPOLLWRNORM);
	}
	ukplat_irq_restore(fl);
	return r;
}

/* The receiver of a datagram from u to (name, namelen) or its peer;
 * interrupts off. NULL with *err set when there is none. */
static struct unix_sock *dgram_target(struct unix_sock *u,
				      const struct msghdr *m,
				      const struct unix_file *f, int *err)
{
	struct unix_sock *t;

	if (!m->msg_namelen) {
		if (u->state != US_CONNECTED) {
			*err = -ENOTCONN;
			return NULL;
		}
		t = u->peer;
		if (!t)
			*err = -ECONNREFUSED;
		return t;
	}
	t = posix_unix_lookup(m->msg_name, m->msg_namelen, f, SOCK_DGRAM);
	if (!t)
		*err = ((const struct sockaddr_un *)m->msg_name)->sun_path[0] &&
		       !f->valid ? -ENOENT : -ECONNREFUSED;
	else if (t->s.type != SOCK_DGRAM) {
		*err = -EPROTOTYPE;
		t = NULL;
	}
	return t;
}

ssize_t posix_unix_dgram_send(struct uk_socket *s, const struct msghdr *m,
			      int flags __uk_unused)
{
	struct unix_sock *u = unix_of(s), *t;
	size_t total = iov_total(m), at = 0;
	struct unix_file file = { 0 };
	struct unix_dgram *d;
	unsigned long fl;
	int i, err = 0;

	if (m->msg_namelen) {
		err = posix_unix_check_addr(m->msg_name, m->msg_namelen);
		if (!err)
			err = posix_unix_file(m->msg_name, m->msg_namelen, 0,
					      &file);
		if (err < 0)
			return err;
	}
	if (total > CONFIG_LIBPOSIX_UNIX_BUF)
		return -EMSGSIZE;
	d = uk_malloc(uk_alloc_get_default(), sizeof(*d) + total);
	if (!d)
		return -ENOBUFS;
	d->next = NULL;
	d->len = total;
	for (i = 0; i < m->msg_iovlen; i++) {
		memcpy(d->data + at, m->msg_iov[i].iov_base,
		       m->msg_iov[i].iov_len);
		at += m->msg_iov[i].iov_len;
	}
	fl = ukplat_irq_save();
	t = dgram_target(u, m, &file, &err);
	if (!t)
		;
	else if (t->peer && t->peer != u)
		err = -EPERM;	/* t takes only from the one it connected to */
	else if ((u->shut & SHUT_W) || (t->shut & SHUT_R))
		err = -EPIPE;
	else if (t->dq_count >= CONFIG_LIBPOSIX_UNIX_DGRAM_QLEN) {
		u->wants_room = t;
		err = -EAGAIN;
	} else {
		d->fromlen = u->namelen;
		if (u->namelen)
			memcpy(&d->from, &u->name, u->namelen);
		if (t->dq_tail)
			t->dq_tail->next = d;
		else
			t->dq_head = d;
		t->dq_tail = d;
		t->dq_count++;
		uk_socket_event(&t->s, EPOLLIN | EPOLLRDNORM);
		d = NULL;
	}
	ukplat_irq_restore(fl);
	if (d) {
		uk_free(uk_alloc_get_default(), d);
		return err;
	}
	return total;
}

ssize_t posix_unix_dgram_recv(struct uk_socket *s, struct msghdr *m,
			      int flags)
{
	struct unix_sock *u = unix_of(s);
	struct unix_dgram *d;
	struct msghdr one;
	size_t total = iov_total(m), at = 0, k;
	unsigned long fl;
	ssize_t r;
	int i;

	m->msg_controllen = 0;
	fl = ukplat_irq_save();
	d = u->dq_head;
	if (!d) {
		if (u->err) {
			r = -u->err;
			u->err = 0;
		} else {
			r = (u->shut & SHUT_R) ? 0 : -EAGAIN;
		}
		ukplat_irq_restore(fl);
		return r;
	}
	if (!(flags & MSG_PEEK)) {
		u->dq_head = d->next;
		if (!u->dq_head)
			u->dq_tail = NULL;
		if (u->dq_count-- == CONFIG_LIBPOSIX_UNIX_DGRAM_QLEN)
			posix_unix_room(u);
	}
	/* A peeked datagram stays queued: copy it with interrupts off. */
	one = *m;
	for (i = 0; i < one.msg_iovlen && at < d->len; i++) {
		k = UK_MIN(one.msg_iov[i].iov_len, d->len - at);
		memcpy(one.msg_iov[i].iov_base, d->data + at, k);
		at += k;
	}
	if (m->msg_name) {
		m->msg_namelen = d->fromlen;
		memcpy(m->msg_name, &d->from, d->fromlen);
	}
	if (d->len > total)
		m->msg_flags |= MSG_TRUNC;
	r = (flags & MSG_TRUNC) ? (ssize_t)d->len : (ssize_t)at;
	ukplat_irq_restore(fl);
	if (!(flags & MSG_PEEK))
		uk_free(uk_alloc_get_default(), d);
	return r;
}

/* SOCK_SEQPACKET sends and receives datagrams on its connection only
 * (a name given to send is ignored, as Linux); the peer gone is EPIPE. */
ssize_t posix_unix_seqpacket_send(struct uk_socket *s, const struct msghdr *m,
				  int flags)
{
	struct unix_sock *u = unix_of(s);
	struct msghdr one = *m;
	ssize_t r;

	if (u->state != US_CONNECTED)
		return -ENOTCONN;
	one.msg_name = NULL;
	one.msg_namelen = 0;
	r = posix_unix_dgram_send(s, &one, flags);
	return r == -ECONNREFUSED ? -EPIPE : r;
}

ssize_t posix_unix_seqpacket_recv(struct uk_socket *s, struct msghdr *m,
				  int flags)
{
	if (unix_of(s)->state != US_CONNECTED)
		return -ENOTCONN;
	return posix_unix_dgram_recv(s, m, flags);
}

struct unix_dgram *posix_unix_dgram_take_all(struct unix_sock *u)
{
	struct unix_dgram *d = u->dq_head;

	u->dq_head = u->dq_tail = NULL;
	u->dq_count = 0;
	return d;
}

void posix_unix_dgram_free(struct unix_dgram *d)
{
	uk_free(uk_alloc_get_default(), d);
}
