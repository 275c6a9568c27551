/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2 core: the namespace operations (make, link, unlink, rmdir,
 * rename, evict) on inodes in memory. The caller hands in the nodes of
 * every object involved (vfs.c: the vnodes' copies, so a file open
 * elsewhere sees its new link count) and owns their locking; each
 * operation writes every inode it changed.
 */
#include <errno.h>
#include <string.h>
#include "fs.h"

#define S_IFMT_		0170000
#define IS_DIR(m)	(((m) & S_IFMT_) == 0040000)
#define LINK_MAX_	65000

int ext2_is_dir(const struct ext2_node *n)
{
	return IS_DIR(n->di.i_mode);
}

static void set_ids(struct ext2_node *n, uint32_t uid, uint32_t gid)
{
	n->di.i_uid = uid & 0xffff;
	n->di.i_uid_high = uid >> 16;
	n->di.i_gid = gid & 0xffff;
	n->di.i_gid_high = gid >> 16;
}

/* Device numbers as Linux's ext2 stores them (i_block[0] or [1]). */
static void set_rdev(struct ext2_node *n, uint32_t major, uint32_t minor)
{
	if (major < 256 && minor < 256) {
		n->di.i_block[0] = major << 8 | minor;
	} else {
		n->di.i_block[0] = 0;
		n->di.i_block[1] = (minor & 0xff) | (major << 8) |
				   ((minor & ~0xffu) << 12);
	}
}

void ext2_rdev(const struct ext2_node *n, uint32_t *major, uint32_t *minor)
{
	uint32_t v = n->di.i_block[0];

	if (v) {
		*major = (v >> 8) & 0xff;
		*minor = v & 0xff;
	} else {
		v = n->di.i_block[1];
		*major = (v >> 8) & 0xfff;
		*minor = (v & 0xff) | ((v >> 12) & 0xfff00);
	}
}

int ext2_make(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
	      size_t len, const struct ext2_make_args *a, struct ext2_node *n)
{
	size_t tlen = a->target ? strlen(a->target) : 0;
	int rc;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (!dir->di.i_links_count)
		return -ENOENT;	/* a removed directory */
	if (IS_DIR(a->mode) && dir->di.i_links_count >= LINK_MAX_)
		return -EMLINK;
	if (a->target && tlen >= fs->g.bsize)
		return -ENAMETOOLONG;
	rc = ext2_dir_lookup(fs, dir, name, len, &n->ino);
	if (rc != -ENOENT)
		return rc ? rc : -EEXIST;
	rc = ext2_ialloc(fs, dir->ino, a->mode, &n->ino);
	if (rc)
		return rc;
	memset(&n->di, 0, sizeof(n->di));
	n->gone = 0;
	ext2_iclear(fs, n->ino);
	n->di.i_mode = a->mode;
	set_ids(n, a->uid, a->gid);
	n->di.i_links_count = IS_DIR(a->mode) ? 2 : 1;
	if (fs->g.inode_size > EXT2_GOOD_OLD_INODE_SIZE)
		n->di.i_extra_isize = fs->sb.s_want_extra_isize &&
				      fs->sb.s_want_extra_isize <=
				      fs->g.inode_size - 128 ?
				      fs->sb.s_want_extra_isize : 4;
	ext2_stamp(fs, n, EXT2_T_ATIME | EXT2_T_MTIME | EXT2_T_CTIME);
	if ((a->mode & S_IFMT_) == 0020000 || (a->mode & S_IFMT_) == 0060000)
		set_rdev(n, a->major, a->minor);
	if (IS_DIR(a->mode)) {
		rc = ext2_dir_init(fs, n, dir->ino);
	} else if (a->target && tlen < sizeof(n->di.i_block)) {
		memcpy(n->di.i_block, a->target, tlen);	/* fast symlink */
		n->di.i_size = tlen;
		rc = ext2_iwrite(fs, n);
	} else if (a->target) {
		ssize_t w = ext2_write(fs, n, a->target, tlen, 0);

		rc = w < 0 ? (int)w : w != (ssize_t)tlen ? -ENOSPC : 0;
	} else {
		rc = ext2_iwrite(fs, n);
	}
	if (!rc)
		rc = ext2_dir_add(fs, dir, name, len, n->ino, a->mode);
	if (rc) {
		n->di.i_links_count = 0;
		ext2_evict(fs, n);
		return rc;
	}
	if (IS_DIR(a->mode)) {
		dir->di.i_links_count++;
		ext2_iwrite(fs, dir);
	}
	return 0;
}

int ext2_link(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
	      size_t len, struct ext2_node *n)
{
	uint32_t ino;
	int rc;

	if (n->di.i_links_count >= LINK_MAX_)
		return -EMLINK;
	rc = ext2_dir_lookup(fs, dir, name, len, &ino);
	if (rc != -ENOENT)
		return rc ? rc : -EEXIST;
	rc = ext2_dir_add(fs, dir, name, len, n->ino, n->di.i_mode);
	if (rc)
		return rc;
	n->di.i_links_count++;
	ext2_stamp(fs, n, EXT2_T_CTIME);
	return ext2_iwrite(fs, n);
}

int ext2_unlink(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
		size_t len, struct ext2_node *n)
{
	int rc = ext2_dir_remove(fs, dir, name, len);

	if (rc)
		return rc;
	if (n->di.i_links_count)
		n->di.i_links_count--;
	ext2_stamp(fs, n, EXT2_T_CTIME);
	return ext2_iwrite(fs, n);
}

int ext2_rmdir(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
	       size_t len, struct ext2_node *n)
{
	int rc;

	if (!IS_DIR(n->di.i_mode))
		return -ENOTDIR;
	rc = ext2_dir_empty(fs, n);
	if (rc <= 0)
		return rc ? rc : -ENOTEMPTY;
	rc = ext2_dir_remove(fs, dir, name, len);
	if (rc)
		return rc;
	n->di.i_links_count = 0;
	ext2_stamp(fs, n, EXT2_T_CTIME);
	ext2_iwrite(fs, n);
	if (dir->di.i_links_count > 2)
		dir->di.i_links_count--;
	return ext2_iwrite(fs, dir);
}

/*
 * Drop n's extended attribute block (ext_attr: i_file_acl, shared
 * between inodes by a reference count at byte 4 of its header, magic
 * 0xEA020000): the last user frees it.
 */
static int drop_xattr(struct ext2_fs *fs, struct ext2_node *n)
{
	uint32_t blk = n->di.i_file_acl, *h;
	int rc = 0;

	if (!blk)
		return 0;
	n->di.i_file_acl = 0;
	if (!ext2_blk_ok(fs, blk))
		return -EUCLEAN;
	h = (uint32_t *)ext2_bget(fs, blk, 0);
	if (!h)
		return -EIO;
	if (h[0] != 0xEA020000) {
		ext2_corrupt(fs, "inode %u: attribute block %u: bad magic",
			     n->ino, blk);
		return -EUCLEAN;
	}
	if (h[1] > 1) {
		h[1]--;
		ext2_bdirty(fs, blk);
	} else {
		rc = ext2_bfree(fs, blk);
	}
	if (!rc && n->di.i_blocks >= fs->g.bsize >> 9)
		n->di.i_blocks -= fs->g.bsize >> 9;
	return rc;
}

int ext2_evict(struct ext2_fs *fs, struct ext2_node *n)
{
	int rc = ext2_truncate(fs, n, 0);

	if (!rc)
		rc = drop_xattr(fs, n);

	n->di.i_dtime = ext2_now(fs);
	if (!n->di.i_dtime)
		n->di.i_dtime = 1;	/* e2fsck: a deleted inode has one */
	ext2_iwrite(fs, n);
	return ext2_ifree(fs, n->ino, n->di.i_mode) ? -EIO : rc;
}

/* Point directory n's ".." at parent. */
static int set_dotdot(struct ext2_fs *fs, struct ext2_node *n,
		      uint32_t parent)
{
	return ext2_dir_retarget(fs, n, "..", 2, parent, 0040000);
}

/* A directory n moved from odir to ndir: its ".." and both counts. */
static int moved_dir(struct ext2_fs *fs, struct ext2_node *n,
		     struct ext2_node *odir, struct ext2_node *ndir)
{
	if (odir == ndir || !IS_DIR(n->di.i_mode))
		return 0;
	if (ndir->di.i_links_count >= LINK_MAX_)
		return -EMLINK;
	set_dotdot(fs, n, ndir->ino);
	odir->di.i_links_count--;
	ndir->di.i_links_count++;
	ext2_iwrite(fs, odir);
	return ext2_iwrite(fs, ndir);
}

int ext2_rename(struct ext2_fs *fs, struct ext2_node *odir, const char *on,
		size_t olen, struct ext2_node *src, struct ext2_node *ndir,
		const char *nn, size_t nlen, struct ext2_node *dst,
		int exchange)
{
	int rc;

	if (nlen > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (exchange) {
		if (!dst)
			return -ENOENT;
		rc = ext2_dir_retarget(fs, odir, on, olen, dst->ino,
				       dst->di.i_mode);
		if (!rc)
			rc = ext2_dir_retarget(fs, ndir, nn, nlen, src->ino,
					       src->di.i_mode);
		if (!rc && IS_DIR(src->di.i_mode) != IS_DIR(dst->di.i_mode)) {
			/* one directory changes parent: counts follow it */
			if (IS_DIR(src->di.i_mode))
				rc = moved_dir(fs, src, odir, ndir);
			else
				rc = moved_dir(fs, dst, ndir, odir);
		} else if (!rc && IS_DIR(src->di.i_mode) && odir != ndir) {
			set_dotdot(fs, src, ndir->ino);
			set_dotdot(fs, dst, odir->ino);
		}
		return rc;
	}
	if (dst) {
		if (dst->ino == src->ino)
			return 0;
		if (IS_DIR(src->di.i_mode) && !IS_DIR(dst->di.i_mode))
			return -ENOTDIR;
		if (!IS_DIR(src->di.i_mode) && IS_DIR(dst->di.i_mode))
			return -EISDIR;
		if (IS_DIR(dst->di.i_mode)) {
			rc = ext2_dir_empty(fs, dst);
			if (rc <= 0)
				return rc ? rc : -ENOTEMPTY;
		}
		rc = ext2_dir_retarget(fs, ndir, nn, nlen, src->ino,
				       src->di.i_mode);
		if (rc)
			return rc;
		if (IS_DIR(dst->di.i_mode)) {
			dst->di.i_links_count = 0;
			if (ndir->di.i_links_count > 2)
				ndir->di.i_links_count--;
			ext2_iwrite(fs, ndir);
		} else if (dst->di.i_links_count) {
			dst->di.i_links_count--;
		}
		ext2_stamp(fs, dst, EXT2_T_CTIME);
		ext2_iwrite(fs, dst);
	} else {
		if (IS_DIR(src->di.i_mode) && odir != ndir &&
		    ndir->di.i_links_count >= LINK_MAX_)
			return -EMLINK;
		rc = ext2_dir_add(fs, ndir, nn, nlen, src->ino,
				  src->di.i_mode);
		if (rc)
			return rc;
	}
	rc = ext2_dir_remove(fs, odir, on, olen);
	if (rc)
		return rc;
	ext2_stamp(fs, src, EXT2_T_CTIME);
	ext2_iwrite(fs, src);
	return moved_dir(fs, src, odir, ndir);
}
