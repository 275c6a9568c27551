/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2's on-disk format (the "Second Extended File System" as e2fsprogs
 * and Linux's fs/ext2 lay it out), and the checks that decide whether a
 * superblock, a group descriptor table, an inode or a directory block
 * can be trusted. This file and disk.c use nothing but the C library's
 * headers, so the host builds them for fuzzing (tests/fuzz_disk.c).
 *
 * Every structure is little-endian on disk; the kit runs on little-
 * endian CPUs (x86_64, arm64 LE), so they are read in place.
 */
#ifndef EXT2_DISK_H
#define EXT2_DISK_H

#include <stddef.h>
#include <stdint.h>

#define EXT2_MAGIC		0xEF53
#define EXT2_SB_OFFSET		1024	/* bytes from the device's start */
#define EXT2_SB_SIZE		1024
#define EXT2_ROOT_INO		2
#define EXT2_RESIZE_INO		7
#define EXT2_GOOD_OLD_FIRST_INO	11
#define EXT2_GOOD_OLD_INODE_SIZE 128
#define EXT2_NDIR_BLOCKS	12
#define EXT2_IND_BLOCK		12
#define EXT2_DIND_BLOCK		13
#define EXT2_TIND_BLOCK		14
#define EXT2_N_BLOCKS		15
#define EXT2_NAME_LEN		255
#define EXT2_MAX_BLOCK_LOG	5	/* 32 KiB blocks at most (rec_len fits 16 bits) */

/* s_state */
#define EXT2_VALID_FS		1
#define EXT2_ERROR_FS		2

/* Features the kit knows (and handles as their definitions require). */
#define EXT2_FEATURE_COMPAT_DIR_PREALLOC	0x0001
#define EXT2_FEATURE_COMPAT_IMAGIC_INODES	0x0002
#define EXT2_FEATURE_COMPAT_HAS_JOURNAL		0x0004
#define EXT2_FEATURE_COMPAT_EXT_ATTR		0x0008
#define EXT2_FEATURE_COMPAT_RESIZE_INODE	0x0010
#define EXT2_FEATURE_COMPAT_DIR_INDEX		0x0020
#define EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER	0x0001
#define EXT2_FEATURE_RO_COMPAT_LARGE_FILE	0x0002
#define EXT2_FEATURE_INCOMPAT_FILETYPE		0x0002

#define EXT2_KNOWN_RO_COMPAT	(EXT2_FEATURE_RO_COMPAT_SPARSE_SUPER | \
				 EXT2_FEATURE_RO_COMPAT_LARGE_FILE)
#define EXT2_KNOWN_INCOMPAT	EXT2_FEATURE_INCOMPAT_FILETYPE

/* i_flags the kit looks at */
#define EXT2_INDEX_FL		0x00001000	/* hashed directory (htree) */
#define EXT2_EXTENTS_FL		0x00080000
#define EXT2_INLINE_DATA_FL	0x10000000

/* Directory entry file types (INCOMPAT_FILETYPE) */
#define EXT2_FT_UNKNOWN		0
#define EXT2_FT_REG_FILE	1
#define EXT2_FT_DIR		2
#define EXT2_FT_CHRDEV		3
#define EXT2_FT_BLKDEV		4
#define EXT2_FT_FIFO		5
#define EXT2_FT_SOCK		6
#define EXT2_FT_SYMLINK		7

struct ext2_super {
	uint32_t s_inodes_count;
	uint32_t s_blocks_count;
	uint32_t s_r_blocks_count;
	uint32_t s_free_blocks_count;
	uint32_t s_free_inodes_count;
	uint32_t s_first_data_block;
	uint32_t s_log_block_size;
	uint32_t s_log_frag_size;
	uint32_t s_blocks_per_group;
	uint32_t s_frags_per_group;
	uint32_t s_inodes_per_group;
	uint32_t s_mtime;
	uint32_t s_wtime;
	uint16_t s_mnt_count;
	int16_t s_max_mnt_count;
	uint16_t s_magic;
	uint16_t s_state;
	uint16_t s_errors;
	uint16_t s_minor_rev_level;
	uint32_t s_lastcheck;
	uint32_t s_checkinterval;
	uint32_t s_creator_os;
	uint32_t s_rev_level;
	uint16_t s_def_resuid;
	uint16_t s_def_resgid;
	/* EXT2_DYNAMIC_REV (1) */
	uint32_t s_first_ino;
	uint16_t s_inode_size;
	uint16_t s_block_group_nr;
	uint32_t s_feature_compat;
	uint32_t s_feature_incompat;
	uint32_t s_feature_ro_compat;
	uint8_t s_uuid[16];
	char s_volume_name[16];
	char s_last_mounted[64];
	uint32_t s_algorithm_usage_bitmap;
	uint8_t s_prealloc_blocks;
	uint8_t s_prealloc_dir_blocks;
	uint16_t s_reserved_gdt_blocks;
	uint8_t s_journal_uuid[16];
	uint32_t s_journal_inum;
	uint32_t s_journal_dev;
	uint32_t s_last_orphan;
	uint32_t s_hash_seed[4];
	uint8_t s_def_hash_version;
	uint8_t s_jnl_backup_type;
	uint16_t s_desc_size;
	uint32_t s_default_mount_opts;
	uint32_t s_first_meta_bg;
	uint32_t s_mkfs_time;
	uint32_t s_jnl_blocks[17];
	uint32_t s_blocks_count_hi;
	uint32_t s_r_blocks_count_hi;
	uint32_t s_free_blocks_hi;
	uint16_t s_min_extra_isize;
	uint16_t s_want_extra_isize;
	uint8_t s_rest[1024 - 0x160];
};

struct ext2_group_desc {
	uint32_t bg_block_bitmap;
	uint32_t bg_inode_bitmap;
	uint32_t bg_inode_table;
	uint16_t bg_free_blocks_count;
	uint16_t bg_free_inodes_count;
	uint16_t bg_used_dirs_count;
	uint16_t bg_flags;
	uint32_t bg_reserved[3];
};

struct ext2_inode {
	uint16_t i_mode;
	uint16_t i_uid;
	uint32_t i_size;
	uint32_t i_atime;
	uint32_t i_ctime;
	uint32_t i_mtime;
	uint32_t i_dtime;
	uint16_t i_gid;
	uint16_t i_links_count;
	uint32_t i_blocks;	/* in 512-byte units */
	uint32_t i_flags;
	uint32_t i_osd1;
	uint32_t i_block[EXT2_N_BLOCKS];
	uint32_t i_generation;
	uint32_t i_file_acl;
	uint32_t i_size_high;	/* regular files: bits 32..63 of the size */
	uint32_t i_faddr;
	uint16_t i_blocks_hi;
	uint16_t i_file_acl_high;
	uint16_t i_uid_high;
	uint16_t i_gid_high;
	uint16_t i_checksum_lo;
	uint16_t i_reserved;
	/* inode_size > 128, each field there when i_extra_isize covers it: */
	uint16_t i_extra_isize;
	uint16_t i_checksum_hi;
	uint32_t i_ctime_extra;	/* nanoseconds << 2 | epoch bits (ext4's) */
	uint32_t i_mtime_extra;
	uint32_t i_atime_extra;
	uint32_t i_crtime;
	uint32_t i_crtime_extra;
};
/* Bytes past 128 that the kit reads and writes (the rest is kept). */
#define EXT2_INODE_EXTRA_MAX	24
/* i_extra_isize covering i_atime_extra: sub-second timestamps. */
#define EXT2_EXTRA_TIMES	16

struct ext2_dirent {
	uint32_t inode;		/* 0: unused */
	uint16_t rec_len;
	uint8_t name_len;
	uint8_t file_type;	/* INCOMPAT_FILETYPE; else name_len's high byte */
	char name[];
};

#define EXT2_DIRENT_HEAD	8
/* Bytes an entry with an n-byte name needs (4-byte aligned). */
#define EXT2_DIRENT_LEN(n)	((EXT2_DIRENT_HEAD + (n) + 3) & ~3u)

/* The geometry derived from a superblock that passed ext2_check_super. */
struct ext2_geom {
	uint32_t bsize;		/* bytes a block */
	uint32_t log_bsize;	/* log2(bsize) */
	uint32_t ngroups;
	uint32_t gdt_blocks;	/* blocks of group descriptors */
	uint32_t inode_size;
	uint32_t first_ino;
	uint32_t itable_blocks;	/* blocks of each group's inode table */
	uint32_t addrs;		/* block numbers an indirect block holds */
};

/*
 * Checks a superblock read from byte 1024 against a device of dev_bytes
 * (0: unknown), fills g. 0, or -EINVAL with why[] (one line, no
 * newline) naming the field and its value; -EOPNOTSUPP when it is sound
 * but uses features the kit does not know (why[] names them). ro: a
 * read-only mount, which may ignore unknown ro_compat features.
 */
int ext2_check_super(const struct ext2_super *sb, uint64_t dev_bytes, int ro,
		     struct ext2_geom *g, char *why, size_t whylen);

/*
 * Names of the feature bits in mask of the given kind (0 compat, 1
 * ro_compat, 2 incompat) into buf, comma-separated; unnamed bits as
 * hex. Returns buf.
 */
char *ext2_feature_names(int kind, uint32_t mask, char *buf, size_t len);

/*
 * Group descriptor i against the superblock: bitmaps and inode table
 * inside the file system and not overlapping the superblock and
 * descriptor blocks, free counts within the group's size. 0 or -EINVAL
 * with why[].
 */
int ext2_check_group(const struct ext2_super *sb, const struct ext2_geom *g,
		     uint32_t i, const struct ext2_group_desc *gd, char *why,
		     size_t whylen);

/* Blocks in group i (the last one may be short). */
uint32_t ext2_group_blocks(const struct ext2_super *sb,
			   const struct ext2_geom *g, uint32_t i);
/* Does group i hold a superblock backup (sparse_super: 0, 1, powers of
 * 3, 5, 7)? */
int ext2_group_has_super(const struct ext2_super *sb, uint32_t i);

/*
 * Walks one directory block of bsize bytes: calls fn for each entry
 * (used or not) after checking it: rec_len a multiple of 4, at least
 * the header plus the name, not past the block's end (so the walk
 * always advances and ends exactly at the block's end: no loops, no
 * reading past it), the inode number at most ninodes. fn returns
 * non-zero to stop (returned). -EUCLEAN with why[] on a bad entry,
 * naming its offset and field.
 */
typedef int (*ext2_dirent_fn)(void *ctx, struct ext2_dirent *de,
			      uint32_t off);
int ext2_dir_block_walk(void *blk, uint32_t bsize, uint32_t ninodes,
			ext2_dirent_fn fn, void *ctx, char *why,
			size_t whylen);

/* The d_type (DT_*) of a directory entry's file_type; of an i_mode. */
unsigned char ext2_ft_to_dtype(uint8_t ft);
uint8_t ext2_mode_to_ft(uint16_t mode);

#endif /* EXT2_DISK_H */
