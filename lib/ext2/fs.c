/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2 core: mounting (the superblock and group descriptors, checked by
 * disk.c), the metadata block cache, and inodes in and out of their
 * tables. See fs.h for the layers and the consistency rule.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "fs.h"

void ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...)
{
	char line[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (fs->report)
		fs->report(fs, line);
}

uint32_t ext2_now(struct ext2_fs *fs)
{
	uint32_t s = 0, ns;

	if (fs->now)
		fs->now(&s, &ns);
	return s;
}

static int has_nsec(const struct ext2_node *n)
{
	return n->di.i_extra_isize >= EXT2_EXTRA_TIMES;
}

void ext2_set_time(struct ext2_node *n, int which, uint32_t sec,
		   uint32_t nsec)
{
	uint32_t x = has_nsec(n) ? nsec << 2 : 0;

	if (which & EXT2_T_ATIME) {
		n->di.i_atime = sec;
		n->di.i_atime_extra = x;
	}
	if (which & EXT2_T_MTIME) {
		n->di.i_mtime = sec;
		n->di.i_mtime_extra = x;
	}
	if (which & EXT2_T_CTIME) {
		n->di.i_ctime = sec;
		n->di.i_ctime_extra = x;
	}
}

void ext2_get_time(const struct ext2_node *n, int which, uint32_t *sec,
		   uint32_t *nsec)
{
	uint32_t x = which & EXT2_T_ATIME ? n->di.i_atime_extra :
		     which & EXT2_T_MTIME ? n->di.i_mtime_extra :
		     n->di.i_ctime_extra;

	*sec = which & EXT2_T_ATIME ? n->di.i_atime :
	       which & EXT2_T_MTIME ? n->di.i_mtime : n->di.i_ctime;
	*nsec = has_nsec(n) ? x >> 2 : 0;
	if (*nsec >= 1000000000)
		*nsec = 0;	/* not a valid stamp: whole seconds */
}

void ext2_stamp(struct ext2_fs *fs, struct ext2_node *n, int which)
{
	uint32_t s = 0, ns = 0;

	if (fs->now)
		fs->now(&s, &ns);
	ext2_set_time(n, which, s, ns);
}

static int bio(struct ext2_fs *fs, int write, uint32_t blk, uint32_t n,
	       void *buf)
{
	int rc;

	if (write && fs->ro)
		return -EROFS;
	rc = fs->bio(fs->dev, write, (uint64_t)blk << fs->g.log_bsize,
		     n << fs->g.log_bsize, buf);
	if (rc < 0) {
		ext2_corrupt(fs, "%s of block %u failed: %d",
			     write ? "write" : "read", blk, rc);
		if (!fs->err)
			fs->err = rc;
	}
	return rc;
}

/* The slot holding blk, or the one to reuse (empty, else least recent). */
static struct ext2_cblock *slot(struct ext2_fs *fs, uint32_t blk, int *hit)
{
	struct ext2_cblock *c, *victim = &fs->cache[0];

	for (c = fs->cache; c < fs->cache + EXT2_CACHE_BLOCKS; c++) {
		if (c->valid && c->blk == blk) {
			*hit = 1;
			return c;
		}
		if (!victim->valid)
			continue;
		if (!c->valid || c->used < victim->used)
			victim = c;
	}
	*hit = 0;
	return victim;
}

uint8_t *ext2_bget(struct ext2_fs *fs, uint32_t blk, int fresh)
{
	struct ext2_cblock *c;
	int hit;

	if (blk >= fs->sb.s_blocks_count) {
		ext2_corrupt(fs, "block %u out of range (blocks count %u)",
			     blk, fs->sb.s_blocks_count);
		return NULL;
	}
	c = slot(fs, blk, &hit);
	if (!hit) {
		if (c->valid && c->dirty && bio(fs, 1, c->blk, 1, c->data) < 0)
			return NULL;
		c->valid = 0;
		c->dirty = 0;
		if (fresh)
			memset(c->data, 0, fs->g.bsize);
		else if (bio(fs, 0, blk, 1, c->data) < 0)
			return NULL;
		c->blk = blk;
		c->valid = 1;
	}
	c->used = ++fs->clock;
	return c->data;
}

void ext2_bdirty(struct ext2_fs *fs, uint32_t blk)
{
	int hit;
	struct ext2_cblock *c = slot(fs, blk, &hit);

	if (hit)
		c->dirty = 1;
}

void ext2_bforget(struct ext2_fs *fs, uint32_t blk)
{
	int hit;
	struct ext2_cblock *c = slot(fs, blk, &hit);

	if (hit)
		c->valid = c->dirty = 0;
}

/* The superblock lives at byte 1024, inside fs block sb_blk. */
static uint32_t sb_blk(const struct ext2_fs *fs)
{
	return EXT2_SB_OFFSET >> fs->g.log_bsize;
}

int ext2_flush(struct ext2_fs *fs)
{
	struct ext2_cblock *c;
	uint32_t i, per = fs->g.bsize / sizeof(struct ext2_group_desc);
	uint8_t *b;
	int rc;

	if (fs->ro)
		return 0;
	for (i = 0; i < fs->g.gdt_blocks; i++) {
		uint32_t n = fs->g.ngroups - i * per;

		if (!fs->gd_dirty[i])
			continue;
		b = ext2_bget(fs, fs->sb.s_first_data_block + 1 + i, 1);
		if (!b)
			break;
		memcpy(b, fs->gd + i * per, (n < per ? n : per) *
		       sizeof(struct ext2_group_desc));
		ext2_bdirty(fs, fs->sb.s_first_data_block + 1 + i);
		fs->gd_dirty[i] = 0;
	}
	if (fs->sb_dirty) {
		b = ext2_bget(fs, sb_blk(fs), 0);
		if (b) {
			fs->sb.s_wtime = ext2_now(fs);
			memcpy(b + (EXT2_SB_OFFSET & (fs->g.bsize - 1)),
			       &fs->sb, sizeof(fs->sb));
			ext2_bdirty(fs, sb_blk(fs));
			fs->sb_dirty = 0;
		}
	}
	for (c = fs->cache; c < fs->cache + EXT2_CACHE_BLOCKS; c++)
		if (c->valid && c->dirty && bio(fs, 1, c->blk, 1, c->data) == 0)
			c->dirty = 0;
	rc = fs->err;
	fs->err = 0;
	return rc;
}

static int read_super(struct ext2_fs *fs)
{
	uint8_t *buf = ext2_malloc(4096);
	char why[200];
	int rc;

	if (!buf)
		return -ENOMEM;
	rc = fs->bio(fs->dev, 0, 0, 4096, buf);
	if (rc < 0) {
		ext2_corrupt(fs, "superblock: read failed: %d", rc);
		ext2_free(buf);
		return rc;
	}
	memcpy(&fs->sb, buf + EXT2_SB_OFFSET, sizeof(fs->sb));
	ext2_free(buf);
	rc = ext2_check_super(&fs->sb, fs->dev_bytes, fs->ro, &fs->g, why,
			      sizeof(why));
	if (rc)
		ext2_corrupt(fs, "superblock: %s", why);
	return rc;
}

static int read_groups(struct ext2_fs *fs)
{
	uint32_t i, per = fs->g.bsize / sizeof(struct ext2_group_desc);
	char why[200];
	int rc;

	fs->gd = ext2_malloc((size_t)fs->g.gdt_blocks * fs->g.bsize);
	fs->gd_dirty = ext2_calloc(fs->g.gdt_blocks, 1);
	if (!fs->gd || !fs->gd_dirty)
		return -ENOMEM;
	rc = bio(fs, 0, fs->sb.s_first_data_block + 1, fs->g.gdt_blocks,
		 fs->gd);
	if (rc < 0)
		return rc;
	(void)per;
	for (i = 0; i < fs->g.ngroups; i++) {
		rc = ext2_check_group(&fs->sb, &fs->g, i, &fs->gd[i], why,
				      sizeof(why));
		if (rc) {
			ext2_corrupt(fs, "%s", why);
			return rc;
		}
	}
	return 0;
}

int ext2_mount(struct ext2_fs *fs)
{
	struct ext2_node root;
	int rc, i;

	rc = read_super(fs);
	if (rc)
		return rc;
	rc = read_groups(fs);
	for (i = 0; !rc && i < EXT2_CACHE_BLOCKS; i++)
		if (!(fs->cache[i].data = ext2_malloc(fs->g.bsize)))
			rc = -ENOMEM;
	if (!rc && !(fs->tmp = ext2_malloc(fs->g.bsize)))
		rc = -ENOMEM;
	if (!rc)
		rc = ext2_iread(fs, EXT2_ROOT_INO, &root);
	if (!rc && (root.di.i_mode & 0170000) != 0040000) {
		ext2_corrupt(fs, "root inode is not a directory (mode 0%o)",
			     root.di.i_mode);
		rc = -EUCLEAN;
	}
	if (rc) {
		ext2_unmount(fs);
		return rc;
	}
	if (!fs->ro) {
		/* The disk stays consistent between operations, so its
		 * state stays "valid" while mounted (no journal, no
		 * recovery: a power-off leaves a clean file system). */
		fs->sb.s_mnt_count++;
		fs->sb.s_mtime = ext2_now(fs);
		fs->sb_dirty = 1;
		rc = ext2_flush(fs);
	}
	return rc;
}

void ext2_unmount(struct ext2_fs *fs)
{
	int i;

	if (fs->gd && fs->gd_dirty && fs->cache[EXT2_CACHE_BLOCKS - 1].data)
		ext2_flush(fs);
	for (i = 0; i < EXT2_CACHE_BLOCKS; i++) {
		ext2_free(fs->cache[i].data);
		fs->cache[i].data = NULL;
		fs->cache[i].valid = 0;
	}
	ext2_free(fs->gd);
	ext2_free(fs->gd_dirty);
	ext2_free(fs->tmp);
	fs->gd = NULL;
	fs->gd_dirty = NULL;
	fs->tmp = NULL;
}

/*
 * Bytes past 128 of n's inode that are the kit's to read and write: the
 * extra fields i_extra_isize covers, up to those the kit knows (in-inode
 * attributes follow them and are left alone); at least i_extra_isize
 * itself.
 */
static uint32_t extra_len(const struct ext2_fs *fs, const struct ext2_node *n)
{
	uint32_t len = n->di.i_extra_isize, room = fs->g.inode_size -
						 EXT2_GOOD_OLD_INODE_SIZE;

	if (len > room)
		len = room;
	if (len > EXT2_INODE_EXTRA_MAX)
		len = EXT2_INODE_EXTRA_MAX;
	return len < 2 ? 2 : len;
}

/* Where inode ino lives: its table block and offset in it. */
static int ilocate(struct ext2_fs *fs, uint32_t ino, uint32_t *blk,
		   uint32_t *off)
{
	uint32_t grp, idx;

	if (!ino || ino > fs->sb.s_inodes_count) {
		ext2_corrupt(fs, "inode %u out of range (inodes count %u)",
			     ino, fs->sb.s_inodes_count);
		return -EUCLEAN;
	}
	grp = (ino - 1) / fs->sb.s_inodes_per_group;
	idx = (ino - 1) % fs->sb.s_inodes_per_group;
	*blk = fs->gd[grp].bg_inode_table +
	       (uint32_t)(((uint64_t)idx * fs->g.inode_size) >>
			  fs->g.log_bsize);
	*off = (idx * fs->g.inode_size) & (fs->g.bsize - 1);
	return 0;
}

/* The cached table block holding inode ino (*blk, *off), or NULL and
 * *rc. */
static uint8_t *iblock(struct ext2_fs *fs, uint32_t ino, uint32_t *blk,
		       uint32_t *off, int *rc)
{
	uint8_t *b;

	*rc = ilocate(fs, ino, blk, off);
	if (*rc)
		return NULL;
	b = ext2_bget(fs, *blk, 0);
	if (!b)
		*rc = -EIO;
	return b;
}

int ext2_iread(struct ext2_fs *fs, uint32_t ino, struct ext2_node *n)
{
	uint32_t blk, off;
	int rc;
	uint8_t *b = iblock(fs, ino, &blk, &off, &rc);

	if (!b)
		return rc;
	memset(&n->di, 0, sizeof(n->di));
	n->gone = 0;
	memcpy(&n->di, b + off, EXT2_GOOD_OLD_INODE_SIZE);
	if (fs->g.inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		memcpy(&n->di.i_extra_isize, b + off + EXT2_GOOD_OLD_INODE_SIZE, 2);
		memcpy(&n->di.i_extra_isize, b + off + EXT2_GOOD_OLD_INODE_SIZE,
		       extra_len(fs, n));
	}
	n->ino = ino;
	if (n->di.i_flags & (EXT2_EXTENTS_FL | EXT2_INLINE_DATA_FL)) {
		ext2_corrupt(fs, "inode %u: extents or inline data (flags "
			     "0x%x) in an ext2 file system", ino,
			     n->di.i_flags);
		return -EUCLEAN;
	}
	return 0;
}

int ext2_iclear(struct ext2_fs *fs, uint32_t ino)
{
	uint32_t blk, off;
	int rc;
	uint8_t *b = iblock(fs, ino, &blk, &off, &rc);

	if (!b)
		return rc;
	memset(b + off, 0, fs->g.inode_size);
	ext2_bdirty(fs, blk);
	return 0;
}

int ext2_iwrite(struct ext2_fs *fs, const struct ext2_node *n)
{
	uint32_t blk, off;
	int rc;
	uint8_t *b = iblock(fs, n->ino, &blk, &off, &rc);

	if (!b)
		return rc;
	memcpy(b + off, &n->di, EXT2_GOOD_OLD_INODE_SIZE);
	if (fs->g.inode_size > EXT2_GOOD_OLD_INODE_SIZE)
		memcpy(b + off + EXT2_GOOD_OLD_INODE_SIZE, &n->di.i_extra_isize,
		       extra_len(fs, n));
	ext2_bdirty(fs, blk);
	return 0;
}

uint64_t ext2_isize(const struct ext2_node *n)
{
	uint64_t sz = n->di.i_size;

	if ((n->di.i_mode & 0170000) == 0100000)
		sz |= (uint64_t)n->di.i_size_high << 32;
	return sz;
}

void ext2_set_isize(struct ext2_fs *fs, struct ext2_node *n, uint64_t sz)
{
	n->di.i_size = (uint32_t)sz;
	if ((n->di.i_mode & 0170000) != 0100000)
		return;
	n->di.i_size_high = (uint32_t)(sz >> 32);
	if (sz > 0x7fffffffULL &&
	    !(fs->sb.s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_LARGE_FILE)) {
		fs->sb.s_feature_ro_compat |= EXT2_FEATURE_RO_COMPAT_LARGE_FILE;
		fs->sb_dirty = 1;
	}
}
