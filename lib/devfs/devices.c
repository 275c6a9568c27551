/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The built-in devices, with Linux's numbers and behaviour
 * (drivers/char/mem.c, random.c, tty_io.c):
 *
 *	null     1,3  reads end at once, writes are taken whole
 *	zero     1,5  reads give zeros, writes are taken whole
 *	full     1,7  reads give zeros, writes fail with ENOSPC
 *	random   1,8  reads give uk_random_fill()'s bytes; writes are taken
 *	urandom  1,9  the same (ukrandom never blocks once booted)
 *	console  5,1  the console of descriptors 0, 1 and 2: reads, writes,
 *	              ioctl (TCGETS, TIOCGWINSZ) and poll go to that file
 *	tty      5,0  the same (the kit's one controlling terminal)
 *
 * lseek on null, zero and full sets the position to 0 and returns 0, on
 * random and urandom it changes nothing and returns the position, as
 * Linux's null_lseek and noop_llseek do.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <uk/alloc.h>
#include <uk/devfs.h>
#include <uk/essentials.h>
#include <uk/fdtab.h>
#include <uk/random.h>
#include "devfs.h"

enum kind { K_NULL, K_ZERO, K_FULL, K_RANDOM, K_CONSOLE };

struct devfile {
	struct uk_file f;
	struct uk_devfs_dev *dev;
	struct uk_file *con;	/* K_CONSOLE: the console file, referenced */
	dev_t st_dev;
	ino_t st_ino;
};

static ssize_t iov_total(const struct iovec *iov, int iovcnt)
{
	ssize_t n = 0;
	int i;

	for (i = 0; i < iovcnt; i++)
		n += iov[i].iov_len;
	return n;
}

static ssize_t dev_read(struct uk_file *f, const struct iovec *iov,
			int iovcnt, off_t *pos __uk_unused)
{
	const struct devfile *df = uk_container_of(f, struct devfile, f);
	enum kind k = (enum kind)(uintptr_t)df->dev->priv;
	ssize_t total = 0;
	size_t len, chunk;
	char *p;
	int i;

	if (k == K_NULL)
		return 0;
	if (k == K_CONSOLE)
		return df->con->ops->read(df->con, iov, iovcnt, NULL);
	for (i = 0; i < iovcnt; i++) {
		p = iov[i].iov_base;
		len = iov[i].iov_len;
		if (k != K_RANDOM) {
			memset(p, 0, len);
		} else {
			for (; len; len -= chunk, p += chunk) {
				chunk = len > 4096 ? 4096 : len;
				if (uk_random_fill(p, chunk) < 0)
					return total ? total : -EIO;
				total += chunk;
			}
			continue;
		}
		total += iov[i].iov_len;
	}
	return total;
}

static ssize_t dev_write(struct uk_file *f, const struct iovec *iov,
			 int iovcnt, off_t *pos __uk_unused)
{
	const struct devfile *df = uk_container_of(f, struct devfile, f);
	enum kind k = (enum kind)(uintptr_t)df->dev->priv;

	if (k == K_CONSOLE)
		return df->con->ops->write(df->con, iov, iovcnt, NULL);
	if (k == K_FULL)
		return -ENOSPC;
	return iov_total(iov, iovcnt);
}

/* The console's ioctl and readiness are the console file's. */
static long con_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	const struct devfile *df = uk_container_of(f, struct devfile, f);

	return df->con->ops->ioctl ? df->con->ops->ioctl(df->con, req, arg) :
		-ENOTTY;
}

static unsigned int con_poll(struct uk_file *f)
{
	const struct devfile *df = uk_container_of(f, struct devfile, f);

	return uk_file_poll(df->con);
}

static off_t dev_lseek(struct uk_file *f, off_t off __uk_unused,
		       int whence __uk_unused)
{
	const struct devfile *df = uk_container_of(f, struct devfile, f);

	if ((enum kind)(uintptr_t)df->dev->priv == K_RANDOM)
		return f->pos;
	return f->pos = 0;
}

static int dev_stat(struct uk_file *f, struct stat *st)
{
	const struct devfile *df = uk_container_of(f, struct devfile, f);

	st->st_dev = df->st_dev;
	st->st_ino = df->st_ino;
	st->st_mode = S_IFCHR | df->dev->mode;
	st->st_nlink = 1;
	st->st_rdev = makedev(df->dev->major, df->dev->minor);
	st->st_blksize = 4096;
	return 0;
}

static void dev_release(struct uk_file *f)
{
	struct devfile *df = uk_container_of(f, struct devfile, f);

	if (df->con)
		uk_fdtab_put(df->con);
	uk_free(uk_alloc_get_default(), df);
}

static const struct uk_file_ops devfile_ops = {
	.read = dev_read,
	.write = dev_write,
	.lseek = dev_lseek,
	.stat = dev_stat,
	.release = dev_release,
};

/* Not seekable, a terminal: the console's way */
static const struct uk_file_ops console_ops = {
	.read = dev_read,
	.write = dev_write,
	.stat = dev_stat,
	.poll = con_poll,
	.ioctl = con_ioctl,
	.release = dev_release,
};

void devfs_file_ids(struct uk_file *f, dev_t dev, ino_t ino)
{
	struct devfile *df;

	if (f->ops != &devfile_ops && f->ops != &console_ops)
		return;
	df = uk_container_of(f, struct devfile, f);
	df->st_dev = dev;
	df->st_ino = ino;
}

static int dev_open(struct uk_devfs_dev *dev, unsigned int flags,
		    struct uk_file **out)
{
	struct devfile *df;

	df = uk_alloc_calloc(uk_alloc_get_default(), 1, sizeof(*df));
	if (!df)
		return -ENOMEM;
	df->dev = dev;
	if ((enum kind)(uintptr_t)dev->priv == K_CONSOLE) {
		uk_file_init(&df->f, &console_ops, flags);
		df->con = uk_fdtab_console();
	} else {
		uk_file_init(&df->f, &devfile_ops, flags);
	}
	*out = &df->f;
	return 0;
}

#define MEM(n, min, k) { .name = n, .mode = 0666, .major = 1, .minor = min, \
			 .open = dev_open, .priv = (void *)(uintptr_t)k }

static struct uk_devfs_dev builtin[] = {
	MEM("null", 3, K_NULL),
	MEM("zero", 5, K_ZERO),
	MEM("full", 7, K_FULL),
	MEM("random", 8, K_RANDOM),
	MEM("urandom", 9, K_RANDOM),
	{ .name = "console", .mode = 0620, .major = 5, .minor = 1,
	  .open = dev_open, .priv = (void *)(uintptr_t)K_CONSOLE },
	{ .name = "tty", .mode = 0666, .major = 5, .minor = 0,
	  .open = dev_open, .priv = (void *)(uintptr_t)K_CONSOLE },
};

int devfs_builtin_register(void)
{
	unsigned int i;
	int r;

	for (i = 0; i < UK_ARRAY_SIZE(builtin); i++)
		if ((r = uk_devfs_register(&builtin[i])))
			return r;
	return 0;
}
