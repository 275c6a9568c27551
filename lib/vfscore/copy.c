/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Copies in the kernel: sendfile (from a seekable file to any file:
 * a socket, a pipe, the console) through the two files' posix-fdtab
 * ops, and copy_file_range (between two regular files of vfscore) on
 * their vnodes. Both go through a bounce buffer of COPY_CHUNK bytes;
 * Linux's limit of 0x7ffff000 bytes a call applies.
 */
#include <errno.h>
#include <string.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

#define COPY_CHUNK	(64 * 1024)
#define COPY_MAX	0x7ffff000L	/* MAX_RW_COUNT */

/* Move up to count bytes from in (at *ipos) to out (at *opos, NULL for
 * an unseekable file) through their ops: bytes moved or -errno (only
 * when nothing moved) */
static ssize_t pump(struct uk_file *in, off_t *ipos, struct uk_file *out,
		    off_t *opos, size_t count)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t done = 0, chunk;
	struct iovec iov;
	ssize_t r = 0, w;
	char *buf;

	buf = uk_malloc(a, UK_MIN(count, (size_t)COPY_CHUNK) ?: 1);
	if (!buf)
		return -ENOMEM;
	while (done < count) {
		chunk = UK_MIN(count - done, (size_t)COPY_CHUNK);
		iov.iov_base = buf;
		iov.iov_len = chunk;
		r = in->ops->read(in, &iov, 1, ipos);
		if (r <= 0)
			break;
		iov.iov_len = (size_t)r;
		w = out->ops->write(out, &iov, 1, opos);
		if (w < 0) {
			*ipos -= r;	/* not moved after all */
			r = w;
			break;
		}
		if (w < r)
			*ipos -= r - w;
		done += (size_t)w;
		if (w < r || (size_t)r < chunk)
			break;
	}
	uk_free(a, buf);
	return done ? (ssize_t)done : r;
}

UK_SYSCALL_DEFINE4(sendfile, int, out_fd, int, in_fd, off_t *, offset,
		   size_t, count)
{
	struct uk_file *in, *out;
	off_t pos;
	long r;

	in = uk_fdtab_get(in_fd);
	if (!in)
		return -EBADF;
	out = uk_fdtab_get(out_fd);
	if (!out) {
		uk_fdtab_put(in);
		return -EBADF;
	}
	if ((in->flags & O_ACCMODE) == O_WRONLY ||
	    (out->flags & O_ACCMODE) == O_RDONLY || (in->flags & O_PATH))
		r = -EBADF;
	else if (!in->ops->lseek || !in->ops->read || !out->ops->write ||
		 (out->flags & O_APPEND))
		r = -EINVAL;	/* Linux: in must be seekable, out not append */
	else if (offset && *offset < 0)
		r = -EINVAL;
	else
		r = 0;
	if (!r && count) {
		pos = offset ? *offset : in->pos;
		r = pump(in, &pos, out, out->ops->lseek ? &out->pos : NULL,
			 UK_MIN(count, (size_t)COPY_MAX));
		if (offset)
			*offset = pos;
		else
			in->pos = pos;
	}
	uk_fdtab_put(out);
	uk_fdtab_put(in);
	return r;
}

/* What Linux checks of copy_file_range's two files */
static int check_cfr(struct vfs_file *in, struct vfs_file *out)
{
	if ((in->f.flags & O_ACCMODE) == O_WRONLY ||
	    (out->f.flags & O_ACCMODE) == O_RDONLY ||
	    (out->f.flags & O_APPEND) || ((in->f.flags | out->f.flags) & O_PATH))
		return -EBADF;
	if (vn_isdir(in->vn) || vn_isdir(out->vn))
		return -EISDIR;
	if (!S_ISREG(in->vn->mode) || !S_ISREG(out->vn->mode))
		return -EINVAL;
	if (vn_rdonly(out->vn))
		return -EROFS;
	return 0;
}

UK_SYSCALL_DEFINE6(copy_file_range, int, fd_in, off_t *, off_in, int,
		   fd_out, off_t *, off_out, size_t, len, unsigned int, flags)
{
	struct vfs_file *in, *out;
	off_t ipos, opos, isize;
	int r;

	if (flags)
		return -EINVAL;
	in = vfs_fd_file(fd_in, &r);
	if (!in)
		return r;
	out = vfs_fd_file(fd_out, &r);
	if (!out) {
		uk_fdtab_put(&in->f);
		return r;
	}
	r = check_cfr(in, out);
	ipos = off_in ? *off_in : in->f.pos;
	opos = off_out ? *off_out : out->f.pos;
	if (!r && (ipos < 0 || opos < 0))
		r = -EINVAL;
	len = UK_MIN(len, (size_t)COPY_MAX);
	/* the same file with overlapping ranges: Linux's EINVAL */
	if (!r && in->vn == out->vn && ipos < opos + (off_t)len &&
	    opos < ipos + (off_t)len)
		r = -EINVAL;
	if (!r && len) {
		isize = vfs_size(in->vn);
		if (isize < 0)
			r = (int)isize;
		else if (ipos < isize) {
			ssize_t n = pump(&in->f, &ipos, &out->f, &opos,
					 UK_MIN(len, (size_t)(isize - ipos)));

			if (n >= 0) {
				if (off_in)
					*off_in = ipos;
				else
					in->f.pos = ipos;
				if (off_out)
					*off_out = opos;
				else
					out->f.pos = opos;
			}
			uk_fdtab_put(&out->f);
			uk_fdtab_put(&in->f);
			return n;
		}
	}
	uk_fdtab_put(&out->f);
	uk_fdtab_put(&in->f);
	return r;
}
