/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * initrd: the cpio "newc" archive QEMU's -initrd hands over (as the
 * first Multiboot or PVH module), unpacked into the VFS.
 *
 * Two layers. The parser (cpio.c) is plain C on a byte buffer, with no
 * kit dependency, so the same file builds into the image and into the
 * host fuzz harness (lib/initrd/fuzz/cpio.c):
 *
 *	struct uk_initrd_cpio it;
 *	struct uk_initrd_entry e;
 *	int r;
 *
 *	uk_initrd_cpio_start(&it, base, len);
 *	while ((r = uk_initrd_cpio_next(&it, &e)) > 0)
 *		use(&e);          // e.name, e.mode, e.data ... point into base
 *	if (r < 0)
 *		say(it.err_off, it.err_entry, it.err_what);
 *
 The file system type "initrd" (mount.c, in the image; vfs.fstab=
 * "initrd:/" or "initrd:/some/dir") checks the whole archive with the
 * parser first and creates nothing when it is bad (one line naming the
 * byte offset and the entry); then it fills a fresh ramfs from it and,
 * when that fails, frees the ramfs again: the mount is the whole
 * archive or nothing.
 */
#ifndef UK_INITRD_H
#define UK_INITRD_H

#include <stddef.h>
#include <stdint.h>

/* The longest name and symlink target taken (Linux's PATH_MAX). */
#define UK_INITRD_NAME_MAX	4096

/*
 * One archive member. name is name_len bytes, NUL-terminated in the
 * archive, without a leading "/" or "./" and never "" ("." is the root
 * itself, reported with name "."), with no "." or ".." component and no
 * empty component. mode is st_mode (type and permission bits); data is
 * size bytes (a regular file's contents, a symlink's target).
 */
struct uk_initrd_entry {
	const char *name;
	size_t name_len;
	uint32_t mode;
	uint32_t uid, gid;
	uint32_t nlink;
	uint32_t mtime;
	uint32_t ino;
	uint32_t dev_major, dev_minor;	/* of the file system it came from */
	uint32_t rdev_major, rdev_minor;	/* device nodes */
	const void *data;
	size_t size;
	size_t offset;		/* of its header in the archive */
};

/*
 * Parser state. On an error, err_off is the byte offset where it was
 * found, err_what says what was wrong (a static string), and
 * err_entry/err_entry_len name the entry (its name as archived, up to
 * 255 bytes, or "" when the header itself was bad).
 */
struct uk_initrd_cpio {
	const unsigned char *base;
	size_t len;
	size_t pos;		/* the next header */
	int done;		/* TRAILER!!! seen and nothing after it */
	size_t err_off;
	const char *err_what;
	const char *err_entry;
	size_t err_entry_len;
};

void uk_initrd_cpio_start(struct uk_initrd_cpio *it, const void *base,
			  size_t len);

/*
 * The next member into *e: 1; 0 when the archive ended (a TRAILER!!!
 * followed by nothing but zero padding; archives concatenated after
 * padding are read on, as Linux does); or -EINVAL for a bad archive
 * (truncated, bad magic or hex digit, a name or size past the end, an
 * unsafe name, a file type it cannot hold, ...), with it->err_* set.
 * After 0 or an error, every later call returns the same.
 */
int uk_initrd_cpio_next(struct uk_initrd_cpio *it, struct uk_initrd_entry *e);

#endif /* UK_INITRD_H */
