/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file system type "initrd": a ramfs filled from the cpio archive the
 * platform hands over (ukplat_initrd()), mounted like any other type:
 *
 *	vfs.fstab="initrd:/"           the archive is the root
 *	vfs.fstab="initrd:/boot"       or a directory of the root
 *
 * mount() first walks the whole archive with the parser and refuses a
 * bad one before it creates anything (one line: the byte offset, the
 * entry, what is wrong). Then it mounts a ramfs (the type "ramfs", whose
 * ops keep serving the tree) and fills it through the vnode ops while
 * nobody else can see it yet; when that fails (no memory, a name listed
 * twice, a parent directory missing), the half-filled ramfs is unmounted
 * and freed: the mount is the whole archive or nothing.
 *
 * The source is "" for the platform's archive (ukplat_initrd()), or the
 * path of an archive file on a file system mounted before
 * ("initrd:/boot/more.cpio:/opt"), read whole into memory first.
 *
 * Contract with vfscore: mount() is called with m not yet in the mount
 * table, so no other thread reaches these vnodes and the vnode locks are
 * not taken here.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/initrd.h>
#include <uk/plat/bootinfo.h>
#include <uk/plat/console.h>
#include <uk/print.h>
#include <uk/vfs.h>

/* A file with more than one link, until its other links are made. */
struct link {
	uint32_t dev_major, dev_minor, ino;
	struct uk_vnode *vn;		/* referenced */
};

struct fill {
	struct uk_vnode *root;
	struct link *links;
	size_t nlinks, links_cap;
	char target[UK_INITRD_NAME_MAX];	/* a symlink's, NUL-terminated */
};

static const struct uk_vfs_fstype *ramfs;	/* found at the first mount */

/* The last error line, and whether it also goes to the console: the
 * tests (tests/test_initrd.c) check the line and keep the console quiet. */
char initrd_last_error[256];
int initrd_quiet;

/* Linux's text for the errors a mount can meet (musl's strerror needs
 * the thread's locale, which early boot does not have yet) */
static const char *errtext(int r)
{
	switch (-r) {
	case EPERM:		return "Operation not permitted";
	case ENOENT:		return "No such file or directory";
	case EIO:		return "I/O error";
	case ENXIO:		return "No such device or address";
	case ENOMEM:		return "Out of memory";
	case EEXIST:		return "File exists";
	case ENODEV:		return "No such device";
	case ENOTDIR:		return "Not a directory";
	case EISDIR:		return "Is a directory";
	case EINVAL:		return "Invalid argument";
	case ENOSPC:		return "No space left on device";
	case EROFS:		return "Read-only file system";
	case ENAMETOOLONG:	return "Filename too long";
	case ELOOP:		return "Symbolic link loop";
	default:		return "error";
	}
}

static void say(const char *fmt, ...) __uk_printf(1, 2);
static void say(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(initrd_last_error, sizeof(initrd_last_error), fmt, ap);
	va_end(ap);
	if (initrd_quiet)
		return;
#if CONFIG_LIBUKDEBUG
	uk_pr_err("%s", initrd_last_error);
#else
	/* without ukdebug, uk_pr_err writes its format alone */
	ukplat_console_write("initrd: ", 8);
	ukplat_console_write(initrd_last_error, strlen(initrd_last_error));
#endif
}

/*
 * The directory holding the last component of e->name, referenced, in
 * *dir; the component in *last and *len. Components are looked up, never
 * followed as symlinks: a symlink on the way is -ENOTDIR.
 */
static int walk_parent(struct fill *f, const struct uk_initrd_entry *e,
		       struct uk_vnode **dir, const char **last, size_t *len)
{
	const char *p = e->name, *end = e->name + e->name_len, *q;
	struct uk_vnode *vn = f->root, *next;
	int r;

	uk_vfs_vnode_ref(vn);
	while ((q = memchr(p, '/', end - p))) {
		r = vn->ops->lookup(vn, p, q - p, &next);
		uk_vfs_vnode_put(vn);
		if (r)
			return r;
		if (!S_ISDIR(next->mode)) {
			uk_vfs_vnode_put(next);
			return -ENOTDIR;
		}
		vn = next;
		p = q + 1;
	}
	*dir = vn;
	*last = p;
	*len = end - p;
	return 0;
}

static struct link *link_find(struct fill *f, const struct uk_initrd_entry *e)
{
	size_t i;

	for (i = 0; i < f->nlinks; i++)
		if (f->links[i].ino == e->ino &&
		    f->links[i].dev_major == e->dev_major &&
		    f->links[i].dev_minor == e->dev_minor)
			return &f->links[i];
	return NULL;
}

static int link_add(struct fill *f, const struct uk_initrd_entry *e,
		    struct uk_vnode *vn)
{
	struct link *l;

	if (f->nlinks == f->links_cap) {
		l = uk_realloc(uk_alloc_get_default(), f->links,
			       (f->links_cap * 2 + 8) * sizeof(*l));
		if (!l)
			return -ENOMEM;
		f->links = l;
		f->links_cap = f->links_cap * 2 + 8;
	}
	l = &f->links[f->nlinks++];
	l->dev_major = e->dev_major;
	l->dev_minor = e->dev_minor;
	l->ino = e->ino;
	l->vn = vn;
	uk_vfs_vnode_ref(vn);
	return 0;
}

static int write_all(struct uk_vnode *vn, const struct uk_initrd_entry *e)
{
	struct iovec iov;
	size_t done = 0;
	ssize_t n;

	while (done < e->size) {
		iov.iov_base = (char *)e->data + done;
		iov.iov_len = e->size - done;
		n = vn->ops->write(vn, &iov, 1, done);
		if (n <= 0)
			return n ? (int)n : -EIO;
		done += n;
	}
	return 0;
}

/* A regular file: new, or one more link to a file seen before. */
static int make_file(struct fill *f, const struct uk_initrd_entry *e,
		     struct uk_vnode *dir, const char *name, size_t len,
		     struct uk_vnode **vn)
{
	struct link *l = e->nlink > 1 ? link_find(f, e) : NULL;
	int r;

	if (l) {
		if (!dir->ops->link)
			return -EPERM;
		if ((r = dir->ops->link(dir, name, len, l->vn)))
			return r;
		*vn = l->vn;
		uk_vfs_vnode_ref(*vn);
	} else {
		r = dir->ops->create(dir, name, len, S_IFREG | (e->mode & 07777),
				     vn);
		if (r)
			return r;
		if (e->nlink > 1 && (r = link_add(f, e, *vn)))
			return r;
	}
	/* newc carries a linked file's data with one of its links */
	return e->size ? write_all(*vn, e) : 0;
}

static int set_attr(struct uk_vnode *vn, const struct uk_initrd_entry *e,
		    unsigned int mask)
{
	struct uk_vattr va = {
		.mode = e->mode & 07777,
		.uid = e->uid,
		.gid = e->gid,
		.atime = { .tv_sec = e->mtime },
		.mtime = { .tv_sec = e->mtime },
	};

	if (S_ISLNK(vn->mode))
		mask &= ~UK_VATTR_MODE;
	return vn->ops->setattr ? vn->ops->setattr(vn, &va, mask) : 0;
}

#define ALL_ATTRS (UK_VATTR_MODE | UK_VATTR_UID | UK_VATTR_GID | \
		   UK_VATTR_ATIME | UK_VATTR_MTIME)

/* Create e in the tree; *what says which step failed. */
static int make_entry(struct fill *f, const struct uk_initrd_entry *e,
		      const char **what)
{
	struct uk_vnode *dir = NULL, *vn = NULL;
	const char *name;
	size_t len;
	int r = 0;

	*what = "parent directory";
	if (!strcmp(e->name, ".")) {
		vn = f->root;
		uk_vfs_vnode_ref(vn);
	} else if (!(r = walk_parent(f, e, &dir, &name, &len))) {
		*what = "create";
		switch (e->mode & S_IFMT) {
		case S_IFDIR:
			/* listed again (concatenated archives): fine */
			r = dir->ops->mkdir(dir, name, len, e->mode & 07777);
			if (r == -EEXIST &&
			    !dir->ops->lookup(dir, name, len, &vn)) {
				r = S_ISDIR(vn->mode) ? 0 : -EEXIST;
			}
			break;
		case S_IFREG:
			r = make_file(f, e, dir, name, len, &vn);
			break;
		case S_IFLNK:
			memcpy(f->target, e->data, e->size);
			f->target[e->size] = '\0';
			r = dir->ops->symlink(dir, name, len, f->target);
			break;
		default:
			r = dir->ops->mknod(dir, name, len, e->mode,
					    makedev(e->rdev_major,
						    e->rdev_minor));
			break;
		}
		if (!r && !vn)
			r = dir->ops->lookup(dir, name, len, &vn);
	}
	if (!r) {
		*what = "set attributes";
		r = set_attr(vn, e, ALL_ATTRS);
	}
	if (vn)
		uk_vfs_vnode_put(vn);
	if (dir)
		uk_vfs_vnode_put(dir);
	return r;
}

/* Directories' times last: making their entries changed them. */
static int dir_times(struct fill *f, const void *base, size_t len)
{
	struct uk_initrd_cpio it;
	struct uk_initrd_entry e;
	struct uk_vnode *dir, *vn;
	const char *name;
	size_t n;
	int r;

	uk_initrd_cpio_start(&it, base, len);
	while (uk_initrd_cpio_next(&it, &e) > 0) {
		if (!S_ISDIR(e.mode))
			continue;
		if (!strcmp(e.name, ".")) {
			r = set_attr(f->root, &e, UK_VATTR_ATIME | UK_VATTR_MTIME);
		} else if (!(r = walk_parent(f, &e, &dir, &name, &n))) {
			if (!(r = dir->ops->lookup(dir, name, n, &vn))) {
				r = set_attr(vn, &e, UK_VATTR_ATIME |
					     UK_VATTR_MTIME);
				uk_vfs_vnode_put(vn);
			}
			uk_vfs_vnode_put(dir);
		}
		if (r)
			return r;
	}
	return 0;
}

/* 0 when the whole archive is well-formed, else -EINVAL and one line. */
static int check_archive(const void *base, size_t len, size_t *count)
{
	struct uk_initrd_cpio it;
	struct uk_initrd_entry e;
	int r;

	*count = 0;
	uk_initrd_cpio_start(&it, base, len);
	while ((r = uk_initrd_cpio_next(&it, &e)) > 0)
		++*count;
	if (r < 0)
		say("bad archive (%zu bytes) at byte %zu, entry \"%.*s\": "
			  "%s; nothing was created\n", len, it.err_off,
			  (int)it.err_entry_len, it.err_entry, it.err_what);
	return r;
}

/* Fill the empty tree at root from the (checked) archive. */
static int fill_tree(struct uk_vnode *root, const void *base, size_t len)
{
	struct uk_initrd_cpio it;
	struct uk_initrd_entry e;
	const char *what = "";
	struct fill *f;
	size_t i;
	int r;

	f = uk_alloc_calloc(uk_alloc_get_default(), 1, sizeof(*f));
	if (!f)
		return -ENOMEM;
	f->root = root;
	uk_initrd_cpio_start(&it, base, len);
	while ((r = uk_initrd_cpio_next(&it, &e)) > 0)
		if ((r = make_entry(f, &e, &what)))
			break;
	if (r < 0)
		say("entry \"%.*s\" at byte %zu: %s: %s; the mount is "
			  "undone\n", (int)e.name_len, e.name, e.offset, what,
			  errtext(r));
	else if ((r = dir_times(f, base, len)))
		say("setting directory times: %s; the mount is "
			  "undone\n", errtext(r));
	for (i = 0; i < f->nlinks; i++)
		uk_vfs_vnode_put(f->links[i].vn);
	uk_free(uk_alloc_get_default(), f->links);
	uk_free(uk_alloc_get_default(), f);
	return r;
}

/* The archive file at path (on a file system mounted before) into a
 * buffer of the default allocator. */
static int read_archive(const char *path, void **buf, size_t *len)
{
	struct stat st;
	ssize_t n = 0;
	int fd, r;

	if ((r = uk_vfs_stat(path, &st)))
		goto out;
	r = -EINVAL;
	if (!S_ISREG(st.st_mode))
		goto out;
	r = -ENOMEM;
	if (!(*buf = uk_malloc(uk_alloc_get_default(), st.st_size + 1)))
		goto out;
	if ((fd = r = uk_vfs_open(path, O_RDONLY, 0)) >= 0) {
		n = uk_vfs_read(fd, *buf, st.st_size + 1);
		uk_vfs_close(fd);
		r = n < 0 ? (int)n : n != st.st_size ? -EIO : 0;
	}
	*len = st.st_size;
	if (r)
		uk_free(uk_alloc_get_default(), *buf);
out:
	if (r)
		say("cannot read the archive %s: %s\n", path,
			  r == -EINVAL ? "not a regular file" : errtext(r));
	return r;
}

static int initrd_mount(struct uk_vfs_mount *m, const char *source,
			unsigned long flags, const char *opts)
{
	const void *base;
	void *buf = NULL;
	size_t len, count;
	int r;

	if (*opts) {
		say("unknown mount option '%s' (initrd has none)\n",
			  opts);
		return -EINVAL;
	}
	if (!ramfs)
		ramfs = uk_vfs_fstype_find("ramfs");
	if (!ramfs) {
		say("no ramfs to hold the archive (select lib/ramfs)\n");
		return -ENODEV;
	}
	if (*source) {
		if ((r = read_archive(source, &buf, &len)))
			return r;
		base = buf;
	} else if ((r = ukplat_initrd(&base, &len))) {
		say("no initrd was handed over (QEMU: -initrd FILE; "
			  "linuxu: UKPLAT_INITRD=FILE): %s\n", errtext(r));
		return r;
	}
	if ((r = check_archive(base, len, &count)))
		goto out;
	if ((r = ramfs->mount(m, "", flags & ~MS_RDONLY, "")))
		goto out;
	if ((r = fill_tree(m->root, base, len))) {
		uk_vfs_vnode_put(m->root);
		m->root = NULL;
		uk_vfs_vnode_evict(m);	/* before their nodes are freed */
		if (ramfs->unmount)
			ramfs->unmount(m);
		goto out;
	}
	uk_pr_info("%zu entries from a %zu-byte archive\n", count, len);
out:
	if (buf)
		uk_free(uk_alloc_get_default(), buf);
	return r;
}

static int initrd_unmount(struct uk_vfs_mount *m)
{
	return ramfs->unmount ? ramfs->unmount(m) : 0;
}

static int initrd_statfs(struct uk_vfs_mount *m, struct statfs *st)
{
	return ramfs->statfs ? ramfs->statfs(m, st) : -ENOSYS;
}

static int initrd_sync(struct uk_vfs_mount *m)
{
	return ramfs->sync ? ramfs->sync(m) : 0;
}

static struct uk_vfs_fstype initrd_type = {
	.name = "initrd",
	.mount = initrd_mount,
	.unmount = initrd_unmount,
	.statfs = initrd_statfs,
	.sync = initrd_sync,
};

static int initrd_init(void)
{
	return uk_vfs_fstype_register(&initrd_type);
}

uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, initrd_init, NULL);
