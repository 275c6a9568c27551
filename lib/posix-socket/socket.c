/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The socket as an open file: the family table, creating and installing
 * sockets, their uk_file ops (read/write through the family's
 * recvmsg/sendmsg, fstat S_IFSOCK, poll, ioctl, release -> close), and
 * the one blocking loop every blocking call goes through (calls.c has
 * the system calls). Families' ops never block; this file does.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/stat.h>
#include <uk/sched.h>
#include <uk/socket.h>
#include "socket_impl.h"
#if CONFIG_LIBPOSIX_SIGNAL
#include <uk/signal.h>
#endif

const struct uk_socket_family *posix_socket_family(int family)
{
	const struct uk_socket_family *const *p;

	for (p = __start_uk_socket_famtab; p < __stop_uk_socket_famtab; p++)
		if ((*p)->family == family)
			return *p;
	return NULL;
}

static ssize_t sock_read(struct uk_file *f, const struct iovec *iov,
			 int iovcnt, off_t *pos __uk_unused)
{
	struct msghdr m = { .msg_iov = (struct iovec *)iov,
			    .msg_iovlen = iovcnt };

	return posix_socket_recvmsg(uk_container_of(f, struct uk_socket, file),
				    &m, 0);
}

static ssize_t sock_write(struct uk_file *f, const struct iovec *iov,
			  int iovcnt, off_t *pos __uk_unused)
{
	struct msghdr m = { .msg_iov = (struct iovec *)iov,
			    .msg_iovlen = iovcnt };

	return posix_socket_sendmsg(uk_container_of(f, struct uk_socket, file),
				    &m, 0);
}

static int sock_stat(struct uk_file *f __uk_unused, struct stat *st)
{
	st->st_mode = S_IFSOCK | 0777;
	st->st_blksize = 4096;
	return 0;
}

static unsigned int sock_poll(struct uk_file *f)
{
	struct uk_socket *s = uk_container_of(f, struct uk_socket, file);

	return s->ops->poll ? s->ops->poll(s) : EPOLLIN | EPOLLOUT;
}

static long sock_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	struct uk_socket *s = uk_container_of(f, struct uk_socket, file);

	return s->ops->ioctl ? s->ops->ioctl(s, req, arg) : -ENOTTY;
}

static void sock_release(struct uk_file *f)
{
	struct uk_socket *s = uk_container_of(f, struct uk_socket, file);

	s->ops->close(s);
}

static const struct uk_file_ops sock_file_ops = {
	.read = sock_read,
	.write = sock_write,
	.stat = sock_stat,
	.poll = sock_poll,
	.ioctl = sock_ioctl,
	.release = sock_release,
};

void uk_socket_init(struct uk_socket *s, const struct uk_socket_ops *ops,
		    int family, int type, int protocol)
{
	uk_file_init(&s->file, &sock_file_ops, O_RDWR);
	s->ops = ops;
	s->family = family;
	s->type = type;
	s->protocol = protocol;
	s->rcvtimeo_ns = 0;
	s->sndtimeo_ns = 0;
}

struct uk_socket *uk_socket_of_fd(int fd)
{
	struct uk_file *f = uk_fdtab_get(fd);

	if (!f)
		return uk_err_ptr(-EBADF);
	if (f->ops != &sock_file_ops) {
		uk_fdtab_put(f);
		return uk_err_ptr(-ENOTSOCK);
	}
	return uk_container_of(f, struct uk_socket, file);
}

int posix_socket_install(struct uk_socket *s, int flags)
{
	int fd;

	if (flags & SOCK_NONBLOCK)
		s->file.flags |= O_NONBLOCK;
	fd = uk_fdtab_install(&s->file, 0,
			      (flags & SOCK_CLOEXEC) ? O_CLOEXEC : 0);
	if (fd < 0)
		uk_socket_put(s);
	return fd;
}

long posix_socket_block(struct uk_socket *s, int nonblock, uint64_t timeo_ns,
			unsigned int events, posix_socket_try_fn try,
			void *arg, long again)
{
	uint64_t deadline = timeo_ns ? uk_sched_deadline_in(timeo_ns) : 0;
	struct uk_file_sleeper sl;
	long r;

	r = try(s, arg);
	if (r != again || nonblock)
		return r;
	/* On the waiter list first, then try again: an event between the
	 * try and the sleep wakes the sleep. */
	uk_file_sleep_begin(&sl, &s->file, events | EPOLLERR | EPOLLHUP);
	while ((r = try(s, arg)) == again)
		if (uk_file_sleep(&sl, deadline) == -ETIMEDOUT) {
			r = try(s, arg);
			break;
		}
	uk_file_sleep_end(&sl);
	return r;
}

void posix_socket_sigpipe(void)
{
#if CONFIG_LIBPOSIX_SIGNAL
	uk_signal_send_thread(SIGPIPE);
#endif
}
