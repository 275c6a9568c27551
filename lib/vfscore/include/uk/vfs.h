/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore: the kit's virtual file system. File systems (ramfs, devfs,
 * 9pfs, ext2, the initrd) register a type; vfscore keeps the mount table,
 * resolves paths (".", "..", symlinks with a loop limit of 40, mount
 * points crossed both ways), turns open files into posix-fdtab files and
 * implements the path and file system calls on top of vnode ops.
 *
 * A file system implements:
 *
 *	static const struct uk_vfs_fstype ext2_type = {
 *		.name = "ext2", .mount = ext2_mount,
 *	};
 *	uk_vfs_fstype_register(&ext2_type);   // from its init, UK_INIT_LIB
 *
 * and mount() fills m->root (one reference) and m->priv. Mounting from
 * vfs.fstab= happens later in boot (UK_INIT_FS, after every UK_INIT_LIB),
 * so every registered type is known by then.
 *
 * Vnodes: one per file system object while anybody holds it.
 * uk_vfs_vnode_get(m, ino, &vn) returns the vnode of (mount, ino) with a
 * reference, creating it (and returning 1: "fill it in") when none is
 * live, so hard links and the same file reached by two paths share one
 * vnode. After the last uk_vfs_vnode_put() vfscore keeps up to
 * CONFIG_LIBVFSCORE_VNODE_CACHE unreferenced vnodes for reuse (a lookup
 * finds them again without the fs making a new one); ops->inactive (drop
 * private state; for a vnode with nlink 0, free the object) runs when
 * one is pushed out of that cache, at umount, or at once at the last put
 * of a vnode whose object vfscore saw lose its last name (unlink, rmdir,
 * rename over it: UK_VNODE_GONE, set by vfscore; a fs may set it too).
 * vfscore never frees what priv points to.
 *
 * Locking: vfscore holds vn->lock (uklock's struct uk_mutex) around every
 * op on * vn that reads or changes it; directory ops hold the directory's lock
 * (rename: both directories', in address order). Ops may block (I/O);
 * they are never called with interrupts off.
 *
 * Errors: ops return 0 / a count, or a negative errno, the one Linux
 * gives for the same case (a name too long: -ENAMETOOLONG, a missing
 * entry: -ENOENT, a non-empty directory: -ENOTEMPTY, a read-only mount:
 * -EROFS, checked by vfscore before the op when it can be).
 */
#ifndef UK_VFS_H
#define UK_VFS_H

#include <stdint.h>
#include <sys/types.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <uk/lock.h>
#include <uk/init.h>

/* renameat2() flags (Linux's values; musl 1.2.3 does not name them) */
#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE	(1 << 0)
#define RENAME_EXCHANGE		(1 << 1)
#define RENAME_WHITEOUT		(1 << 2)
#endif

/*
 * vfs.fstab= is mounted at UK_INIT_FS with this priority: an init that
 * wants the tree (mounting devfs on /dev, unpacking the initrd into /)
 * runs at UK_INIT_FS, UK_PRIO_AFTER(UK_PRIO_VFS_FSTAB).
 */
#define UK_PRIO_VFS_FSTAB UK_PRIO_DEFAULT

/* Symlinks followed in one path lookup before -ELOOP (Linux's) */
#define UK_VFS_MAXSYMLINKS 40

struct uk_vnode;
struct uk_vfs_mount;
struct uk_file;

/* What setattr may change (mask bits) */
#define UK_VATTR_MODE	0x01	/* permission bits of va_mode */
#define UK_VATTR_UID	0x02
#define UK_VATTR_GID	0x04
#define UK_VATTR_SIZE	0x08	/* truncate or extend (zeroes) */
#define UK_VATTR_ATIME	0x10
#define UK_VATTR_MTIME	0x20

struct uk_vattr {
	mode_t mode;
	uid_t uid;
	gid_t gid;
	off_t size;
	struct timespec atime, mtime;
};

/* One directory entry for readdir's emit(): d_type is DT_REG, DT_DIR... */
typedef int (*uk_vfs_emit_fn)(void *ctx, const char *name, size_t len,
			      uint64_t ino, unsigned char d_type,
			      off_t next_cookie);

struct uk_vnode_ops {
	/* Directories. name is not NUL-terminated (len bytes, no '/',
	 * never "." or ".."); *out gets a referenced vnode. */
	int (*lookup)(struct uk_vnode *dir, const char *name, size_t len,
		      struct uk_vnode **out);
	/* Make a regular file, directory, device/fifo/socket node or
	 * symlink; -EEXIST when the name is taken. *out may be NULL
	 * (the caller does not want the vnode). */
	int (*create)(struct uk_vnode *dir, const char *name, size_t len,
		      mode_t mode, struct uk_vnode **out);
	int (*mkdir)(struct uk_vnode *dir, const char *name, size_t len,
		     mode_t mode);
	int (*mknod)(struct uk_vnode *dir, const char *name, size_t len,
		     mode_t mode, dev_t dev);
	int (*symlink)(struct uk_vnode *dir, const char *name, size_t len,
		       const char *target);
	int (*link)(struct uk_vnode *dir, const char *name, size_t len,
		    struct uk_vnode *target);
	int (*unlink)(struct uk_vnode *dir, const char *name, size_t len);
	int (*rmdir)(struct uk_vnode *dir, const char *name, size_t len);
	/* flags: RENAME_NOREPLACE, RENAME_EXCHANGE (or -EINVAL). Both
	 * directories are on this mount (vfscore gives -EXDEV otherwise). */
	int (*rename)(struct uk_vnode *odir, const char *oname, size_t olen,
		      struct uk_vnode *ndir, const char *nname, size_t nlen,
		      unsigned int flags);
	/* Entries from *cookie on (0: the start; "." and ".." included),
	 * until emit() returns non-zero or the directory ends; *cookie is
	 * left where the next call goes on. 0 or -errno. */
	int (*readdir)(struct uk_vnode *dir, off_t *cookie,
		       uk_vfs_emit_fn emit, void *ctx);

	/* Files. read/write at off (never past what vfscore checked:
	 * off >= 0); bytes done or -errno; write extends the file. */
	ssize_t (*read)(struct uk_vnode *vn, const struct iovec *iov,
			int iovcnt, off_t off);
	ssize_t (*write)(struct uk_vnode *vn, const struct iovec *iov,
			 int iovcnt, off_t off);
	/* The symlink's target into buf (not NUL-terminated); its length. */
	ssize_t (*readlink)(struct uk_vnode *vn, char *buf, size_t len);
	int (*fsync)(struct uk_vnode *vn, int datasync);
	/* mode: 0 or FALLOC_FL_KEEP_SIZE...; NULL: -EOPNOTSUPP. */
	int (*fallocate)(struct uk_vnode *vn, int mode, off_t off, off_t len);
	/* For SEEK_DATA/SEEK_HOLE on sparse files; NULL: all data. */
	off_t (*seek_data)(struct uk_vnode *vn, off_t off, int hole);

	/* Everything. getattr fills st (zeroed; st_dev and st_ino are
	 * vfscore's to set). setattr changes what mask says. */
	int (*getattr)(struct uk_vnode *vn, struct stat *st);
	int (*setattr)(struct uk_vnode *vn, const struct uk_vattr *va,
		       unsigned int mask);
	/* The last reference is gone (see the header comment). */
	void (*inactive)(struct uk_vnode *vn);

	/*
	 * Optional (devices, fifos): open vn with open(2)'s flags
	 * (O_ACCMODE, O_NONBLOCK, O_APPEND...) as a file of the fs's
	 * own, *out with one reference; vfscore installs it. Called
	 * without vn->lock. NULL: vfscore's file, on read/write above.
	 */
	int (*open)(struct uk_vnode *vn, unsigned int flags,
		    struct uk_file **out);
};

struct uk_vnode {
	const struct uk_vnode_ops *ops;
	struct uk_vfs_mount *mount;
	uint64_t ino;
	mode_t mode;		/* S_IFMT type bits at least; kept current */
	void *priv;		/* the file system's */
	struct uk_mutex lock;
	/* vfscore's: */
	long refs;
	struct uk_vfs_mount *mounted;	/* a mount covering this dir */
	struct uk_vnode *hnext;		/* the mount's vnode hash */
	struct uk_vnode *parent;	/* a directory's, referenced; NULL
					 * for a mount's root (".." is
					 * vfscore's: fs lookups never see
					 * it) */
	struct uk_vnode *lnext, *lprev;	/* unreferenced, kept: the LRU */
	unsigned int vflags;		/* UK_VNODE_GONE */
};

/* vflags: the object has no name left (nlink 0): when the last
 * reference goes, inactive() runs at once instead of the vnode being
 * kept for reuse. Set it with uk_vfs_vnode_gone(), which also takes the
 * vnode out of the mount's hash, so the fs may give its ino to a new
 * object at once (a lookup then makes a new vnode). */
#define UK_VNODE_GONE 0x1

/* uk_vfs_fstype flags: the fs serializes its own ops (one lock of its
 * own, say), so vfscore takes vn->lock only around what open files do
 * (read, write, lseek, getdents64: the file position, O_APPEND) and not
 * around lookup, create..., getattr, setattr, readlink, fallocate,
 * fsync */
#define UK_VFS_FSTYPE_SELFLOCKED 0x1

struct uk_vfs_fstype {
	const char *name;		/* "ext2", as vfs.fstab= names it */
	unsigned int flags;		/* UK_VFS_FSTYPE_* */
	/* Mount source (the fstab's device or tag: "vda", "share", "" for
	 * none) with MS_RDONLY... flags and the options string ("" for
	 * none; the fs's own, e.g. "msize=65536"). Set m->root (one
	 * reference), m->priv; 0 or -errno, having said why in one line.
	 * A mount that fails after making vnodes puts them and calls
	 * uk_vfs_vnode_evict(m) before it frees what they point to. */
	int (*mount)(struct uk_vfs_mount *m, const char *source,
		     unsigned long flags, const char *opts);
	/* Write back and free; vnodes are all gone. May be NULL. */
	int (*unmount)(struct uk_vfs_mount *m);
	int (*statfs)(struct uk_vfs_mount *m, struct statfs *st);
	int (*sync)(struct uk_vfs_mount *m);
	struct uk_vfs_fstype *next;	/* vfscore's */
};

struct uk_vfs_mount {
	const struct uk_vfs_fstype *type;
	struct uk_vnode *root;		/* set by type->mount */
	struct uk_vnode *covered;	/* the directory mounted on; NULL for / */
	unsigned long flags;		/* MS_RDONLY, ... */
	dev_t dev;			/* st_dev of everything in it */
	void *priv;			/* the file system's */
	/* vfscore's: */
	char path[256];
	struct uk_vnode **hash;
	unsigned int hash_size;
	int unmounting;			/* no vnode is kept once unused */
	unsigned long nvnodes;		/* vnodes alive (umount: EBUSY) */
	struct uk_vfs_mount *next;
};

int uk_vfs_fstype_register(struct uk_vfs_fstype *t);
/* The registered type called name, or NULL: a type that builds on
 * another (initrd fills a ramfs) finds it here at mount time. */
const struct uk_vfs_fstype *uk_vfs_fstype_find(const char *name);

/* The vnode of (m, ino) with a reference: 0 if it was live, 1 if it is
 * new (fields zeroed but mount, ino, refs and lock; the caller sets ops,
 * mode and priv before anyone else can see it), or -ENOMEM. */
int uk_vfs_vnode_get(struct uk_vfs_mount *m, uint64_t ino,
		     struct uk_vnode **out);
void uk_vfs_vnode_ref(struct uk_vnode *vn);
void uk_vfs_vnode_put(struct uk_vnode *vn);
/* The object of vn has no name left (see UK_VNODE_GONE); any context
 * but an interrupt handler, the fs's own locks may be held. */
void uk_vfs_vnode_gone(struct uk_vnode *vn);
/* Destroy m's unused cached vnodes (ops->inactive on each): what umount
 * does before type->unmount, for a fs undoing a mount of its own. */
void uk_vfs_vnode_evict(struct uk_vfs_mount *m);

/* The wall clock for timestamps (0 when the platform has none). */
void uk_vfs_now(struct timespec *ts);

/*
 * Mount type on path (which must be an existing directory; "/" the first
 * time). "" source and opts for none. 0 or -errno, with one line saying
 * what failed ("vfscore: mount ext2 vda on /var: -EINVAL: bad
 * superblock" style lines come from the fs).
 */
int uk_vfs_mount(const char *type, const char *source, const char *path,
		 unsigned long flags, const char *opts);
int uk_vfs_umount(const char *path);

/*
 * For kernel users (the initrd unpacker, tests): the calls by path,
 * relative to the root, as the system calls do (same errors).
 */
int uk_vfs_open(const char *path, int flags, mode_t mode);	/* an fd */
int uk_vfs_mkdir(const char *path, mode_t mode);
int uk_vfs_symlink(const char *target, const char *path);
int uk_vfs_mknod(const char *path, mode_t mode, dev_t dev);
int uk_vfs_link(const char *oldpath, const char *newpath);
int uk_vfs_unlink(const char *path);
int uk_vfs_stat(const char *path, struct stat *st);	/* lstat's */
int uk_vfs_chmod(const char *path, mode_t mode);
int uk_vfs_chown(const char *path, uid_t uid, gid_t gid); /* lchown's */
/* mtime (and atime) of path itself, symlinks not followed */
int uk_vfs_utime(const char *path, const struct timespec *mtime);
/* On an fd from uk_vfs_open: write all of buf (a count or -errno), close */
ssize_t uk_vfs_write(int fd, const void *buf, size_t len);
ssize_t uk_vfs_read(int fd, void *buf, size_t len);
int uk_vfs_close(int fd);

#endif /* UK_VFS_H */
