/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process's place in the tree: chdir, fchdir, getcwd, umask.
 * getcwd walks from the cwd up the parent pointers, finding each
 * directory's name in its parent by readdir (names are not kept in
 * vnodes, so a rename anywhere above is always seen).
 */
#include <errno.h>
#include <string.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

mode_t vfs_umask = 022;

static long set_cwd(struct uk_vnode *vn)
{
	if (!vn_isdir(vn)) {
		uk_vfs_vnode_put(vn);
		return -ENOTDIR;
	}
	vfs_cwd_set(vn);
	return 0;
}

UK_SYSCALL_DEFINE1(chdir, const char *, path)
{
	struct vfs_path p;
	struct uk_vnode *vn;
	long r = vfs_resolve(AT_FDCWD, path, VFS_FOLLOW, &p);

	if (r < 0)
		return r;
	vn = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	return set_cwd(vn);
}

UK_SYSCALL_DEFINE1(fchdir, int, fd)
{
	struct uk_vnode *vn;
	long r = vfs_fd_vnode(fd, &vn);

	if (r < 0)
		return r;
	return set_cwd(vn);
}

UK_SYSCALL_DEFINE1(umask, mode_t, mask)
{
	mode_t old = vfs_umask;

	vfs_umask = mask & 0777;
	return old;
}

struct find_name {
	uint64_t ino;
	char *name;
	size_t len;
	int found;
};

static int match_ino(void *ctx, const char *name, size_t len, uint64_t ino,
		     unsigned char type __uk_unused, off_t next __uk_unused)
{
	struct find_name *fn = ctx;

	if (ino != fn->ino || (len == 1 && name[0] == '.') ||
	    (len == 2 && name[0] == '.' && name[1] == '.'))
		return 0;
	memcpy(fn->name, name, len);
	fn->len = len;
	fn->found = 1;
	return 1;
}

/* vn's name in its parent dir into name (NAME_MAX + 1 bytes) */
static int name_in(struct uk_vnode *dir, struct uk_vnode *vn, char *name,
		   size_t *len)
{
	struct find_name fn = { vn->ino, name, 0, 0 };
	off_t cookie = 0;
	int r;

	if (!dir->ops->readdir)
		return -ENOENT;
	vn_lock(dir);
	r = dir->ops->readdir(dir, &cookie, match_ino, &fn);
	vn_unlock(dir);
	if (r < 0)
		return r;
	if (!fn.found)
		return -ENOENT;	/* removed */
	*len = fn.len;
	return 0;
}

/* The cwd's absolute path, built from the end of out (size bytes) */
static long build_cwd(char *out, size_t size)
{
	char name[NAME_MAX + 1];
	struct uk_vnode *vn, *up;
	size_t at = size - 1, len;
	struct stat st;
	long r = 0;

	vn = vfs_cwd_get();
	if (!vn)
		return -ENOENT;
	if (vfs_getattr(vn, &st) == 0 && st.st_nlink == 0) {
		uk_vfs_vnode_put(vn);
		return -ENOENT;	/* Linux: the cwd was removed */
	}
	out[at] = '\0';
	while (vn != vfs_root) {
		while (vn == vn->mount->root && vn->mount->covered) {
			up = vn->mount->covered;
			uk_vfs_vnode_ref(up);
			uk_vfs_vnode_put(vn);
			vn = up;
		}
		if (vn == vfs_root)
			break;
		up = vfs_dotdot(vn);
		r = name_in(up, vn, name, &len);
		uk_vfs_vnode_put(vn);
		vn = up;
		if (r < 0)
			break;
		if (len + 1 > at) {
			r = -ERANGE;
			break;
		}
		at -= len;
		memcpy(out + at, name, len);
		out[--at] = '/';
	}
	uk_vfs_vnode_put(vn);
	if (r < 0)
		return r;
	if (at == size - 1) {
		if (at < 1)
			return -ERANGE;
		out[--at] = '/';
	}
	return (long)at;
}

UK_SYSCALL_DEFINE2(getcwd, char *, buf, size_t, size)
{
	char *tmp;
	long at, len;

	if (!buf)
		return -EFAULT;
	if (size == 0)
		return -ERANGE;
	tmp = uk_malloc(uk_alloc_get_default(), PATH_MAX);
	if (!tmp)
		return -ENOMEM;
	at = build_cwd(tmp, PATH_MAX);
	if (at < 0) {
		len = at == -ERANGE ? -ENAMETOOLONG : at;
	} else {
		len = PATH_MAX - at;	/* with the NUL */
		if ((size_t)len > size)
			len = -ERANGE;
		else
			memcpy(buf, tmp + at, (size_t)len);
	}
	uk_free(uk_alloc_get_default(), tmp);
	return len;
}
