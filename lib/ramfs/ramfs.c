/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs: a file system in memory, the usual root. Nodes live as long as
 * a name or a vnode refers to them: unlink drops a name, the vnode's
 * inactive() frees a node left with no names. Directories are lists of
 * entries in creation order (lookup is a linear scan: fine for the few
 * hundred entries of a unikernel's tree, and measured in bench/fs).
 * Every op takes the mount's spinlock, so a rename or a link across two
 * directories sees one consistent tree; no op blocks inside.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <string.h>
#include <sys/statfs.h>
#include <uk/init.h>
#include <uk/print.h>
#include "ramfs.h"

#define RAMFS_MAGIC 0x858458f6	/* Linux's, <linux/magic.h> */

static const struct uk_vnode_ops ramfs_ops, ramfs_special_ops;

static struct ramfs *fs_of(struct uk_vnode *vn)
{
	return vn->mount->priv;
}

#define SPARE_MAX 32	/* freed nodes kept per mount (a slab cache's job) */

/* Under fs->lock (or with the mount not in use yet / any more) */
static struct ramfs_node *node_new(struct ramfs *fs, mode_t mode)
{
	struct ramfs_node *n = fs->spare;

	if (n) {
		fs->spare = (struct ramfs_node *)n->dir.first;
		fs->nspare--;
		memset(n, 0, sizeof(*n));
	} else {
		n = ramfs_zalloc(sizeof(*n));
		if (!n)
			return NULL;
	}
	n->ino = fs->next_ino++;
	n->mode = mode;
	n->nlink = S_ISDIR(mode) ? 2 : 1;
	uk_vfs_now(&n->mtime);
	n->atime = n->ctime = n->mtime;
	if (S_ISDIR(mode))
		n->dir.next_cookie = 2;
	return n;
}

static void node_free(struct ramfs *fs, struct ramfs_node *n)
{
	if (S_ISREG(n->mode)) {
		ramfs_resize(fs, n, 0);
		ramfs_free(n->file.pages);
	} else if (S_ISLNK(n->mode)) {
		ramfs_free(n->link.target);
	}
	if (fs->nspare < SPARE_MAX) {
		n->dir.first = (struct ramfs_dirent *)fs->spare;
		fs->spare = n;
		fs->nspare++;
	} else {
		ramfs_free(n);
	}
}

/* The vnode of n, made when none is live; 0 or -ENOMEM */
static int node_vnode(struct uk_vfs_mount *m, struct ramfs_node *n,
		      struct uk_vnode **out)
{
	int r = uk_vfs_vnode_get(m, n->ino, out);

	if (r == 1) {
		(*out)->ops = (S_ISREG(n->mode) || S_ISDIR(n->mode) ||
			       S_ISLNK(n->mode)) ? &ramfs_ops
						 : &ramfs_special_ops;
		(*out)->mode = n->mode;
		(*out)->priv = n;
		n->vn = *out;
		r = 0;
	}
	return r;
}

static struct ramfs_dirent *find(struct ramfs_node *dir, const char *name,
				 size_t len)
{
	struct ramfs_dirent *d;

	for (d = dir->dir.first; d; d = d->next)
		if (d->len == len && !memcmp(d->name, name, len))
			return d;
	return NULL;
}

static void touch_dir(struct ramfs_node *dir)
{
	uk_vfs_now(&dir->mtime);
	dir->ctime = dir->mtime;
}

/* Add name -> n to dir (n's nlink is the caller's) */
static int add_entry(struct ramfs_node *dir, const char *name, size_t len,
		     struct ramfs_node *n)
{
	struct ramfs_dirent *d = ramfs_zalloc(sizeof(*d) + len + 1);

	if (!d)
		return -ENOSPC;
	memcpy(d->name, name, len);
	d->len = len;
	d->node = n;
	d->cookie = dir->dir.next_cookie++;
	d->prev = dir->dir.last;
	if (dir->dir.last)
		dir->dir.last->next = d;
	else
		dir->dir.first = d;
	dir->dir.last = d;
	dir->dir.count++;
	if (S_ISDIR(n->mode)) {
		n->dir.parent = dir;
		dir->nlink++;
	}
	touch_dir(dir);
	return 0;
}

static void del_entry(struct ramfs_node *dir, struct ramfs_dirent *d)
{
	if (d->prev)
		d->prev->next = d->next;
	else
		dir->dir.first = d->next;
	if (d->next)
		d->next->prev = d->prev;
	else
		dir->dir.last = d->prev;
	dir->dir.count--;
	if (S_ISDIR(d->node->mode))
		dir->nlink--;
	touch_dir(dir);
	ramfs_free(d);
}

/* A name is gone from n: free it when nothing else refers to it */
static void drop_link(struct ramfs *fs, struct ramfs_node *n)
{
	if (S_ISDIR(n->mode))
		n->nlink = 0;
	else
		n->nlink--;
	uk_vfs_now(&n->ctime);
	if (n->nlink == 0 && n->vn)
		uk_vfs_vnode_gone(n->vn);	/* not kept; ino free */
	else if (n->nlink == 0)
		node_free(fs, n);
}

static int ramfs_lookup(struct uk_vnode *dvn, const char *name, size_t len,
			struct uk_vnode **out)
{
	struct ramfs *fs = fs_of(dvn);
	struct ramfs_dirent *d;
	int r = -ENOENT;

	uk_lock_spin_lock(&fs->lock);
	d = find(dvn->priv, name, len);
	if (d)
		r = node_vnode(dvn->mount, d->node, out);
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

/* Make a node of mode under name; *out (optional) gets its vnode */
static int make(struct uk_vnode *dvn, const char *name, size_t len,
		mode_t mode, dev_t rdev, const char *target,
		struct uk_vnode **out)
{
	struct ramfs *fs = fs_of(dvn);
	struct ramfs_node *dir = dvn->priv, *n;
	int r;

	uk_lock_spin_lock(&fs->lock);
	if (dir->nlink == 0) {
		r = -ENOENT;	/* a removed directory */
		goto out;
	}
	if (find(dir, name, len)) {
		r = -EEXIST;
		goto out;
	}
	n = node_new(fs, mode);
	if (!n) {
		r = -ENOSPC;
		goto out;
	}
	n->rdev = rdev;
	if (target) {
		n->link.len = strlen(target);
		n->link.target = ramfs_zalloc(n->link.len + 1);
		if (!n->link.target) {
			node_free(fs, n);
			r = -ENOSPC;
			goto out;
		}
		memcpy(n->link.target, target, n->link.len);
	}
	r = add_entry(dir, name, len, n);
	if (r < 0) {
		node_free(fs, n);
		goto out;
	}
	if (out)
		r = node_vnode(dvn->mount, n, out);
out:
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

static int ramfs_create(struct uk_vnode *dvn, const char *name, size_t len,
			mode_t mode, struct uk_vnode **out)
{
	return make(dvn, name, len, mode, 0, NULL, out);
}

static int ramfs_mkdir(struct uk_vnode *dvn, const char *name, size_t len,
		       mode_t mode)
{
	return make(dvn, name, len, S_IFDIR | (mode & 07777), 0, NULL, NULL);
}

static int ramfs_mknod(struct uk_vnode *dvn, const char *name, size_t len,
		       mode_t mode, dev_t dev)
{
	return make(dvn, name, len, mode, dev, NULL, NULL);
}

static int ramfs_symlink(struct uk_vnode *dvn, const char *name, size_t len,
			 const char *target)
{
	return make(dvn, name, len, S_IFLNK | 0777, 0, target, NULL);
}

static int ramfs_link(struct uk_vnode *dvn, const char *name, size_t len,
		      struct uk_vnode *target)
{
	struct ramfs *fs = fs_of(dvn);
	struct ramfs_node *n = target->priv;
	int r;

	uk_lock_spin_lock(&fs->lock);
	if (n->nlink == 0)
		r = -ENOENT;	/* Linux: linking a removed file */
	else if (find(dvn->priv, name, len))
		r = -EEXIST;
	else
		r = add_entry(dvn->priv, name, len, n);
	if (!r) {
		n->nlink++;
		uk_vfs_now(&n->ctime);
	}
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

static int remove(struct uk_vnode *dvn, const char *name, size_t len,
		  int isdir)
{
	struct ramfs *fs = fs_of(dvn);
	struct ramfs_dirent *d;
	struct ramfs_node *n;
	int r = 0;

	uk_lock_spin_lock(&fs->lock);
	d = find(dvn->priv, name, len);
	if (!d) {
		r = -ENOENT;
		goto out;
	}
	n = d->node;
	if (isdir && !S_ISDIR(n->mode))
		r = -ENOTDIR;
	else if (!isdir && S_ISDIR(n->mode))
		r = -EISDIR;
	else if (isdir && n->dir.count)
		r = -ENOTEMPTY;
	if (r)
		goto out;
	del_entry(dvn->priv, d);
	drop_link(fs, n);
out:
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

static int ramfs_unlink(struct uk_vnode *dvn, const char *name, size_t len)
{
	return remove(dvn, name, len, 0);
}

static int ramfs_rmdir(struct uk_vnode *dvn, const char *name, size_t len)
{
	return remove(dvn, name, len, 1);
}

/* Point entry d (in dir) at node n instead */
static void retarget(struct ramfs_node *dir, struct ramfs_dirent *d,
		     struct ramfs_node *n)
{
	if (S_ISDIR(d->node->mode))
		dir->nlink--;
	d->node = n;
	if (S_ISDIR(n->mode)) {
		dir->nlink++;
		n->dir.parent = dir;
	}
}

static int ramfs_rename(struct uk_vnode *odvn, const char *oname,
			size_t olen, struct uk_vnode *ndvn, const char *nname,
			size_t nlen, unsigned int flags)
{
	struct ramfs *fs = fs_of(odvn);
	struct ramfs_node *od = odvn->priv, *nd = ndvn->priv, *on, *nn;
	struct ramfs_dirent *o, *n;
	int r = 0;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE))
		return -EINVAL;	/* RENAME_WHITEOUT: no overlay here */
	uk_lock_spin_lock(&fs->lock);
	o = find(od, oname, olen);
	n = find(nd, nname, nlen);
	if (!o) {
		r = -ENOENT;
		goto out;
	}
	on = o->node;
	nn = n ? n->node : NULL;
	if (flags & RENAME_EXCHANGE) {
		if (!n) {
			r = -ENOENT;
			goto out;
		}
		retarget(od, o, nn);
		retarget(nd, n, on);
		touch_dir(od);
		touch_dir(nd);
		goto out;
	}
	if (n && (flags & RENAME_NOREPLACE)) {
		r = -EEXIST;
		goto out;
	}
	if (n) {
		if (S_ISDIR(on->mode) && !S_ISDIR(nn->mode))
			r = -ENOTDIR;
		else if (!S_ISDIR(on->mode) && S_ISDIR(nn->mode))
			r = -EISDIR;
		else if (S_ISDIR(nn->mode) && nn->dir.count)
			r = -ENOTEMPTY;
		if (r)
			goto out;
		retarget(nd, n, on);
		touch_dir(nd);
		drop_link(fs, nn);
	} else {
		r = add_entry(nd, nname, nlen, on);
		if (r < 0)
			goto out;
	}
	/* on's old name goes; a directory's ".." leaves od's count */
	del_entry(od, o);
	uk_vfs_now(&on->ctime);
out:
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

static int ramfs_readdir(struct uk_vnode *dvn, off_t *cookie,
			 uk_vfs_emit_fn emit, void *ctx)
{
	struct ramfs *fs = fs_of(dvn);
	struct ramfs_node *dir = dvn->priv;
	struct ramfs_node *up = dir->dir.parent ? dir->dir.parent : dir;
	struct ramfs_dirent *d;
	int stop = 0;

	uk_lock_spin_lock(&fs->lock);
	if (dir->nlink == 0)
		goto out;	/* removed: empty, not even "." (Linux) */
	if (*cookie == 0) {
		if (emit(ctx, ".", 1, dir->ino, DT_DIR, 1))
			goto out;
		*cookie = 1;
	}
	if (*cookie == 1) {
		if (emit(ctx, "..", 2, up->ino, DT_DIR, 2))
			goto out;
		*cookie = 2;
	}
	for (d = dir->dir.first; d && !stop; d = d->next) {
		if (d->cookie < *cookie)
			continue;
		stop = emit(ctx, d->name, d->len, d->node->ino,
			    IFTODT(d->node->mode), d->cookie + 1);
		if (!stop)
			*cookie = d->cookie + 1;
	}
	if (!stop)
		*cookie = dir->dir.next_cookie;
out:
	uk_lock_spin_unlock(&fs->lock);
	return 0;
}

static ssize_t ramfs_readlink(struct uk_vnode *vn, char *buf, size_t len)
{
	struct ramfs_node *n = vn->priv;
	size_t l = UK_MIN(len, n->link.len);

	memcpy(buf, n->link.target, l);
	return (ssize_t)l;
}

static int ramfs_getattr(struct uk_vnode *vn, struct stat *st)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;

	uk_lock_spin_lock(&fs->lock);
	st->st_mode = n->mode;
	st->st_nlink = n->nlink;
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_rdev = n->rdev;
	st->st_blksize = RAMFS_PAGE;
	if (S_ISREG(n->mode)) {
		st->st_size = n->file.size;
		st->st_blocks = (blkcnt_t)n->file.used * (RAMFS_PAGE / 512);
	} else if (S_ISLNK(n->mode)) {
		st->st_size = (off_t)n->link.len;
	} else if (S_ISDIR(n->mode)) {
		st->st_size = (off_t)(n->dir.count + 2) * 20;
	}
	st->st_atim = n->atime;
	st->st_mtim = n->mtime;
	st->st_ctim = n->ctime;
	uk_lock_spin_unlock(&fs->lock);
	return 0;
}

static int ramfs_setattr(struct uk_vnode *vn, const struct uk_vattr *va,
			 unsigned int mask)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;
	int r = 0;

	uk_lock_spin_lock(&fs->lock);
	if (mask & UK_VATTR_SIZE) {
		r = ramfs_resize(fs, n, va->size);
		uk_vfs_now(&n->mtime);
	}
	if (mask & UK_VATTR_MODE) {
		n->mode = (n->mode & S_IFMT) | (va->mode & 07777);
		vn->mode = n->mode;
	}
	if (mask & UK_VATTR_UID)
		n->uid = va->uid;
	if (mask & UK_VATTR_GID)
		n->gid = va->gid;
	if (mask & UK_VATTR_ATIME)
		n->atime = va->atime;
	if (mask & UK_VATTR_MTIME)
		n->mtime = va->mtime;
	uk_vfs_now(&n->ctime);
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

static void ramfs_inactive(struct uk_vnode *vn)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;

	uk_lock_spin_lock(&fs->lock);
	n->vn = NULL;
	if (n->nlink == 0)
		node_free(fs, n);
	uk_lock_spin_unlock(&fs->lock);
}

static const struct uk_vnode_ops ramfs_ops = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
	.readdir = ramfs_readdir,
	.read = ramfs_read,
	.write = ramfs_write,
	.readlink = ramfs_readlink,
	.fallocate = ramfs_fallocate,
	.seek_data = ramfs_seek_data,
	.getattr = ramfs_getattr,
	.setattr = ramfs_setattr,
	.inactive = ramfs_inactive,
};

/* Device, fifo and socket nodes: names only; nothing behind them here */
static int ramfs_special_open(struct uk_vnode *vn __uk_unused,
			      unsigned int flags __uk_unused,
			      struct uk_file **out __uk_unused)
{
	return -ENXIO;	/* Linux, for a device without a driver */
}

static const struct uk_vnode_ops ramfs_special_ops = {
	.getattr = ramfs_getattr,
	.setattr = ramfs_setattr,
	.inactive = ramfs_inactive,
	.open = ramfs_special_open,
};

static int ramfs_mount(struct uk_vfs_mount *m, const char *source,
		       unsigned long flags __uk_unused, const char *opts)
{
	struct ramfs *fs;
	int r;

	(void)source;	/* nothing to read from */
	if (opts[0]) {
		uk_pr_err("unknown mount option '%s' (ramfs has none)\n",
			  opts);
		return -EINVAL;
	}
	fs = ramfs_zalloc(sizeof(*fs));
	if (!fs)
		return -ENOMEM;
	uk_lock_spin_init(&fs->lock);
	fs->next_ino = 1;
	fs->root = node_new(fs, S_IFDIR | 0755);
	if (!fs->root) {
		ramfs_free(fs);
		return -ENOMEM;
	}
	m->priv = fs;
	r = node_vnode(m, fs->root, &m->root);
	if (r < 0) {
		ramfs_free(fs->root);
		ramfs_free(fs);
	}
	return r;
}

/* Free a whole tree (its vnodes are all gone) */
static void free_tree(struct ramfs *fs, struct ramfs_node *dir)
{
	struct ramfs_dirent *d, *next;

	for (d = dir->dir.first; d; d = next) {
		next = d->next;
		if (S_ISDIR(d->node->mode))
			free_tree(fs, d->node);
		else if (--d->node->nlink == 0)
			node_free(fs, d->node);
		ramfs_free(d);
	}
	node_free(fs, dir);
}

static int ramfs_unmount(struct uk_vfs_mount *m)
{
	struct ramfs *fs = m->priv;
	struct ramfs_node *n;

	/* The root's vnode is gone: its node stayed (nlink 2) */
	free_tree(fs, fs->root);
	while ((n = fs->spare)) {
		fs->spare = (struct ramfs_node *)n->dir.first;
		ramfs_free(n);
	}
	ramfs_free(fs);
	return 0;
}

static int ramfs_statfs(struct uk_vfs_mount *m, struct statfs *sf)
{
	struct ramfs *fs = m->priv;
	struct uk_alloc *a = uk_alloc_get_default();
	size_t avail = uk_alloc_availmem(a) / RAMFS_PAGE;

	sf->f_type = RAMFS_MAGIC;
	sf->f_bsize = RAMFS_PAGE;
	sf->f_blocks = fs->pages + avail;
	sf->f_bfree = sf->f_bavail = avail;
	sf->f_files = fs->next_ino;
	sf->f_namelen = NAME_MAX;
	return 0;
}

static struct uk_vfs_fstype ramfs_type = {
	.name = "ramfs",
	.flags = UK_VFS_FSTYPE_SELFLOCKED,	/* fs->lock around every op */
	.mount = ramfs_mount,
	.unmount = ramfs_unmount,
	.statfs = ramfs_statfs,
};

static int ramfs_init(void)
{
	return uk_vfs_fstype_register(&ramfs_type);
}
uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, ramfs_init, NULL);
