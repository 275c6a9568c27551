/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File-backed mappings, through the file's uk_file ops only (any kind
 * of seekable regular file: vfscore's, or a file system's own). A
 * mapping is filled by reading the file at map time. A private one is
 * then plain memory. A shared one keeps a shadow copy of what the file
 * held; msync and munmap write back the bytes that differ from the
 * shadow (no page faults tell us which pages were written, so the
 * comparison does; each run of changed bytes is one write), never past the file's current end, as Linux never
 * extends a file through a mapping. Between two syncs the file and the
 * mapping are not coherent: read() sees what was last written back.
 * Called with interrupts on (file ops may block).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/fdtab.h>
#include <uk/plat/paging.h>
#include "mmap.h"

#define PAGE UKPLAT_PAGE_SIZE

int posix_mmap_file_check(struct uk_file *f, int prot, int type)
{
	struct stat st;
	int acc = f->flags & O_ACCMODE;

	memset(&st, 0, sizeof(st));
	if (!f->ops->read || !f->ops->lseek || !f->ops->stat ||
	    f->ops->stat(f, &st) < 0 || !S_ISREG(st.st_mode))
		return -ENODEV;	/* Linux: the file cannot be mapped */
	if (f->flags & O_PATH)
		return -EBADF;
	if (acc == O_WRONLY)
		return -EACCES;
	if (type != MAP_PRIVATE && (prot & PROT_WRITE) &&
	    (acc != O_RDWR || (f->flags & O_APPEND)))
		return -EACCES;
	return 0;
}

/* Move len bytes between buf and the file at off through f's ops (wr:
 * buf to the file). A read stops short at the end of the file (the
 * rest of buf stays as it was: zero); a write that makes no progress is
 * -EIO. 0 or -errno. */
static int xfer_at(struct uk_file *f, void *buf, size_t len, off_t off,
		   int wr)
{
	struct iovec iov;
	size_t done = 0;
	ssize_t r;

	while (done < len) {
		iov.iov_base = (char *)buf + done;
		iov.iov_len = len - done;
		r = wr ? f->ops->write(f, &iov, 1, &off)
		       : f->ops->read(f, &iov, 1, &off);
		if (r < 0)
			return (int)r;
		if (r == 0)
			return wr ? -EIO : 0;
		done += (size_t)r;
	}
	return 0;
}

int posix_mmap_file_fill(struct posix_mmap_file *mf, void *base,
			 size_t len)
{
	struct uk_alloc *a = uk_alloc_get_default();
	int r = xfer_at(mf->f, base, len, mf->off, 0);

	if (r < 0 || !mf->shared)
		return r;
	mf->shadow = uk_palloc(a, len / PAGE);
	if (!mf->shadow)
		return -ENOMEM;
	memcpy(mf->shadow, base, len);
	return 0;
}

void posix_mmap_file_free(struct posix_mmap_file *mf, size_t npages)
{
	if (mf->shadow)
		uk_pfree(uk_alloc_get_default(), mf->shadow, npages);
	uk_fdtab_put(mf->f);
	uk_free(uk_alloc_get_default(), mf);
}

/* The next run of bytes of one page that differ from the shadow, from
 * *at on: its length (0: none left), its start in *at */
static size_t next_run(const unsigned char *mem, const unsigned char *old,
		       size_t *at)
{
	size_t a = *at, b;

	while (a < PAGE && mem[a] == old[a])
		a++;
	for (b = a; b < PAGE && mem[b] != old[b]; b++)
		;
	*at = a;
	return b - a;
}

int posix_mmap_file_sync(struct posix_mmap_file *mf, uintptr_t base,
			 size_t first, size_t n)
{
	struct stat st;
	size_t i, lo, len;
	off_t at;
	int r, err = 0;

	if (!mf->shared || !mf->f->ops->write)
		return 0;
	memset(&st, 0, sizeof(st));
	r = mf->f->ops->stat(mf->f, &st);
	if (r < 0)
		return r;
	/* Run by run: bytes the mapping did not change are not written,
	 * so a write() to them since the last sync stays. */
	for (i = first; i < first + n; i++) {
		unsigned char *mem = (unsigned char *)base + i * PAGE;
		unsigned char *old = mf->shadow + i * PAGE;

		for (lo = 0; (len = next_run(mem, old, &lo)); lo += len) {
			at = mf->off + (off_t)(i * PAGE + lo);
			if (at >= st.st_size)
				break;	/* past the end: not the file's */
			if (at + (off_t)len > st.st_size)
				len = (size_t)(st.st_size - at);
			r = xfer_at(mf->f, mem + lo, len, at, 1);
			if (r < 0)
				err = r;
			else
				memcpy(old + lo, mem + lo, len);
		}
	}
	return err;
}
