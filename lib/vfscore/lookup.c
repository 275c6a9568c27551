/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Path resolution. A path is walked one component at a time from the
 * root ("/...") or a starting directory (the cwd, or openat's dirfd),
 * holding a reference on the current directory only. "." stays, ".."
 * goes to vn->parent, crossing a mount's root up to the directory it
 * covers (and stopping at the root); a directory that is covered is
 * crossed down to the mount's root. A symlink met mid-path (or last,
 * with VFS_FOLLOW or a trailing '/') is replaced by its target, from
 * the root when the target is absolute; more than UK_VFS_MAXSYMLINKS of
 * them in one resolution is -ELOOP. Each lookup op runs under the
 * directory's lock.
 */
#include <errno.h>
#include <string.h>
#include "vfs_internal.h"

/* Working buffers of a resolution that met a symlink (too big for a
 * kernel stack; a path without symlinks is walked where it is) */
struct walk {
	char buf[PATH_MAX];	/* what is left to walk */
	char tmp[PATH_MAX];	/* a symlink's target + the rest */
};

struct uk_vnode *vfs_dotdot(struct uk_vnode *dir)
{
	struct uk_vnode *up;
	unsigned long fl;

	fl = vfs_cache_lock();
	while (dir != vfs_root && dir == dir->mount->root &&
	       dir->mount->covered)
		dir = dir->mount->covered;
	up = (dir == vfs_root || !dir->parent) ? dir : dir->parent;
	up->refs++;
	vfs_cache_unlock(fl);
	return up;
}

/* Down through every mount stacked on vn (consumes the reference) */
static struct uk_vnode *cross_down(struct uk_vnode *vn)
{
	struct uk_vnode *root;

	while (vn->mounted) {
		root = vn->mounted->root;
		uk_vfs_vnode_ref(root);
		uk_vfs_vnode_put(vn);
		vn = root;
	}
	return vn;
}

int vfs_lookup_one(struct uk_vnode *dir, const char *name, size_t len,
		   struct uk_vnode **out)
{
	struct uk_vnode *vn;
	unsigned long fl;
	int r;

	if (!dir->ops->lookup)
		return -ENOTDIR;
	vn_lock(dir);
	r = dir->ops->lookup(dir, name, len, &vn);
	vn_unlock(dir);
	if (r < 0)
		return r;
	/* A directory remembers where it was found, for "..". */
	if (vn_isdir(vn) && vn != vn->mount->root) {
		fl = vfs_cache_lock();
		if (vn->parent != dir) {
			struct uk_vnode *old = vn->parent;

			dir->refs++;
			vn->parent = dir;
			vfs_cache_unlock(fl);
			if (old)
				uk_vfs_vnode_put(old);
		} else {
			vfs_cache_unlock(fl);
		}
	}
	*out = cross_down(vn);
	return 0;
}

void vfs_path_put(struct vfs_path *p)
{
	if (p->dir)
		uk_vfs_vnode_put(p->dir);
	if (p->vn)
		uk_vfs_vnode_put(p->vn);
	p->dir = p->vn = NULL;
}

/* Where a relative path starts: the cwd or dirfd's directory */
static int start_dir(int dirfd, unsigned int flags, struct uk_vnode **out)
{
	int r;

	if ((flags & VFS_FROMROOT) || dirfd == AT_FDCWD) {
		*out = (flags & VFS_FROMROOT) ? NULL : vfs_cwd_get();
		if (!*out) {
			if (!vfs_root)
				return -ENOENT;
			uk_vfs_vnode_ref(vfs_root);
			*out = vfs_root;
		}
		return 0;
	}
	r = vfs_fd_vnode(dirfd, out);
	return r;
}

/* Replace the symlink vn met at the front of rest (which is "" or
 * starts with '/'): buf becomes its target followed by rest. */
static int splice_link(struct walk **wp, struct uk_vnode *vn,
		       const char *rest, int *absolute)
{
	size_t rl = strlen(rest);
	struct walk *w = *wp;
	ssize_t n;

	if (!w) {
		w = *wp = uk_malloc(uk_alloc_get_default(), sizeof(*w));
		if (!w)
			return -ENOMEM;
	}
	if (!vn->ops->readlink)
		return -EINVAL;
	vn_lock(vn);
	n = vn->ops->readlink(vn, w->tmp, sizeof(w->tmp));
	vn_unlock(vn);
	if (n < 0)
		return (int)n;
	if (n == 0)
		return -ENOENT;	/* an empty target, as Linux */
	if ((size_t)n + rl + 1 > sizeof(w->tmp))
		return -ENAMETOOLONG;
	memcpy(w->tmp + n, rest, rl + 1);
	*absolute = w->tmp[0] == '/';
	memcpy(w->buf, w->tmp, n + rl + 1);
	return 0;
}

static int walk(struct walk **w, const char *path, struct uk_vnode *cur,
		unsigned int flags, struct vfs_path *p)
{
	int links = 0, last, slash, r, absolute = 0;
	const char *s = path, *e, *t;
	struct uk_vnode *child;
	size_t len;

	for (;;) {
		while (*s == '/')
			s++;
		if (!*s) {
			/* "/", "a/" after a symlink, or a target ending in
			 * '/': cur itself. */
			p->vn = cur;
			p->dots = 1;
			return 0;
		}
		for (e = s; *e && *e != '/'; e++)
			;
		len = (size_t)(e - s);
		for (t = e; *t == '/'; t++)
			;
		last = !*t;
		slash = *e == '/';
		if (len > NAME_MAX) {
			r = -ENAMETOOLONG;
			goto fail;
		}
		if (!vn_isdir(cur)) {
			r = -ENOTDIR;
			goto fail;
		}
		if (len == 1 && s[0] == '.') {
			child = cur;
			uk_vfs_vnode_ref(child);
		} else if (len == 2 && s[0] == '.' && s[1] == '.') {
			child = vfs_dotdot(cur);
		} else {
			r = vfs_lookup_one(cur, s, len, &child);
			if (r == -ENOENT && last && (flags & VFS_PARENT)) {
				child = NULL;
			} else if (r < 0) {
				goto fail;
			}
		}
		if (child && S_ISLNK(child->mode) &&
		    (!last || slash || (flags & VFS_FOLLOW))) {
			if (++links > UK_VFS_MAXSYMLINKS) {
				uk_vfs_vnode_put(child);
				r = -ELOOP;
				goto fail;
			}
			r = splice_link(w, child, e, &absolute);
			uk_vfs_vnode_put(child);
			if (r < 0)
				goto fail;
			if (absolute) {
				uk_vfs_vnode_put(cur);
				uk_vfs_vnode_ref(vfs_root);
				cur = vfs_root;
			}
			s = (*w)->buf;
			continue;
		}
		if (last) {
			memcpy(p->name, s, len);
			p->name[len] = '\0';
			p->len = len;
			p->slash = slash;
			p->vn = child;
			if ((len == 1 && s[0] == '.') ||
			    (len == 2 && s[0] == '.' && s[1] == '.')) {
				p->dots = 1;
				uk_vfs_vnode_put(cur);
			} else {
				p->dir = cur;
			}
			if (child && slash && !vn_isdir(child) &&
			    !S_ISLNK(child->mode)) {
				vfs_path_put(p);
				return -ENOTDIR;
			}
			return 0;
		}
		uk_vfs_vnode_put(cur);
		cur = child;
		s = e;
	}
fail:
	uk_vfs_vnode_put(cur);
	return r;
}

int vfs_resolve(int dirfd, const char *path, unsigned int flags,
		struct vfs_path *p)
{
	struct walk *w = NULL;
	struct uk_vnode *cur;
	size_t len;
	int r;

	p->dir = p->vn = NULL;
	p->name[0] = '\0';
	p->len = 0;
	p->slash = p->dots = 0;
	if (!path)
		return -EFAULT;
	for (len = 0; len < PATH_MAX && path[len]; len++)
		;	/* (strnlen's setup costs more than short paths) */
	if (len >= PATH_MAX)
		return -ENAMETOOLONG;
	if (!vfs_root)
		return -ENOENT;
	if (len == 0 && !(flags & VFS_EMPTY))
		return -ENOENT;
	if (path[0] == '/') {
		uk_vfs_vnode_ref(vfs_root);
		cur = vfs_root;
	} else {
		r = start_dir(dirfd, flags, &cur);
		if (r < 0)
			return r;
		if (len == 0) {
			p->vn = cur;	/* AT_EMPTY_PATH: dirfd itself */
			p->dots = 1;
			return 0;
		}
		if (!vn_isdir(cur)) {
			uk_vfs_vnode_put(cur);
			return -ENOTDIR;
		}
	}
	r = walk(&w, path, cur, flags, p);
	if (w)
		uk_free(uk_alloc_get_default(), w);
	return r;
}
