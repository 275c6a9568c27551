/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File system types and the mount table. A type registers at
 * UK_INIT_LIB; mounts come later (fstab.c at UK_INIT_FS, or kernel
 * users). The first mount must be on "/" and becomes the root; the others
 * cover an existing directory, which stays referenced (covered) and
 * points at the mount (vn->mounted) until umount. mount_lock orders
 * mounts and umounts against each other; lookups read vn->mounted
 * without it (a pointer set once the mount is complete).
 */
#include <errno.h>
#include <string.h>
#include <sys/sysmacros.h>
#include <uk/print.h>
#include <uk/syscall.h>
#include "vfs_internal.h"

static struct uk_vfs_fstype *types;
static struct uk_vfs_mount *mounts;
static struct uk_mutex mount_lock = UK_MUTEX_INITIALIZER;
static unsigned int next_minor = 1;

struct uk_vnode *vfs_root;
struct uk_vnode *vfs_cwd;

int uk_vfs_fstype_register(struct uk_vfs_fstype *t)
{
	struct uk_vfs_fstype *o;

	if (!t->name || !t->mount)
		return -EINVAL;
	for (o = types; o; o = o->next)
		if (!strcmp(o->name, t->name))
			return -EEXIST;
	t->next = types;
	types = t;
	return 0;
}

static const struct uk_vfs_fstype *find_type(const char *name)
{
	const struct uk_vfs_fstype *t;

	for (t = types; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

const struct uk_vfs_fstype *uk_vfs_fstype_find(const char *name)
{
	return find_type(name);
}

/* "ramfs, devfs" into buf, for the unknown-type line */
static const char *type_names(char *buf, size_t len)
{
	const struct uk_vfs_fstype *t;
	size_t n = 0;

	buf[0] = '\0';
	for (t = types; t && n + 1 < len; t = t->next)
		n += snprintf(buf + n, len - n, "%s%s", n ? ", " : "",
			      t->name);
	return buf[0] ? buf : "none";
}

struct uk_vnode *vfs_cwd_get(void)
{
	struct uk_vnode *vn;
	unsigned long fl;

	fl = vfs_cache_lock();
	vn = vfs_cwd;
	if (vn)
		vn->refs++;
	vfs_cache_unlock(fl);
	return vn;
}

void vfs_cwd_set(struct uk_vnode *vn)
{
	struct uk_vnode *old;
	unsigned long fl;

	fl = vfs_cache_lock();
	old = vfs_cwd;
	vfs_cwd = vn;
	vfs_cache_unlock(fl);
	if (old)
		uk_vfs_vnode_put(old);
}

/* The mount point: an existing directory not covered yet, referenced */
static int mount_point(const char *path, struct uk_vnode **out)
{
	struct vfs_path p;
	int r;

	r = vfs_resolve(AT_FDCWD, path, VFS_FOLLOW | VFS_FROMROOT, &p);
	if (r < 0)
		return r;
	*out = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	if (!vn_isdir(*out))
		r = -ENOTDIR;
	else if ((*out)->mounted)
		r = -EBUSY;
	if (r < 0)
		uk_vfs_vnode_put(*out);
	return r;
}

static int do_mount(const struct uk_vfs_fstype *t, const char *source,
		    const char *path, unsigned long flags, const char *opts)
{
	struct uk_vnode *covered = NULL;
	struct uk_vfs_mount *m;
	int r;

	if (vfs_root) {
		r = mount_point(path, &covered);
		if (r < 0) {
			uk_pr_err("mount %s on %s: %s\n", t->name, path,
				  vfs_errname(r));
			return r;
		}
	} else if (strcmp(path, "/")) {
		uk_pr_err("mount %s on %s: no root yet: mount / first\n",
			  t->name, path);
		return -ENOENT;
	}
	m = vfs_zalloc(sizeof(*m));
	if (!m || vfs_vnode_hash_init(m) < 0) {
		vfs_free(m);
		r = -ENOMEM;
		goto fail;
	}
	m->type = t;
	m->covered = covered;
	m->flags = flags;
	m->dev = makedev(0, next_minor);
	next_minor++;
	snprintf(m->path, sizeof(m->path), "%s", path);
	r = t->mount(m, source, flags, opts);
	if (r < 0 || !m->root) {
		if (r >= 0) {
			uk_pr_err("mount %s: no root vnode\n",
				  t->name);
			r = -EIO;
		}
		vfs_vnode_hash_free(m);
		vfs_free(m);
		goto fail;
	}
	m->root->parent = NULL;
	m->next = mounts;
	mounts = m;
	if (covered) {
		covered->mounted = m;
	} else {
		uk_vfs_vnode_ref(m->root);
		vfs_root = m->root;
		uk_vfs_vnode_ref(m->root);
		vfs_cwd_set(m->root);
	}
	return 0;
fail:
	if (covered)
		uk_vfs_vnode_put(covered);
	return r;
}

int uk_vfs_mount(const char *type, const char *source, const char *path,
		 unsigned long flags, const char *opts)
{
	const struct uk_vfs_fstype *t = find_type(type);
	char names[128];
	int r;

	if (!t) {
		uk_pr_err("mount %s on %s: unknown file system type '%s' (this image has: %s)\n",
			  type, path, type,
			  type_names(names, sizeof(names)));
		return -ENODEV;
	}
	uk_lock_mutex_lock(&mount_lock);
	r = do_mount(t, source ? source : "", path, flags, opts ? opts : "");
	uk_lock_mutex_unlock(&mount_lock);
	return r;
}

int uk_vfs_umount(const char *path)
{
	struct uk_vnode *root = NULL;
	struct uk_vfs_mount *m, **pp;
	struct vfs_path p;
	int r;

	r = vfs_resolve(AT_FDCWD, path, VFS_FOLLOW | VFS_FROMROOT, &p);
	if (r < 0)
		return r;
	root = p.vn;
	p.vn = NULL;
	vfs_path_put(&p);
	uk_lock_mutex_lock(&mount_lock);
	m = root->mount;
	if (root != m->root) {
		r = -EINVAL;	/* not a mount point (Linux's) */
		goto out;
	}
	if (!m->covered) {
		r = -EBUSY;	/* the root stays */
		goto out;
	}
	/* Busy unless the only vnode left is the root, held by the mount
	 * and by us (the kept, unreferenced ones go first). */
	uk_vfs_vnode_evict(m);
	if (vfs_vnode_count(m) > 1 || root->refs > 2) {
		r = -EBUSY;
		goto out;
	}
	for (pp = &mounts; *pp != m; pp = &(*pp)->next)
		;
	*pp = m->next;
	m->covered->mounted = NULL;
	m->unmounting = 1;	/* the root's last put frees it */
	uk_vfs_vnode_put(root);
	uk_vfs_vnode_put(m->root);
	root = NULL;
	if (m->type->unmount)
		r = m->type->unmount(m);
	uk_vfs_vnode_put(m->covered);
	vfs_vnode_hash_free(m);
	vfs_free(m);
out:
	uk_lock_mutex_unlock(&mount_lock);
	if (root)
		uk_vfs_vnode_put(root);
	return r;
}

/* sync(2): every mount's sync, in mount order reversed (newest first) */
int vfs_sync_all(void)
{
	struct uk_vfs_mount *m;
	int r, first = 0;

	uk_lock_mutex_lock(&mount_lock);
	for (m = mounts; m; m = m->next) {
		if (m->type->sync) {
			r = m->type->sync(m);
			if (r < 0 && !first)
				first = r;
		}
	}
	uk_lock_mutex_unlock(&mount_lock);
	return first;
}

UK_SYSCALL_DEFINE5(mount, const char *, source, const char *, target,
		   const char *, type, unsigned long, flags, const void *,
		   data)
{
	if (!target || !type)
		return -EFAULT;
	if (flags & ~(MS_RDONLY | MS_SILENT | MS_NOATIME | MS_NODEV |
		      MS_NOEXEC | MS_NOSUID))
		return -EINVAL;	/* remount, bind, move: not here */
	return uk_vfs_mount(type, source, target, flags & MS_RDONLY,
			    data ? data : "");
}

UK_SYSCALL_DEFINE2(umount2, const char *, target, int, flags)
{
	if (flags & ~(MNT_FORCE | MNT_DETACH | MNT_EXPIRE | UMOUNT_NOFOLLOW))
		return -EINVAL;
	return uk_vfs_umount(target);
}
