/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Between the files of vfscore only. The layers, bottom up:
 *
 *	vnode.c    the per-mount vnode cache (uk_vfs_vnode_get/put)
 *	mount.c    file system types, the mount table, root and cwd
 *	lookup.c   path resolution: ".", "..", symlinks, mount points
 *	file.c     open files: struct vfs_file on posix-fdtab, open/openat,
 *	           fcntl record locks
 *	dir.c      the calls that change a directory (mkdir, unlink, ...)
 *	stat.c     stat family, statx, statfs, readlink, access
 *	attr.c     chmod/chown/utimensat/truncate/fallocate/fsync
 *	cwd.c      chdir, fchdir, getcwd, umask
 *	copy.c     sendfile, copy_file_range
 *	kernel.c   uk_vfs_open & co. for kernel users
 *	fstab.c    vfs.fstab= and the menu's root at UK_INIT_FS
 */
#ifndef VFS_INTERNAL_H
#define VFS_INTERNAL_H

#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/mount.h>
#include <uk/vfs.h>
#include <uk/syscall.h>
#include <uk/fdtab.h>
#include <uk/alloc.h>
#include <uk/assert.h>

/* "ENOTDIR" for -ENOTDIR, for boot-time lines (musl's strerror needs the
 * thread's locale, which init functions do not have: it crashed) */
static inline const char *vfs_errname(int r)
{
	const char *s = uk_syscall_errname(r);

	return s ? s : "unknown error";
}

static inline void *vfs_zalloc(size_t n)
{
	return uk_alloc_calloc(uk_alloc_get_default(), 1, n);
}

static inline void vfs_free(void *p)
{
	uk_free(uk_alloc_get_default(), p);
}

/*
 * Free lists for the objects made and dropped on every create or open
 * (vnodes, open files), as a kernel's slab caches: up to max freed ones
 * are kept and handed out again zeroed, so a file's create+stat+unlink
 * does not go to the allocator for them. vnode.c.
 */
struct vfs_freelist {
	void *head;		/* the first word of each links the next */
	unsigned int count, max;
	size_t size;
};
void *vfs_obj_alloc(struct vfs_freelist *l);	/* zeroed, or NULL */
void vfs_obj_free(struct vfs_freelist *l, void *p);
extern struct vfs_freelist vfs_file_cache;

/* vn->lock around an op; not taken for a file system that serializes
 * its own ops (UK_VFS_FSTYPE_SELFLOCKED) */
static inline int vn_selflocked(const struct uk_vnode *vn)
{
	return vn->mount->type->flags & UK_VFS_FSTYPE_SELFLOCKED;
}

static inline void vn_lock(struct uk_vnode *vn)
{
	if (!vn_selflocked(vn))
		uk_lock_mutex_lock(&vn->lock);
}

static inline void vn_unlock(struct uk_vnode *vn)
{
	if (!vn_selflocked(vn))
		uk_lock_mutex_unlock(&vn->lock);
}

/* vn->lock around what an open file does (its position, O_APPEND's
 * size then write): always taken */
static inline void vn_lock_io(struct uk_vnode *vn)
{
	uk_lock_mutex_lock(&vn->lock);
}

static inline void vn_unlock_io(struct uk_vnode *vn)
{
	uk_lock_mutex_unlock(&vn->lock);
}

static inline int vn_isdir(const struct uk_vnode *vn)
{
	return S_ISDIR(vn->mode);
}

static inline int vn_rdonly(const struct uk_vnode *vn)
{
	return vn->mount->flags & MS_RDONLY;
}

/* mount.c: the root and the cwd, each referenced (NULL before /). */
extern struct uk_vnode *vfs_root;
extern struct uk_vnode *vfs_cwd;
/* The cwd with a reference, or NULL */
struct uk_vnode *vfs_cwd_get(void);
/* Make vn (referenced by the caller, who gives that up) the cwd */
void vfs_cwd_set(struct uk_vnode *vn);
/* vnode.c: the cache's lock (parent pointers and refs too): interrupts
 * off, so short and never around anything that blocks or allocates */
unsigned long vfs_cache_lock(void);
void vfs_cache_unlock(unsigned long fl);
/* vnode.c: vnodes of m in the hash (for umount's EBUSY) */
unsigned long vfs_vnode_count(struct uk_vfs_mount *m);
/* vnode.c: uk_vfs_vnode_evict (<uk/vfs.h>) pushes m's kept vnodes out */
/* vnode.c: vn lost a name: uk_vfs_vnode_gone() if it has none left (or
 * the fs already marked it) */
void vfs_vnode_gone(struct uk_vnode *vn);
/* vflags of vfscore's own: out of the mount's hash */
#define VN_UNHASHED 0x100
int vfs_vnode_hash_init(struct uk_vfs_mount *m);
void vfs_vnode_hash_free(struct uk_vfs_mount *m);

/* lookup.c */
#define VFS_FOLLOW	0x1	/* follow a symlink in the last component */
#define VFS_PARENT	0x2	/* the last component may be missing */
#define VFS_EMPTY	0x4	/* "" names dirfd itself (AT_EMPTY_PATH) */
#define VFS_FROMROOT	0x8	/* relative paths from /, not the cwd */

struct vfs_path {
	struct uk_vnode *dir;	/* the last component's directory, or NULL
				 * (the path named a root or "."/"..") */
	struct uk_vnode *vn;	/* the object, or NULL when it is missing */
	char name[NAME_MAX + 1];/* the last component, NUL-terminated */
	size_t len;
	int slash;		/* the path ended with '/' */
	int dots;		/* the last component was "." or ".." */
};

/* Resolve path from dirfd (AT_FDCWD or a directory's fd) into p,
 * references held in p->dir and p->vn; 0 or -errno. */
int vfs_resolve(int dirfd, const char *path, unsigned int flags,
		struct vfs_path *p);
void vfs_path_put(struct vfs_path *p);
/* The directory's parent, crossing mount roots upwards and stopping at
 * the root (a new reference). */
struct uk_vnode *vfs_dotdot(struct uk_vnode *dir);
/* Look name up in dir (referenced result, mounts crossed) */
int vfs_lookup_one(struct uk_vnode *dir, const char *name, size_t len,
		   struct uk_vnode **out);

/* file.c */
struct vfs_file {
	struct uk_file f;
	struct uk_vnode *vn;	/* referenced */
};
extern const struct uk_file_ops vfs_file_ops;
/* The vnode behind fd, referenced: -EBADF when fd is not open,
 * -ENOTDIR/-EBADF style errors are the caller's to give */
int vfs_fd_vnode(int fd, struct uk_vnode **out);
/* The vfs_file behind fd, with a file reference; NULL if none of ours */
struct vfs_file *vfs_fd_file(int fd, int *err);
/* The open(2) implementation; from root when fromroot */
long vfs_openat(int dirfd, const char *path, int flags, mode_t mode,
		int fromroot);
/* The file's size (getattr), or -errno */
off_t vfs_size(struct uk_vnode *vn);

/* dir.c */
long vfs_mkdirat(int dirfd, const char *path, mode_t mode, int fromroot);
long vfs_mknodat(int dirfd, const char *path, mode_t mode, dev_t dev,
		 int fromroot);
long vfs_symlinkat(const char *target, int dirfd, const char *path,
		   int fromroot);
long vfs_linkat(int odirfd, const char *opath, int ndirfd,
		const char *npath, int flags, int fromroot);
long vfs_unlinkat(int dirfd, const char *path, int flags, int fromroot);

/* stat.c */
long vfs_statat(int dirfd, const char *path, struct stat *st, int flags,
		int fromroot);
int vfs_getattr(struct uk_vnode *vn, struct stat *st);

/* attr.c */
int vfs_setattr(struct uk_vnode *vn, const struct uk_vattr *va,
		unsigned int mask);
long vfs_chmodat(int dirfd, const char *path, mode_t mode, int flags,
		 int fromroot);
long vfs_chownat(int dirfd, const char *path, uid_t uid, gid_t gid,
		 int flags, int fromroot);
long vfs_utimensat(int dirfd, const char *path, const struct timespec *ts,
		   int flags, int fromroot);
int vfs_truncate(struct uk_vnode *vn, off_t len);

/* mount.c: sync(2) over every mount */
int vfs_sync_all(void);

/* cwd.c */
extern mode_t vfs_umask;

#endif /* VFS_INTERNAL_H */
