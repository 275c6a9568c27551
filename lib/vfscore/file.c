/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Open files: a struct vfs_file is a posix-fdtab file on a vnode, so
 * read/write/lseek/fstat/close/dup come through the descriptor table,
 * and the calls of our own (getdents64, ftruncate, fchmod...) find it
 * by its ops pointer. The file position is f->pos, changed under the
 * vnode's lock. A vnode with an open op (a device, a fifo) hands out a
 * file of its file system's own instead. Here too: open, openat, creat,
 * and fcntl's record locks (F_GETLK, F_SETLK, F_SETLKW).
 */
#include <errno.h>
#include <unistd.h>
#include <string.h>
#include <sys/ioctl.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

/* Flags an open file keeps (the rest only matter to open itself) */
#define KEPT_FLAGS (O_ACCMODE | O_APPEND | O_NONBLOCK | O_DSYNC | O_SYNC | \
		    O_DIRECT | O_NOATIME | O_PATH | O_LARGEFILE | O_ASYNC)

static struct vfs_file *to_vf(struct uk_file *f)
{
	return uk_container_of(f, struct vfs_file, f);
}

off_t vfs_size(struct uk_vnode *vn)
{
	struct stat st;
	int r;

	memset(&st, 0, sizeof(st));
	r = vn->ops->getattr(vn, &st);
	return r < 0 ? r : st.st_size;
}

static ssize_t vf_read(struct uk_file *f, const struct iovec *iov,
		       int iovcnt, off_t *pos)
{
	struct uk_vnode *vn = to_vf(f)->vn;
	ssize_t r;

	if (f->flags & O_PATH)
		return -EBADF;
	if (vn_isdir(vn))
		return -EISDIR;
	if (!vn->ops->read)
		return -EINVAL;
	vn_lock_io(vn);
	r = vn->ops->read(vn, iov, iovcnt, *pos);
	if (r > 0)
		*pos += r;
	vn_unlock_io(vn);
	return r;
}

static ssize_t vf_write(struct uk_file *f, const struct iovec *iov,
			int iovcnt, off_t *pos)
{
	struct uk_vnode *vn = to_vf(f)->vn;
	size_t total = 0;
	ssize_t r;
	off_t at;
	int i;

	if (f->flags & O_PATH)
		return -EBADF;
	if (!vn->ops->write)
		return -EINVAL;
	for (i = 0; i < iovcnt; i++)
		total += iov[i].iov_len;
	vn_lock_io(vn);
	at = *pos;
	/* O_APPEND: at the end, pwrite too (Linux; pwrite(2), BUGS) */
	if (f->flags & O_APPEND) {
		at = vfs_size(vn);
		if (at < 0) {
			r = at;
			goto out;
		}
	}
	if (total > (size_t)(LLONG_MAX - at)) {
		r = -EFBIG;
		goto out;
	}
	r = vn->ops->write(vn, iov, iovcnt, at);
	if (r > 0)
		*pos = at + r;
out:
	vn_unlock_io(vn);
	return r;
}

static off_t vf_lseek(struct uk_file *f, off_t off, int whence)
{
	struct uk_vnode *vn = to_vf(f)->vn;
	off_t base = 0, size, r;

	vn_lock_io(vn);
	size = vfs_size(vn);
	if (size < 0) {
		r = size;
		goto out;
	}
	switch (whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		base = size;
		break;
	case SEEK_DATA:
	case SEEK_HOLE:
		if (off < 0 || off >= size || vn_isdir(vn)) {
			r = vn_isdir(vn) ? -EINVAL : -ENXIO;
			goto out;
		}
		r = vn->ops->seek_data ?
			vn->ops->seek_data(vn, off, whence == SEEK_HOLE) :
			(whence == SEEK_HOLE ? size : off);
		if (r >= 0)
			f->pos = r;
		goto out;
	}
	if ((off > 0 && base > LLONG_MAX - off) || base + off < 0) {
		r = (off > 0) ? -EOVERFLOW : -EINVAL;
		goto out;
	}
	r = f->pos = base + off;
out:
	vn_unlock_io(vn);
	return r;
}

static int vf_stat(struct uk_file *f, struct stat *st)
{
	return vfs_getattr(to_vf(f)->vn, st);
}

static long vf_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	struct uk_vnode *vn = to_vf(f)->vn;
	off_t size;

	if (req == FIONREAD && S_ISREG(vn->mode)) {
		vn_lock_io(vn);
		size = vfs_size(vn);
		vn_unlock_io(vn);
		if (size < 0)
			return size;
		*(int *)arg = size > f->pos ? (int)UK_MIN(size - f->pos,
							   (off_t)INT_MAX) : 0;
		return 0;
	}
	return -ENOTTY;
}

static void vf_release(struct uk_file *f)
{
	struct vfs_file *vf = to_vf(f);

	uk_vfs_vnode_put(vf->vn);
	vfs_obj_free(&vfs_file_cache, vf);
}

/*
 * fcntl's POSIX record locks. They belong to a process, and a process's
 * own locks never conflict with one another: a lock it takes replaces
 * or splits the ones it holds, and F_GETLK reports only another
 * process's (POSIX, fcntl(2)). The kit runs one process, so every
 * well-formed request succeeds at once (F_SETLKW never waits) and
 * F_GETLK always answers F_UNLCK; what is checked is what Linux checks:
 * the type (and, to set one, that the file is open for it: EBADF),
 * l_whence, and a range that starts at 0 or after (EINVAL) and ends
 * within off_t (EOVERFLOW). Nobody outside is excluded: a host program
 * sharing a 9p folder takes its own locks (9P's Tlock is not sent).
 * Open file description locks (F_OFD_*) are not provided (EINVAL).
 */
static long vf_lock(struct uk_file *f, int cmd, struct flock *fl)
{
	off_t base = 0, start, size;
	struct uk_vnode *vn = to_vf(f)->vn;

	if (f->flags & O_PATH)
		return -EBADF;
	switch (fl->l_type) {
	case F_RDLCK:
		if (cmd != F_GETLK && (f->flags & O_ACCMODE) == O_WRONLY)
			return -EBADF;
		break;
	case F_WRLCK:
		if (cmd != F_GETLK && (f->flags & O_ACCMODE) == O_RDONLY)
			return -EBADF;
		break;
	case F_UNLCK:
		if (cmd == F_GETLK)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	switch (fl->l_whence) {
	case SEEK_SET:
		break;
	case SEEK_CUR:
		base = f->pos;
		break;
	case SEEK_END:
		vn_lock_io(vn);
		size = vfs_size(vn);
		vn_unlock_io(vn);
		if (size < 0)
			return size;
		base = size;
		break;
	default:
		return -EINVAL;
	}
	if (fl->l_start > 0 && base > LLONG_MAX - fl->l_start)
		return -EOVERFLOW;
	if (base + fl->l_start < 0)
		return -EINVAL;
	start = base + fl->l_start;
	if (fl->l_len > 0 && fl->l_len - 1 > LLONG_MAX - start)
		return -EOVERFLOW;
	if (fl->l_len < 0 && start + fl->l_len < 0)
		return -EINVAL;
	if (cmd == F_GETLK)
		fl->l_type = F_UNLCK;	/* no other process holds one */
	return 0;
}

static long vf_fcntl(struct uk_file *f, int cmd, unsigned long arg)
{
	switch (cmd) {
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		if (!arg)
			return -EFAULT;
		return vf_lock(f, cmd, (struct flock *)arg);
	}
	return -EINVAL;
}

const struct uk_file_ops vfs_file_ops = {
	.read = vf_read,
	.write = vf_write,
	.lseek = vf_lseek,
	.stat = vf_stat,
	.ioctl = vf_ioctl,
	.release = vf_release,
	.fcntl = vf_fcntl,
};

struct vfs_file *vfs_fd_file(int fd, int *err)
{
	struct uk_file *f = uk_fdtab_get(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->ops != &vfs_file_ops) {
		uk_fdtab_put(f);
		*err = -EINVAL;
		return NULL;
	}
	return to_vf(f);
}

int vfs_fd_vnode(int fd, struct uk_vnode **out)
{
	struct uk_file *f = uk_fdtab_get(fd);

	if (!f)
		return -EBADF;
	if (f->ops != &vfs_file_ops) {
		uk_fdtab_put(f);
		return -ENOTDIR;
	}
	*out = to_vf(f)->vn;
	uk_vfs_vnode_ref(*out);
	uk_fdtab_put(f);
	return 0;
}

/* The missing last component of p made as a regular file */
static int create_file(struct vfs_path *p, mode_t mode)
{
	struct uk_vnode *dir = p->dir;
	int r;

	if (p->slash)
		return -EISDIR;
	if (!dir)
		return -ENOENT;
	if (vn_rdonly(dir))
		return -EROFS;
	if (!dir->ops->create)
		return -EPERM;
	vn_lock(dir);
	r = dir->ops->create(dir, p->name, p->len,
			     S_IFREG | (mode & 07777 & ~vfs_umask), &p->vn);
	vn_unlock(dir);
	return r;
}

/* What Linux refuses about opening the existing p->vn with flags */
static int check_open(struct uk_vnode *vn, int flags)
{
	int acc = flags & O_ACCMODE;

	if (flags & O_PATH)
		return (flags & O_DIRECTORY) && !vn_isdir(vn) ? -ENOTDIR : 0;
	if (S_ISLNK(vn->mode))
		return -ELOOP;	/* O_NOFOLLOW met a symlink */
	if (vn_isdir(vn) && ((flags & O_CREAT) || acc != O_RDONLY))
		return -EISDIR;
	if ((flags & O_DIRECTORY) && !vn_isdir(vn))
		return -ENOTDIR;
	if (acc == 3)
		return -EINVAL;
	if ((S_ISREG(vn->mode) || vn_isdir(vn)) && vn_rdonly(vn) &&
	    (acc != O_RDONLY || (flags & O_TRUNC)))
		return -EROFS;
	return 0;
}

/* Give the vnode (reference taken over) a file and a descriptor */
static long install(struct uk_vnode *vn, int flags)
{
	struct uk_file *f;
	struct vfs_file *vf;
	long fd;
	int r;

	if (vn->ops->open && !(flags & O_PATH)) {
		r = vn->ops->open(vn, flags & KEPT_FLAGS, &f);
		uk_vfs_vnode_put(vn);
		if (r < 0)
			return r;
	} else {
		vf = vfs_obj_alloc(&vfs_file_cache);
		if (!vf) {
			uk_vfs_vnode_put(vn);
			return -ENOMEM;
		}
		uk_file_init(&vf->f, &vfs_file_ops, flags & KEPT_FLAGS);
		vf->vn = vn;
		f = &vf->f;
	}
	fd = uk_fdtab_install(f, 0, flags & O_CLOEXEC);
	if (fd < 0)
		uk_fdtab_put(f);
	return fd;
}

long vfs_openat(int dirfd, const char *path, int flags, mode_t mode,
		int fromroot)
{
	unsigned int rf = fromroot ? VFS_FROMROOT : 0;
	struct vfs_path p;
	struct uk_vnode *vn;
	int r;

	if ((flags & O_TMPFILE) == O_TMPFILE)
		return -EOPNOTSUPP;
	if (!(flags & O_NOFOLLOW) &&
	    (flags & (O_CREAT | O_EXCL)) != (O_CREAT | O_EXCL))
		rf |= VFS_FOLLOW;
	if (flags & O_CREAT)
		rf |= VFS_PARENT;
	r = vfs_resolve(dirfd, path, rf, &p);
	if (r < 0)
		return r;
	if (!p.vn) {
		r = create_file(&p, mode);
		if (r == -EEXIST && !(flags & O_EXCL)) {
			/* made by somebody else meanwhile: open theirs */
			vfs_path_put(&p);
			return vfs_openat(dirfd, path, flags & ~O_CREAT, mode,
					  fromroot);
		}
	} else if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		r = -EEXIST;
	} else {
		r = check_open(p.vn, flags);
		if (!r && (flags & O_TRUNC) && S_ISREG(p.vn->mode) &&
		    !(flags & O_PATH))
			r = vfs_truncate(p.vn, 0);
	}
	if (r < 0) {
		vfs_path_put(&p);
		return r;
	}
	vn = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	return install(vn, flags);
}

UK_SYSCALL_DEFINE3(open, const char *, path, int, flags, mode_t, mode)
{
	return vfs_openat(AT_FDCWD, path, flags, mode, 0);
}

UK_SYSCALL_DEFINE4(openat, int, dirfd, const char *, path, int, flags,
		   mode_t, mode)
{
	return vfs_openat(dirfd, path, flags, mode, 0);
}

UK_SYSCALL_DEFINE2(creat, const char *, path, mode_t, mode)
{
	return vfs_openat(AT_FDCWD, path, O_CREAT | O_WRONLY | O_TRUNC, mode,
			  0);
}
