/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AF_UNIX for posix-socket: SOCK_STREAM, SOCK_DGRAM and SOCK_SEQPACKET
 * (datagrams over a connection) sockets within
 * the image, their names (abstract ones, "\0name", and path names kept
 * in the same table: see the README), and the connection life cycle:
 * socketpair, bind, listen, connect (to a listener: the server end is
 * made at once and queued on it, as Linux does), accept, shutdown,
 * close. The data ops are in xfer.c. Locking: unix_impl.h.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <uk/syscall.h>
#include <uk/alloc.h>
#include <uk/plat/irq.h>
#include "unix_impl.h"

static struct unix_sock *all;		/* every AF_UNIX socket */
static unsigned int autobind_next;	/* Linux: 5 hex digits, abstract */

#define PATH_OFF offsetof(struct sockaddr_un, sun_path)

struct unix_sock *posix_unix_new(int type)
{
	struct unix_sock *u = uk_malloc(uk_alloc_get_default(), sizeof(*u));
	unsigned long fl;

	if (!u)
		return NULL;
	memset(u, 0, sizeof(*u));
	uk_socket_init(&u->s, type == SOCK_STREAM ? &posix_unix_stream_ops
		       : type == SOCK_SEQPACKET ? &posix_unix_seqpacket_ops
		       : &posix_unix_dgram_ops, AF_UNIX, type, 0);
	fl = ukplat_irq_save();
	u->all_next = all;
	all = u;
	ukplat_irq_restore(fl);
	return u;
}

int posix_unix_ring(struct unix_sock *u)
{
	if (u->buf)
		return 0;
	u->buf = uk_malloc(uk_alloc_get_default(), CONFIG_LIBPOSIX_UNIX_BUF);
	if (!u->buf)
		return -ENOMEM;
	u->cap = CONFIG_LIBPOSIX_UNIX_BUF;
	return 0;
}

int posix_unix_check_addr(const struct sockaddr *a, socklen_t len)
{
	if (len < PATH_OFF || len > sizeof(struct sockaddr_un) ||
	    a->sa_family != AF_UNIX)
		return -EINVAL;
	return 0;
}

/* The significant length of a name: an abstract one is every byte of
 * len; a path ends at its NUL (Linux's unix_mkname). */
static socklen_t name_len(const struct sockaddr_un *a, socklen_t len)
{
	if (len > PATH_OFF && a->sun_path[0])
		return PATH_OFF + strnlen(a->sun_path, len - PATH_OFF) + 1;
	return len;
}

static int same_name(const struct unix_sock *u, const struct sockaddr_un *a,
		     socklen_t len)
{
	if (!u->namelen)
		return 0;
	if (a->sun_path[0])	/* path: up to the NUL */
		return u->name.sun_path[0] &&
		       !strncmp(u->name.sun_path, a->sun_path,
				len - PATH_OFF);
	return u->namelen == len && !memcmp(&u->name, a, len);
}

struct unix_sock *posix_unix_lookup(const struct sockaddr_un *a, socklen_t len,
				    const struct unix_file *f, int type)
{
	int abstract = !a->sun_path[0];
	struct unix_sock *u;

	len = name_len(a, len);
	for (u = all; u; u = u->all_next) {
		if (f && f->valid) {
			if (u->file.valid && u->file.dev == f->dev &&
			    u->file.ino == f->ino)
				return u;
		} else if (same_name(u, a, len) &&
			   (!abstract || u->s.type == type)) {
			return u;
		}
	}
	return NULL;
}

int posix_unix_file(const struct sockaddr_un *a, socklen_t len, int bind,
		    struct unix_file *f)
{
	char path[sizeof(a->sun_path) + 1];
	struct stat st;
	long r;

	f->valid = 0;
	if (len <= PATH_OFF || !a->sun_path[0])
		return 0;
	/* No file system in the image: asked quietly, not through the
	 * shim's -ENOSYS report. */
	if (!uk_syscall_provider(SYS_mknodat) ||
	    !uk_syscall_provider(SYS_newfstatat))
		return 0;
	memcpy(path, a->sun_path, len - PATH_OFF);
	path[len - PATH_OFF] = 0;
	if (bind) {
		r = uk_syscall(SYS_mknodat, AT_FDCWD, (long)path,
			       S_IFSOCK | 0777, 0, 0, 0);
		if (r == -ENOSYS)
			return 0;
		if (r == -EEXIST)
			return -EADDRINUSE;
		if (r < 0)
			return r;
	}
	r = uk_syscall(SYS_newfstatat, AT_FDCWD, (long)path, (long)&st, 0, 0, 0);
	if (r == -ENOSYS)
		return 0;
	if (r < 0)
		return r;
	if (!S_ISSOCK(st.st_mode))
		return -ECONNREFUSED;
	f->valid = 1;
	f->dev = st.st_dev;
	f->ino = st.st_ino;
	return 0;
}

void posix_unix_room(struct unix_sock *u)
{
	struct unix_sock *w;

	for (w = all; w; w = w->all_next)
		if (w->wants_room == u ||
		    (w->peer == u && w->s.type != SOCK_STREAM)) {
			w->wants_room = NULL;
			uk_socket_event(&w->s, EPOLLOUT);
		}
}

/* Give u the next free autobind name (interrupts off). */
static void autobind(struct unix_sock *u)
{
	char tmp[8];

	do {
		snprintf(tmp, sizeof(tmp), "%05x", autobind_next++ & 0xfffff);
		memset(&u->name, 0, sizeof(u->name));
		u->name.sun_family = AF_UNIX;
		memcpy(u->name.sun_path + 1, tmp, 5);
	} while (posix_unix_lookup(&u->name, PATH_OFF + 6, NULL, u->s.type));
	u->namelen = PATH_OFF + 6;
}

static int unix_bind(struct uk_socket *s, const struct sockaddr *addr,
		     socklen_t len)
{
	const struct sockaddr_un *a = (const struct sockaddr_un *)addr;
	struct unix_sock *u = unix_of(s);
	struct unix_file file;
	unsigned long fl;
	int r = posix_unix_check_addr(addr, len);

	if (r < 0)
		return r;
	if (u->namelen)
		return -EINVAL;
	/* A path name: its socket file first (EADDRINUSE if it exists). */
	r = posix_unix_file(a, len, 1, &file);
	if (r < 0)
		return r;
	fl = ukplat_irq_save();
	if (u->namelen)
		r = -EINVAL;
	else if (len == PATH_OFF)
		autobind(u);
	else if (len == PATH_OFF + 1 && !a->sun_path[0])
		r = -EINVAL;
	else if (posix_unix_lookup(a, len, &file, s->type))
		r = -EADDRINUSE;
	else {
		u->file = file;
		u->namelen = name_len(a, len);
		memset(&u->name, 0, sizeof(u->name));
		memcpy(&u->name, a, u->namelen > len ? len : u->namelen);
	}
	ukplat_irq_restore(fl);
	return r;
}

static int unix_listen(struct uk_socket *s, int backlog)
{
	struct unix_sock *u = unix_of(s);
	unsigned long fl;
	int r = 0;

	if (s->type == SOCK_DGRAM)
		return -EOPNOTSUPP;
	fl = ukplat_irq_save();
	if (u->state == US_CONNECTED)
		r = -EINVAL;
	else if (!u->namelen)	/* Linux: an unbound listener is autobound */
		autobind(u);
	if (!r) {
		u->state = US_LISTEN;
		u->backlog = backlog;
	}
	ukplat_irq_restore(fl);
	return r;
}

static int unix_accept(struct uk_socket *s, struct uk_socket **ns,
		       struct sockaddr_storage *peer, socklen_t *peerlen)
{
	struct unix_sock *u = unix_of(s), *n;
	unsigned long fl;
	int r = 0;

	fl = ukplat_irq_save();
	if (u->state != US_LISTEN) {
		r = -EINVAL;
	} else if (!(n = u->backlog_head)) {
		r = -EAGAIN;
	} else {
		u->backlog_head = n->backlog_next;
		if (!u->backlog_head)
			u->backlog_tail = NULL;
		u->nbacklog--;
		*ns = &n->s;
		/* The peer's name (the client's, if it bound one). */
		if (n->peer && n->peer->namelen) {
			*peerlen = n->peer->namelen;
			memcpy(peer, &n->peer->name, *peerlen);
		} else {
			*peerlen = sizeof(sa_family_t);
			peer->ss_family = AF_UNIX;
		}
	}
	ukplat_irq_restore(fl);
	return r;
}

/* Stream connect: a server end queued on the listener at addr. */
static int stream_connect(struct unix_sock *u, const struct sockaddr_un *a,
			  socklen_t len)
{
	struct unix_sock *l, *n;
	struct unix_file file;
	unsigned long fl;
	int r = posix_unix_file(a, len, 0, &file);

	if (r < 0)
		return r;
	n = posix_unix_new(u->s.type);
	if (!n || (u->s.type == SOCK_STREAM &&
		   (posix_unix_ring(n) || posix_unix_ring(u)))) {
		if (n)
			uk_socket_put(&n->s);
		return -ENOMEM;
	}
	fl = ukplat_irq_save();
	l = posix_unix_lookup(a, len, &file, u->s.type);
	if (u->state == US_CONNECTED)
		r = -EISCONN;
	else if (u->state == US_LISTEN)
		r = -EINVAL;
	else if (!l)
		r = a->sun_path[0] && !file.valid ? -ENOENT : -ECONNREFUSED;
	else if (l->s.type != u->s.type)
		r = -EPROTOTYPE;
	else if (l->state != US_LISTEN)
		r = -ECONNREFUSED;
	else if (l->nbacklog > l->backlog)
		r = -EAGAIN;
	if (!r) {
		n->state = u->state = US_CONNECTED;
		n->peer = u;
		u->peer = n;
		n->name = l->name;
		n->namelen = l->namelen;
		if (l->backlog_tail)
			l->backlog_tail->backlog_next = n;
		else
			l->backlog_head = n;
		l->backlog_tail = n;
		l->nbacklog++;
		uk_socket_event(&l->s, EPOLLIN);
		uk_socket_event(&u->s, EPOLLOUT);
	}
	ukplat_irq_restore(fl);
	if (r)
		uk_socket_put(&n->s);
	return r;
}

/* Dgram connect: the default destination (and the only sender we take
 * from, as Linux). */
static int dgram_connect(struct unix_sock *u, const struct sockaddr_un *a,
			 socklen_t len)
{
	struct unix_file file;
	struct unix_sock *p;
	unsigned long fl;
	int r;

	if (a->sun_family == AF_UNSPEC) {	/* dissolve the association */
		fl = ukplat_irq_save();
		u->peer = NULL;
		u->state = US_NEW;
		ukplat_irq_restore(fl);
		return 0;
	}
	r = posix_unix_file(a, len, 0, &file);
	if (r < 0)
		return r;
	fl = ukplat_irq_save();
	p = posix_unix_lookup(a, len, &file, u->s.type);
	if (!p)
		r = a->sun_path[0] && !file.valid ? -ENOENT : -ECONNREFUSED;
	else if (p->s.type != u->s.type)
		r = -EPROTOTYPE;
	else {
		u->peer = p;
		u->state = US_CONNECTED;
	}
	ukplat_irq_restore(fl);
	return r;
}

static int unix_connect(struct uk_socket *s, const struct sockaddr *addr,
			socklen_t len)
{
	int r;

	if (s->type == SOCK_DGRAM && len >= sizeof(sa_family_t) &&
	    addr->sa_family == AF_UNSPEC)
		return dgram_connect(unix_of(s), (const void *)addr, len);
	r = posix_unix_check_addr(addr, len);
	if (r < 0)
		return r;
	if (len == PATH_OFF)
		return -EINVAL;
	if (s->type != SOCK_DGRAM)
		return stream_connect(unix_of(s), (const void *)addr, len);
	return dgram_connect(unix_of(s), (const void *)addr, len);
}

static int unix_shutdown(struct uk_socket *s, int how)
{
	struct unix_sock *u = unix_of(s), *p;
	int mine = how == SHUT_RD ? SHUT_R : how == SHUT_WR ? SHUT_W
							    : SHUT_R | SHUT_W;
	unsigned long fl;

	/* Linux: no check that it is connected. */
	fl = ukplat_irq_save();
	p = u->peer;
	u->shut |= mine;
	uk_socket_event(s, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLHUP);
	/* Linux: the peer sees the mirror image (stream only). */
	if (p && s->type != SOCK_DGRAM) {
		if (mine & SHUT_W)
			p->shut |= SHUT_R;
		if (mine & SHUT_R)
			p->shut |= SHUT_W;
		uk_socket_event(&p->s,
				EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLHUP);
	}
	ukplat_irq_restore(fl);
	return 0;
}

static int unix_getsockopt(struct uk_socket *s, int level, int name,
			   void *val, socklen_t *len)
{
	struct unix_sock *u = unix_of(s);
	unsigned long fl;
	int v;

	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (name) {
	case SO_ERROR:
		fl = ukplat_irq_save();
		v = u->err;
		u->err = 0;
		ukplat_irq_restore(fl);
		break;
	case SO_ACCEPTCONN:
		v = u->state == US_LISTEN;
		break;
	case SO_SNDBUF:
	case SO_RCVBUF:
		v = CONFIG_LIBPOSIX_UNIX_BUF;
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (*len > sizeof(v))
		*len = sizeof(v);
	memcpy(val, &v, *len);
	return 0;
}

static int unix_setsockopt(struct uk_socket *s __uk_unused, int level,
			   int name, const void *val __uk_unused,
			   socklen_t len)
{
	if (level != SOL_SOCKET)
		return -EOPNOTSUPP;
	switch (name) {
	case SO_SNDBUF:	/* accepted, the buffer stays its size */
	case SO_RCVBUF:
	case SO_REUSEADDR:
	case SO_PASSCRED:
		return len < sizeof(int) ? -EINVAL : 0;
	}
	return -ENOPROTOOPT;
}

static int unix_getsockname(struct uk_socket *s, struct sockaddr_storage *a,
			    socklen_t *len)
{
	struct unix_sock *u = unix_of(s);
	unsigned long fl = ukplat_irq_save();

	if (u->namelen) {
		memcpy(a, &u->name, u->namelen);
		*len = u->namelen;
	} else {	/* unnamed: the family alone */
		((struct sockaddr *)a)->sa_family = AF_UNIX;
		*len = sizeof(sa_family_t);
	}
	ukplat_irq_restore(fl);
	return 0;
}

static int unix_getpeername(struct uk_socket *s, struct sockaddr_storage *a,
			    socklen_t *len)
{
	struct unix_sock *u = unix_of(s);
	unsigned long fl = ukplat_irq_save();
	int r = 0;

	if (u->state != US_CONNECTED || !u->peer) {
		r = -ENOTCONN;
	} else if (u->peer->namelen) {
		memcpy(a, &u->peer->name, u->peer->namelen);
		*len = u->peer->namelen;
	} else {
		((struct sockaddr *)a)->sa_family = AF_UNIX;
		*len = sizeof(sa_family_t);
	}
	ukplat_irq_restore(fl);
	return r;
}

/* Linux's unix_poll / unix_dgram_poll, on our state. */
static unsigned int unix_poll(struct uk_socket *s)
{
	struct unix_sock *u = unix_of(s), *p = u->peer;
	unsigned int ev = 0;
	int stream = s->type == SOCK_STREAM;
	int conn = s->type != SOCK_DGRAM;	/* connection-oriented */

	if (u->err)
		ev |= EPOLLERR;
	if (u->shut == (SHUT_R | SHUT_W))
		ev |= EPOLLHUP;
	if (u->shut & SHUT_R)
		ev |= EPOLLRDHUP | EPOLLIN | EPOLLRDNORM;
	if (u->len || u->dq_head || u->backlog_head)
		ev |= EPOLLIN | EPOLLRDNORM;
	if (conn && u->state == US_NEW)
		ev |= EPOLLHUP;
	if (u->state == US_LISTEN)
		return ev;
	if (stream) {
		if (!p || p->len < p->cap || (u->shut & SHUT_W))
			ev |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	} else if (!p || p->dq_count < CONFIG_LIBPOSIX_UNIX_DGRAM_QLEN) {
		ev |= EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND;
	}
	return ev;
}

/* Cut u loose from everything; interrupts off. Datagrams and unaccepted
 * connections come back in *dq / *pending for the caller to free. */
static void unlink_sock(struct unix_sock *u, struct unix_dgram **dq,
			struct unix_sock **pending)
{
	struct unix_sock **pp, *w, *p = u->peer;

	for (pp = &all; *pp; pp = &(*pp)->all_next)
		if (*pp == u) {
			*pp = u->all_next;
			break;
		}
	for (w = all; w; w = w->all_next) {
		if (w->s.type == SOCK_DGRAM && w->peer == u) {
			/* Linux: a dgram socket connected to us errs once. */
			w->peer = NULL;
			w->err = ECONNREFUSED;
			uk_socket_event(&w->s, EPOLLERR | EPOLLOUT);
		}
		if (w->wants_room == u) {
			w->wants_room = NULL;
			uk_socket_event(&w->s, EPOLLOUT);
		}
	}
	if (p && u->s.type != SOCK_DGRAM) {
		p->peer = NULL;
		p->shut = SHUT_R | SHUT_W;
		/* Unread data thrown away: the peer hears ECONNRESET. */
		if (u->len || u->dq_head)
			p->err = ECONNRESET;
		uk_socket_event(&p->s, EPOLLIN | EPOLLOUT | EPOLLHUP |
					       EPOLLRDHUP | EPOLLERR);
	}
	*dq = posix_unix_dgram_take_all(u);
	*pending = u->backlog_head;
	u->backlog_head = u->backlog_tail = NULL;
}

static void unix_close(struct uk_socket *s)
{
	struct unix_sock *u = unix_of(s), *pending, *next;
	struct unix_dgram *dq, *dnext;
	unsigned long fl;

	fl = ukplat_irq_save();
	unlink_sock(u, &dq, &pending);
	ukplat_irq_restore(fl);
	for (; dq; dq = dnext) {
		dnext = dq->next;
		posix_unix_dgram_free(dq);
	}
	/* Connections nobody accepted: their clients see ECONNRESET. */
	for (; pending; pending = next) {
		next = pending->backlog_next;
		fl = ukplat_irq_save();
		if (pending->peer)
			pending->peer->err = ECONNRESET;
		ukplat_irq_restore(fl);
		uk_socket_put(&pending->s);
	}
	uk_free(uk_alloc_get_default(), u->buf);
	uk_free(uk_alloc_get_default(), u);
}

static long unix_ioctl(struct uk_socket *s, unsigned long req, void *arg)
{
	struct unix_sock *u = unix_of(s);
	unsigned long fl;

	if (req != FIONREAD)
		return -ENOTTY;
	fl = ukplat_irq_save();
	*(int *)arg = s->type == SOCK_STREAM ? (int)u->len
		      : u->dq_head ? (int)u->dq_head->len : 0;
	ukplat_irq_restore(fl);
	return 0;
}

#define UNIX_COMMON_OPS							\
	.bind = unix_bind,						\
	.connect = unix_connect,					\
	.shutdown = unix_shutdown,					\
	.getsockopt = unix_getsockopt,					\
	.setsockopt = unix_setsockopt,					\
	.getsockname = unix_getsockname,				\
	.getpeername = unix_getpeername,				\
	.poll = unix_poll,						\
	.ioctl = unix_ioctl,						\
	.close = unix_close

const struct uk_socket_ops posix_unix_stream_ops = {
	UNIX_COMMON_OPS,
	.listen = unix_listen,
	.accept = unix_accept,
	.sendmsg = posix_unix_stream_send,
	.recvmsg = posix_unix_stream_recv,
};

const struct uk_socket_ops posix_unix_seqpacket_ops = {
	UNIX_COMMON_OPS,
	.listen = unix_listen,
	.accept = unix_accept,
	.sendmsg = posix_unix_seqpacket_send,
	.recvmsg = posix_unix_seqpacket_recv,
};

const struct uk_socket_ops posix_unix_dgram_ops = {
	UNIX_COMMON_OPS,
	.sendmsg = posix_unix_dgram_send,
	.recvmsg = posix_unix_dgram_recv,
};

static int unix_create(int type, int protocol, struct uk_socket **out)
{
	struct unix_sock *u;

	if (type != SOCK_STREAM && type != SOCK_DGRAM && type != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	if (protocol && protocol != PF_UNIX)
		return -EPROTONOSUPPORT;
	u = posix_unix_new(type);
	if (!u)
		return -ENOMEM;
	*out = &u->s;
	return 0;
}

static int unix_socketpair(int type, int protocol, struct uk_socket *out[2])
{
	struct uk_socket *a, *b;
	struct unix_sock *ua, *ub;
	int r;

	r = unix_create(type, protocol, &a);
	if (r < 0)
		return r;
	r = unix_create(type, protocol, &b);
	if (r < 0) {
		uk_socket_put(a);
		return r;
	}
	ua = unix_of(a);
	ub = unix_of(b);
	if (type == SOCK_STREAM && (posix_unix_ring(ua) || posix_unix_ring(ub))) {
		uk_socket_put(a);
		uk_socket_put(b);
		return -ENOMEM;
	}
	ua->peer = ub;
	ub->peer = ua;
	ua->state = ub->state = US_CONNECTED;
	out[0] = a;
	out[1] = b;
	return 0;
}

static const struct uk_socket_family unix_family = {
	.family = AF_UNIX,
	.create = unix_create,
	.socketpair = unix_socketpair,
};
UK_SOCKET_FAMILY_REGISTER(unix_family);
