/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2's core: the file system logic on top of a block device it reaches
 * through one callback, so that the host builds it too (the fuzz target
 * and tests/host_ext2.c run it on image files). Layers, bottom up:
 *
 *	disk.c   the format and its checks (no I/O)
 *	fs.c     mount, the metadata block cache, inodes in and out
 *	alloc.c  block and inode bitmaps, free counts
 *	file.c   logical -> physical blocks (direct, indirect, double and
 *	         triple indirect), read, write, truncate
 *	dir.c    directory entries: lookup, add, remove, iterate
 *	vfs.c    the kit's face: vfscore's vnode ops on ukblkdev (kernel only)
 *
 * Consistency: metadata (bitmaps, descriptors, the superblock, inode
 * tables, indirect and directory blocks) goes through the cache; every
 * operation of vfs.c ends with ext2_flush(), which writes what the
 * operation dirtied, so between operations the disk is a consistent
 * file system (e2fsck -fn clean) without a journal. Data blocks go
 * straight to the device. Not thread-safe: the caller serializes
 * (vfs.c: one mutex a mount).
 */
#ifndef EXT2_FS_H
#define EXT2_FS_H

#include <stdint.h>
#include <sys/types.h>
#include "disk.h"

/* Memory: the kit's default allocator in the kit, the C library's on
 * the host. */
#if CONFIG_LIBEXT2
#include <uk/alloc.h>
#define ext2_malloc(n)		uk_malloc(uk_alloc_get_default(), (n))
#define ext2_calloc(k, n)	uk_alloc_calloc(uk_alloc_get_default(), (k), (n))
#define ext2_free(p)		uk_free(uk_alloc_get_default(), (p))
#else
#include <stdlib.h>
#define ext2_malloc(n)		malloc(n)
#define ext2_calloc(k, n)	calloc((k), (n))
#define ext2_free(p)		free(p)
#endif

#define EXT2_CACHE_BLOCKS	32

struct ext2_cblock {
	uint32_t blk;
	int valid;		/* 0: an empty slot */
	int dirty;
	unsigned long used;	/* LRU clock */
	uint8_t *data;
};

struct ext2_fs {
	/* Set by the caller before ext2_mount: */
	/* n blocks from blk into/out of buf; 0 or -errno. */
	int (*bio)(void *dev, int write, uint64_t blk, uint32_t n, void *buf);
	void *dev;
	uint64_t dev_bytes;	/* 0: unknown */
	int ro;
	/* the time for stamps; NULL: 0 */
	void (*now)(uint32_t *sec, uint32_t *nsec);
	/* One line about corruption or a failure (no newline). */
	void (*report)(struct ext2_fs *fs, const char *line);
	/* May be NULL: is free inode ino still in use (a removed directory
	 * someone holds)? ext2_ialloc passes such numbers over. */
	int (*ino_busy)(struct ext2_fs *fs, uint32_t ino);

	/* ext2's: */
	struct ext2_super sb;
	struct ext2_geom g;
	struct ext2_group_desc *gd;
	int sb_dirty;
	uint8_t *gd_dirty;		/* per descriptor block */
	struct ext2_cblock cache[EXT2_CACHE_BLOCKS];
	unsigned long clock;
	uint8_t *tmp;			/* one block for partial data I/O */
	uint32_t hint_ino, hint_blk;	/* the last data block allocated */
	int err;			/* the first I/O error since flush */
};

/* An inode in memory: its number and its on-disk fields. */
struct ext2_node {
	uint32_t ino;
	int gone;		/* evicted while still referenced (a removed dir) */
	struct ext2_inode di;
};

/* fs.c */
int ext2_mount(struct ext2_fs *fs);
void ext2_unmount(struct ext2_fs *fs);	/* flushes; frees */
int ext2_flush(struct ext2_fs *fs);	/* 0 or the first error */
void ext2_corrupt(struct ext2_fs *fs, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* A cached metadata block (bsize bytes) or NULL (I/O error, reported).
 * fresh: the caller overwrites it all (not read). */
uint8_t *ext2_bget(struct ext2_fs *fs, uint32_t blk, int fresh);
void ext2_bdirty(struct ext2_fs *fs, uint32_t blk);
/* Forget a cached block (freed: a later data write must not be undone). */
void ext2_bforget(struct ext2_fs *fs, uint32_t blk);
int ext2_iread(struct ext2_fs *fs, uint32_t ino, struct ext2_node *n);
int ext2_iwrite(struct ext2_fs *fs, const struct ext2_node *n);
/* Zero inode ino on disk, all inode_size bytes (a new inode: nothing of
 * its last user, such as in-inode attributes, stays). */
int ext2_iclear(struct ext2_fs *fs, uint32_t ino);
uint64_t ext2_isize(const struct ext2_node *n);
void ext2_set_isize(struct ext2_fs *fs, struct ext2_node *n, uint64_t sz);
uint32_t ext2_now(struct ext2_fs *fs);
/* Stamp n's atime/mtime/ctime (EXT2_T_* bits) with now, or set one to
 * sec.nsec (nanoseconds kept where the inode has room: 256-byte inodes;
 * else whole seconds, as Linux's ext2 keeps them). */
#define EXT2_T_ATIME	1
#define EXT2_T_MTIME	2
#define EXT2_T_CTIME	4
void ext2_stamp(struct ext2_fs *fs, struct ext2_node *n, int which);
void ext2_set_time(struct ext2_node *n, int which, uint32_t sec,
		   uint32_t nsec);
/* n's time (one EXT2_T_* bit) as seconds and nanoseconds. */
void ext2_get_time(const struct ext2_node *n, int which, uint32_t *sec,
		   uint32_t *nsec);
/* Is blk a block a file may own (inside the fs, not block 0)? */
static inline int ext2_blk_ok(const struct ext2_fs *fs, uint32_t blk)
{
	return blk >= fs->sb.s_first_data_block && blk < fs->sb.s_blocks_count;
}

/* alloc.c: 0 or -ENOSPC/-EIO/-EUCLEAN. goal: a block near which to
 * look (0: anywhere). */
int ext2_balloc(struct ext2_fs *fs, uint32_t goal, uint32_t *blk);
int ext2_bfree(struct ext2_fs *fs, uint32_t blk);
int ext2_ialloc(struct ext2_fs *fs, uint32_t dir_ino, uint16_t mode,
		uint32_t *ino);
int ext2_ifree(struct ext2_fs *fs, uint32_t ino, uint16_t mode);

/* file.c */
/* Physical block of logical block lb: 0 for a hole (alloc == 0), or
 * allocated (zeroed) when alloc; -errno. */
int ext2_bmap(struct ext2_fs *fs, struct ext2_node *n, uint64_t lb,
	      int alloc, uint32_t *pb);
ssize_t ext2_read(struct ext2_fs *fs, struct ext2_node *n, void *buf,
		  size_t len, uint64_t off);
ssize_t ext2_write(struct ext2_fs *fs, struct ext2_node *n, const void *buf,
		   size_t len, uint64_t off);
/* Set the size: frees blocks past it, or extends with a hole. */
int ext2_truncate(struct ext2_fs *fs, struct ext2_node *n, uint64_t size);
/* Largest file size the block size allows. */
uint64_t ext2_max_size(const struct ext2_fs *fs);
/* Is the data next at or after off (hole == 0) / the next hole? */
int64_t ext2_seek_data(struct ext2_fs *fs, struct ext2_node *n,
		       uint64_t off, int hole);
/* Fast symlink (target in i_block)? */
int ext2_is_fast_symlink(const struct ext2_fs *fs, const struct ext2_node *n);

/* dir.c */
typedef int (*ext2_readdir_fn)(void *ctx, const char *name, size_t len,
			       uint32_t ino, uint8_t ft, uint64_t next);
int ext2_dir_lookup(struct ext2_fs *fs, struct ext2_node *dir,
		    const char *name, size_t len, uint32_t *ino);
int ext2_dir_add(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
		 size_t len, uint32_t ino, uint16_t mode);
int ext2_dir_remove(struct ext2_fs *fs, struct ext2_node *dir,
		    const char *name, size_t len);
/* Point the entry name at ino (rename over an existing name). */
int ext2_dir_retarget(struct ext2_fs *fs, struct ext2_node *dir,
		      const char *name, size_t len, uint32_t ino,
		      uint16_t mode);
/* Entries from byte offset *pos on; fn returns non-zero to stop. */
int ext2_dir_iterate(struct ext2_fs *fs, struct ext2_node *dir,
		     uint64_t *pos, ext2_readdir_fn fn, void *ctx);
/* 1 when only "." and ".." are left, 0 if not, -errno. */
int ext2_dir_empty(struct ext2_fs *fs, struct ext2_node *dir);
/* A new directory's first block with "." and "..". */
int ext2_dir_init(struct ext2_fs *fs, struct ext2_node *dir,
		  uint32_t parent);

/* ops.c */
struct ext2_make_args {
	uint16_t mode;		/* type and permission bits */
	uint32_t uid, gid;
	uint32_t major, minor;	/* device nodes */
	const char *target;	/* symlinks: NUL-terminated */
};
int ext2_is_dir(const struct ext2_node *n);
void ext2_rdev(const struct ext2_node *n, uint32_t *major, uint32_t *minor);
/* A new object named name in dir; *n gets it. -EEXIST when taken. */
int ext2_make(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
	      size_t len, const struct ext2_make_args *a, struct ext2_node *n);
int ext2_link(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
	      size_t len, struct ext2_node *n);
/* Remove the entry of n; n's link count drops (ext2_evict at zero, once
 * nobody uses it). */
int ext2_unlink(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
		size_t len, struct ext2_node *n);
int ext2_rmdir(struct ext2_fs *fs, struct ext2_node *dir, const char *name,
	       size_t len, struct ext2_node *n);
/* Free n's blocks and the inode itself (its link count is 0). */
int ext2_evict(struct ext2_fs *fs, struct ext2_node *n);
/* on in odir (src) becomes nn in ndir, replacing dst (NULL: absent) or,
 * with exchange, trading places with it. */
int ext2_rename(struct ext2_fs *fs, struct ext2_node *odir, const char *on,
		size_t olen, struct ext2_node *src, struct ext2_node *ndir,
		const char *nn, size_t nlen, struct ext2_node *dst,
		int exchange);

#endif /* EXT2_FS_H */
