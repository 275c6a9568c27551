/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2 core: directories. A directory's data is a sequence of blocks,
 * each a chain of entries (inode, rec_len, name_len, file_type, name)
 * whose rec_lens add up to the block size exactly; an entry with inode 0
 * is free space. Every block is checked by ext2_dir_block_walk (disk.c)
 * before it is used, so a bad rec_len (0, past the block, a loop) is an
 * error naming the directory, never a hang. Hashed (htree, dir_index)
 * directories read as linear ones; a change clears their index flag, as
 * the index would no longer match (e2fsck accepts a linear directory).
 */
#include <errno.h>
#include <string.h>
#include "fs.h"

/* The checked block lb of dir (cached), or NULL with *rc set. */
static uint8_t *dir_block(struct ext2_fs *fs, struct ext2_node *dir,
			  uint64_t lb, uint32_t *pb, int *rc)
{
	*rc = ext2_bmap(fs, dir, lb, 0, pb);
	if (*rc < 0)
		return NULL;
	if (!*pb) {
		ext2_corrupt(fs, "directory %u: hole at block %llu", dir->ino,
			     (unsigned long long)lb);
		*rc = -EUCLEAN;
		return NULL;
	}
	uint8_t *b = ext2_bget(fs, *pb, 0);

	if (!b)
		*rc = -EIO;
	return b;
}

/* Blocks of dir; a size the file system could not hold is corruption
 * (reported) and reads as empty, so a walk is bounded by the fs. */
static uint64_t dir_nblocks(struct ext2_fs *fs, struct ext2_node *dir)
{
	uint64_t nb = ext2_isize(dir) >> fs->g.log_bsize;

	if (nb > fs->sb.s_blocks_count) {
		ext2_corrupt(fs, "directory %u: size %llu past the file "
			     "system's %u blocks", dir->ino,
			     (unsigned long long)ext2_isize(dir),
			     fs->sb.s_blocks_count);
		return 0;
	}
	return nb;
}

struct walk {
	struct ext2_fs *fs;
	const char *name;
	size_t len;
	uint32_t need;		/* add: bytes wanted */
	int32_t found;		/* offset of the match / the room, or -1 */
	uint32_t prev;		/* offset of the entry before found */
	uint32_t last;		/* offset of the entry seen last */
	uint32_t ino;
	uint64_t from;		/* iterate: first offset in the block */
	uint64_t base;		/* iterate: the block's offset in the dir */
	ext2_readdir_fn fn;
	void *ctx;
	int stop;
	uint64_t next;
};

/* Walk block b of dir with fn; corruption is reported naming dir. */
static int walk_block(struct ext2_fs *fs, struct ext2_node *dir, uint8_t *b,
		      uint64_t lb, ext2_dirent_fn fn, struct walk *w)
{
	char why[160];
	int rc = ext2_dir_block_walk(b, fs->g.bsize, fs->sb.s_inodes_count,
				     fn, w, why, sizeof(why));

	if (rc == -EUCLEAN)
		ext2_corrupt(fs, "directory %u block %llu: %s", dir->ino,
			     (unsigned long long)lb, why);
	return rc;
}

static int match_fn(void *ctx, struct ext2_dirent *de, uint32_t off)
{
	struct walk *w = ctx;

	if (de->inode && de->name_len == w->len &&
	    !memcmp(de->name, w->name, w->len)) {
		w->found = off;
		w->prev = w->last;
		w->ino = de->inode;
		return 1;
	}
	w->last = off;
	return 0;
}

/* Find name: 1 with its block (*lb, *pb) and w filled, 0 if absent. */
static int find(struct ext2_fs *fs, struct ext2_node *dir, struct walk *w,
		uint64_t *lbp, uint32_t *pbp)
{
	uint64_t lb, nb = dir_nblocks(fs, dir);
	uint8_t *b;
	int rc;

	for (lb = 0; lb < nb; lb++) {
		b = dir_block(fs, dir, lb, pbp, &rc);
		if (!b)
			return rc;
		w->found = -1;
		w->last = 0;
		rc = walk_block(fs, dir, b, lb, match_fn, w);
		if (rc < 0)
			return rc;
		if (w->found >= 0) {
			*lbp = lb;
			return 1;
		}
	}
	return 0;
}

/* The entry name in dir, in its cached block *pb; NULL and *rc
 * (-ENOENT when absent). w->prev is the entry before it. */
static struct ext2_dirent *entry(struct ext2_fs *fs, struct ext2_node *dir,
				 struct walk *w, uint32_t *pb, int *rc)
{
	uint64_t lb;
	uint8_t *b;

	*rc = find(fs, dir, w, &lb, pb);
	if (*rc <= 0) {
		*rc = *rc ? *rc : -ENOENT;
		return NULL;
	}
	b = ext2_bget(fs, *pb, 0);
	if (!b) {
		*rc = -EIO;
		return NULL;
	}
	return (struct ext2_dirent *)(b + w->found);
}

int ext2_dir_lookup(struct ext2_fs *fs, struct ext2_node *dir,
		    const char *name, size_t len, uint32_t *ino)
{
	struct walk w = { .fs = fs, .name = name, .len = len };
	uint64_t lb;
	uint32_t pb;
	int rc = find(fs, dir, &w, &lb, &pb);

	if (rc <= 0)
		return rc ? rc : -ENOENT;
	*ino = w.ino;
	return 0;
}

static void dir_changed(struct ext2_fs *fs, struct ext2_node *dir)
{
	dir->di.i_flags &= ~EXT2_INDEX_FL;
	ext2_stamp(fs, dir, EXT2_T_MTIME | EXT2_T_CTIME);
	ext2_iwrite(fs, dir);
}

static int room_fn(void *ctx, struct ext2_dirent *de, uint32_t off)
{
	struct walk *w = ctx;
	uint32_t used = de->inode ? EXT2_DIRENT_LEN(de->name_len) : 0;

	if (de->inode && de->name_len == w->len &&
	    !memcmp(de->name, w->name, w->len))
		return -EEXIST;
	if (w->found < 0 && de->rec_len - used >= w->need)
		w->found = off;
	return 0;
}

static void put_entry(struct ext2_fs *fs, struct ext2_dirent *de,
		      const char *name, size_t len, uint32_t ino, uint16_t mode)
{
	de->inode = ino;
	de->name_len = len;
	de->file_type = fs->sb.s_rev_level &&
			(fs->sb.s_feature_incompat &
			 EXT2_FEATURE_INCOMPAT_FILETYPE) ?
			ext2_mode_to_ft(mode) : 0;
	memcpy(de->name, name, len);
}

int ext2_dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
		 size_t len, uint32_t ino, uint16_t mode)
{
	struct walk w = { .fs = fs, .name = name, .len = len,
			  .need = EXT2_DIRENT_LEN(len), .found = -1 };
	uint64_t lb, nb = dir_nblocks(fs, dir), at = 0;
	struct ext2_dirent *de, *nde;
	uint32_t pb, at_pb = 0, used;
	uint8_t *b;
	int rc;

	if (len > EXT2_NAME_LEN)
		return -ENAMETOOLONG;
	if (!dir->di.i_links_count)
		return -ENOENT;	/* removed: nothing goes in again */
	/* One pass: refuse a taken name, remember the first room. */
	for (lb = 0; lb < nb; lb++) {
		int32_t had = w.found;

		b = dir_block(fs, dir, lb, &pb, &rc);
		if (!b)
			return rc;
		rc = walk_block(fs, dir, b, lb, room_fn, &w);
		if (rc < 0)
			return rc;
		if (had < 0 && w.found >= 0) {
			at = lb;
			at_pb = pb;
		}
	}
	if (w.found >= 0) {
		b = ext2_bget(fs, at_pb, 0);
		if (!b)
			return -EIO;
		de = (struct ext2_dirent *)(b + w.found);
		used = de->inode ? EXT2_DIRENT_LEN(de->name_len) : 0;
		if (used) {	/* split: the new entry takes the slack */
			nde = (struct ext2_dirent *)((uint8_t *)de + used);
			nde->rec_len = de->rec_len - used;
			de->rec_len = used;
			de = nde;
		}
		put_entry(fs, de, name, len, ino, mode);
		ext2_bdirty(fs, at_pb);
		(void)at;
	} else {
		/* A new block at the end, one entry spanning it. */
		rc = ext2_bmap(fs, dir, nb, 1, &pb);
		if (rc < 0)
			return rc;
		b = ext2_bget(fs, pb, 1);
		if (!b)
			return -EIO;
		de = (struct ext2_dirent *)b;
		de->rec_len = fs->g.bsize;
		put_entry(fs, de, name, len, ino, mode);
		ext2_bdirty(fs, pb);
		ext2_set_isize(fs, dir, (nb + 1) << fs->g.log_bsize);
	}
	dir_changed(fs, dir);
	return 0;
}

int ext2_dir_remove(struct ext2_fs *fs, struct ext2_node *dir,
		    const char *name, size_t len)
{
	struct walk w = { .fs = fs, .name = name, .len = len };
	uint32_t pb;
	int rc;
	struct ext2_dirent *de = entry(fs, dir, &w, &pb, &rc);

	if (!de)
		return rc;
	if (w.found == 0)
		de->inode = 0;	/* the block's first entry stays, free */
	else	/* merged into the one before */
		((struct ext2_dirent *)((uint8_t *)de - w.found + w.prev))
			->rec_len += de->rec_len;
	ext2_bdirty(fs, pb);
	dir_changed(fs, dir);
	return 0;
}

int ext2_dir_retarget(struct ext2_fs *fs, struct ext2_node *dir,
		      const char *name, size_t len, uint32_t ino,
		      uint16_t mode)
{
	struct walk w = { .fs = fs, .name = name, .len = len };
	uint32_t pb;
	int rc;
	struct ext2_dirent *de = entry(fs, dir, &w, &pb, &rc);

	if (!de)
		return rc;
	put_entry(fs, de, name, len, ino, mode);
	ext2_bdirty(fs, pb);
	dir_changed(fs, dir);
	return 0;
}

static int emit_fn(void *ctx, struct ext2_dirent *de, uint32_t off)
{
	struct walk *w = ctx;
	uint64_t at = w->base + off;

	if (at < w->from)
		return 0;
	w->next = at + de->rec_len;
	if (!de->inode)
		return 0;
	if (w->fn(w->ctx, de->name, de->name_len, de->inode,
		  w->fs->sb.s_feature_incompat & EXT2_FEATURE_INCOMPAT_FILETYPE ?
		  de->file_type : EXT2_FT_UNKNOWN, at + de->rec_len)) {
		w->next = at;	/* not taken: next time from here */
		w->stop = 1;
		return 1;
	}
	return 0;
}

int ext2_dir_iterate(struct ext2_fs *fs, struct ext2_node *dir,
		     uint64_t *pos, ext2_readdir_fn fn, void *ctx)
{
	struct walk w = { .fs = fs, .fn = fn, .ctx = ctx, .from = *pos };
	uint64_t lb, nb = dir_nblocks(fs, dir);
	uint32_t pb;
	uint8_t *b;
	int rc;

	for (lb = *pos >> fs->g.log_bsize; lb < nb && !w.stop; lb++) {
		b = dir_block(fs, dir, lb, &pb, &rc);
		if (!b)
			return rc;
		w.base = lb << fs->g.log_bsize;
		w.next = w.base + fs->g.bsize;
		rc = walk_block(fs, dir, b, lb, emit_fn, &w);
		if (rc < 0)
			return rc;
		*pos = w.stop ? w.next : w.base + fs->g.bsize;
	}
	if (!w.stop && *pos < (nb << fs->g.log_bsize))
		*pos = nb << fs->g.log_bsize;
	return 0;
}

static int empty_fn(void *ctx, struct ext2_dirent *de, uint32_t off)
{
	(void)ctx;
	(void)off;
	if (!de->inode)
		return 0;
	if ((de->name_len == 1 && de->name[0] == '.') ||
	    (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.'))
		return 0;
	return 1;
}

int ext2_dir_empty(struct ext2_fs *fs, struct ext2_node *dir)
{
	struct walk w = { .fs = fs };
	uint64_t lb, nb = dir_nblocks(fs, dir);
	uint32_t pb;
	uint8_t *b;
	int rc;

	for (lb = 0; lb < nb; lb++) {
		b = dir_block(fs, dir, lb, &pb, &rc);
		if (!b)
			return rc;
		rc = walk_block(fs, dir, b, lb, empty_fn, &w);
		if (rc)
			return rc < 0 ? rc : 0;
	}
	return 1;
}

int ext2_dir_init(struct ext2_fs *fs, struct ext2_node *dir, uint32_t parent)
{
	struct ext2_dirent *de;
	uint32_t pb;
	uint8_t *b;
	int rc = ext2_bmap(fs, dir, 0, 1, &pb);

	if (rc < 0)
		return rc;
	b = ext2_bget(fs, pb, 1);
	if (!b)
		return -EIO;
	de = (struct ext2_dirent *)b;
	de->rec_len = EXT2_DIRENT_LEN(1);
	put_entry(fs, de, ".", 1, dir->ino, 0040000);
	de = (struct ext2_dirent *)(b + EXT2_DIRENT_LEN(1));
	de->rec_len = fs->g.bsize - EXT2_DIRENT_LEN(1);
	put_entry(fs, de, "..", 2, parent, 0040000);
	ext2_bdirty(fs, pb);
	ext2_set_isize(fs, dir, fs->g.bsize);
	return ext2_iwrite(fs, dir);
}
