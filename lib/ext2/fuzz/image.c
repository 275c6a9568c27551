/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target ext2-image (support/scripts/fuzz): lib/ext2's core on an
 * arbitrary image (the input, as the whole device): mount (superblock
 * and group descriptor checks), then the whole tree walked (directory
 * blocks through ext2_dir_block_walk, symlinks, every file read), then
 * writes in the root (create, write past a hole, mkdir, rename, unlink,
 * rmdir, truncate), each followed by a flush. Besides ASan/UBSan it
 * checks the core's promises and aborts when one is broken: reads never
 * return more than asked or past the size, directory names are 1..255
 * bytes, no I/O goes outside the device, and a bad image is an error
 * code with a report, never a crash or a hang.
 */
// fuzz-srcs: ../disk.c ../fs.c ../alloc.c ../file.c ../dir.c ../ops.c
// fuzz-max-len: 65536
// fuzz-runs: 20000
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../fs.h"

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "ext2 fuzz: broken promise: %s\n", #c); abort(); } \
} while (0)

static uint8_t *dev;
static size_t dev_len;
static unsigned long budget;	/* block I/Os left for this input */

static int mem_bio(void *d, int write, uint64_t off, uint32_t len, void *buf)
{
	(void)d;
	CHECK(len > 0 && len % 1024 == 0);
	if (off > dev_len || len > dev_len - off)
		return -5;	/* past the device: EIO, as a real one */
	if (!budget)
		return -5;
	budget--;
	if (write)
		memcpy(dev + off, buf, len);
	else
		memcpy(buf, dev + off, len);
	return 0;
}

static void report(struct ext2_fs *fs, const char *line)
{
	(void)fs;
	CHECK(line[0]);
}

struct ctx {
	struct ext2_fs *fs;
	int depth, n;
};

static void walk(struct ext2_fs *fs, struct ext2_node *dir, int depth);

static int entry(void *p, const char *name, size_t len, uint32_t ino,
		 uint8_t ft, uint64_t next)
{
	struct ctx *c = p;
	struct ext2_node n;
	static uint8_t buf[8192];
	ssize_t r;

	(void)ft;
	(void)next;
	CHECK(len >= 1 && len <= EXT2_NAME_LEN);
	CHECK(ino >= 1 && ino <= c->fs->sb.s_inodes_count);
	if (++c->n > 64)
		return 1;
	if ((len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	if (ext2_iread(c->fs, ino, &n))
		return 0;
	if (ext2_is_dir(&n)) {
		walk(c->fs, &n, c->depth + 1);
		return 0;
	}
	if (ext2_is_fast_symlink(c->fs, &n))
		return 0;
	r = ext2_read(c->fs, &n, buf, sizeof(buf), 0);
	CHECK(r <= (ssize_t)sizeof(buf));
	CHECK(r < 0 || (uint64_t)r <= ext2_isize(&n));
	r = ext2_read(c->fs, &n, buf, 100, 70000);
	CHECK(r <= 100);
	return 0;
}

static void walk(struct ext2_fs *fs, struct ext2_node *dir, int depth)
{
	struct ctx c = { .fs = fs, .depth = depth };
	uint64_t pos = 0;

	if (depth > 4)
		return;
	ext2_dir_iterate(fs, dir, &pos, entry, &c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ext2_fs fs = { .bio = mem_bio, .report = report };
	struct ext2_make_args fa = { .mode = 0100644 };
	struct ext2_make_args da = { .mode = 0040755 };
	struct ext2_make_args la = { .mode = 0120777,
		.target = "a-slow-symlink-target-longer-than-sixty-bytes-"
			  "so-it-takes-a-block" };
	struct ext2_node root, f, d, g;
	static uint8_t wbuf[5000];

	if (size < 2048)
		return 0;
	dev_len = size & ~(size_t)1023;
	dev = malloc(dev_len);
	memcpy(dev, data, dev_len);
	fs.dev_bytes = dev_len;
	budget = 20000;
	if (ext2_mount(&fs)) {
		free(dev);
		return 0;
	}
	if (!ext2_iread(&fs, EXT2_ROOT_INO, &root)) {
		walk(&fs, &root, 0);
		if (!ext2_make(&fs, &root, "fz", 2, &fa, &f)) {
			memset(wbuf, 0x5a, sizeof(wbuf));
			CHECK(ext2_write(&fs, &f, wbuf, sizeof(wbuf), 3000) <=
			      (ssize_t)sizeof(wbuf));
			ext2_truncate(&fs, &f, 100);
			ext2_flush(&fs);
			if (!ext2_make(&fs, &root, "fzd", 3, &da, &d)) {
				ext2_make(&fs, &d, "l", 1, &la, &g);
				ext2_rename(&fs, &root, "fz", 2, &f, &d, "f", 1,
					    NULL, 0);
				ext2_flush(&fs);
				if (!ext2_unlink(&fs, &d, "f", 1, &f))
					ext2_evict(&fs, &f);
				if (!ext2_iread(&fs, g.ino, &g) &&
				    !ext2_unlink(&fs, &d, "l", 1, &g))
					ext2_evict(&fs, &g);
				if (!ext2_rmdir(&fs, &root, "fzd", 3, &d))
					ext2_evict(&fs, &d);
			}
		}
		ext2_flush(&fs);
	}
	ext2_unmount(&fs);
	free(dev);
	return 0;
}
