/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The data of a ramfs regular file: a table of 4 KiB pages, a NULL slot
 * being a hole that reads as zeroes (so truncate up, sparse writes and
 * FALLOC_FL_PUNCH_HOLE cost nothing). Called with the mount's lock held
 * by the ops in ramfs.c (read and write take it here).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include "ramfs.h"

static struct ramfs *fs_of(struct uk_vnode *vn)
{
	return vn->mount->priv;
}

/* Make room for page slot idx in the table */
static int grow_table(struct ramfs_node *n, size_t idx)
{
	size_t want = n->file.npages ? n->file.npages : 8;
	char **p;

	if (idx < n->file.npages)
		return 0;
	while (want <= idx)
		want *= 2;
	p = uk_realloc(uk_alloc_get_default(), n->file.pages,
		       want * sizeof(*p));
	if (!p)
		return -ENOSPC;
	memset(p + n->file.npages, 0, (want - n->file.npages) * sizeof(*p));
	n->file.pages = p;
	n->file.npages = want;
	return 0;
}

/* Page idx, allocated (zeroed) if it is a hole; NULL: no memory */
static char *page_for_write(struct ramfs *fs, struct ramfs_node *n,
			    size_t idx)
{
	if (grow_table(n, idx) < 0)
		return NULL;
	if (!n->file.pages[idx]) {
		n->file.pages[idx] = ramfs_zalloc(RAMFS_PAGE);
		if (!n->file.pages[idx])
			return NULL;
		n->file.used++;
		fs->pages++;
	}
	return n->file.pages[idx];
}

static void free_page(struct ramfs *fs, struct ramfs_node *n, size_t idx)
{
	if (idx < n->file.npages && n->file.pages[idx]) {
		ramfs_free(n->file.pages[idx]);
		n->file.pages[idx] = NULL;
		n->file.used--;
		fs->pages--;
	}
}

ssize_t ramfs_read(struct uk_vnode *vn, const struct iovec *iov,
		   int iovcnt, off_t off)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;
	size_t done = 0, chunk, in, idx;
	int i;

	uk_lock_spin_lock(&fs->lock);
	for (i = 0; i < iovcnt && off < n->file.size; i++) {
		size_t at = 0;

		while (at < iov[i].iov_len && off < n->file.size) {
			idx = (size_t)off / RAMFS_PAGE;
			in = (size_t)off % RAMFS_PAGE;
			chunk = UK_MIN(RAMFS_PAGE - in, iov[i].iov_len - at);
			chunk = UK_MIN(chunk, (size_t)(n->file.size - off));
			if (idx < n->file.npages && n->file.pages[idx])
				memcpy((char *)iov[i].iov_base + at,
				       n->file.pages[idx] + in, chunk);
			else
				memset((char *)iov[i].iov_base + at, 0, chunk);
			at += chunk;
			off += chunk;
			done += chunk;
		}
	}
	uk_vfs_now(&n->atime);
	uk_lock_spin_unlock(&fs->lock);
	return (ssize_t)done;
}

ssize_t ramfs_write(struct uk_vnode *vn, const struct iovec *iov,
		    int iovcnt, off_t off)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;
	size_t done = 0, chunk, in;
	int i, full = 0;
	char *page;

	uk_lock_spin_lock(&fs->lock);
	for (i = 0; i < iovcnt; i++) {
		size_t at = 0;

		while (at < iov[i].iov_len) {
			in = (size_t)off % RAMFS_PAGE;
			chunk = UK_MIN(RAMFS_PAGE - in, iov[i].iov_len - at);
			page = page_for_write(fs, n, (size_t)off / RAMFS_PAGE);
			if (!page) {
				full = 1;
				goto out;
			}
			memcpy(page + in, (const char *)iov[i].iov_base + at,
			       chunk);
			at += chunk;
			off += chunk;
			done += chunk;
			if (off > n->file.size)
				n->file.size = off;
		}
	}
out:
	if (done) {
		uk_vfs_now(&n->mtime);
		n->ctime = n->mtime;
	}
	uk_lock_spin_unlock(&fs->lock);
	return (full && !done) ? -ENOSPC : (ssize_t)done;
}

int ramfs_resize(struct ramfs *fs, struct ramfs_node *n, off_t size)
{
	size_t keep = (size_t)((size + RAMFS_PAGE - 1) / RAMFS_PAGE), i;
	size_t in = (size_t)size % RAMFS_PAGE;

	if (size < n->file.size) {
		for (i = keep; i < n->file.npages; i++)
			free_page(fs, n, i);
		/* bytes past the end in the last page read as zero later */
		if (in && keep > 0 && keep - 1 < n->file.npages &&
		    n->file.pages[keep - 1])
			memset(n->file.pages[keep - 1] + in, 0,
			       RAMFS_PAGE - in);
	}
	n->file.size = size;
	return 0;
}

int ramfs_fallocate(struct uk_vnode *vn, int mode, off_t off, off_t len)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;
	size_t first = (size_t)(off / RAMFS_PAGE);
	size_t end = (size_t)((off + len + RAMFS_PAGE - 1) / RAMFS_PAGE), i;
	int r = 0;

	if (mode & ~(FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE))
		return -EOPNOTSUPP;
	if ((mode & FALLOC_FL_PUNCH_HOLE) && !(mode & FALLOC_FL_KEEP_SIZE))
		return -EOPNOTSUPP;	/* Linux's vfs_fallocate */
	uk_lock_spin_lock(&fs->lock);
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		off_t e = UK_MIN(off + len, n->file.size), at = off;

		/* whole pages go, the partial ends are zeroed */
		while (at < e) {
			size_t idx = (size_t)at / RAMFS_PAGE;
			size_t in = (size_t)at % RAMFS_PAGE;
			size_t chunk = UK_MIN(RAMFS_PAGE - in, (size_t)(e - at));

			if (in == 0 && chunk == RAMFS_PAGE)
				free_page(fs, n, idx);
			else if (idx < n->file.npages && n->file.pages[idx])
				memset(n->file.pages[idx] + in, 0, chunk);
			at += chunk;
		}
	} else {
		for (i = first; i < end; i++) {
			if (!page_for_write(fs, n, i)) {
				r = -ENOSPC;
				break;
			}
		}
		if (!r && !(mode & FALLOC_FL_KEEP_SIZE) &&
		    off + len > n->file.size)
			n->file.size = off + len;
	}
	if (!r) {
		uk_vfs_now(&n->ctime);
		if (!(mode & FALLOC_FL_KEEP_SIZE))
			n->mtime = n->ctime;
	}
	uk_lock_spin_unlock(&fs->lock);
	return r;
}

off_t ramfs_seek_data(struct uk_vnode *vn, off_t off, int hole)
{
	struct ramfs *fs = fs_of(vn);
	struct ramfs_node *n = vn->priv;
	size_t idx = (size_t)off / RAMFS_PAGE;
	off_t r;

	uk_lock_spin_lock(&fs->lock);
	for (; (off_t)idx * RAMFS_PAGE < n->file.size; idx++) {
		int data = idx < n->file.npages && n->file.pages[idx];

		if (data != hole)
			break;
	}
	r = (off_t)idx * RAMFS_PAGE;
	if (r < off)
		r = off;
	if (r >= n->file.size)
		r = hole ? n->file.size : -ENXIO;
	uk_lock_spin_unlock(&fs->lock);
	return r;
}
