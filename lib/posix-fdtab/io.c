/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The I/O calls on a descriptor: read, write, readv, writev, pread64,
 * pwrite64, preadv, pwritev, lseek, fstat and ioctl. Each looks the
 * descriptor up, holds a reference for the duration, checks what Linux
 * checks before the file is reached (access mode, iovec bounds, a
 * negative offset, a file that cannot seek) and calls the file's ops.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <uk/fdtab.h>
#include <uk/syscall.h>
#include <uk/plat/irq.h>
#include "fdtab_internal.h"

/* The iovec is usable: count in range, total fits ssize_t. */
static long check_iov(const struct iovec *iov, int iovcnt)
{
	size_t total = 0;
	int i;

	if (iovcnt < 0 || iovcnt > IOV_MAX)
		return -EINVAL;
	for (i = 0; i < iovcnt; i++) {
		if (iov[i].iov_len > (size_t)SSIZE_MAX - total)
			return -EINVAL;
		total += iov[i].iov_len;
	}
	return 0;
}

/*
 * One transfer: wr says which way, off < 0 means "at the file position"
 * (read/readv/write/writev), else pread/pwrite at off.
 */
static long xfer(int fd, const struct iovec *iov, int iovcnt, off_t off,
		 int wr)
{
	struct uk_file *f;
	off_t local = off;
	off_t *pos;
	long r;

	r = check_iov(iov, iovcnt);
	if (r < 0)
		return r;
	f = uk_fdtab_get(fd);
	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == (wr ? O_RDONLY : O_WRONLY)) {
		r = -EBADF;
		goto out;
	}
	if (off >= 0 && !f->ops->lseek) {
		r = -ESPIPE;
		goto out;
	}
	if (!(wr ? f->ops->write : f->ops->read)) {
		r = -EINVAL;
		goto out;
	}
	pos = off >= 0 ? &local : f->ops->lseek ? &f->pos : NULL;
	r = wr ? f->ops->write(f, iov, iovcnt, pos)
	       : f->ops->read(f, iov, iovcnt, pos);
out:
	uk_fdtab_put(f);
	return r;
}

UK_SYSCALL_DEFINE3(read, int, fd, void *, buf, size_t, count)
{
	struct iovec iov = { buf, count };

	return xfer(fd, &iov, 1, -1, 0);
}

UK_SYSCALL_DEFINE3(write, int, fd, const void *, buf, size_t, count)
{
	struct iovec iov = { (void *)buf, count };

	return xfer(fd, &iov, 1, -1, 1);
}

UK_SYSCALL_DEFINE3(readv, int, fd, const struct iovec *, iov, int, iovcnt)
{
	return xfer(fd, iov, iovcnt, -1, 0);
}

UK_SYSCALL_DEFINE3(writev, int, fd, const struct iovec *, iov, int, iovcnt)
{
	return xfer(fd, iov, iovcnt, -1, 1);
}

UK_SYSCALL_DEFINE4(pread64, int, fd, void *, buf, size_t, count, off_t, off)
{
	struct iovec iov = { buf, count };

	return off < 0 ? -EINVAL : xfer(fd, &iov, 1, off, 0);
}

UK_SYSCALL_DEFINE4(pwrite64, int, fd, const void *, buf, size_t, count,
		   off_t, off)
{
	struct iovec iov = { (void *)buf, count };

	return off < 0 ? -EINVAL : xfer(fd, &iov, 1, off, 1);
}

/* preadv/pwritev: musl passes the offset as (low, high) halves; on
 * x86_64 the low half is the whole offset and high is 0. */
UK_SYSCALL_DEFINE5(preadv, int, fd, const struct iovec *, iov, int, iovcnt,
		   unsigned long, lo, unsigned long, hi)
{
	off_t off = (off_t)(lo | (hi << 32 << 32));

	return off < 0 ? -EINVAL : xfer(fd, iov, iovcnt, off, 0);
}

UK_SYSCALL_DEFINE5(pwritev, int, fd, const struct iovec *, iov, int, iovcnt,
		   unsigned long, lo, unsigned long, hi)
{
	off_t off = (off_t)(lo | (hi << 32 << 32));

	return off < 0 ? -EINVAL : xfer(fd, iov, iovcnt, off, 1);
}

UK_SYSCALL_DEFINE3(lseek, int, fd, off_t, off, int, whence)
{
	struct uk_file *f = uk_fdtab_get(fd);
	long r;

	if (!f)
		return -EBADF;
	if (!f->ops->lseek)
		r = -ESPIPE;
	else if (whence < SEEK_SET || whence > SEEK_HOLE)
		r = -EINVAL;
	else
		r = f->ops->lseek(f, off, whence);
	uk_fdtab_put(f);
	return r;
}

UK_SYSCALL_DEFINE2(fstat, int, fd, struct stat *, st)
{
	struct uk_file *f = uk_fdtab_get(fd);
	long r = 0;

	if (!f)
		return -EBADF;
	memset(st, 0, sizeof(*st));
	if (f->ops->stat)
		r = f->ops->stat(f, st);
	uk_fdtab_put(f);
	return r;
}

UK_SYSCALL_DEFINE3(ioctl, int, fd, unsigned long, req, void *, arg)
{
	struct uk_file *f = uk_fdtab_get(fd);
	unsigned long fl;
	long r = 0;

	if (!f)
		return -EBADF;
	switch (req) {
	case FIONBIO:
		fl = ukplat_irq_save();
		if (*(const int *)arg)
			f->flags |= O_NONBLOCK;
		else
			f->flags &= ~O_NONBLOCK;
		ukplat_irq_restore(fl);
		break;
	case FIOCLEX:
	case FIONCLEX:
		r = uk_fdtab_set_cloexec(fd, req == FIOCLEX);
		break;
	default:
		r = f->ops->ioctl ? f->ops->ioctl(f, req, arg) : -ENOTTY;
	}
	uk_fdtab_put(f);
	return r;
}
