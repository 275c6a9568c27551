/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The calls that read what a file is: stat, lstat, newfstatat, statx,
 * statfs, fstatfs, readlink, readlinkat, access, faccessat, faccessat2.
 * (fstat is posix-fdtab's, through the file's stat op.) st_dev and
 * st_ino are vfscore's: the mount's device and the vnode's number.
 * The image runs as root: access() grants reading and writing, and
 * executing what has an x bit or is a directory, as Linux does for root.
 */
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

int vfs_getattr(struct uk_vnode *vn, struct stat *st)
{
	int r;

	memset(st, 0, sizeof(*st));
	vn_lock(vn);
	r = vn->ops->getattr(vn, st);
	vn_unlock(vn);
	if (r < 0)
		return r;
	st->st_dev = vn->mount->dev;
	st->st_ino = vn->ino;
	if (!st->st_blksize)
		st->st_blksize = 4096;
	return 0;
}

/* stat of the empty path: dirfd itself, whatever kind of file it is */
static long stat_fd(int dirfd, struct stat *st)
{
	struct uk_vnode *vn;
	struct uk_file *f;
	long r;

	if (dirfd == AT_FDCWD) {
		vn = vfs_cwd_get();
		if (!vn)
			return -ENOENT;
		r = vfs_getattr(vn, st);
		uk_vfs_vnode_put(vn);
		return r;
	}
	f = uk_fdtab_get(dirfd);
	if (!f)
		return -EBADF;
	memset(st, 0, sizeof(*st));
	r = f->ops->stat ? f->ops->stat(f, st) : 0;
	uk_fdtab_put(f);
	return r;
}

long vfs_statat(int dirfd, const char *path, struct stat *st, int flags,
		int fromroot)
{
	struct vfs_path p;
	long r;

	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH | AT_NO_AUTOMOUNT))
		return -EINVAL;
	if (!st)
		return -EFAULT;
	if (path && !path[0] && (flags & AT_EMPTY_PATH))
		return stat_fd(dirfd, st);
	r = vfs_resolve(dirfd, path,
			((flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW) |
			(fromroot ? VFS_FROMROOT : 0), &p);
	if (r < 0)
		return r;
	r = vfs_getattr(p.vn, st);
	vfs_path_put(&p);
	return r;
}

UK_SYSCALL_DEFINE2(stat, const char *, path, struct stat *, st)
{
	return vfs_statat(AT_FDCWD, path, st, 0, 0);
}

UK_SYSCALL_DEFINE2(lstat, const char *, path, struct stat *, st)
{
	return vfs_statat(AT_FDCWD, path, st, AT_SYMLINK_NOFOLLOW, 0);
}

UK_SYSCALL_DEFINE4(newfstatat, int, dirfd, const char *, path,
		   struct stat *, st, int, flags)
{
	return vfs_statat(dirfd, path, st, flags, 0);
}

/* Linux's struct statx (musl 1.2.3 has none) */
struct statx_ts {
	int64_t tv_sec;
	uint32_t tv_nsec;
	int32_t reserved;
};

struct uk_statx {
	uint32_t stx_mask, stx_blksize;
	uint64_t stx_attributes;
	uint32_t stx_nlink, stx_uid, stx_gid;
	uint16_t stx_mode, spare0;
	uint64_t stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	uint32_t stx_rdev_major, stx_rdev_minor;
	uint32_t stx_dev_major, stx_dev_minor;
	uint64_t stx_mnt_id;
	uint32_t stx_dio_mem_align, stx_dio_offset_align;
	uint64_t spare3[12];
};
_Static_assert(sizeof(struct uk_statx) == 256, "Linux's statx is 256 bytes");

#define STATX_BASIC_STATS	0x7ffu
#define STATX_MNT_ID		0x1000u
#define STATX__RESERVED		0x80000000u
#define AT_STATX_SYNC_TYPE	0x6000

static struct statx_ts to_stx_ts(const struct timespec *ts)
{
	struct statx_ts t = { ts->tv_sec, (uint32_t)ts->tv_nsec, 0 };

	return t;
}

UK_SYSCALL_DEFINE5(statx, int, dirfd, const char *, path, int, flags,
		   unsigned int, mask, struct uk_statx *, stx)
{
	struct stat st;
	long r;

	if ((flags & AT_STATX_SYNC_TYPE) == AT_STATX_SYNC_TYPE ||
	    (mask & STATX__RESERVED))
		return -EINVAL;
	flags &= ~AT_STATX_SYNC_TYPE;
	if (!stx)
		return -EFAULT;
	r = vfs_statat(dirfd, path, &st, flags, 0);
	if (r < 0)
		return r;
	memset(stx, 0, sizeof(*stx));
	stx->stx_mask = STATX_BASIC_STATS | STATX_MNT_ID;
	stx->stx_blksize = (uint32_t)st.st_blksize;
	stx->stx_nlink = (uint32_t)st.st_nlink;
	stx->stx_uid = st.st_uid;
	stx->stx_gid = st.st_gid;
	stx->stx_mode = (uint16_t)st.st_mode;
	stx->stx_ino = st.st_ino;
	stx->stx_size = (uint64_t)st.st_size;
	stx->stx_blocks = (uint64_t)st.st_blocks;
	stx->stx_atime = to_stx_ts(&st.st_atim);
	stx->stx_ctime = to_stx_ts(&st.st_ctim);
	stx->stx_mtime = to_stx_ts(&st.st_mtim);
	stx->stx_rdev_major = major(st.st_rdev);
	stx->stx_rdev_minor = minor(st.st_rdev);
	stx->stx_dev_major = major(st.st_dev);
	stx->stx_dev_minor = minor(st.st_dev);
	stx->stx_mnt_id = minor(st.st_dev);
	return 0;
}

static int do_statfs(struct uk_vnode *vn, struct statfs *sf)
{
	struct uk_vfs_mount *m = vn->mount;
	int r = 0;

	if (!sf)
		return -EFAULT;
	memset(sf, 0, sizeof(*sf));
	sf->f_bsize = 4096;
	sf->f_namelen = NAME_MAX;
	if (m->type->statfs)
		r = m->type->statfs(m, sf);
	sf->f_fsid.__val[0] = (int)minor(m->dev);
	sf->f_frsize = sf->f_frsize ? sf->f_frsize : sf->f_bsize;
	sf->f_flags = (m->flags & MS_RDONLY) ? ST_RDONLY : 0;
	return r;
}

UK_SYSCALL_DEFINE2(statfs, const char *, path, struct statfs *, sf)
{
	struct vfs_path p;
	long r = vfs_resolve(AT_FDCWD, path, VFS_FOLLOW, &p);

	if (r < 0)
		return r;
	r = do_statfs(p.vn, sf);
	vfs_path_put(&p);
	return r;
}

UK_SYSCALL_DEFINE2(fstatfs, int, fd, struct statfs *, sf)
{
	struct uk_vnode *vn;
	long r = vfs_fd_vnode(fd, &vn);

	if (r < 0)
		return r == -ENOTDIR ? -ENOSYS : r;
	r = do_statfs(vn, sf);
	uk_vfs_vnode_put(vn);
	return r;
}

static long do_readlinkat(int dirfd, const char *path, char *buf,
			  int bufsiz)
{
	struct vfs_path p;
	long r;

	if (bufsiz <= 0)
		return -EINVAL;
	r = vfs_resolve(dirfd, path, VFS_EMPTY, &p);
	if (r < 0)
		return r;
	if (!S_ISLNK(p.vn->mode) || !p.vn->ops->readlink) {
		r = (path && !path[0]) ? -ENOENT : -EINVAL;
	} else {
		vn_lock(p.vn);
		r = p.vn->ops->readlink(p.vn, buf, (size_t)bufsiz);
		vn_unlock(p.vn);
	}
	vfs_path_put(&p);
	return r;
}

UK_SYSCALL_DEFINE3(readlink, const char *, path, char *, buf, int, bufsiz)
{
	return do_readlinkat(AT_FDCWD, path, buf, bufsiz);
}

UK_SYSCALL_DEFINE4(readlinkat, int, dirfd, const char *, path, char *, buf,
		   int, bufsiz)
{
	return do_readlinkat(dirfd, path, buf, bufsiz);
}

static long do_access(int dirfd, const char *path, int mode, int flags)
{
	struct vfs_path p;
	long r;

	if (mode & ~(R_OK | W_OK | X_OK))
		return -EINVAL;
	if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = vfs_resolve(dirfd, path,
			((flags & AT_SYMLINK_NOFOLLOW) ? 0 : VFS_FOLLOW) |
			((flags & AT_EMPTY_PATH) ? VFS_EMPTY : 0), &p);
	if (r < 0)
		return r;
	if ((mode & W_OK) && vn_rdonly(p.vn) &&
	    (S_ISREG(p.vn->mode) || vn_isdir(p.vn) || S_ISLNK(p.vn->mode)))
		r = -EROFS;
	else if ((mode & X_OK) && !vn_isdir(p.vn) &&
		 !(p.vn->mode & (S_IXUSR | S_IXGRP | S_IXOTH)))
		r = -EACCES;
	vfs_path_put(&p);
	return r;
}

UK_SYSCALL_DEFINE2(access, const char *, path, int, mode)
{
	return do_access(AT_FDCWD, path, mode, 0);
}

UK_SYSCALL_DEFINE3(faccessat, int, dirfd, const char *, path, int, mode)
{
	return do_access(dirfd, path, mode, 0);
}

#ifdef SYS_faccessat2
UK_SYSCALL_DEFINE4(faccessat2, int, dirfd, const char *, path, int, mode,
		   int, flags)
{
	return do_access(dirfd, path, mode, flags);
}
#endif
