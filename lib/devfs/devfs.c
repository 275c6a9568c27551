/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file system type "devfs": one directory whose entries are the
 * registered devices (<uk/devfs.h>), in registration order, each a
 * character device node whose open() is the device's. Inode 1 is the
 * directory, 2 + n the n-th device. Nothing can be created, removed or
 * changed in it (-EPERM, as for a device node's attributes); everything
 * is reported as of the mount's time. With LIBDEVFS_AUTOMOUNT it is
 * mounted at /dev after vfs.fstab='s mounts, unless something already is.
 *
 * Locking: the device list only grows, at UK_INIT_LIB, before anything
 * is mounted or opened; so lookups read it without a lock.
 */
#include <errno.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <uk/alloc.h>
#include <uk/devfs.h>
#include <uk/init.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "devfs.h"

#define ROOT_INO	1

static struct uk_devfs_dev *devs, **devs_tail = &devs;

struct devfs_mount {
	struct timespec when;
};

int uk_devfs_register(struct uk_devfs_dev *dev)
{
	struct uk_devfs_dev *d;

	if (!dev->name || !*dev->name || strchr(dev->name, '/') ||
	    !dev->open || (dev->mode & ~07777))
		return -EINVAL;
	for (d = devs; d; d = d->next)
		if (!strcmp(d->name, dev->name))
			return -EEXIST;
	dev->next = NULL;
	*devs_tail = dev;
	devs_tail = &dev->next;
	return 0;
}

static const struct uk_vnode_ops dir_ops, dev_ops;

/* The vnode of the n-th device (n from 0), referenced. */
static int dev_vnode(struct uk_vfs_mount *m, struct uk_devfs_dev *d,
		     unsigned int n, struct uk_vnode **out)
{
	int r = uk_vfs_vnode_get(m, 2 + n, out);

	if (r == 1) {
		(*out)->ops = &dev_ops;
		(*out)->mode = S_IFCHR | d->mode;
		(*out)->priv = d;
		r = 0;
	}
	return r;
}

static int dir_lookup(struct uk_vnode *dir, const char *name, size_t len,
		      struct uk_vnode **out)
{
	struct uk_devfs_dev *d;
	unsigned int n = 0;

	for (d = devs; d; d = d->next, n++)
		if (strlen(d->name) == len && !memcmp(d->name, name, len))
			return dev_vnode(dir->mount, d, n, out);
	return -ENOENT;
}

static int dir_readdir(struct uk_vnode *dir __uk_unused, off_t *cookie,
		       uk_vfs_emit_fn emit, void *ctx)
{
	struct uk_devfs_dev *d = devs;
	off_t i;

	for (; *cookie < 2; ++*cookie)
		if (emit(ctx, "..", *cookie + 1, ROOT_INO, DT_DIR, *cookie + 1))
			return 0;
	for (i = 2; d && i < *cookie; i++)
		d = d->next;
	for (; d; d = d->next, ++*cookie)
		if (emit(ctx, d->name, strlen(d->name), *cookie, DT_CHR,
			 *cookie + 1))
			return 0;
	return 0;
}

static int no_create(struct uk_vnode *dir __uk_unused,
		     const char *name __uk_unused, size_t len __uk_unused,
		     mode_t mode __uk_unused, struct uk_vnode **out __uk_unused)
{
	return -EPERM;
}

static int no_mkdir(struct uk_vnode *dir __uk_unused,
		    const char *name __uk_unused, size_t len __uk_unused,
		    mode_t mode __uk_unused)
{
	return -EPERM;
}

static int no_mknod(struct uk_vnode *dir __uk_unused,
		    const char *name __uk_unused, size_t len __uk_unused,
		    mode_t mode __uk_unused, dev_t dev __uk_unused)
{
	return -EPERM;
}

static int no_symlink(struct uk_vnode *dir __uk_unused,
		      const char *name __uk_unused, size_t len __uk_unused,
		      const char *target __uk_unused)
{
	return -EPERM;
}

static int no_link(struct uk_vnode *dir __uk_unused,
		   const char *name __uk_unused, size_t len __uk_unused,
		   struct uk_vnode *target __uk_unused)
{
	return -EPERM;
}

static int no_unlink(struct uk_vnode *dir, const char *name, size_t len)
{
	struct uk_vnode *vn;
	int r = dir_lookup(dir, name, len, &vn);

	if (r)
		return r;
	uk_vfs_vnode_put(vn);
	return -EPERM;
}

static int no_rename(struct uk_vnode *odir __uk_unused,
		     const char *oname __uk_unused, size_t olen __uk_unused,
		     struct uk_vnode *ndir __uk_unused,
		     const char *nname __uk_unused, size_t nlen __uk_unused,
		     unsigned int flags __uk_unused)
{
	return -EPERM;
}

static int no_setattr(struct uk_vnode *vn __uk_unused,
		      const struct uk_vattr *va __uk_unused,
		      unsigned int mask __uk_unused)
{
	return -EPERM;
}

static void fill_times(struct uk_vnode *vn, struct stat *st)
{
	const struct devfs_mount *dm = vn->mount->priv;

	st->st_atim = st->st_mtim = st->st_ctim = dm->when;
	st->st_blksize = 4096;
}

static int dir_getattr(struct uk_vnode *vn, struct stat *st)
{
	st->st_mode = S_IFDIR | 0755;
	st->st_nlink = 2;
	fill_times(vn, st);
	return 0;
}

static int dev_getattr(struct uk_vnode *vn, struct stat *st)
{
	const struct uk_devfs_dev *d = vn->priv;

	st->st_mode = vn->mode;
	st->st_nlink = 1;
	st->st_rdev = makedev(d->major, d->minor);
	fill_times(vn, st);
	return 0;
}

static int dev_open(struct uk_vnode *vn, unsigned int flags,
		    struct uk_file **out)
{
	struct uk_devfs_dev *d = vn->priv;
	int r = d->open(d, flags, out);

	if (!r)
		devfs_file_ids(*out, vn->mount->dev, vn->ino);
	return r;
}

static void no_inactive(struct uk_vnode *vn __uk_unused)
{
}

static const struct uk_vnode_ops dir_ops = {
	.lookup = dir_lookup,
	.create = no_create,
	.mkdir = no_mkdir,
	.mknod = no_mknod,
	.symlink = no_symlink,
	.link = no_link,
	.unlink = no_unlink,
	.rmdir = no_unlink,
	.rename = no_rename,
	.readdir = dir_readdir,
	.getattr = dir_getattr,
	.setattr = no_setattr,
	.inactive = no_inactive,
};

static const struct uk_vnode_ops dev_ops = {
	.getattr = dev_getattr,
	.setattr = no_setattr,
	.open = dev_open,
	.inactive = no_inactive,
};

static int devfs_mount(struct uk_vfs_mount *m, const char *source,
		       unsigned long flags __uk_unused, const char *opts)
{
	struct devfs_mount *dm;
	int r;

	if (*source || *opts) {
		uk_pr_err("takes no source or options (got \"%s\", \"%s\")\n",
			  source, opts);
		return -EINVAL;
	}
	dm = uk_alloc_calloc(uk_alloc_get_default(), 1, sizeof(*dm));
	if (!dm)
		return -ENOMEM;
	uk_vfs_now(&dm->when);
	m->priv = dm;
	r = uk_vfs_vnode_get(m, ROOT_INO, &m->root);
	if (r < 0) {
		uk_free(uk_alloc_get_default(), dm);
		return r;
	}
	m->root->ops = &dir_ops;
	m->root->mode = S_IFDIR | 0755;
	return 0;
}

static int devfs_unmount(struct uk_vfs_mount *m)
{
	uk_free(uk_alloc_get_default(), m->priv);
	return 0;
}

static int devfs_statfs(struct uk_vfs_mount *m __uk_unused, struct statfs *st)
{
	st->f_type = 0x01021994;	/* TMPFS_MAGIC, as Linux's devtmpfs */
	st->f_bsize = 4096;
	st->f_namelen = 255;
	return 0;
}

static struct uk_vfs_fstype devfs_type = {
	.name = "devfs",
	.mount = devfs_mount,
	.unmount = devfs_unmount,
	.statfs = devfs_statfs,
};

static int devfs_init(void)
{
	int r = devfs_builtin_register();

	return r ? r : uk_vfs_fstype_register(&devfs_type);
}

uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, devfs_init, NULL);

#if CONFIG_LIBDEVFS_AUTOMOUNT
/* /dev, unless the fstab mounted something there already. */
static int devfs_automount(void)
{
	struct stat root, dev;
	int r;

	if (uk_vfs_stat("/", &root))
		return 0;	/* no root: vfscore has said why */
	r = uk_vfs_mkdir("/dev", 0755);
	if (r && r != -EEXIST) {
		uk_pr_err("cannot make /dev for devfs: error %d\n", r);
		return r;
	}
	if (!uk_vfs_stat("/dev", &dev) && dev.st_dev != root.st_dev)
		return 0;
	r = uk_vfs_mount("devfs", "", "/dev", 0, "");
	if (r)
		uk_pr_err("cannot mount devfs on /dev: error %d\n", r);
	return r;
}

uk_init(UK_INIT_FS, UK_PRIO_AFTER(UK_PRIO_VFS_FSTAB), devfs_automount, NULL);
#endif
