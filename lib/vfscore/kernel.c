/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The calls for kernel users (the initrd unpacker, tests): the same code
 * as the system calls, with relative paths taken from the root instead
 * of the cwd. Descriptors are ordinary ones (posix-fdtab's).
 */
#include <errno.h>
#include <sys/uio.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

int uk_vfs_open(const char *path, int flags, mode_t mode)
{
	return (int)vfs_openat(AT_FDCWD, path, flags, mode, 1);
}

int uk_vfs_mkdir(const char *path, mode_t mode)
{
	return (int)vfs_mkdirat(AT_FDCWD, path, mode, 1);
}

int uk_vfs_symlink(const char *target, const char *path)
{
	return (int)vfs_symlinkat(target, AT_FDCWD, path, 1);
}

int uk_vfs_mknod(const char *path, mode_t mode, dev_t dev)
{
	return (int)vfs_mknodat(AT_FDCWD, path, mode, dev, 1);
}

int uk_vfs_link(const char *oldpath, const char *newpath)
{
	return (int)vfs_linkat(AT_FDCWD, oldpath, AT_FDCWD, newpath, 0, 1);
}

int uk_vfs_unlink(const char *path)
{
	return (int)vfs_unlinkat(AT_FDCWD, path, 0, 1);
}

int uk_vfs_stat(const char *path, struct stat *st)
{
	return (int)vfs_statat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW, 1);
}

int uk_vfs_chmod(const char *path, mode_t mode)
{
	return (int)vfs_chmodat(AT_FDCWD, path, mode, 0, 1);
}

int uk_vfs_chown(const char *path, uid_t uid, gid_t gid)
{
	return (int)vfs_chownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW,
				1);
}

int uk_vfs_utime(const char *path, const struct timespec *mtime)
{
	struct timespec ts[2] = { *mtime, *mtime };

	return (int)vfs_utimensat(AT_FDCWD, path, ts, AT_SYMLINK_NOFOLLOW, 1);
}

/* Through the descriptor's ops, as write(2) does, until all is done */
static ssize_t xfer_all(int fd, void *buf, size_t len, int wr)
{
	struct uk_file *f = uk_fdtab_get(fd);
	struct iovec iov;
	size_t done = 0;
	ssize_t r = 0;
	off_t *pos;

	if (!f)
		return -EBADF;
	if ((f->flags & O_ACCMODE) == (wr ? O_RDONLY : O_WRONLY)) {
		uk_fdtab_put(f);
		return -EBADF;
	}
	if (!(wr ? f->ops->write : f->ops->read)) {
		uk_fdtab_put(f);
		return -EINVAL;
	}
	pos = f->ops->lseek ? &f->pos : NULL;
	while (done < len) {
		iov.iov_base = (char *)buf + done;
		iov.iov_len = len - done;
		r = wr ? f->ops->write(f, &iov, 1, pos)
		       : f->ops->read(f, &iov, 1, pos);
		if (r <= 0)
			break;
		done += (size_t)r;
	}
	uk_fdtab_put(f);
	return r < 0 ? r : (ssize_t)done;
}

ssize_t uk_vfs_write(int fd, const void *buf, size_t len)
{
	return xfer_all(fd, (void *)buf, len, 1);
}

ssize_t uk_vfs_read(int fd, void *buf, size_t len)
{
	return xfer_all(fd, buf, len, 0);
}

int uk_vfs_close(int fd)
{
	return (int)uk_syscall(SYS_close, fd, 0, 0, 0, 0, 0);
}
