/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2: the kit's face of the core (fs.h): file system type "ext2" for
 * vfscore, on a ukblkdev device. vfs.fstab="ext2:vda:/var" mounts the
 * first block device ("vda", "vdb"... count the devices ukblkdev has,
 * in probe order; their own names, "vblk0", work too).
 *
 * Each vnode's priv is a struct ext2_node, the inode as it is on disk,
 * shared by every path to it (vfscore's vnode cache). Every op takes
 * the mount's mutex (recursive: an op's last vnode put may run
 * inactive(), which evicts an unlinked inode), does its work through
 * the core and ends with ext2_flush(), so the disk is consistent
 * between ops.
 */
#include <dirent.h>
#include <errno.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <uk/blkdev.h>
#include <uk/init.h>
#include <uk/lock.h>
#include <uk/print.h>
#include <uk/vfs.h>
#include "fs.h"

#define GONE_MAX 16

struct ext2_mnt {
	struct ext2_fs fs;	/* first: fs->dev points at the mount */
	struct uk_blkdev *bd;
	struct uk_mutex lock;
	/* Inodes freed at rmdir whose vnodes live on (see gone()): not
	 * given out again until those vnodes go (vnodes are per number). */
	uint32_t gone[GONE_MAX];
};

static const struct uk_vnode_ops ext2_vops;

static struct ext2_mnt *mnt_of(struct uk_vnode *vn)
{
	return vn->mount->priv;
}

static struct ext2_node *node_of(struct uk_vnode *vn)
{
	return vn->priv;
}

static void lock(struct ext2_mnt *em)
{
	uk_lock_mutex_lock(&em->lock);
}

/* End of an op: write what it dirtied; the op's result, or the flush's
 * error when the op succeeded. */
static int unlock(struct ext2_mnt *em, int rc)
{
	int f = ext2_flush(&em->fs);

	uk_lock_mutex_unlock(&em->lock);
	return rc < 0 ? rc : f < 0 ? f : rc;
}

/* Block I/O in bytes (sector-aligned: mount checked the block size). */
static int blk_bio(void *dev, int write, uint64_t off, uint32_t len,
		   void *buf)
{
	struct ext2_mnt *em = dev;
	struct uk_blkdev *d = em->bd;
	uint32_t ss = d->info.sector_size, n;
	uint64_t sec = off / ss;
	uint32_t left = len / ss;
	uint8_t *p = buf;
	int rc;

	if (off % ss || len % ss)
		return -EINVAL;
	while (left) {
		n = left < d->info.max_sectors ? left : d->info.max_sectors;
		rc = uk_blkdev_io(d, write ? UK_BLKREQ_WRITE : UK_BLKREQ_READ,
				  sec, n, p);
		if (rc < 0)
			return rc;
		sec += n;
		left -= n;
		p += (size_t)n * ss;
	}
	return 0;
}

static void report(struct ext2_fs *fs, const char *line)
{
	struct ext2_mnt *em = (struct ext2_mnt *)fs;

	uk_pr_err("%s: %s\n", em->bd->name, line);
}

static void now(uint32_t *sec, uint32_t *nsec)
{
	struct timespec ts;

	uk_vfs_now(&ts);
	*sec = (uint32_t)ts.tv_sec;
	*nsec = (uint32_t)ts.tv_nsec;
}

/* The vnode of inode ino, read in when it is new. 0 or -errno. */
static int vget(struct uk_vfs_mount *m, uint32_t ino, struct uk_vnode **out)
{
	struct ext2_mnt *em = m->priv;
	struct ext2_node *n;
	int rc = uk_vfs_vnode_get(m, ino, out);

	if (rc != 1)
		return rc;
	(*out)->ops = &ext2_vops;
	n = ext2_calloc(1, sizeof(*n));
	rc = n ? ext2_iread(&em->fs, ino, n) : -ENOMEM;
	if (!rc && !n->di.i_links_count) {
		ext2_corrupt(&em->fs, "inode %u: named in a directory but "
			     "free (links count 0)", ino);
		rc = -EUCLEAN;
	}
	if (rc) {
		ext2_free(n);
		/* Not kept in vfscore's cache with no inode behind it: gone
		 * at this put (priv NULL: inactive does nothing). */
		(*out)->vflags |= UK_VNODE_GONE;
		uk_vfs_vnode_put(*out);
		return rc;
	}
	(*out)->priv = n;
	(*out)->mode = n->di.i_mode;
	return 0;
}

static int ext2v_lookup(struct uk_vnode *dir, const char *name, size_t len,
			struct uk_vnode **out)
{
	struct ext2_mnt *em = mnt_of(dir);
	uint32_t ino;
	int rc;

	lock(em);
	rc = ext2_dir_lookup(&em->fs, node_of(dir), name, len, &ino);
	if (!rc)
		rc = vget(dir->mount, ino, out);
	return unlock(em, rc);
}

static int make(struct uk_vnode *dir, const char *name, size_t len,
		struct ext2_make_args *a, struct uk_vnode **out)
{
	struct ext2_mnt *em = mnt_of(dir);
	struct ext2_node n;
	struct uk_vnode *vn;
	int rc;

	lock(em);
	rc = ext2_make(&em->fs, node_of(dir), name, len, a, &n);
	if (!rc && out) {
		rc = vget(dir->mount, n.ino, &vn);
		if (!rc)
			*out = vn;
	}
	return unlock(em, rc);
}

static int ext2v_create(struct uk_vnode *dir, const char *name, size_t len,
			mode_t mode, struct uk_vnode **out)
{
	struct ext2_make_args a = { .mode = mode };

	if (S_ISDIR(mode) || S_ISLNK(mode))
		return -EINVAL;
	if (!(mode & S_IFMT))
		a.mode |= S_IFREG;
	return make(dir, name, len, &a, out);
}

static int ext2v_mkdir(struct uk_vnode *dir, const char *name, size_t len,
		       mode_t mode)
{
	struct ext2_make_args a = { .mode = S_IFDIR | (mode & 07777) };

	return make(dir, name, len, &a, NULL);
}

static int ext2v_mknod(struct uk_vnode *dir, const char *name, size_t len,
		       mode_t mode, dev_t dev)
{
	struct ext2_make_args a = { .mode = mode, .major = major(dev),
				    .minor = minor(dev) };

	return make(dir, name, len, &a, NULL);
}

static int ext2v_symlink(struct uk_vnode *dir, const char *name, size_t len,
			 const char *target)
{
	struct ext2_make_args a = { .mode = S_IFLNK | 0777, .target = target };

	return make(dir, name, len, &a, NULL);
}

static int ext2v_link(struct uk_vnode *dir, const char *name, size_t len,
		      struct uk_vnode *target)
{
	struct ext2_mnt *em = mnt_of(dir);

	lock(em);
	return unlock(em, ext2_link(&em->fs, node_of(dir), name, len,
				    node_of(target)));
}

/*
 * A removed directory has nothing anyone can read or add to, so it is
 * freed now, not when its vnode goes (a cwd, or vfscore's parent links,
 * may hold that long: a power-off would leave e2fsck an unattached,
 * undeleted inode). Its vnode stays, with link count 0; the core
 * refuses to add entries to it.
 */
static void gone(struct ext2_mnt *em, struct ext2_node *n)
{
	unsigned int i;

	if (n->di.i_links_count || n->gone)
		return;
	for (i = 0; i < GONE_MAX && em->gone[i]; i++)
		;
	if (i == GONE_MAX)
		return;	/* freed by inactive() instead, as files are */
	em->gone[i] = n->ino;
	ext2_evict(&em->fs, n);
	n->gone = 1;
}

static int ino_busy(struct ext2_fs *fs, uint32_t ino)
{
	struct ext2_mnt *em = (struct ext2_mnt *)fs;
	unsigned int i;

	for (i = 0; i < GONE_MAX; i++)
		if (em->gone[i] == ino)
			return 1;
	return 0;
}

/* unlink and rmdir: the child's vnode carries its link count. */
static int remove(struct uk_vnode *dir, const char *name, size_t len,
		  int is_dir)
{
	struct ext2_mnt *em = mnt_of(dir);
	struct uk_vnode *vn = NULL;
	struct ext2_node *n;
	uint32_t ino;
	int rc;

	lock(em);
	rc = ext2_dir_lookup(&em->fs, node_of(dir), name, len, &ino);
	if (!rc)
		rc = vget(dir->mount, ino, &vn);
	if (!rc) {
		n = node_of(vn);
		if (is_dir)
			rc = ext2_rmdir(&em->fs, node_of(dir), name, len, n);
		else if (ext2_is_dir(n))
			rc = -EISDIR;
		else
			rc = ext2_unlink(&em->fs, node_of(dir), name, len, n);
		if (!rc && is_dir)
			gone(em, n);
		if (!rc && !n->di.i_links_count)
			vn->vflags |= UK_VNODE_GONE;	/* no reuse: evict */
	}
	if (vn)
		uk_vfs_vnode_put(vn);	/* the last one evicts */
	return unlock(em, rc);
}

static int ext2v_unlink(struct uk_vnode *dir, const char *name, size_t len)
{
	return remove(dir, name, len, 0);
}

static int ext2v_rmdir(struct uk_vnode *dir, const char *name, size_t len)
{
	return remove(dir, name, len, 1);
}

static int ext2v_rename(struct uk_vnode *odir, const char *on, size_t olen,
			struct uk_vnode *ndir, const char *nn, size_t nlen,
			unsigned int flags)
{
	struct ext2_mnt *em = mnt_of(odir);
	struct uk_vnode *src = NULL, *dst = NULL;
	uint32_t ino;
	int rc;

	if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE) ||
	    (flags & RENAME_NOREPLACE && flags & RENAME_EXCHANGE))
		return -EINVAL;
	lock(em);
	rc = ext2_dir_lookup(&em->fs, node_of(odir), on, olen, &ino);
	if (!rc)
		rc = vget(odir->mount, ino, &src);
	if (!rc) {
		rc = ext2_dir_lookup(&em->fs, node_of(ndir), nn, nlen, &ino);
		if (!rc)
			rc = vget(ndir->mount, ino, &dst);
		else if (rc == -ENOENT && !(flags & RENAME_EXCHANGE))
			rc = 0;
	}
	if (!rc && dst && flags & RENAME_NOREPLACE)
		rc = -EEXIST;
	if (!rc)
		rc = ext2_rename(&em->fs, node_of(odir), on, olen,
				 node_of(src), node_of(ndir), nn, nlen,
				 dst ? node_of(dst) : NULL,
				 !!(flags & RENAME_EXCHANGE));
	if (!rc && dst && ext2_is_dir(node_of(dst)))
		gone(em, node_of(dst));	/* replaced by the rename */
	if (!rc && dst && !node_of(dst)->di.i_links_count)
		dst->vflags |= UK_VNODE_GONE;
	if (src)
		uk_vfs_vnode_put(src);
	if (dst)
		uk_vfs_vnode_put(dst);	/* a replaced file may go now */
	return unlock(em, rc);
}

struct emit_ctx {
	uk_vfs_emit_fn emit;
	void *ctx;
};

static int emit_one(void *ctx, const char *name, size_t len, uint32_t ino,
		    uint8_t ft, uint64_t next)
{
	struct emit_ctx *e = ctx;

	return e->emit(e->ctx, name, len, ino, ext2_ft_to_dtype(ft), next);
}

static int ext2v_readdir(struct uk_vnode *dir, off_t *cookie,
			 uk_vfs_emit_fn emit, void *ctx)
{
	struct ext2_mnt *em = mnt_of(dir);
	struct emit_ctx e = { emit, ctx };
	uint64_t pos = *cookie;
	int rc;

	lock(em);
	rc = ext2_dir_iterate(&em->fs, node_of(dir), &pos, emit_one, &e);
	*cookie = pos;
	return unlock(em, rc);
}

/* read/write: each iovec in turn; a short one ends the call. */
static ssize_t rw(struct uk_vnode *vn, const struct iovec *iov, int iovcnt,
		  off_t off, int write)
{
	struct ext2_mnt *em = mnt_of(vn);
	ssize_t done = 0, r = 0;
	int i;

	lock(em);
	for (i = 0; i < iovcnt; i++) {
		if (!iov[i].iov_len)
			continue;
		r = write ? ext2_write(&em->fs, node_of(vn), iov[i].iov_base,
				       iov[i].iov_len, off + done)
			  : ext2_read(&em->fs, node_of(vn), iov[i].iov_base,
				      iov[i].iov_len, off + done);
		if (r < 0)
			break;
		done += r;
		if ((size_t)r < iov[i].iov_len)
			break;
	}
	r = unlock(em, done ? 0 : (int)r);
	return done ? done : r;
}

static ssize_t ext2v_read(struct uk_vnode *vn, const struct iovec *iov,
			  int iovcnt, off_t off)
{
	return rw(vn, iov, iovcnt, off, 0);
}

static ssize_t ext2v_write(struct uk_vnode *vn, const struct iovec *iov,
			   int iovcnt, off_t off)
{
	return rw(vn, iov, iovcnt, off, 1);
}

static ssize_t ext2v_readlink(struct uk_vnode *vn, char *buf, size_t len)
{
	struct ext2_mnt *em = mnt_of(vn);
	struct ext2_node *n = node_of(vn);
	ssize_t r;
	int rc;

	lock(em);
	if (ext2_is_fast_symlink(&em->fs, n)) {
		r = n->di.i_size < len ? n->di.i_size : len;
		if (n->di.i_size >= sizeof(n->di.i_block))
			r = -EUCLEAN;
		else
			memcpy(buf, n->di.i_block, r);
	} else {
		r = ext2_read(&em->fs, n, buf, len, 0);
	}
	rc = unlock(em, r < 0 ? (int)r : 0);
	return rc < 0 ? rc : r;
}

static int dev_flush(struct ext2_mnt *em)
{
	int rc;

	if (em->fs.ro || !em->bd->info.flush)
		return 0;
	rc = uk_blkdev_io(em->bd, UK_BLKREQ_FLUSH, 0, 0, NULL);
	return rc == -ENOTSUP ? 0 : rc;
}

static int ext2v_fsync(struct uk_vnode *vn, int datasync)
{
	struct ext2_mnt *em = mnt_of(vn);

	(void)datasync;
	lock(em);
	return unlock(em, dev_flush(em));
}

static off_t ext2v_seek_data(struct uk_vnode *vn, off_t off, int hole)
{
	struct ext2_mnt *em = mnt_of(vn);
	int64_t r;

	lock(em);
	r = ext2_seek_data(&em->fs, node_of(vn), off, hole);
	unlock(em, 0);
	return r;
}

static void get_ts(const struct ext2_node *n, int which, struct timespec *ts)
{
	uint32_t s, ns;

	ext2_get_time(n, which, &s, &ns);
	ts->tv_sec = s;
	ts->tv_nsec = ns;
}

static int ext2v_getattr(struct uk_vnode *vn, struct stat *st)
{
	struct ext2_mnt *em = mnt_of(vn);
	struct ext2_inode *di = &node_of(vn)->di;
	uint32_t ma, mi;

	lock(em);
	st->st_mode = di->i_mode;
	st->st_nlink = di->i_links_count;
	st->st_uid = di->i_uid | (uint32_t)di->i_uid_high << 16;
	st->st_gid = di->i_gid | (uint32_t)di->i_gid_high << 16;
	st->st_size = ext2_isize(node_of(vn));
	st->st_blocks = di->i_blocks;
	st->st_blksize = em->fs.g.bsize;
	get_ts(node_of(vn), EXT2_T_ATIME, &st->st_atim);
	get_ts(node_of(vn), EXT2_T_MTIME, &st->st_mtim);
	get_ts(node_of(vn), EXT2_T_CTIME, &st->st_ctim);
	if (S_ISCHR(di->i_mode) || S_ISBLK(di->i_mode)) {
		ext2_rdev(node_of(vn), &ma, &mi);
		st->st_rdev = makedev(ma, mi);
	}
	return unlock(em, 0);
}

static int ext2v_setattr(struct uk_vnode *vn, const struct uk_vattr *va,
			 unsigned int mask)
{
	struct ext2_mnt *em = mnt_of(vn);
	struct ext2_node *n = node_of(vn);
	int rc = 0;

	lock(em);
	if (mask & UK_VATTR_SIZE) {
		if (!S_ISREG(n->di.i_mode))
			rc = S_ISDIR(n->di.i_mode) ? -EISDIR : -EINVAL;
		else if (va->size < 0)
			rc = -EINVAL;
		else
			rc = ext2_truncate(&em->fs, n, va->size);
	}
	if (!rc) {
		if (mask & UK_VATTR_MODE)
			n->di.i_mode = (n->di.i_mode & S_IFMT) |
				       (va->mode & 07777);
		if (mask & UK_VATTR_UID) {
			n->di.i_uid = va->uid & 0xffff;
			n->di.i_uid_high = va->uid >> 16;
		}
		if (mask & UK_VATTR_GID) {
			n->di.i_gid = va->gid & 0xffff;
			n->di.i_gid_high = va->gid >> 16;
		}
		if (mask & UK_VATTR_ATIME)
			ext2_set_time(n, EXT2_T_ATIME, va->atime.tv_sec,
				      va->atime.tv_nsec);
		if (mask & UK_VATTR_MTIME)
			ext2_set_time(n, EXT2_T_MTIME, va->mtime.tv_sec,
				      va->mtime.tv_nsec);
		ext2_stamp(&em->fs, n, EXT2_T_CTIME);
		vn->mode = n->di.i_mode;
		rc = ext2_iwrite(&em->fs, n);
	}
	return unlock(em, rc);
}

static void ext2v_inactive(struct uk_vnode *vn)
{
	struct ext2_mnt *em = mnt_of(vn);
	struct ext2_node *n = node_of(vn);

	if (!n)
		return;
	lock(em);
	if (!n->di.i_links_count && !n->gone && !em->fs.ro)
		ext2_evict(&em->fs, n);
	for (unsigned int i = 0; n->gone && i < GONE_MAX; i++)
		if (em->gone[i] == n->ino)
			em->gone[i] = 0;
	unlock(em, 0);
	vn->priv = NULL;
	ext2_free(n);
}

static const struct uk_vnode_ops ext2_vops = {
	.lookup = ext2v_lookup,
	.create = ext2v_create,
	.mkdir = ext2v_mkdir,
	.mknod = ext2v_mknod,
	.symlink = ext2v_symlink,
	.link = ext2v_link,
	.unlink = ext2v_unlink,
	.rmdir = ext2v_rmdir,
	.rename = ext2v_rename,
	.readdir = ext2v_readdir,
	.read = ext2v_read,
	.write = ext2v_write,
	.readlink = ext2v_readlink,
	.fsync = ext2v_fsync,
	.seek_data = ext2v_seek_data,
	.getattr = ext2v_getattr,
	.setattr = ext2v_setattr,
	.inactive = ext2v_inactive,
};

/* "vda".."vdz": the n-th block device; else a device's own name. */
static struct uk_blkdev *find_dev(const char *source)
{
	unsigned int i;

	if (source[0] == 'v' && source[1] == 'd' && source[2] >= 'a' &&
	    source[2] <= 'z' && !source[3])
		return uk_blkdev_get(source[2] - 'a');
	for (i = 0; i < uk_blkdev_count(); i++)
		if (!strcmp(uk_blkdev_get(i)->name, source))
			return uk_blkdev_get(i);
	return NULL;
}

static int ext2_vfs_mount(struct uk_vfs_mount *m, const char *source,
			  unsigned long flags, const char *opts)
{
	struct uk_blkdev *bd = find_dev(source);
	struct ext2_mnt *em;
	int rc;

	if (!bd) {
		uk_pr_err("no block device '%s' (%u found)\n", source,
			  uk_blkdev_count());
		return -ENODEV;
	}
	if (opts && *opts && strcmp(opts, "ro") && strcmp(opts, "rw")) {
		uk_pr_err("%s: unknown options '%s' (ext2 has none)\n",
			  source, opts);
		return -EINVAL;
	}
	if (bd->info.read_only && !(flags & MS_RDONLY)) {
		uk_pr_err("%s: the device is read-only: mount it ro\n",
			  bd->name);
		return -EROFS;
	}
	if (bd->info.sector_size > 4096) {
		uk_pr_err("%s: sectors of %u bytes (at most 4096)\n",
			  bd->name, bd->info.sector_size);
		return -EINVAL;
	}
	em = ext2_calloc(1, sizeof(*em));
	if (!em)
		return -ENOMEM;
	em->bd = bd;
	em->fs.bio = blk_bio;
	em->fs.dev = em;
	em->fs.dev_bytes = bd->info.sectors * bd->info.sector_size;
	em->fs.ro = !!(flags & MS_RDONLY);
	em->fs.now = now;
	em->fs.report = report;
	em->fs.ino_busy = ino_busy;
	uk_lock_mutex_init(&em->lock, UK_MUTEX_RECURSIVE);
	rc = ext2_mount(&em->fs);
	if (!rc && em->fs.g.bsize < bd->info.sector_size) {
		uk_pr_err("%s: blocks of %u bytes on sectors of %u\n",
			  bd->name, em->fs.g.bsize, bd->info.sector_size);
		ext2_unmount(&em->fs);
		rc = -EINVAL;
	}
	if (rc) {
		ext2_free(em);
		return rc;
	}
	m->priv = em;
	rc = vget(m, EXT2_ROOT_INO, &m->root);
	if (rc) {
		uk_vfs_vnode_evict(m);	/* the contract: before freeing */
		ext2_unmount(&em->fs);
		ext2_free(em);
		m->priv = NULL;
	}
	return rc;
}

static int ext2_vfs_unmount(struct uk_vfs_mount *m)
{
	struct ext2_mnt *em = m->priv;
	int rc;

	lock(em);
	rc = ext2_flush(&em->fs);
	if (!rc)
		rc = dev_flush(em);
	ext2_unmount(&em->fs);
	uk_lock_mutex_unlock(&em->lock);
	ext2_free(em);
	m->priv = NULL;
	return rc;
}

static int ext2_vfs_statfs(struct uk_vfs_mount *m, struct statfs *st)
{
	struct ext2_mnt *em = m->priv;
	struct ext2_super *sb = &em->fs.sb;

	lock(em);
	memset(st, 0, sizeof(*st));
	st->f_type = EXT2_MAGIC;
	st->f_bsize = em->fs.g.bsize;
	st->f_frsize = em->fs.g.bsize;
	st->f_blocks = sb->s_blocks_count;
	st->f_bfree = sb->s_free_blocks_count;
	st->f_bavail = sb->s_free_blocks_count > sb->s_r_blocks_count ?
		       sb->s_free_blocks_count - sb->s_r_blocks_count : 0;
	st->f_files = sb->s_inodes_count;
	st->f_ffree = sb->s_free_inodes_count;
	st->f_namelen = EXT2_NAME_LEN;
	return unlock(em, 0);
}

static int ext2_vfs_sync(struct uk_vfs_mount *m)
{
	struct ext2_mnt *em = m->priv;
	int rc;

	lock(em);
	rc = ext2_flush(&em->fs);
	return unlock(em, rc ? rc : dev_flush(em));
}

static struct uk_vfs_fstype ext2_type = {
	.name = "ext2",
	.mount = ext2_vfs_mount,
	.unmount = ext2_vfs_unmount,
	.statfs = ext2_vfs_statfs,
	.sync = ext2_vfs_sync,
};

static int ext2_init(void)
{
	return uk_vfs_fstype_register(&ext2_type);
}
uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, ext2_init, NULL);
