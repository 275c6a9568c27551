/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2 core: block and inode allocation. Each group has a block bitmap
 * (bit i: block first_data_block + group * blocks_per_group + i) and an
 * inode bitmap (bit i: inode group * inodes_per_group + i + 1). Every
 * change keeps three counts in step: the bitmap, the group descriptor's
 * free count (and used_dirs for directories) and the superblock's free
 * count, which is what e2fsck's pass 5 compares.
 */
#include <errno.h>
#include <string.h>
#include "fs.h"

static int bit_test(const uint8_t *b, uint32_t i)
{
	return b[i >> 3] & (1 << (i & 7));
}

static void bit_flip(uint8_t *b, uint32_t i)
{
	b[i >> 3] ^= 1 << (i & 7);
}

static void gd_dirty(struct ext2_fs *fs, uint32_t grp)
{
	fs->gd_dirty[grp / (fs->g.bsize / sizeof(struct ext2_group_desc))] = 1;
	fs->sb_dirty = 1;
}

/* First clear bit in [from, n) of b, or n. */
static uint32_t find_clear(const uint8_t *b, uint32_t from, uint32_t n)
{
	uint32_t i = from;

	while (i < n) {
		if ((i & 7) == 0 && b[i >> 3] == 0xff && i + 8 <= n) {
			i += 8;
			continue;
		}
		if (!bit_test(b, i))
			return i;
		i++;
	}
	return n;
}

/* Is blk one of a group's fixed metadata blocks (never a file's)? */
static int is_meta(struct ext2_fs *fs, uint32_t blk)
{
	uint32_t grp = (blk - fs->sb.s_first_data_block) /
		       fs->sb.s_blocks_per_group;
	uint32_t first = fs->sb.s_first_data_block +
			 grp * fs->sb.s_blocks_per_group;
	const struct ext2_group_desc *gd = &fs->gd[grp];

	if (ext2_group_has_super(&fs->sb, grp) &&
	    blk <= first + fs->g.gdt_blocks)
		return 1;
	return blk == gd->bg_block_bitmap || blk == gd->bg_inode_bitmap ||
	       (blk >= gd->bg_inode_table &&
		blk < gd->bg_inode_table + fs->g.itable_blocks);
}

int ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blk)
{
	uint32_t bpg = fs->sb.s_blocks_per_group, grp, start, i, n, bit;
	uint8_t *b;

	if (!fs->sb.s_free_blocks_count)
		return -ENOSPC;
	if (!ext2_blk_ok(fs, goal))
		goal = fs->sb.s_first_data_block;
	start = (goal - fs->sb.s_first_data_block) / bpg;
	for (i = 0; i < fs->g.ngroups; i++) {
		grp = (start + i) % fs->g.ngroups;
		if (!fs->gd[grp].bg_free_blocks_count)
			continue;
		b = ext2_bget(fs, fs->gd[grp].bg_block_bitmap, 0);
		if (!b)
			return -EIO;
		n = ext2_group_blocks(&fs->sb, &fs->g, grp);
		bit = i == 0 ? (goal - fs->sb.s_first_data_block) % bpg : 0;
		bit = find_clear(b, bit, n);
		if (bit == n && i == 0)
			bit = find_clear(b, 0, n);
		if (bit == n) {
			ext2_corrupt(fs, "group %u: %u free blocks counted, "
				     "none in its bitmap", grp,
				     fs->gd[grp].bg_free_blocks_count);
			continue;
		}
		*blk = fs->sb.s_first_data_block + grp * bpg + bit;
		if (is_meta(fs, *blk)) {
			ext2_corrupt(fs, "group %u: metadata block %u free in "
				     "its bitmap", grp, *blk);
			return -EUCLEAN;
		}
		bit_flip(b, bit);
		ext2_bdirty(fs, fs->gd[grp].bg_block_bitmap);
		fs->gd[grp].bg_free_blocks_count--;
		fs->sb.s_free_blocks_count--;
		gd_dirty(fs, grp);
		return 0;
	}
	return -ENOSPC;
}

int ext2_bfree(struct ext2_fs *fs, uint32_t blk)
{
	uint32_t bpg = fs->sb.s_blocks_per_group, grp, bit;
	uint8_t *b;

	if (!ext2_blk_ok(fs, blk) || is_meta(fs, blk)) {
		ext2_corrupt(fs, "freeing block %u: not a data block", blk);
		return -EUCLEAN;
	}
	grp = (blk - fs->sb.s_first_data_block) / bpg;
	bit = (blk - fs->sb.s_first_data_block) % bpg;
	b = ext2_bget(fs, fs->gd[grp].bg_block_bitmap, 0);
	if (!b)
		return -EIO;
	if (!bit_test(b, bit)) {
		ext2_corrupt(fs, "freeing block %u: already free", blk);
		return -EUCLEAN;
	}
	ext2_bforget(fs, blk);
	bit_flip(b, bit);
	ext2_bdirty(fs, fs->gd[grp].bg_block_bitmap);
	fs->gd[grp].bg_free_blocks_count++;
	fs->sb.s_free_blocks_count++;
	gd_dirty(fs, grp);
	return 0;
}

int ext2_ialloc(struct ext2_fs *fs, uint32_t dir_ino, uint16_t mode,
		uint32_t *ino)
{
	uint32_t ipg = fs->sb.s_inodes_per_group, grp, start, i, bit;
	int is_dir = (mode & 0170000) == 0040000, busy;
	uint8_t *b;

	if (!fs->sb.s_free_inodes_count)
		return -ENOSPC;
	start = dir_ino ? (dir_ino - 1) / ipg : 0;
	for (i = 0; i < fs->g.ngroups; i++) {
		grp = (start + i) % fs->g.ngroups;
		if (!fs->gd[grp].bg_free_inodes_count)
			continue;
		b = ext2_bget(fs, fs->gd[grp].bg_inode_bitmap, 0);
		if (!b)
			return -EIO;
		bit = 0;
		if (grp * ipg < fs->g.first_ino - 1)
			bit = fs->g.first_ino - 1 - grp * ipg;
		bit = find_clear(b, bit < ipg ? bit : ipg, ipg);
		busy = 0;
		while (bit < ipg && fs->ino_busy &&
		       fs->ino_busy(fs, grp * ipg + bit + 1)) {
			busy = 1;
			bit = find_clear(b, bit + 1, ipg);
		}
		if (bit == ipg && busy)
			continue;	/* free ones all busy: the next group */
		if (bit == ipg) {
			ext2_corrupt(fs, "group %u: %u free inodes counted, "
				     "none in its bitmap", grp,
				     fs->gd[grp].bg_free_inodes_count);
			continue;
		}
		bit_flip(b, bit);
		ext2_bdirty(fs, fs->gd[grp].bg_inode_bitmap);
		fs->gd[grp].bg_free_inodes_count--;
		if (is_dir)
			fs->gd[grp].bg_used_dirs_count++;
		fs->sb.s_free_inodes_count--;
		gd_dirty(fs, grp);
		*ino = grp * ipg + bit + 1;
		return 0;
	}
	return -ENOSPC;
}

int ext2_ifree(struct ext2_fs *fs, uint32_t ino, uint16_t mode)
{
	uint32_t ipg = fs->sb.s_inodes_per_group, grp, bit;
	uint8_t *b;

	if (ino < fs->g.first_ino || ino > fs->sb.s_inodes_count) {
		ext2_corrupt(fs, "freeing inode %u: reserved or out of range",
			     ino);
		return -EUCLEAN;
	}
	grp = (ino - 1) / ipg;
	bit = (ino - 1) % ipg;
	b = ext2_bget(fs, fs->gd[grp].bg_inode_bitmap, 0);
	if (!b)
		return -EIO;
	if (!bit_test(b, bit)) {
		ext2_corrupt(fs, "freeing inode %u: already free", ino);
		return -EUCLEAN;
	}
	bit_flip(b, bit);
	ext2_bdirty(fs, fs->gd[grp].bg_inode_bitmap);
	fs->gd[grp].bg_free_inodes_count++;
	if ((mode & 0170000) == 0040000 && fs->gd[grp].bg_used_dirs_count)
		fs->gd[grp].bg_used_dirs_count--;
	fs->sb.s_free_inodes_count++;
	gd_dirty(fs, grp);
	return 0;
}
