/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * read, write, readv, writev and ioctl: look the descriptor up, hold a
 * reference for the duration, call the file's ops.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sys/uio.h>
#include <uk/fdtab.h>
#include <uk/syscall.h>

static long do_read(int fd, void *buf, size_t len)
{
	struct uk_file *f = uk_fdtab_get(fd);
	long r;

	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_WRONLY)
		r = -EBADF;
	else
		r = f->ops->read ? f->ops->read(f, buf, len) : -EINVAL;
	uk_fdtab_put(f);
	return r;
}

static long do_write(int fd, const void *buf, size_t len)
{
	struct uk_file *f = uk_fdtab_get(fd);
	long r;

	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == O_RDONLY)
		r = -EBADF;
	else
		r = f->ops->write ? f->ops->write(f, buf, len) : -EINVAL;
	uk_fdtab_put(f);
	return r;
}

UK_SYSCALL_DEFINE3(read, int, fd, void *, buf, size_t, count)
{
	return do_read(fd, buf, count);
}

UK_SYSCALL_DEFINE3(write, int, fd, const void *, buf, size_t, count)
{
	return do_write(fd, buf, count);
}

/* Vectored I/O: one call per buffer, stopping at the first short one
 * (what a reader of a pipe or console sees with Linux too). */
static long vec(int fd, const struct iovec *iov, int iovcnt, int wr)
{
	long total = 0, r;
	int i;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	for (i = 0; i < iovcnt; i++) {
		if (!iov[i].iov_len)
			continue;
		r = wr ? do_write(fd, iov[i].iov_base, iov[i].iov_len)
		       : do_read(fd, iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return total ? total : r;
		total += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	return total;
}

UK_SYSCALL_DEFINE3(readv, int, fd, const struct iovec *, iov, int, iovcnt)
{
	return vec(fd, iov, iovcnt, 0);
}

UK_SYSCALL_DEFINE3(writev, int, fd, const struct iovec *, iov, int, iovcnt)
{
	return vec(fd, iov, iovcnt, 1);
}

UK_SYSCALL_DEFINE3(ioctl, int, fd, unsigned long, req, void *, arg)
{
	struct uk_file *f = uk_fdtab_get(fd);
	long r;

	if (!f)
		return -EBADF;
	r = f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
	uk_fdtab_put(f);
	return r;
}
