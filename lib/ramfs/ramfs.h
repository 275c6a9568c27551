/* SPDX-License-Identifier: BSD-3-Clause */
/* Between the files of ramfs only. */
#ifndef RAMFS_H
#define RAMFS_H

#include <uk/vfs.h>
#include <uk/alloc.h>

#define RAMFS_PAGE 4096

struct ramfs_node;

/* One name in a directory; entries keep the order they were made in,
 * each with a cookie that never changes (readdir resumes from it). */
struct ramfs_dirent {
	struct ramfs_dirent *next, *prev;
	struct ramfs_node *node;
	off_t cookie;
	size_t len;
	char name[];
};

struct ramfs_node {
	uint64_t ino;
	mode_t mode;
	nlink_t nlink;
	uid_t uid;
	gid_t gid;
	dev_t rdev;
	struct timespec atime, mtime, ctime;
	struct uk_vnode *vn;	/* the live vnode, or NULL */
	union {
		struct {
			struct ramfs_dirent *first, *last;
			struct ramfs_node *parent;
			off_t next_cookie;	/* 0 ".", 1 "..", then 2... */
			unsigned long count;
		} dir;
		struct {
			char **pages;	/* NULL entries: holes (zeroes) */
			size_t npages;	/* slots in pages[] */
			size_t used;	/* pages allocated */
			off_t size;
		} file;
		struct {
			char *target;
			size_t len;
		} link;
	};
};

struct ramfs {
	/* Every op, on the whole mount. A spinlock: no op blocks or calls
	 * back into vfscore while holding it (allocations do not block),
	 * and it costs a few instructions where a mutex costs dozens. */
	struct uk_spinlock lock;
	uint64_t next_ino;
	unsigned long pages;	/* data pages allocated, for statfs */
	struct ramfs_node *spare;	/* freed nodes kept for reuse (linked
					 * through dir.first), under lock */
	unsigned int nspare;
	struct ramfs_node *root;
};

static inline void *ramfs_zalloc(size_t n)
{
	return uk_alloc_calloc(uk_alloc_get_default(), 1, n);
}

static inline void ramfs_free(void *p)
{
	uk_free(uk_alloc_get_default(), p);
}

/* file.c: the data of regular files */
ssize_t ramfs_read(struct uk_vnode *vn, const struct iovec *iov,
		   int iovcnt, off_t off);
ssize_t ramfs_write(struct uk_vnode *vn, const struct iovec *iov,
		    int iovcnt, off_t off);
int ramfs_fallocate(struct uk_vnode *vn, int mode, off_t off, off_t len);
off_t ramfs_seek_data(struct uk_vnode *vn, off_t off, int hole);
/* Set the size: pages past it freed, the tail of the last one zeroed */
int ramfs_resize(struct ramfs *fs, struct ramfs_node *n, off_t size);

#endif /* RAMFS_H */
