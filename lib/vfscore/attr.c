/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The calls that change what a file is: chmod, fchmod, fchmodat, chown,
 * fchown, lchown, fchownat, utimensat, truncate, ftruncate, fallocate,
 * and the ones that push it to storage: fsync, fdatasync, syncfs, sync.
 * Each goes to the vnode's setattr (or fallocate/fsync) under its lock,
 * after the checks Linux makes first (a read-only mount: EROFS).
 */
#include <errno.h>
#include <string.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

/* <fcntl.h>'s, Linux's values (not every libc the kit builds with has them) */
#ifndef SYNC_FILE_RANGE_WAIT_BEFORE
#define SYNC_FILE_RANGE_WAIT_BEFORE 1
#define SYNC_FILE_RANGE_WRITE 2
#define SYNC_FILE_RANGE_WAIT_AFTER 4
#endif

int vfs_setattr(struct uk_vnode *vn, const struct uk_vattr *va,
		unsigned int mask)
{
	int r;

	if (vn_rdonly(vn))
		return -EROFS;
	if (!vn->ops->setattr)
		return -EPERM;
	vn_lock(vn);
	r = vn->ops->setattr(vn, va, mask);
	vn_unlock(vn);
	return r;
}

int vfs_truncate(struct uk_vnode *vn, off_t len)
{
	struct uk_vattr va = { .size = len };

	if (len < 0)
		return -EINVAL;
	if (vn_isdir(vn))
		return -EISDIR;
	if (!S_ISREG(vn->mode))
		return -EINVAL;
	return vfs_setattr(vn, &va, UK_VATTR_SIZE);
}

/* The vnode that path (or, empty with AT_EMPTY_PATH / NULL, dirfd)
 * names, referenced */
static int target(int dirfd, const char *path, int flags, int fromroot,
		  struct uk_vnode **out)
{
	struct vfs_path p;
	int r;

	if (!path || (!path[0] && (flags & AT_EMPTY_PATH))) {
		if (dirfd == AT_FDCWD) {
			*out = vfs_cwd_get();
			return *out ? 0 : -ENOENT;
		}
		r = vfs_fd_vnode(dirfd, out);
		return r == -ENOTDIR ? -EBADF : r;
	}
	r = vfs_resolve(dirfd, path,
			((flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW) |
			(fromroot ? VFS_FROMROOT : 0), &p);
	if (r < 0)
		return r;
	*out = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	return 0;
}

long vfs_chmodat(int dirfd, const char *path, mode_t mode, int flags,
		 int fromroot)
{
	struct uk_vattr va = { .mode = mode & 07777 };
	struct uk_vnode *vn;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!path)
		return -EFAULT;
	r = target(dirfd, path, flags, fromroot, &vn);
	if (r < 0)
		return r;
	/* Linux: a symlink's mode cannot change */
	r = S_ISLNK(vn->mode) ? -EOPNOTSUPP
			      : vfs_setattr(vn, &va, UK_VATTR_MODE);
	uk_vfs_vnode_put(vn);
	return r;
}

long vfs_chownat(int dirfd, const char *path, uid_t uid, gid_t gid,
		 int flags, int fromroot)
{
	struct uk_vattr va = { .uid = uid, .gid = gid };
	unsigned int mask = 0;
	struct uk_vnode *vn;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (!path)
		return -EFAULT;
	if (uid != (uid_t)-1)
		mask |= UK_VATTR_UID;
	if (gid != (gid_t)-1)
		mask |= UK_VATTR_GID;
	r = target(dirfd, path, flags, fromroot, &vn);
	if (r < 0)
		return r;
	r = vfs_setattr(vn, &va, mask);
	uk_vfs_vnode_put(vn);
	return r;
}

static int valid_ts(const struct timespec *t)
{
	return t->tv_nsec == UTIME_NOW || t->tv_nsec == UTIME_OMIT ||
	       (t->tv_nsec >= 0 && t->tv_nsec < 1000000000L);
}

long vfs_utimensat(int dirfd, const char *path, const struct timespec *ts,
		   int flags, int fromroot)
{
	struct uk_vattr va;
	unsigned int mask = 0;
	struct uk_vnode *vn;
	struct timespec now;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	if (ts && (!valid_ts(&ts[0]) || !valid_ts(&ts[1])))
		return -EINVAL;
	uk_vfs_now(&now);
	memset(&va, 0, sizeof(va));
	va.atime = va.mtime = now;
	if (!ts || ts[0].tv_nsec != UTIME_OMIT) {
		mask |= UK_VATTR_ATIME;
		if (ts && ts[0].tv_nsec != UTIME_NOW)
			va.atime = ts[0];
	}
	if (!ts || ts[1].tv_nsec != UTIME_OMIT) {
		mask |= UK_VATTR_MTIME;
		if (ts && ts[1].tv_nsec != UTIME_NOW)
			va.mtime = ts[1];
	}
	r = target(dirfd, path, flags, fromroot, &vn);
	if (r < 0)
		return r;
	r = mask ? vfs_setattr(vn, &va, mask) : 0;
	uk_vfs_vnode_put(vn);
	return r;
}

UK_SYSCALL_DEFINE2(chmod, const char *, path, mode_t, mode)
{
	return vfs_chmodat(AT_FDCWD, path, mode, 0, 0);
}

UK_SYSCALL_DEFINE3(fchmodat, int, dirfd, const char *, path, mode_t, mode)
{
	return vfs_chmodat(dirfd, path, mode, 0, 0);
}

UK_SYSCALL_DEFINE2(fchmod, int, fd, mode_t, mode)
{
	return vfs_chmodat(fd, "", mode, AT_EMPTY_PATH, 0);
}

UK_SYSCALL_DEFINE3(chown, const char *, path, uid_t, uid, gid_t, gid)
{
	return vfs_chownat(AT_FDCWD, path, uid, gid, 0, 0);
}

UK_SYSCALL_DEFINE3(lchown, const char *, path, uid_t, uid, gid_t, gid)
{
	return vfs_chownat(AT_FDCWD, path, uid, gid, AT_SYMLINK_NOFOLLOW, 0);
}

UK_SYSCALL_DEFINE3(fchown, int, fd, uid_t, uid, gid_t, gid)
{
	return vfs_chownat(fd, "", uid, gid, AT_EMPTY_PATH, 0);
}

UK_SYSCALL_DEFINE5(fchownat, int, dirfd, const char *, path, uid_t, uid,
		   gid_t, gid, int, flags)
{
	return vfs_chownat(dirfd, path, uid, gid, flags, 0);
}

UK_SYSCALL_DEFINE4(utimensat, int, dirfd, const char *, path,
		   const struct timespec *, ts, int, flags)
{
	return vfs_utimensat(dirfd, path, ts, flags, 0);
}

UK_SYSCALL_DEFINE2(truncate, const char *, path, off_t, len)
{
	struct vfs_path p;
	long r;

	if (len < 0)
		return -EINVAL;
	r = vfs_resolve(AT_FDCWD, path, VFS_FOLLOW, &p);
	if (r < 0)
		return r;
	r = vfs_truncate(p.vn, len);
	vfs_path_put(&p);
	return r;
}

UK_SYSCALL_DEFINE2(ftruncate, int, fd, off_t, len)
{
	struct vfs_file *vf;
	int r;

	if (len < 0)
		return -EINVAL;
	vf = vfs_fd_file(fd, &r);
	if (!vf)
		return r;
	if ((vf->f.flags & O_ACCMODE) == O_RDONLY || (vf->f.flags & O_PATH))
		r = (vf->f.flags & O_PATH) ? -EBADF : -EINVAL;
	else
		r = vfs_truncate(vf->vn, len);
	uk_fdtab_put(&vf->f);
	return r;
}

UK_SYSCALL_DEFINE4(fallocate, int, fd, int, mode, off_t, off, off_t, len)
{
	struct uk_vnode *vn;
	struct vfs_file *vf;
	int r;

	if (off < 0 || len <= 0)
		return -EINVAL;
	vf = vfs_fd_file(fd, &r);
	if (!vf)
		return r == -EINVAL ? -ENODEV : r;
	vn = vf->vn;
	if ((vf->f.flags & O_ACCMODE) == O_RDONLY || (vf->f.flags & O_PATH))
		r = -EBADF;
	else if (vn_isdir(vn))
		r = -EISDIR;
	else if (!S_ISREG(vn->mode))
		r = -ENODEV;
	else if (off > LLONG_MAX - len)
		r = -EFBIG;
	else if (vn_rdonly(vn))
		r = -EROFS;
	else if (!vn->ops->fallocate)
		r = -EOPNOTSUPP;
	else {
		vn_lock(vn);
		r = vn->ops->fallocate(vn, mode, off, len);
		vn_unlock(vn);
	}
	uk_fdtab_put(&vf->f);
	return r;
}

static long do_fsync(int fd, int datasync)
{
	struct vfs_file *vf;
	struct uk_vnode *vn;
	int r;

	vf = vfs_fd_file(fd, &r);
	if (!vf)
		return r;
	vn = vf->vn;
	r = 0;
	if (vn->ops->fsync) {
		vn_lock(vn);
		r = vn->ops->fsync(vn, datasync);
		vn_unlock(vn);
	}
	uk_fdtab_put(&vf->f);
	return r;
}

UK_SYSCALL_DEFINE1(fsync, int, fd)
{
	return do_fsync(fd, 0);
}

UK_SYSCALL_DEFINE1(fdatasync, int, fd)
{
	return do_fsync(fd, 1);
}

/*
 * sync_file_range: flags must be a subset of WAIT_BEFORE|WRITE|WAIT_AFTER,
 * offset and nbytes non-negative without overflow (else EINVAL). Any
 * flag writes out the whole file's data as fdatasync does, a superset of
 * the range; no flag only checks fd, as on Linux.
 */
UK_SYSCALL_DEFINE4(sync_file_range, int, fd, off_t, offset, off_t, nbytes,
		   unsigned int, flags)
{
	if (flags & ~(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
		      SYNC_FILE_RANGE_WAIT_AFTER) ||
	    offset < 0 || nbytes < 0 || offset > INT64_MAX - nbytes)
		return -EINVAL;
	if (!flags) {
		struct vfs_file *vf;
		int r;

		vf = vfs_fd_file(fd, &r);
		if (!vf)
			return r;
		uk_fdtab_put(&vf->f);
		return 0;
	}
	return do_fsync(fd, 1);
}

UK_SYSCALL_DEFINE0(sync)
{
	vfs_sync_all();
	return 0;
}

UK_SYSCALL_DEFINE1(syncfs, int, fd)
{
	struct uk_vnode *vn;
	long r = vfs_fd_vnode(fd, &vn);

	if (r < 0)
		return r == -ENOTDIR ? 0 : r;
	if (vn->mount->type->sync)
		r = vn->mount->type->sync(vn->mount);
	uk_vfs_vnode_put(vn);
	return r;
}
