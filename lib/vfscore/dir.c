/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The calls that change a directory: mkdir, mknod, symlink, link,
 * unlink, rmdir, rename (renameat2 flags), each with its *at form, and
 * getdents64. vfscore resolves the path, makes the checks Linux makes
 * before the file system is reached (read-only mount, ".", "..", mount
 * points, a directory moved under itself, two mounts) and calls the
 * op under the directory's lock (rename: both, in address order).
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

/* Resolve the parent of a name to make: -EEXIST when it exists */
static int resolve_new(int dirfd, const char *path, int fromroot,
		       struct vfs_path *p)
{
	int r = vfs_resolve(dirfd, path,
			    VFS_PARENT | (fromroot ? VFS_FROMROOT : 0), p);

	if (r < 0)
		return r;
	if (p->vn || !p->dir) {
		vfs_path_put(p);
		return -EEXIST;
	}
	if (vn_rdonly(p->dir)) {
		vfs_path_put(p);
		return -EROFS;
	}
	return 0;
}

long vfs_mkdirat(int dirfd, const char *path, mode_t mode, int fromroot)
{
	struct vfs_path p;
	int r = resolve_new(dirfd, path, fromroot, &p);

	if (r < 0)
		return r;
	if (!p.dir->ops->mkdir) {
		r = -EPERM;
	} else {
		vn_lock(p.dir);
		r = p.dir->ops->mkdir(p.dir, p.name, p.len,
				      S_IFDIR | (mode & 07777 & ~vfs_umask));
		vn_unlock(p.dir);
	}
	vfs_path_put(&p);
	return r;
}

long vfs_mknodat(int dirfd, const char *path, mode_t mode, dev_t dev,
		 int fromroot)
{
	mode_t type = mode & S_IFMT;
	struct vfs_path p;
	int r;

	if (type == 0)
		type = S_IFREG;
	if (type == S_IFDIR)
		return -EPERM;
	if (type != S_IFREG && type != S_IFCHR && type != S_IFBLK &&
	    type != S_IFIFO && type != S_IFSOCK)
		return -EINVAL;
	r = resolve_new(dirfd, path, fromroot, &p);
	if (r < 0)
		return r;
	if (p.slash) {
		r = -ENOENT;
	} else if (type == S_IFREG && p.dir->ops->create) {
		vn_lock(p.dir);
		r = p.dir->ops->create(p.dir, p.name, p.len,
				       type | (mode & 07777 & ~vfs_umask),
				       NULL);
		vn_unlock(p.dir);
	} else if (!p.dir->ops->mknod) {
		r = -EPERM;
	} else {
		vn_lock(p.dir);
		r = p.dir->ops->mknod(p.dir, p.name, p.len,
				      type | (mode & 07777 & ~vfs_umask), dev);
		vn_unlock(p.dir);
	}
	vfs_path_put(&p);
	return r;
}

long vfs_symlinkat(const char *target, int dirfd, const char *path,
		   int fromroot)
{
	struct vfs_path p;
	size_t tl;
	int r;

	if (!target)
		return -EFAULT;
	tl = strnlen(target, PATH_MAX);
	if (tl == 0)
		return -ENOENT;
	if (tl >= PATH_MAX)
		return -ENAMETOOLONG;
	r = resolve_new(dirfd, path, fromroot, &p);
	if (r < 0)
		return r;
	if (p.slash) {
		r = -ENOENT;
	} else if (!p.dir->ops->symlink) {
		r = -EPERM;
	} else {
		vn_lock(p.dir);
		r = p.dir->ops->symlink(p.dir, p.name, p.len, target);
		vn_unlock(p.dir);
	}
	vfs_path_put(&p);
	return r;
}

long vfs_linkat(int odirfd, const char *opath, int ndirfd,
		const char *npath, int flags, int fromroot)
{
	unsigned int rf = fromroot ? VFS_FROMROOT : 0;
	struct vfs_path o, n;
	int r;

	if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	r = vfs_resolve(odirfd, opath, rf |
			((flags & AT_SYMLINK_FOLLOW) ? VFS_FOLLOW : 0) |
			((flags & AT_EMPTY_PATH) ? VFS_EMPTY : 0), &o);
	if (r < 0)
		return r;
	if (o.slash && !vn_isdir(o.vn)) {
		r = -ENOTDIR;
		goto out_o;
	}
	r = resolve_new(ndirfd, npath, fromroot, &n);
	if (r < 0)
		goto out_o;
	if (vn_isdir(o.vn))
		r = -EPERM;
	else if (n.slash)
		r = -ENOENT;
	else if (o.vn->mount != n.dir->mount)
		r = -EXDEV;
	else if (!n.dir->ops->link)
		r = -EPERM;
	if (!r) {
		vn_lock(n.dir);
		r = n.dir->ops->link(n.dir, n.name, n.len, o.vn);
		vn_unlock(n.dir);
	}
	vfs_path_put(&n);
out_o:
	vfs_path_put(&o);
	return r;
}

/* Resolve an existing name to remove; its dir and vnode held */
static int resolve_old(int dirfd, const char *path, int fromroot,
		       struct vfs_path *p)
{
	int r = vfs_resolve(dirfd, path, fromroot ? VFS_FROMROOT : 0, p);

	if (r < 0)
		return r;
	if (!p->vn) {
		vfs_path_put(p);
		return -ENOENT;
	}
	return 0;
}

static long do_rmdir(struct vfs_path *p)
{
	int r;

	if (p->dots)	/* ".": EINVAL, "..": ENOTEMPTY, "/": EBUSY */
		return !p->len ? -EBUSY :
		       p->len == 1 ? -EINVAL : -ENOTEMPTY;
	if (!vn_isdir(p->vn))
		return -ENOTDIR;
	if (p->vn == p->vn->mount->root || p->vn->mounted)
		return -EBUSY;
	if (vn_rdonly(p->dir))
		return -EROFS;
	if (!p->dir->ops->rmdir)
		return -EPERM;
	vn_lock(p->dir);
	r = p->dir->ops->rmdir(p->dir, p->name, p->len);
	vn_unlock(p->dir);
	if (r == 0)
		uk_vfs_vnode_gone(p->vn);
	return r;
}

static long do_unlink(struct vfs_path *p)
{
	int r;

	if (vn_isdir(p->vn))
		return -EISDIR;
	if (vn_rdonly(p->dir))
		return -EROFS;
	if (!p->dir->ops->unlink)
		return -EPERM;
	vn_lock(p->dir);
	r = p->dir->ops->unlink(p->dir, p->name, p->len);
	vn_unlock(p->dir);
	if (r == 0)
		vfs_vnode_gone(p->vn);
	return r;
}

long vfs_unlinkat(int dirfd, const char *path, int flags, int fromroot)
{
	struct vfs_path p;
	long r;

	if (flags & ~AT_REMOVEDIR)
		return -EINVAL;
	r = resolve_old(dirfd, path, fromroot, &p);
	if (r < 0)
		return r;
	r = (flags & AT_REMOVEDIR) ? do_rmdir(&p) : do_unlink(&p);
	vfs_path_put(&p);
	return r;
}

/* dir is at or under top (both directories) */
static int is_under(struct uk_vnode *dir, struct uk_vnode *top)
{
	struct uk_vnode *vn = dir, *up;
	int under = 0;

	uk_vfs_vnode_ref(vn);
	for (;;) {
		if (vn == top) {
			under = 1;
			break;
		}
		up = vfs_dotdot(vn);
		if (up == vn) {
			uk_vfs_vnode_put(up);
			break;
		}
		uk_vfs_vnode_put(vn);
		vn = up;
	}
	uk_vfs_vnode_put(vn);
	return under;
}

/* What Linux refuses before the file system sees a rename */
static int check_rename(struct vfs_path *o, struct vfs_path *n,
			unsigned int flags)
{
	if (o->dots || n->dots || !n->dir)
		return (flags & RENAME_NOREPLACE) && n->dots ? -EEXIST
							     : -EBUSY;
	if (o->vn->mount != n->dir->mount)
		return -EXDEV;
	if (o->slash && !vn_isdir(o->vn))
		return -ENOTDIR;
	if (!n->vn && (flags & RENAME_EXCHANGE))
		return -ENOENT;
	if (n->vn && (flags & RENAME_NOREPLACE))
		return -EEXIST;
	if (o->vn == o->vn->mount->root || o->vn->mounted ||
	    (n->vn && (n->vn->mounted || n->vn == n->vn->mount->root)))
		return -EBUSY;
	if (n->vn && !(flags & RENAME_EXCHANGE)) {
		if (vn_isdir(o->vn) && !vn_isdir(n->vn))
			return -ENOTDIR;
		if (!vn_isdir(o->vn) && vn_isdir(n->vn))
			return -EISDIR;
	}
	if (!n->vn && n->slash && !vn_isdir(o->vn))
		return -ENOTDIR;
	if (vn_isdir(o->vn) && is_under(n->dir, o->vn))
		return -EINVAL;
	if (n->vn && vn_isdir(n->vn) && (flags & RENAME_EXCHANGE) &&
	    is_under(o->dir, n->vn))
		return -EINVAL;
	if (vn_rdonly(o->dir))
		return -EROFS;
	return o->dir->ops->rename ? 0 : -EPERM;
}

/* A directory moved into ndir: its ".." is ndir now */
static void reparent(struct uk_vnode *vn, struct uk_vnode *ndir)
{
	struct uk_vnode *old;
	unsigned long fl;

	if (!vn_isdir(vn))
		return;
	fl = vfs_cache_lock();
	old = vn->parent;
	ndir->refs++;
	vn->parent = ndir;
	vfs_cache_unlock(fl);
	if (old)
		uk_vfs_vnode_put(old);
}

static long do_rename(int odirfd, const char *opath, int ndirfd,
		      const char *npath, unsigned int flags)
{
	struct uk_vnode *a, *b;
	struct vfs_path o, n;
	long r;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT) ||
	    ((flags & RENAME_EXCHANGE) &&
	     (flags & (RENAME_NOREPLACE | RENAME_WHITEOUT))))
		return -EINVAL;
	r = resolve_old(odirfd, opath, 0, &o);
	if (r < 0)
		return r;
	r = vfs_resolve(ndirfd, npath, VFS_PARENT, &n);
	if (r < 0)
		goto out_o;
	r = check_rename(&o, &n, flags);
	if (r < 0 || o.vn == n.vn)
		goto out;	/* two names of one file: nothing to do */
	a = o.dir < n.dir ? o.dir : n.dir;
	b = o.dir < n.dir ? n.dir : o.dir;
	vn_lock(a);
	if (b != a)
		vn_lock(b);
	r = o.dir->ops->rename(o.dir, o.name, o.len, n.dir, n.name, n.len,
			       flags);
	if (b != a)
		vn_unlock(b);
	vn_unlock(a);
	if (r == 0 && n.vn && !(flags & RENAME_EXCHANGE))
		vfs_vnode_gone(n.vn);	/* replaced: maybe its last name */
	if (r == 0 && o.dir != n.dir) {
		reparent(o.vn, n.dir);
		if (n.vn && (flags & RENAME_EXCHANGE))
			reparent(n.vn, o.dir);
	}
out:
	vfs_path_put(&n);
out_o:
	vfs_path_put(&o);
	return r;
}

UK_SYSCALL_DEFINE2(mkdir, const char *, path, mode_t, mode)
{
	return vfs_mkdirat(AT_FDCWD, path, mode, 0);
}

UK_SYSCALL_DEFINE3(mkdirat, int, dirfd, const char *, path, mode_t, mode)
{
	return vfs_mkdirat(dirfd, path, mode, 0);
}

UK_SYSCALL_DEFINE3(mknod, const char *, path, mode_t, mode, dev_t, dev)
{
	return vfs_mknodat(AT_FDCWD, path, mode, dev, 0);
}

UK_SYSCALL_DEFINE4(mknodat, int, dirfd, const char *, path, mode_t, mode,
		   dev_t, dev)
{
	return vfs_mknodat(dirfd, path, mode, dev, 0);
}

UK_SYSCALL_DEFINE2(symlink, const char *, target, const char *, path)
{
	return vfs_symlinkat(target, AT_FDCWD, path, 0);
}

UK_SYSCALL_DEFINE3(symlinkat, const char *, target, int, dirfd,
		   const char *, path)
{
	return vfs_symlinkat(target, dirfd, path, 0);
}

UK_SYSCALL_DEFINE2(link, const char *, opath, const char *, npath)
{
	return vfs_linkat(AT_FDCWD, opath, AT_FDCWD, npath, 0, 0);
}

UK_SYSCALL_DEFINE5(linkat, int, odirfd, const char *, opath, int, ndirfd,
		   const char *, npath, int, flags)
{
	return vfs_linkat(odirfd, opath, ndirfd, npath, flags, 0);
}

UK_SYSCALL_DEFINE1(unlink, const char *, path)
{
	return vfs_unlinkat(AT_FDCWD, path, 0, 0);
}

UK_SYSCALL_DEFINE3(unlinkat, int, dirfd, const char *, path, int, flags)
{
	return vfs_unlinkat(dirfd, path, flags, 0);
}

UK_SYSCALL_DEFINE1(rmdir, const char *, path)
{
	return vfs_unlinkat(AT_FDCWD, path, AT_REMOVEDIR, 0);
}

UK_SYSCALL_DEFINE2(rename, const char *, opath, const char *, npath)
{
	return do_rename(AT_FDCWD, opath, AT_FDCWD, npath, 0);
}

UK_SYSCALL_DEFINE4(renameat, int, odirfd, const char *, opath, int, ndirfd,
		   const char *, npath)
{
	return do_rename(odirfd, opath, ndirfd, npath, 0);
}

UK_SYSCALL_DEFINE5(renameat2, int, odirfd, const char *, opath, int,
		   ndirfd, const char *, npath, unsigned int, flags)
{
	return do_rename(odirfd, opath, ndirfd, npath, flags);
}

/* getdents64 */
struct dirent_buf {
	char *buf;
	size_t len, used;
	off_t next;		/* the cookie after the last entry copied */
	int full;		/* an entry did not fit */
};

struct linux_dirent64 {
	uint64_t d_ino;
	int64_t d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int emit_dirent(void *ctx, const char *name, size_t len,
		       uint64_t ino, unsigned char type, off_t next)
{
	struct dirent_buf *b = ctx;
	struct linux_dirent64 *d;
	size_t head = offsetof(struct linux_dirent64, d_name);
	size_t rec = UK_ALIGN_UP(head + len + 1, 8);

	if (b->used + rec > b->len) {
		b->full = 1;
		return 1;
	}
	d = (struct linux_dirent64 *)(b->buf + b->used);
	d->d_ino = ino;
	d->d_off = next;
	d->d_reclen = (unsigned short)rec;
	d->d_type = type;
	memcpy(d->d_name, name, len);
	memset(d->d_name + len, 0, rec - head - len);
	b->used += rec;
	b->next = next;
	return 0;
}

UK_SYSCALL_DEFINE3(getdents64, int, fd, void *, buf, size_t, len)
{
	struct dirent_buf b = { buf, len, 0, 0, 0 };
	struct uk_vnode *vn;
	struct vfs_file *vf;
	off_t cookie;
	int r;

	vf = vfs_fd_file(fd, &r);
	if (!vf)
		return r == -EINVAL ? -ENOTDIR : r;
	vn = vf->vn;
	if (!vn_isdir(vn) || !vn->ops->readdir) {
		r = -ENOTDIR;
		goto out;
	}
	if (vf->f.flags & O_PATH) {
		r = -EBADF;
		goto out;
	}
	vn_lock_io(vn);
	cookie = b.next = vf->f.pos;
	r = vn->ops->readdir(vn, &cookie, emit_dirent, &b);
	if (r >= 0) {
		/* An entry that did not fit in an empty buffer: Linux's */
		if (b.used == 0 && b.full)
			r = -EINVAL;
		else
			r = (int)b.used;
		vf->f.pos = b.next;
	}
	vn_unlock_io(vn);
out:
	uk_fdtab_put(&vf->f);
	return r;
}
