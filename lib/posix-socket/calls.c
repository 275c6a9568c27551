/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The socket system calls: each finds the socket behind the descriptor
 * (EBADF, ENOTSOCK), checks what Linux checks before the protocol is
 * reached, and calls the family's op; the blocking ones go through
 * posix_socket_block (socket.c), send and receive through xfer.c.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <uk/sched.h>
#include <uk/socket.h>
#include <uk/syscall.h>
#include "socket_impl.h"

#define SOCK_FLAGS (SOCK_NONBLOCK | SOCK_CLOEXEC)

/* Linux's SO_RCVTIMEO/SO_SNDTIMEO before and after time64 (the same
 * struct timeval on x86_64). */
#define SO_RCVTIMEO_OLD_	20
#define SO_SNDTIMEO_OLD_	21
#define SO_RCVTIMEO_NEW_	66
#define SO_SNDTIMEO_NEW_	67

UK_SYSCALL_DEFINE3(socket, int, domain, int, type, int, protocol)
{
	const struct uk_socket_family *fam = posix_socket_family(domain);
	struct uk_socket *s;
	int r;

	if (!fam)
		return -EAFNOSUPPORT;
	if (type & ~(SOCK_FLAGS | 0xf))
		return -EINVAL;
	r = fam->create(type & ~SOCK_FLAGS, protocol, &s);
	if (r < 0)
		return r;
	return posix_socket_install(s, type);
}

UK_SYSCALL_DEFINE4(socketpair, int, domain, int, type, int, protocol,
		   int *, sv)
{
	const struct uk_socket_family *fam = posix_socket_family(domain);
	struct uk_socket *s[2];
	int fd0, fd1, r;

	if (!fam)
		return -EAFNOSUPPORT;
	if (type & ~(SOCK_FLAGS | 0xf))
		return -EINVAL;
	if (!fam->socketpair)
		return -EOPNOTSUPP;
	r = fam->socketpair(type & ~SOCK_FLAGS, protocol, s);
	if (r < 0)
		return r;
	fd0 = posix_socket_install(s[0], type);
	if (fd0 < 0) {
		uk_socket_put(s[1]);
		return fd0;
	}
	fd1 = posix_socket_install(s[1], type);
	if (fd1 < 0) {
		uk_syscall(SYS_close, fd0, 0, 0, 0, 0, 0);
		return fd1;
	}
	sv[0] = fd0;
	sv[1] = fd1;
	return 0;
}

/* Declare s = the socket of fd, or return its error. */
#define SOCKET_OF(s, fd)						\
	struct uk_socket *s = uk_socket_of_fd(fd);			\
	if (uk_is_err(s))						\
		return uk_ptr_err(s)

/* Copy a family's address (len bytes of ss) to the caller's addr/alen:
 * what fits, and the full length (Linux's move_addr_to_user). */
static long give_addr(const struct sockaddr_storage *ss, socklen_t len,
		      struct sockaddr *addr, socklen_t *alen)
{
	if (!addr)
		return 0;
	if ((int)*alen < 0)
		return -EINVAL;
	memcpy(addr, ss, UK_MIN(*alen, len));
	*alen = len;
	return 0;
}

UK_SYSCALL_DEFINE3(bind, int, fd, const struct sockaddr *, addr,
		   socklen_t, len)
{
	SOCKET_OF(s, fd);
	long r;

	if ((int)len < 0 || len > sizeof(struct sockaddr_storage))
		r = -EINVAL;
	else
		r = s->ops->bind ? s->ops->bind(s, addr, len) : -EOPNOTSUPP;
	uk_socket_put(s);
	return r;
}

UK_SYSCALL_DEFINE2(listen, int, fd, int, backlog)
{
	SOCKET_OF(s, fd);
	long r;

	if (backlog > SOMAXCONN || backlog < 0)
		backlog = SOMAXCONN;	/* Linux: silently capped */
	r = s->ops->listen ? s->ops->listen(s, backlog) : -EOPNOTSUPP;
	uk_socket_put(s);
	return r;
}

struct accept_op {
	struct uk_socket *ns;
	struct sockaddr_storage peer;
	socklen_t peerlen;
};

static long try_accept(struct uk_socket *s, void *arg)
{
	struct accept_op *a = arg;

	a->peerlen = 0;
	return s->ops->accept(s, &a->ns, &a->peer, &a->peerlen);
}

static long do_accept(int fd, struct sockaddr *addr, socklen_t *alen,
		      int flags)
{
	SOCKET_OF(s, fd);
	struct accept_op a;
	long r;

	if (flags & ~SOCK_FLAGS) {
		r = -EINVAL;
		goto out;
	}
	if (!s->ops->accept) {
		r = -EOPNOTSUPP;
		goto out;
	}
	if (addr && (int)*alen < 0) {
		r = -EINVAL;
		goto out;
	}
	r = posix_socket_block(s, s->file.flags & O_NONBLOCK, s->rcvtimeo_ns,
			       EPOLLIN, try_accept, &a, -EAGAIN);
	if (r < 0)
		goto out;
	r = posix_socket_install(a.ns, flags);
	if (r >= 0)
		give_addr(&a.peer, a.peerlen, addr, alen);
out:
	uk_socket_put(s);
	return r;
}

UK_SYSCALL_DEFINE3(accept, int, fd, struct sockaddr *, addr,
		   socklen_t *, alen)
{
	return do_accept(fd, addr, alen, 0);
}

UK_SYSCALL_DEFINE4(accept4, int, fd, struct sockaddr *, addr,
		   socklen_t *, alen, int, flags)
{
	return do_accept(fd, addr, alen, flags);
}

/* A started connect has ended when poll shows it; then SO_ERROR. */
static long try_connected(struct uk_socket *s, void *arg __uk_unused)
{
	socklen_t len = sizeof(int);
	int err = 0;

	if (!(uk_file_poll(&s->file) & (EPOLLOUT | EPOLLERR | EPOLLHUP)))
		return -EINPROGRESS;
	if (s->ops->getsockopt)
		s->ops->getsockopt(s, SOL_SOCKET, SO_ERROR, &err, &len);
	return -err;
}

UK_SYSCALL_DEFINE3(connect, int, fd, const struct sockaddr *, addr,
		   socklen_t, len)
{
	SOCKET_OF(s, fd);
	long r;

	if ((int)len < 0 || len > sizeof(struct sockaddr_storage))
		r = -EINVAL;
	else if (!s->ops->connect)
		r = -EOPNOTSUPP;
	else
		r = s->ops->connect(s, addr, len);
	if (r == -EINPROGRESS && !(s->file.flags & O_NONBLOCK))
		r = posix_socket_block(s, 0, s->sndtimeo_ns, EPOLLOUT,
				       try_connected, NULL, -EINPROGRESS);
	uk_socket_put(s);
	return r;
}

UK_SYSCALL_DEFINE6(sendto, int, fd, const void *, buf, size_t, len,
		   int, flags, const struct sockaddr *, addr, socklen_t, alen)
{
	SOCKET_OF(s, fd);
	struct iovec iov = { (void *)buf, len };
	struct msghdr m = { .msg_name = (void *)addr, .msg_namelen = alen,
			    .msg_iov = &iov, .msg_iovlen = 1 };
	long r;

	if (addr && (int)alen < 0)
		r = -EINVAL;
	else
		r = posix_socket_sendmsg(s, &m, flags);
	uk_socket_put(s);
	return r;
}

UK_SYSCALL_DEFINE6(recvfrom, int, fd, void *, buf, size_t, len, int, flags,
		   struct sockaddr *, addr, socklen_t *, alen)
{
	SOCKET_OF(s, fd);
	struct iovec iov = { buf, len };
	struct msghdr m = { .msg_name = addr, .msg_iov = &iov,
			    .msg_iovlen = 1 };
	long r;

	if (addr)
		m.msg_namelen = *alen;
	r = posix_socket_recvmsg(s, &m, flags);
	if (r >= 0 && addr)
		*alen = m.msg_namelen;
	uk_socket_put(s);
	return r;
}

/* What the fdtab checks for readv/writev, for a msghdr's iovec. */
static long check_msg(const struct msghdr *m)
{
	size_t total = 0;
	int i;

	if (m->msg_iovlen < 0 || m->msg_iovlen > IOV_MAX)
		return -EMSGSIZE;
	for (i = 0; i < m->msg_iovlen; i++) {
		if (m->msg_iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += m->msg_iov[i].iov_len;
	}
	return 0;
}

static long do_sendmsg(struct uk_socket *s, const struct msghdr *m, int flags)
{
	long r = check_msg(m);

	return r < 0 ? r : posix_socket_sendmsg(s, m, flags);
}

static long do_recvmsg(struct uk_socket *s, struct msghdr *m, int flags)
{
	long r = check_msg(m);

	return r < 0 ? r : posix_socket_recvmsg(s, m, flags);
}

UK_SYSCALL_DEFINE3(sendmsg, int, fd, const struct msghdr *, msg, int, flags)
{
	SOCKET_OF(s, fd);
	long r = do_sendmsg(s, msg, flags);

	uk_socket_put(s);
	return r;
}

UK_SYSCALL_DEFINE3(recvmsg, int, fd, struct msghdr *, msg, int, flags)
{
	SOCKET_OF(s, fd);
	long r = do_recvmsg(s, msg, flags);

	uk_socket_put(s);
	return r;
}

/* sendmmsg/recvmmsg: one message after another; the count done, or the
 * first one's error. */
UK_SYSCALL_DEFINE4(sendmmsg, int, fd, struct mmsghdr *, v, unsigned int, n,
		   int, flags)
{
	SOCKET_OF(s, fd);
	unsigned int i;
	long r = 0;

	if (n > UIO_MAXIOV)
		n = UIO_MAXIOV;
	for (i = 0; i < n; i++) {
		r = do_sendmsg(s, &v[i].msg_hdr, flags);
		if (r < 0)
			break;
		v[i].msg_len = r;
	}
	uk_socket_put(s);
	return i ? (long)i : r;
}

UK_SYSCALL_DEFINE5(recvmmsg, int, fd, struct mmsghdr *, v, unsigned int, n,
		   int, flags, struct timespec *, timeout)
{
	SOCKET_OF(s, fd);
	uint64_t deadline = 0;
	unsigned int i;
	long r = 0;

	if (timeout) {
		if (timeout->tv_sec < 0 || (unsigned long)timeout->tv_nsec >=
					       1000000000UL) {
			uk_socket_put(s);
			return -EINVAL;
		}
		deadline = uk_sched_deadline_in(timeout->tv_sec * 1000000000ULL +
						timeout->tv_nsec);
	}
	if (n > UIO_MAXIOV)
		n = UIO_MAXIOV;
	for (i = 0; i < n; i++) {
		r = do_recvmsg(s, &v[i].msg_hdr, flags);
		if (r < 0)
			break;
		v[i].msg_len = r;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		/* Linux checks the timeout after each datagram. */
		if (deadline && uk_sched_deadline_in(0) >= deadline) {
			i++;
			break;
		}
	}
	uk_socket_put(s);
	return i ? (long)i : r;
}

UK_SYSCALL_DEFINE2(shutdown, int, fd, int, how)
{
	SOCKET_OF(s, fd);
	long r;

	if (how < SHUT_RD || how > SHUT_RDWR)
		r = -EINVAL;
	else
		r = s->ops->shutdown ? s->ops->shutdown(s, how) : -EOPNOTSUPP;
	uk_socket_put(s);
	return r;
}

static uint64_t *timeo_of(struct uk_socket *s, int name)
{
	switch (name) {
	case SO_RCVTIMEO_OLD_:
	case SO_RCVTIMEO_NEW_:
		return &s->rcvtimeo_ns;
	case SO_SNDTIMEO_OLD_:
	case SO_SNDTIMEO_NEW_:
		return &s->sndtimeo_ns;
	}
	return NULL;
}

/* SO_RCVTIMEO/SO_SNDTIMEO: a struct timeval, {0, 0} for none; a
 * negative one expires at once (Linux). */
static long set_timeo(uint64_t *t, const void *val, socklen_t len)
{
	struct timeval tv;

	if (len < sizeof(tv))
		return -EINVAL;
	memcpy(&tv, val, sizeof(tv));
	if (tv.tv_usec < 0 || tv.tv_usec >= 1000000)
		return -EDOM;
	if (tv.tv_sec < 0)
		*t = 1;
	else
		*t = tv.tv_sec * 1000000000ULL + tv.tv_usec * 1000ULL;
	return 0;
}

UK_SYSCALL_DEFINE5(setsockopt, int, fd, int, level, int, name,
		   const void *, val, socklen_t, len)
{
	SOCKET_OF(s, fd);
	uint64_t *t = level == SOL_SOCKET ? timeo_of(s, name) : NULL;
	long r;

	if ((int)len < 0)
		r = -EINVAL;
	else if (t)
		r = set_timeo(t, val, len);
	else if (s->ops->setsockopt)
		r = s->ops->setsockopt(s, level, name, val, len);
	else
		r = -ENOPROTOOPT;
	uk_socket_put(s);
	return r;
}

/* The options the layer answers itself into v/vlen; 0 if it did not. */
static int generic_opt(struct uk_socket *s, int name, struct timeval *tv,
		       int *iv, socklen_t *vlen)
{
	uint64_t *t = timeo_of(s, name);

	if (t) {
		tv->tv_sec = *t / 1000000000ULL;
		tv->tv_usec = *t % 1000000000ULL / 1000;
		*vlen = sizeof(*tv);
		return 1;
	}
	*vlen = sizeof(int);
	switch (name) {
	case SO_TYPE:
		*iv = s->type;
		return 1;
	case SO_DOMAIN:
		*iv = s->family;
		return 1;
	case SO_PROTOCOL:
		*iv = s->protocol;
		return 1;
	}
	return 0;
}

UK_SYSCALL_DEFINE5(getsockopt, int, fd, int, level, int, name,
		   void *, val, socklen_t *, len)
{
	SOCKET_OF(s, fd);
	struct timeval tv;
	socklen_t vlen;
	int iv;
	long r = 0;

	if ((int)*len < 0)
		r = -EINVAL;
	else if (level == SOL_SOCKET && generic_opt(s, name, &tv, &iv, &vlen)) {
		memcpy(val, vlen == sizeof(int) ? (void *)&iv : (void *)&tv,
		       UK_MIN(*len, vlen));
		*len = UK_MIN(*len, vlen);
	} else if (s->ops->getsockopt) {
		r = s->ops->getsockopt(s, level, name, val, len);
	} else {
		r = -ENOPROTOOPT;
	}
	uk_socket_put(s);
	return r;
}

static long name_call(int fd, struct sockaddr *addr, socklen_t *alen,
		      int peer)
{
	SOCKET_OF(s, fd);
	int (*op)(struct uk_socket *, struct sockaddr_storage *, socklen_t *) =
		peer ? s->ops->getpeername : s->ops->getsockname;
	struct sockaddr_storage ss;
	socklen_t len = 0;
	long r;

	if ((int)*alen < 0)
		r = -EINVAL;
	else if (!op)
		r = -EOPNOTSUPP;
	else
		r = op(s, &ss, &len);
	if (r == 0)
		r = give_addr(&ss, len, addr, alen);
	uk_socket_put(s);
	return r;
}

UK_SYSCALL_DEFINE3(getsockname, int, fd, struct sockaddr *, addr,
		   socklen_t *, alen)
{
	return name_call(fd, addr, alen, 0);
}

UK_SYSCALL_DEFINE3(getpeername, int, fd, struct sockaddr *, addr,
		   socklen_t *, alen)
{
	return name_call(fd, addr, alen, 1);
}
