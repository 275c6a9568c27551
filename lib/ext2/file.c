/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2 core: a file's blocks. i_block[0..11] are direct, [12] points at
 * a block of block numbers (single indirect), [13] at a block of those
 * (double), [14] one level more (triple); 0 anywhere is a hole.
 * i_blocks counts every block a file owns, indirect ones included, in
 * 512-byte units. Data moves straight between the caller's buffer and
 * the device, contiguous blocks in one request; partial blocks go
 * through fs->tmp.
 */
#include <errno.h>
#include <string.h>
#include "fs.h"

#define RUN_MAX 256	/* blocks in one data request */

uint64_t ext2_max_size(const struct ext2_fs *fs)
{
	uint64_t a = fs->g.addrs;
	uint64_t blocks = EXT2_NDIR_BLOCKS + a + a * a + a * a * a;
	/* i_blocks is 32 bits of 512-byte units (no huge_file). */
	uint64_t lim = ((1ULL << 32) - 1) * 512 / fs->g.bsize;

	if (blocks > lim)
		blocks = lim;
	return blocks << fs->g.log_bsize;
}

static void own(struct ext2_fs *fs, struct ext2_node *n, int sign)
{
	n->di.i_blocks += sign * (int)(fs->g.bsize >> 9);
}

/* A new block for n near its last one; zeroed in the cache when meta. */
static int grab(struct ext2_fs *fs, struct ext2_node *n, int meta,
		uint32_t *pb)
{
	uint32_t goal = n->di.i_block[0] ? n->di.i_block[0] :
			fs->gd[(n->ino - 1) / fs->sb.s_inodes_per_group]
				.bg_inode_table;
	int rc;

	if (fs->hint_ino == n->ino && fs->hint_blk)
		goal = fs->hint_blk + 1;
	rc = ext2_balloc(fs, goal, pb);
	if (rc)
		return rc;
	fs->hint_ino = n->ino;
	fs->hint_blk = *pb;
	own(fs, n, 1);
	if (meta) {
		if (!ext2_bget(fs, *pb, 1))
			return -EIO;
		ext2_bdirty(fs, *pb);
	}
	return 0;
}

static int bad_ptr(struct ext2_fs *fs, struct ext2_node *n, uint32_t v)
{
	ext2_corrupt(fs, "inode %u: block number %u out of range (blocks "
		     "count %u)", n->ino, v, fs->sb.s_blocks_count);
	return -EUCLEAN;
}

/* The path to logical block lb: depth (0 direct .. 3) and indexes. */
static int path(const struct ext2_fs *fs, uint64_t lb, unsigned int idx[4])
{
	uint64_t a = fs->g.addrs;

	if (lb < EXT2_NDIR_BLOCKS) {
		idx[0] = lb;
		return 0;
	}
	lb -= EXT2_NDIR_BLOCKS;
	if (lb < a) {
		idx[0] = EXT2_IND_BLOCK;
		idx[1] = lb;
		return 1;
	}
	lb -= a;
	if (lb < a * a) {
		idx[0] = EXT2_DIND_BLOCK;
		idx[1] = lb / a;
		idx[2] = lb % a;
		return 2;
	}
	lb -= a * a;
	if (lb < a * a * a) {
		idx[0] = EXT2_TIND_BLOCK;
		idx[1] = lb / (a * a);
		idx[2] = (lb / a) % a;
		idx[3] = lb % a;
		return 3;
	}
	return -EFBIG;
}

int ext2_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lb,
	      int alloc, uint32_t *pb)
{
	unsigned int idx[4];
	int depth = path(fs, lb, idx), d, rc, fresh = 0;
	uint32_t cur, *slotp, parent;
	uint8_t *b;

	if (depth < 0)
		return depth;
	cur = n->di.i_block[idx[0]];
	if (cur && !ext2_blk_ok(fs, cur))
		return bad_ptr(fs, n, cur);
	if (!cur) {
		if (!alloc) {
			*pb = 0;
			return 0;
		}
		rc = grab(fs, n, depth > 0, &cur);
		if (rc)
			return rc;
		n->di.i_block[idx[0]] = cur;
		fresh = depth == 0;
	}
	for (d = 1; d <= depth; d++) {
		parent = cur;
		b = ext2_bget(fs, parent, 0);
		if (!b)
			return -EIO;
		slotp = (uint32_t *)b + idx[d];
		cur = *slotp;
		if (cur && !ext2_blk_ok(fs, cur))
			return bad_ptr(fs, n, cur);
		if (cur)
			continue;
		if (!alloc) {
			*pb = 0;
			return 0;
		}
		rc = grab(fs, n, d < depth, &cur);
		if (rc)
			return rc;
		/* grab() may have used the cache: look the parent up again */
		b = ext2_bget(fs, parent, 0);
		if (!b)
			return -EIO;
		((uint32_t *)b)[idx[d]] = cur;
		ext2_bdirty(fs, parent);
		fresh = d == depth;
	}
	*pb = cur;
	return fresh;
}

/*
 * Physical blocks for whole logical blocks lb.. that lie contiguous on
 * disk (at most max; holes: a run of one 0), in *pb and *len. With
 * alloc, holes are filled: the caller overwrites every block of the
 * run (so a fresh block needs no zeroing). An error after the first
 * block ends the run there.
 */
static int run(struct ext2_fs *fs, struct ext2_node *n, uint64_t lb,
	       uint32_t max, int alloc, uint32_t *pb, uint32_t *len)
{
	uint32_t next;
	int rc = ext2_bmap(fs, n, lb, alloc, pb);

	if (rc < 0)
		return rc;
	*len = 1;
	while (*pb && *len < max) {
		if (ext2_bmap(fs, n, lb + *len, alloc, &next) < 0 ||
		    next != *pb + *len)
			break;
		(*len)++;
	}
	return 0;
}

ssize_t ext2_read(struct ext2_fs *fs, struct ext2_node *n, void *buf,
		  size_t len, uint64_t off)
{
	uint64_t size = ext2_isize(n);
	uint32_t bs = fs->g.bsize, pb, cnt, boff, chunk;
	uint8_t *dst = buf;
	size_t done = 0;
	int rc;

	if (off >= size)
		return 0;
	if (len > size - off)
		len = size - off;
	while (done < len) {
		uint64_t lb = off >> fs->g.log_bsize;

		boff = off & (bs - 1);
		if (boff || len - done < bs) {
			chunk = bs - boff;
			if (chunk > len - done)
				chunk = len - done;
			rc = ext2_bmap(fs, n, lb, 0, &pb);
			if (rc < 0)
				return done ? (ssize_t)done : rc;
			if (!pb)
				memset(dst, 0, chunk);
			else if (fs->bio(fs->dev, 0, (uint64_t)pb << fs->g.log_bsize,
					 bs, fs->tmp) < 0)
				return done ? (ssize_t)done : -EIO;
			else
				memcpy(dst, fs->tmp + boff, chunk);
		} else {
			uint32_t max = (len - done) >> fs->g.log_bsize;

			rc = run(fs, n, lb, max < RUN_MAX ? max : RUN_MAX, 0,
				 &pb, &cnt);
			if (rc < 0)
				return done ? (ssize_t)done : rc;
			chunk = cnt << fs->g.log_bsize;
			if (!pb)
				memset(dst, 0, chunk);
			else if (fs->bio(fs->dev, 0, (uint64_t)pb << fs->g.log_bsize,
					 chunk, dst) < 0)
				return done ? (ssize_t)done : -EIO;
		}
		dst += chunk;
		off += chunk;
		done += chunk;
	}
	return done;
}

ssize_t ext2_write(struct ext2_fs *fs, struct ext2_node *n, const void *buf,
		   size_t len, uint64_t off)
{
	uint32_t bs = fs->g.bsize, pb, cnt, boff, chunk;
	const uint8_t *src = buf;
	uint64_t max = ext2_max_size(fs);
	size_t done = 0;
	int rc = 0;

	if (off >= max)
		return len ? -EFBIG : 0;
	if (len > max - off)
		len = max - off;
	while (done < len) {
		uint64_t lb = off >> fs->g.log_bsize;

		boff = off & (bs - 1);
		if (boff || len - done < bs) {
			chunk = bs - boff;
			if (chunk > len - done)
				chunk = len - done;
			rc = ext2_bmap(fs, n, lb, 1, &pb);
			if (rc < 0)
				break;
			if (rc == 1)
				memset(fs->tmp, 0, bs);
			else if ((rc = fs->bio(fs->dev, 0,
					       (uint64_t)pb << fs->g.log_bsize,
					       bs, fs->tmp)) < 0)
				break;
			memcpy(fs->tmp + boff, src, chunk);
			rc = fs->bio(fs->dev, 1, (uint64_t)pb << fs->g.log_bsize,
				     bs, fs->tmp);
		} else {
			uint32_t m = (len - done) >> fs->g.log_bsize;

			rc = run(fs, n, lb, m < RUN_MAX ? m : RUN_MAX, 1, &pb,
				 &cnt);
			if (rc < 0)
				break;
			chunk = cnt << fs->g.log_bsize;
			rc = fs->bio(fs->dev, 1, (uint64_t)pb << fs->g.log_bsize,
				     chunk, (void *)src);
		}
		if (rc < 0)
			break;
		src += chunk;
		off += chunk;
		done += chunk;
	}
	if (done) {
		if (off > ext2_isize(n))
			ext2_set_isize(fs, n, off);
		ext2_stamp(fs, n, EXT2_T_MTIME | EXT2_T_CTIME);
	}
	if (rc < 0)	/* blocks allocated past the size go again */
		ext2_truncate(fs, n, ext2_isize(n));
	else if (ext2_iwrite(fs, n) < 0)
		rc = -EIO;
	return done ? (ssize_t)done : rc;
}

/*
 * Free the subtree of block blk at level depth (0: a data block) past
 * logical index from (within the subtree; 0: all of it). Returns 1 when
 * blk itself is now empty and was freed.
 */
static int free_tree(struct ext2_fs *fs, struct ext2_node *n, uint32_t blk,
		     int depth, uint64_t from, int *err)
{
	uint64_t span = 1, i, first;
	uint32_t a = fs->g.addrs, child;
	uint8_t *b;
	int d, keep = 0;

	if (!ext2_blk_ok(fs, blk)) {
		*err = bad_ptr(fs, n, blk);
		return 0;
	}
	if (depth == 0) {
		if (from)
			return 0;
		if (ext2_bfree(fs, blk) == 0)
			own(fs, n, -1);
		else
			*err = -EUCLEAN;
		return 1;
	}
	for (d = 1; d < depth; d++)
		span *= a;
	first = from / span;
	for (i = 0; i < a; i++) {
		b = ext2_bget(fs, blk, 0);
		if (!b) {
			*err = -EIO;
			return 0;
		}
		child = ((uint32_t *)b)[i];
		if (!child)
			continue;
		if (i < first) {
			keep = 1;
			continue;
		}
		if (free_tree(fs, n, child, depth - 1,
			      i == first ? from % span : 0, err)) {
			b = ext2_bget(fs, blk, 0);
			if (!b) {
				*err = -EIO;
				return 0;
			}
			((uint32_t *)b)[i] = 0;
			ext2_bdirty(fs, blk);
		} else {
			keep = 1;
		}
	}
	if (keep)
		return 0;
	if (ext2_bfree(fs, blk) == 0)
		own(fs, n, -1);
	else
		*err = -EUCLEAN;
	return 1;
}

int ext2_truncate(struct ext2_fs *fs, struct ext2_node *n, uint64_t size)
{
	uint64_t a = fs->g.addrs, keep, base[4];
	unsigned int i;
	int err = 0, depth;

	if (size > ext2_max_size(fs))
		return -EFBIG;
	if (!ext2_is_fast_symlink(fs, n)) {
		/* Blocks [keep, ...) go (also those past an unchanged size
		 * that a failed write allocated). */
		keep = (size + fs->g.bsize - 1) >> fs->g.log_bsize;
		for (i = 0; i < EXT2_NDIR_BLOCKS; i++)
			if (i >= keep && n->di.i_block[i] &&
			    free_tree(fs, n, n->di.i_block[i], 0, 0, &err))
				n->di.i_block[i] = 0;
		base[1] = EXT2_NDIR_BLOCKS;
		base[2] = base[1] + a;
		base[3] = base[2] + a * a;
		for (depth = 1; depth <= 3; depth++) {
			uint32_t *p = &n->di.i_block[EXT2_NDIR_BLOCKS + depth - 1];
			uint64_t from = keep > base[depth] ? keep - base[depth] : 0;

			if (*p && free_tree(fs, n, *p, depth, from, &err))
				*p = 0;
		}
		if (fs->hint_ino == n->ino)
			fs->hint_blk = 0;
	}
	/* A partial last block keeps stale bytes past the new size: zero
	 * them, so that growing the file again reads zeros. */
	if (size & (fs->g.bsize - 1) && size < ext2_isize(n) &&
	    !ext2_is_fast_symlink(fs, n)) {
		uint32_t pb;

		if (ext2_bmap(fs, n, size >> fs->g.log_bsize, 0, &pb) == 0 &&
		    pb &&
		    fs->bio(fs->dev, 0, (uint64_t)pb << fs->g.log_bsize,
			    fs->g.bsize, fs->tmp) == 0) {
			uint32_t o = size & (fs->g.bsize - 1);

			memset(fs->tmp + o, 0, fs->g.bsize - o);
			fs->bio(fs->dev, 1, (uint64_t)pb << fs->g.log_bsize,
				fs->g.bsize, fs->tmp);
		}
	}
	ext2_set_isize(fs, n, size);
	ext2_stamp(fs, n, EXT2_T_MTIME | EXT2_T_CTIME);
	if (ext2_iwrite(fs, n) < 0 && !err)
		err = -EIO;
	return err;
}

int64_t ext2_seek_data(struct ext2_fs *fs, struct ext2_node *n,
		       uint64_t off, int hole)
{
	uint64_t size = ext2_isize(n), lb;
	uint32_t pb;
	int rc;

	if (off >= size)
		return -ENXIO;
	for (lb = off >> fs->g.log_bsize;
	     (lb << fs->g.log_bsize) < size; lb++) {
		rc = ext2_bmap(fs, n, lb, 0, &pb);
		if (rc < 0)
			return rc;
		if (!pb == !!hole) {
			uint64_t at = lb << fs->g.log_bsize;

			return at > off ? at : off;
		}
	}
	return hole ? (int64_t)size : -ENXIO;
}

int ext2_is_fast_symlink(const struct ext2_fs *fs, const struct ext2_node *n)
{
	uint32_t ea = n->di.i_file_acl ? fs->g.bsize >> 9 : 0;

	return (n->di.i_mode & 0170000) == 0120000 &&
	       n->di.i_blocks - ea == 0;
}
