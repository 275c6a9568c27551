/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2: the checks on what is read from the disk before anything else
 * in lib/ext2 believes it (see disk.h). Nothing here does I/O or
 * allocates: the host builds this file alone for fuzzing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>
#include "disk.h"

_Static_assert(sizeof(struct ext2_super) == 1024, "superblock size");
_Static_assert(sizeof(struct ext2_group_desc) == 32, "group desc size");
_Static_assert(sizeof(struct ext2_inode) == 128 + EXT2_INODE_EXTRA_MAX,
	       "inode size");
_Static_assert(__builtin_offsetof(struct ext2_super, s_first_ino) == 0x54,
	       "s_first_ino");
_Static_assert(__builtin_offsetof(struct ext2_super, s_want_extra_isize) ==
	       0x15e, "s_want_extra_isize");

static const char *const compat_names[32] = {
	"dir_prealloc", "imagic_inodes", "has_journal", "ext_attr",
	"resize_inode", "dir_index", "lazy_bg", "exclude_inode",
	"exclude_bitmap", "sparse_super2", "fast_commit", "stable_inodes",
	"orphan_file",
};
static const char *const ro_compat_names[32] = {
	"sparse_super", "large_file", "btree_dir", "huge_file",
	"uninit_bg", "dir_nlink", "extra_isize", "has_snapshot",
	"quota", "bigalloc", "metadata_csum", "replica",
	"read-only", "project", "shared_blocks", "verity",
	"orphan_present",
};
static const char *const incompat_names[32] = {
	"compression", "filetype", "needs_recovery", "journal_dev",
	"meta_bg", NULL, "extent", "64bit",
	"mmp", "flex_bg", "ea_inode", NULL,
	"dirdata", "metadata_csum_seed", "large_dir", "inline_data",
	"encrypt", "casefold",
};

char *ext2_feature_names(int kind, uint32_t mask, char *buf, size_t len)
{
	const char *const *names = kind == 0 ? compat_names :
				   kind == 1 ? ro_compat_names : incompat_names;
	size_t n = 0;
	int bit;

	buf[0] = 0;
	for (bit = 0; bit < 32 && n < len; bit++) {
		if (!(mask & (1U << bit)))
			continue;
		if (names[bit])
			n += snprintf(buf + n, len - n, "%s%s", n ? "," : "",
				      names[bit]);
		else
			n += snprintf(buf + n, len - n, "%s0x%x", n ? "," : "",
				      1U << bit);
	}
	return buf;
}

#define WHY(...) (snprintf(why, whylen, __VA_ARGS__), -EINVAL)

static int is_pow2(uint32_t x)
{
	return x && !(x & (x - 1));
}

/* Sound geometry: sizes, counts and how they relate. */
static int check_geometry(const struct ext2_super *sb, uint64_t dev_bytes,
			  struct ext2_geom *g, char *why, size_t whylen)
{
	uint64_t groups, ipg_total;

	if (sb->s_magic != EXT2_MAGIC)
		return WHY("bad magic 0x%04x (not ext2)", sb->s_magic);
	if (sb->s_rev_level > 1)
		return WHY("revision %u unknown", sb->s_rev_level);
	if (sb->s_log_block_size > EXT2_MAX_BLOCK_LOG)
		return WHY("block size 1024<<%u too large",
			   sb->s_log_block_size);
	g->log_bsize = 10 + sb->s_log_block_size;
	g->bsize = 1U << g->log_bsize;
	if (sb->s_log_frag_size != sb->s_log_block_size)
		return WHY("fragment size 1024<<%u differs from the block size",
			   sb->s_log_frag_size);
	if (sb->s_blocks_count < 2 ||
	    sb->s_first_data_block >= sb->s_blocks_count)
		return WHY("blocks count %u (first data block %u)",
			   sb->s_blocks_count, sb->s_first_data_block);
	if (sb->s_first_data_block != (g->bsize == 1024 ? 1U : 0U))
		return WHY("first data block %u for %u-byte blocks",
			   sb->s_first_data_block, g->bsize);
	if (dev_bytes && (uint64_t)sb->s_blocks_count * g->bsize > dev_bytes)
		return WHY("blocks count %u past the device's end (%llu bytes)",
			   sb->s_blocks_count, (unsigned long long)dev_bytes);
	if (!sb->s_blocks_per_group || sb->s_blocks_per_group > 8 * g->bsize ||
	    sb->s_blocks_per_group % 8)
		return WHY("blocks per group %u", sb->s_blocks_per_group);
	if (!sb->s_inodes_per_group || sb->s_inodes_per_group > 8 * g->bsize ||
	    sb->s_inodes_per_group % 8)
		return WHY("inodes per group %u", sb->s_inodes_per_group);
	groups = (sb->s_blocks_count - sb->s_first_data_block +
		  sb->s_blocks_per_group - 1) / sb->s_blocks_per_group;
	ipg_total = groups * sb->s_inodes_per_group;
	if (ipg_total != sb->s_inodes_count)
		return WHY("inodes count %u, %llu groups of %u inodes",
			   sb->s_inodes_count, (unsigned long long)groups,
			   sb->s_inodes_per_group);
	g->ngroups = groups;
	if (sb->s_rev_level == 0) {
		g->inode_size = EXT2_GOOD_OLD_INODE_SIZE;
		g->first_ino = EXT2_GOOD_OLD_FIRST_INO;
	} else {
		g->inode_size = sb->s_inode_size;
		g->first_ino = sb->s_first_ino;
	}
	if (g->inode_size < EXT2_GOOD_OLD_INODE_SIZE || !is_pow2(g->inode_size) ||
	    g->inode_size > g->bsize)
		return WHY("inode size %u", g->inode_size);
	if (g->first_ino < EXT2_GOOD_OLD_FIRST_INO ||
	    g->first_ino >= sb->s_inodes_count)
		return WHY("first inode %u (inodes count %u)", g->first_ino,
			   sb->s_inodes_count);
	if (sb->s_free_blocks_count > sb->s_blocks_count)
		return WHY("free blocks count %u > blocks count %u",
			   sb->s_free_blocks_count, sb->s_blocks_count);
	if (sb->s_free_inodes_count > sb->s_inodes_count)
		return WHY("free inodes count %u > inodes count %u",
			   sb->s_free_inodes_count, sb->s_inodes_count);
	if (sb->s_r_blocks_count > sb->s_blocks_count)
		return WHY("reserved blocks count %u > blocks count %u",
			   sb->s_r_blocks_count, sb->s_blocks_count);
	g->gdt_blocks = (g->ngroups * sizeof(struct ext2_group_desc) +
			 g->bsize - 1) / g->bsize;
	g->itable_blocks = (sb->s_inodes_per_group * g->inode_size +
			    g->bsize - 1) / g->bsize;
	g->addrs = g->bsize / 4;
	/* The superblock, the descriptors and one group's metadata fit in
	 * the first group. */
	if (1 + g->gdt_blocks + 2 + (uint64_t)g->itable_blocks >
	    sb->s_blocks_per_group ||
	    sb->s_first_data_block + 1 + (uint64_t)g->gdt_blocks >
	    sb->s_blocks_count)
		return WHY("%u groups' descriptors and inode tables of %u "
			   "blocks do not fit in a group of %u blocks",
			   g->ngroups, g->itable_blocks,
			   sb->s_blocks_per_group);
	return 0;
}

int ext2_check_super(const struct ext2_super *sb, uint64_t dev_bytes, int ro,
		     struct ext2_geom *g, char *why, size_t whylen)
{
	uint32_t incompat, ro_compat;
	char names[160];
	size_t n;
	int rc;

	rc = check_geometry(sb, dev_bytes, g, why, whylen);
	if (rc)
		return rc;
	if (sb->s_rev_level == 0)
		return 0;	/* no feature fields */
	incompat = sb->s_feature_incompat & ~EXT2_KNOWN_INCOMPAT;
	ro_compat = sb->s_feature_ro_compat & ~EXT2_KNOWN_RO_COMPAT;
	if (!incompat && (!ro_compat || ro))
		return 0;
	n = snprintf(why, whylen, "unknown features:");
	if (incompat && n < whylen)
		n += snprintf(why + n, whylen - n, " incompatible %s%s",
			      ext2_feature_names(2, incompat, names,
						 sizeof(names)),
			      ro_compat ? ";" : "");
	if (ro_compat && n < whylen)
		snprintf(why + n, whylen - n, " read-only compatible %s%s",
			 ext2_feature_names(1, ro_compat, names, sizeof(names)),
			 incompat ? "" : " (a read-only mount works)");
	return -EOPNOTSUPP;
}

int ext2_group_has_super(const struct ext2_super *sb, uint32_t i)
{
	uint32_t p;

	if (i <= 1 || sb->s_rev_level == 0 ||
	    !(sb->s_feature_ro_compat & EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER))
		return 1;
	if (!(i & 1))
		return 0;
	for (p = 3; p <= 7; p += 2) {
		uint64_t x = p;

		while (x < i)
			x *= p;
		if (x == i)
			return 1;
	}
	return 0;
}

uint32_t ext2_group_blocks(const struct ext2_super *sb,
			   const struct ext2_geom *g, uint32_t i)
{
	if (i + 1 < g->ngroups)
		return sb->s_blocks_per_group;
	return sb->s_blocks_count - sb->s_first_data_block -
	       i * sb->s_blocks_per_group;
}

int ext2_check_group(const struct ext2_super *sb, const struct ext2_geom *g,
		     uint32_t i, const struct ext2_group_desc *gd, char *why,
		     size_t whylen)
{
	uint32_t lo = sb->s_first_data_block + 1 + g->gdt_blocks;
	uint32_t end = sb->s_blocks_count;
	uint32_t nblocks = ext2_group_blocks(sb, g, i);

	/* Metadata lies after the primary superblock and descriptors and
	 * inside the file system (flex_bg, which may move it to another
	 * group, is refused as an unknown feature). */
	if (gd->bg_block_bitmap < lo || gd->bg_block_bitmap >= end)
		return WHY("group %u: block bitmap at block %u out of range",
			   i, gd->bg_block_bitmap);
	if (gd->bg_inode_bitmap < lo || gd->bg_inode_bitmap >= end)
		return WHY("group %u: inode bitmap at block %u out of range",
			   i, gd->bg_inode_bitmap);
	if (gd->bg_inode_table < lo ||
	    (uint64_t)gd->bg_inode_table + g->itable_blocks > end)
		return WHY("group %u: inode table at block %u out of range",
			   i, gd->bg_inode_table);
	if (gd->bg_block_bitmap == gd->bg_inode_bitmap ||
	    (gd->bg_block_bitmap >= gd->bg_inode_table &&
	     gd->bg_block_bitmap < gd->bg_inode_table + g->itable_blocks) ||
	    (gd->bg_inode_bitmap >= gd->bg_inode_table &&
	     gd->bg_inode_bitmap < gd->bg_inode_table + g->itable_blocks))
		return WHY("group %u: bitmaps and inode table overlap", i);
	if (gd->bg_free_blocks_count > nblocks)
		return WHY("group %u: free blocks count %u > %u blocks", i,
			   gd->bg_free_blocks_count, nblocks);
	if (gd->bg_free_inodes_count > sb->s_inodes_per_group)
		return WHY("group %u: free inodes count %u > %u inodes", i,
			   gd->bg_free_inodes_count, sb->s_inodes_per_group);
	return 0;
}

int ext2_dir_block_walk(void *blk, uint32_t bsize, uint32_t ninodes,
			ext2_dirent_fn fn, void *ctx, char *why,
			size_t whylen)
{
	uint8_t *b = blk;
	uint32_t off = 0;
	int rc;

	while (off < bsize) {
		struct ext2_dirent *de = (struct ext2_dirent *)(b + off);

		if (bsize - off < EXT2_DIRENT_HEAD)
			goto bad_len;
		if (de->rec_len % 4 || de->rec_len < EXT2_DIRENT_HEAD + 4 ||
		    de->rec_len > bsize - off)
			goto bad_len;
		if (EXT2_DIRENT_LEN(de->name_len) > de->rec_len) {
			snprintf(why, whylen, "entry at offset %u: name length "
				 "%u does not fit its record of %u", off,
				 de->name_len, de->rec_len);
			return -EUCLEAN;
		}
		if (de->inode > ninodes) {
			snprintf(why, whylen, "entry at offset %u: inode %u "
				 "past the inodes count %u", off, de->inode,
				 ninodes);
			return -EUCLEAN;
		}
		if (de->inode && !de->name_len) {
			snprintf(why, whylen, "entry at offset %u: empty name",
				 off);
			return -EUCLEAN;
		}
		rc = fn(ctx, de, off);
		if (rc)
			return rc;
		off += de->rec_len;
	}
	return 0;
bad_len:
	snprintf(why, whylen, "entry at offset %u: record length %u (block "
		 "of %u)", off, bsize - off < EXT2_DIRENT_HEAD ? 0 :
		 ((struct ext2_dirent *)(b + off))->rec_len, bsize);
	return -EUCLEAN;
}

unsigned char ext2_ft_to_dtype(uint8_t ft)
{
	static const unsigned char t[] = {
		[EXT2_FT_UNKNOWN] = DT_UNKNOWN, [EXT2_FT_REG_FILE] = DT_REG,
		[EXT2_FT_DIR] = DT_DIR, [EXT2_FT_CHRDEV] = DT_CHR,
		[EXT2_FT_BLKDEV] = DT_BLK, [EXT2_FT_FIFO] = DT_FIFO,
		[EXT2_FT_SOCK] = DT_SOCK, [EXT2_FT_SYMLINK] = DT_LNK,
	};

	return ft < sizeof(t) ? t[ft] : DT_UNKNOWN;
}

uint8_t ext2_mode_to_ft(uint16_t mode)
{
	switch (mode & S_IFMT) {
	case S_IFREG: return EXT2_FT_REG_FILE;
	case S_IFDIR: return EXT2_FT_DIR;
	case S_IFCHR: return EXT2_FT_CHRDEV;
	case S_IFBLK: return EXT2_FT_BLKDEV;
	case S_IFIFO: return EXT2_FT_FIFO;
	case S_IFSOCK: return EXT2_FT_SOCK;
	case S_IFLNK: return EXT2_FT_SYMLINK;
	default: return EXT2_FT_UNKNOWN;
	}
}
