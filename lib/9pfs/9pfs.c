/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file system type "9p" (vfscore, <uk/vfs.h>) on the 9P2000.L
 * client: vfs.fstab="9p:share:/data[:msize=N]" mounts the
 * folder QEMU shares with mount_tag=share.
 *
 * A vnode holds two fids of the server's:
 *	fid	walked to the file, never opened: walks from a directory,
 *		getattr, setattr, readlink, link, the directory ops; QEMU's
 *		fids stand for paths, so each lookup that finds the vnode
 *		live gives it the fid just walked (the path last used)
 *	iofid	the same file opened (O_RDWR, or O_RDONLY when that is
 *		refused; directories O_RDONLY|O_DIRECTORY) at its first
 *		read, write or readdir, or by the Tlcreate that made it;
 *		P9_NOFID until then. Once open it is preferred for getattr
 *		and setattr, so a file unlinked while open keeps working
 *		(unlink opens a live vnode's iofid before the Tunlinkat).
 * Both are clunked when the last reference goes (inactive). vfscore's
 * vnode lock serializes ops on one vnode; the client's lock serializes
 * messages.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "9p_client.h"

struct p9fs {
	struct p9_client c;
	uint32_t root_fid;	/* the attach fid: the root vnode's fid */
};

struct p9node {
	uint32_t fid;
	uint32_t iofid;
	int iowrite;		/* iofid open for writing */
};

static const struct uk_vnode_ops p9_vnops;

static struct p9_client *cl(struct uk_vnode *vn)
{
	return &((struct p9fs *)vn->mount->priv)->c;
}

static struct p9node *node(struct uk_vnode *vn)
{
	return vn->priv;
}

static void *zalloc(size_t n)
{
	return uk_alloc_calloc(uk_alloc_get_default(), 1, n);
}

/*
 * The vnode of the file fid was walked to (a referenced vnode in *out;
 * fid is given up either way: kept by a new vnode, clunked otherwise).
 * getattr comes first, so a new vnode is complete when it is seen.
 */
static int node_get(struct uk_vfs_mount *m, uint32_t fid,
		    struct uk_vnode **out)
{
	struct p9_client *c = &((struct p9fs *)m->priv)->c;
	struct uk_vnode *vn;
	struct p9node *n;
	struct p9_attr a;
	int r, locked;

	r = p9_getattr(c, fid, &a);
	n = r < 0 ? NULL : zalloc(sizeof(*n));
	if (r >= 0 && !n)
		r = -ENOMEM;
	if (r >= 0)
		r = uk_vfs_vnode_get(m, a.qid.path, &vn);
	if (r < 0) {
		uk_free(uk_alloc_get_default(), n);
		p9_clunk(c, fid);
		return r;
	}
	if (r == 0) {
		/* Live: the new fid replaces its walked one. QEMU's fids
		 * are paths, and the old one may name a path gone since
		 * (the first of two hard links, unlinked: a Tlink or
		 * Tgetattr through it would be ENOENT). */
		uk_free(uk_alloc_get_default(), n);
		/* -EDEADLK: this thread holds it already (rename's) */
		locked = uk_lock_mutex_lock(&vn->lock) == 0;
		p9_clunk(c, node(vn)->fid);
		node(vn)->fid = fid;
		vn->mode = a.mode;
		if (locked)
			uk_lock_mutex_unlock(&vn->lock);
		*out = vn;
		return 0;
	}
	n->fid = fid;
	n->iofid = P9_NOFID;
	vn->ops = &p9_vnops;
	vn->mode = a.mode;
	vn->priv = n;
	/* Not kept in vfscore's cache after its last reference: the host
	 * may remove the file and give its inode number to another, and
	 * a kept vnode's open fid would still read the old one (every
	 * lookup asks the server anyway: nothing to save). */
	vn->vflags |= UK_VNODE_GONE;
	*out = vn;
	return 0;
}

/* Open vn's iofid, for writing if write; 0 or -errno. */
static int io_open(struct uk_vnode *vn, int write)
{
	struct p9_client *c = cl(vn);
	struct p9node *n = node(vn);
	uint32_t fid, flags;
	int r;

	if (n->iofid != P9_NOFID && (n->iowrite || !write))
		return 0;
	if (S_ISDIR(vn->mode))
		flags = O_RDONLY | O_DIRECTORY;
	else
		flags = O_RDWR;
	r = p9_clone(c, n->fid, &fid);
	if (r < 0)
		return r;
	r = p9_lopen(c, fid, flags, NULL, NULL);
	if ((r == -EACCES || r == -EROFS || r == -ETXTBSY) && !write &&
	    flags == O_RDWR) {
		flags = O_RDONLY;
		r = p9_lopen(c, fid, flags, NULL, NULL);
	}
	if (r < 0) {
		p9_clunk(c, fid);
		return r;
	}
	if (n->iofid != P9_NOFID)
		p9_clunk(c, n->iofid);
	n->iofid = fid;
	n->iowrite = flags == O_RDWR;
	return 0;
}

/* The fid to ask about vn: the open one when there is one. */
static uint32_t attr_fid(struct uk_vnode *vn)
{
	struct p9node *n = node(vn);

	return n->iofid != P9_NOFID ? n->iofid : n->fid;
}

static int p9_lookup(struct uk_vnode *dir, const char *name, size_t len,
		     struct uk_vnode **out)
{
	uint32_t fid;
	int r;

	r = p9_walk1(cl(dir), node(dir)->fid, name, len, &fid, NULL);
	if (r < 0)
		return r;
	return node_get(dir->mount, fid, out);
}

static int p9_create(struct uk_vnode *dir, const char *name, size_t len,
		     mode_t mode, struct uk_vnode **out)
{
	struct p9_client *c = cl(dir);
	struct uk_vnode *vn;
	uint32_t ofid, fid;
	int r;

	r = p9_clone(c, node(dir)->fid, &ofid);
	if (r < 0)
		return r;
	r = p9_lcreate(c, ofid, name, len, O_RDWR | O_CREAT | O_EXCL,
		       S_IFREG | (mode & 07777), 0, NULL, NULL);
	if (r < 0) {
		p9_clunk(c, ofid);
		return r;
	}
	r = p9_walk1(c, node(dir)->fid, name, len, &fid, NULL);
	if (r == 0)
		r = node_get(dir->mount, fid, &vn);
	if (r < 0) {
		p9_clunk(c, ofid);
		return r;
	}
	if (node(vn)->iofid == P9_NOFID) {	/* the open fid is its iofid */
		node(vn)->iofid = ofid;
		node(vn)->iowrite = 1;
	} else {
		p9_clunk(c, ofid);
	}
	if (out)
		*out = vn;
	else
		uk_vfs_vnode_put(vn);
	return 0;
}

static int p9_mkdir_op(struct uk_vnode *dir, const char *name, size_t len,
		       mode_t mode)
{
	return p9_mkdir(cl(dir), node(dir)->fid, name, len,
			S_IFDIR | (mode & 07777), 0, NULL);
}

static int p9_mknod_op(struct uk_vnode *dir, const char *name, size_t len,
		       mode_t mode, dev_t dev)
{
	return p9_mknod(cl(dir), node(dir)->fid, name, len, mode, major(dev),
			minor(dev), 0, NULL);
}

static int p9_symlink_op(struct uk_vnode *dir, const char *name, size_t len,
			 const char *target)
{
	return p9_symlink(cl(dir), node(dir)->fid, name, len, target, 0,
			  NULL);
}

static int p9_link_op(struct uk_vnode *dir, const char *name, size_t len,
		      struct uk_vnode *target)
{
	return p9_link(cl(dir), node(dir)->fid, node(target)->fid, name, len);
}

/*
 * Before name goes: open its vnode's iofid, so that whoever holds it
 * open keeps reading and writing the unlinked file, as POSIX says
 * (vfscore holds the target during unlink, so the vnode is live; its
 * lock is taken after the directory's, as a read takes it alone).
 */
static void keep_open(struct uk_vnode *dir, const char *name, size_t len)
{
	struct uk_vnode *vn;
	uint32_t fid;

	if (p9_walk1(cl(dir), node(dir)->fid, name, len, &fid, NULL) < 0 ||
	    node_get(dir->mount, fid, &vn) < 0)
		return;
	if (S_ISREG(vn->mode)) {
		uk_lock_mutex_lock(&vn->lock);
		io_open(vn, 0);
		uk_lock_mutex_unlock(&vn->lock);
	}
	uk_vfs_vnode_put(vn);
}

static int p9_unlink(struct uk_vnode *dir, const char *name, size_t len)
{
	keep_open(dir, name, len);
	return p9_unlinkat(cl(dir), node(dir)->fid, name, len, 0);
}

static int p9_rmdir(struct uk_vnode *dir, const char *name, size_t len)
{
	return p9_unlinkat(cl(dir), node(dir)->fid, name, len,
			   P9_AT_REMOVEDIR);
}

static int p9_rename(struct uk_vnode *odir, const char *oname, size_t olen,
		     struct uk_vnode *ndir, const char *nname, size_t nlen,
		     unsigned int flags)
{
	struct p9_client *c = cl(odir);
	uint32_t fid;

	if (flags & ~RENAME_NOREPLACE)
		return -EINVAL;		/* 9P has no exchange */
	if (flags & RENAME_NOREPLACE) {
		/* a check, then the rename: the host may race it */
		if (p9_walk1(c, node(ndir)->fid, nname, nlen, &fid, NULL) == 0) {
			p9_clunk(c, fid);
			return -EEXIST;
		}
	}
	keep_open(ndir, nname, nlen);	/* a replaced target stays open */
	return p9_renameat(c, node(odir)->fid, oname, olen, node(ndir)->fid,
			   nname, nlen);
}

static int p9_readdir_op(struct uk_vnode *dir, off_t *cookie,
			 uk_vfs_emit_fn emit, void *ctx)
{
	struct p9_client *c = cl(dir);
	uint32_t size = p9_iosize(c) < 8192 ? p9_iosize(c) : 8192;
	struct p9_dirent e;
	uint8_t *buf;
	uint32_t pos;
	long n;
	int r;

	r = io_open(dir, 0);
	if (r < 0)
		return r;
	buf = uk_malloc(uk_alloc_get_default(), size);
	if (!buf)
		return -ENOMEM;
	for (;;) {
		n = p9_readdir(c, node(dir)->iofid, (uint64_t)*cookie, buf,
			       size);
		if (n <= 0)
			break;
		for (pos = 0; p9_dirent_next(buf, (uint32_t)n, &pos, &e);) {
			/* d_type as the server says: DT_UNKNOWN from QEMU
			 * with mapped-xattr (the type is in an xattr), as a
			 * Linux guest sees it too */
			if (emit(ctx, e.name, e.namelen, e.qid.path, e.type,
				 (off_t)e.offset))
				goto out;
			*cookie = (off_t)e.offset;
		}
	}
out:
	uk_free(uk_alloc_get_default(), buf);
	return n < 0 ? (int)n : 0;
}

/* Read or write iov at off in chunks a message carries. */
static ssize_t rw(struct uk_vnode *vn, const struct iovec *iov, int iovcnt,
		  off_t off, int write)
{
	struct p9_client *c = cl(vn);
	size_t done = 0, k;
	uint32_t chunk;
	long n = 0;
	int i, r;

	r = io_open(vn, write);
	if (r < 0)
		return r;
	for (i = 0; i < iovcnt; i++) {
		for (k = 0; k < iov[i].iov_len; k += (size_t)n) {
			chunk = iov[i].iov_len - k > p9_iosize(c) ?
				p9_iosize(c) : (uint32_t)(iov[i].iov_len - k);
			n = write ?
			    p9_write(c, node(vn)->iofid, (uint64_t)off + done,
				     (const char *)iov[i].iov_base + k, chunk) :
			    p9_read(c, node(vn)->iofid, (uint64_t)off + done,
				    (char *)iov[i].iov_base + k, chunk);
			if (n < 0)
				return done ? (ssize_t)done : n;
			done += (size_t)n;
			if ((uint32_t)n < chunk)	/* end of file, or full */
				return (ssize_t)done;
		}
	}
	return (ssize_t)done;
}

static ssize_t p9_read_op(struct uk_vnode *vn, const struct iovec *iov,
			  int iovcnt, off_t off)
{
	return rw(vn, iov, iovcnt, off, 0);
}

static ssize_t p9_write_op(struct uk_vnode *vn, const struct iovec *iov,
			   int iovcnt, off_t off)
{
	return rw(vn, iov, iovcnt, off, 1);
}

static ssize_t p9_readlink_op(struct uk_vnode *vn, char *buf, size_t len)
{
	return p9_readlink(cl(vn), node(vn)->fid, buf, len);
}

static int p9_fsync_op(struct uk_vnode *vn, int datasync)
{
	if (node(vn)->iofid == P9_NOFID)
		return 0;	/* nothing written through this vnode */
	return p9_fsync(cl(vn), node(vn)->iofid, datasync);
}

static int p9_getattr_op(struct uk_vnode *vn, struct stat *st)
{
	struct p9_attr a;
	int r;

	r = p9_getattr(cl(vn), attr_fid(vn), &a);
	if (r < 0)
		return r;
	vn->mode = a.mode;
	st->st_mode = a.mode;
	st->st_nlink = a.nlink;
	st->st_uid = a.uid;
	st->st_gid = a.gid;
	st->st_rdev = a.rdev;
	st->st_size = (off_t)a.size;
	st->st_blksize = (blksize_t)a.blksize;
	st->st_blocks = (blkcnt_t)a.blocks;
	st->st_atim.tv_sec = (time_t)a.atime_sec;
	st->st_atim.tv_nsec = (long)a.atime_nsec;
	st->st_mtim.tv_sec = (time_t)a.mtime_sec;
	st->st_mtim.tv_nsec = (long)a.mtime_nsec;
	st->st_ctim.tv_sec = (time_t)a.ctime_sec;
	st->st_ctim.tv_nsec = (long)a.ctime_nsec;
	return 0;
}

static int p9_setattr_op(struct uk_vnode *vn, const struct uk_vattr *va,
			 unsigned int mask)
{
	struct p9_attr a;
	uint32_t valid = 0;

	memset(&a, 0, sizeof(a));
	if (mask & UK_VATTR_MODE) {
		valid |= P9_SETATTR_MODE;
		a.mode = (vn->mode & S_IFMT) | (va->mode & 07777);
	}
	if (mask & UK_VATTR_UID) {
		valid |= P9_SETATTR_UID;
		a.uid = va->uid;
	}
	if (mask & UK_VATTR_GID) {
		valid |= P9_SETATTR_GID;
		a.gid = va->gid;
	}
	if (mask & UK_VATTR_SIZE) {
		valid |= P9_SETATTR_SIZE;
		a.size = (uint64_t)va->size;
	}
	if (mask & UK_VATTR_ATIME) {
		valid |= P9_SETATTR_ATIME | P9_SETATTR_ATIME_SET;
		a.atime_sec = (uint64_t)va->atime.tv_sec;
		a.atime_nsec = (uint64_t)va->atime.tv_nsec;
	}
	if (mask & UK_VATTR_MTIME) {
		valid |= P9_SETATTR_MTIME | P9_SETATTR_MTIME_SET;
		a.mtime_sec = (uint64_t)va->mtime.tv_sec;
		a.mtime_nsec = (uint64_t)va->mtime.tv_nsec;
	}
	if (valid & ~(P9_SETATTR_ATIME | P9_SETATTR_ATIME_SET))
		valid |= P9_SETATTR_CTIME;
	return p9_setattr(cl(vn), attr_fid(vn), valid, &a);
}

static void p9_inactive(struct uk_vnode *vn)
{
	struct p9node *n = node(vn);

	if (n->iofid != P9_NOFID)
		p9_clunk(cl(vn), n->iofid);
	p9_clunk(cl(vn), n->fid);
	uk_free(uk_alloc_get_default(), n);
	vn->priv = NULL;
}

static const struct uk_vnode_ops p9_vnops = {
	.lookup = p9_lookup,
	.create = p9_create,
	.mkdir = p9_mkdir_op,
	.mknod = p9_mknod_op,
	.symlink = p9_symlink_op,
	.link = p9_link_op,
	.unlink = p9_unlink,
	.rmdir = p9_rmdir,
	.rename = p9_rename,
	.readdir = p9_readdir_op,
	.read = p9_read_op,
	.write = p9_write_op,
	.readlink = p9_readlink_op,
	.fsync = p9_fsync_op,
	.getattr = p9_getattr_op,
	.setattr = p9_setattr_op,
	.inactive = p9_inactive,
};

/*
 * Mount options, comma-separated: msize=N, the largest message asked
 * for (default 512 KiB, at least 4096; the transport and the server may
 * lower it). QEMU attaches every session to the folder it exports, so
 * there is no aname: to share a subfolder, give QEMU that folder.
 * 0, or -EINVAL having named the option.
 */
static int parse_opts(const char *opts, uint32_t *msize)
{
	const char *p = opts, *end;
	unsigned long v;
	size_t n = 0;
	char *e;

	while (*p) {
		end = strchr(p, ',');
		n = end ? (size_t)(end - p) : strlen(p);
		if (n <= 6 || strncmp(p, "msize=", 6))
			goto bad;
		v = strtoul(p + 6, &e, 10);
		if (e != p + n || v < 4096 || v > 0xffffffffUL)
			goto bad;
		*msize = (uint32_t)v;
		p += n + (end ? 1 : 0);
	}
	return 0;
bad:
	uk_pr_err("bad mount option '%.*s' (9p takes msize=N, N >= 4096)\n",
		  (int)n, p);
	return -EINVAL;
}

static int p9fs_mount(struct uk_vfs_mount *m, const char *source,
		      unsigned long flags, const char *opts)
{
	struct uk_9pdev *dev;
	struct p9fs *fs;
	struct p9_qid q;
	uint32_t msize = 512 * 1024;
	int r;

	(void)flags;
	r = parse_opts(opts, &msize);
	if (r < 0)
		return r;
	dev = uk_9pdev_find(source);
	if (!dev) {
		uk_pr_err("no 9P device tagged \"%s\" (QEMU's mount_tag)\n",
			  source);
		return -ENODEV;
	}
	fs = zalloc(sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	r = p9_connect(&fs->c, dev, msize);
	if (r < 0)
		goto free;
	r = p9_attach(&fs->c, "", &fs->root_fid, &q);
	if (r < 0) {
		uk_pr_err("%s: Tattach: error %d\n", source, r);
		goto disconnect;
	}
	m->priv = fs;
	r = node_get(m, fs->root_fid, &m->root);
	if (r < 0)
		goto disconnect;
	if (!S_ISDIR(m->root->mode)) {
		uk_pr_err("%s: the shared root is not a directory\n", source);
		uk_vfs_vnode_put(m->root);
		m->root = NULL;
		r = -ENOTDIR;
		goto disconnect;
	}
	return 0;
disconnect:
	p9_disconnect(&fs->c);
free:
	m->priv = NULL;
	uk_free(uk_alloc_get_default(), fs);
	return r;
}

static int p9fs_unmount(struct uk_vfs_mount *m)
{
	struct p9fs *fs = m->priv;

	p9_disconnect(&fs->c);
	uk_free(uk_alloc_get_default(), fs);
	return 0;
}

static int p9fs_statfs(struct uk_vfs_mount *m, struct statfs *st)
{
	struct p9fs *fs = m->priv;
	struct p9_statfs s;
	int r;

	r = p9_statfs(&fs->c, node(m->root)->fid, &s);
	if (r < 0)
		return r;
	st->f_type = s.type;
	st->f_bsize = s.bsize;
	st->f_blocks = s.blocks;
	st->f_bfree = s.bfree;
	st->f_bavail = s.bavail;
	st->f_files = s.files;
	st->f_ffree = s.ffree;
	st->f_fsid.__val[0] = (int)s.fsid;
	st->f_fsid.__val[1] = (int)(s.fsid >> 32);
	st->f_namelen = s.namelen;
	st->f_frsize = s.bsize;
	return 0;
}

static struct uk_vfs_fstype p9fs_type = {
	.name = "9p",
	.mount = p9fs_mount,
	.unmount = p9fs_unmount,
	.statfs = p9fs_statfs,
};

static int p9fs_init(void)
{
	return uk_vfs_fstype_register(&p9fs_type);
}
uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, p9fs_init, NULL);
