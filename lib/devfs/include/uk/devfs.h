/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs: the file system type "devfs", one flat directory of character
 * devices, mounted at /dev by default. It holds the devices Linux
 * programs expect (null, zero, full, random, urandom, console, tty), and
 * a library with a device of its own adds it here:
 *
 *	static struct uk_devfs_dev hwrng = {
 *		.name = "hwrng", .mode = 0600, .major = 10, .minor = 183,
 *		.open = hwrng_open,
 *	};
 *	uk_devfs_register(&hwrng);	// at UK_INIT_LIB, before mounts
 *
 * open() makes the open file (struct uk_file of posix-fdtab, with the
 * device's own ops) with one reference, as vfscore's open op says;
 * flags are open(2)'s (O_ACCMODE, O_NONBLOCK, O_APPEND). Permissions
 * are reported, not enforced (the kit runs one user).
 */
#ifndef UK_DEVFS_H
#define UK_DEVFS_H

#include <sys/types.h>

struct uk_file;

struct uk_devfs_dev {
	const char *name;		/* in /dev: no '/', unique */
	mode_t mode;			/* permission bits (S_IFCHR is implied) */
	unsigned int major, minor;	/* st_rdev, Linux's numbers */
	int (*open)(struct uk_devfs_dev *dev, unsigned int flags,
		    struct uk_file **out);
	void *priv;			/* the device's */
	struct uk_devfs_dev *next;	/* devfs's */
};

/* Add dev to every devfs mounted after this: 0, -EEXIST or -EINVAL. */
int uk_devfs_register(struct uk_devfs_dev *dev);

#endif /* UK_DEVFS_H */
