/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-fdtab: the file descriptor table every kind of open file shares
 * (console, files, pipes, sockets, eventfd). A library that opens
 * something fills a struct uk_file with its ops and installs it:
 *
 *	static const struct uk_file_ops pipe_ops = { .read = ..., ... };
 *
 *	uk_file_init(&p->file, &pipe_ops, O_RDWR);
 *	fd = uk_fdtab_install(&p->file, 0, cloexec ? O_CLOEXEC : 0);
 *
 * The table implements close, dup, dup2, dup3, fcntl and read, write,
 * readv, writev, ioctl on top of the ops; descriptors 0, 1 and 2 are
 * the console from boot.
 *
 * Contracts: a struct uk_file is reference-counted: each descriptor
 * holds one reference, uk_fdtab_get() takes one for the caller, which
 * gives it back with uk_fdtab_put(); the last put calls ops->release
 * (which frees the file, or nothing for static ones). Table updates are
 * made with interrupts off (single CPU), so any thread may call these;
 * ops are called with interrupts on and may block.
 */
#ifndef UK_FDTAB_H
#define UK_FDTAB_H

#include <stddef.h>

struct uk_file;

struct uk_file_ops {
	/* Bytes read (0: end of file) or -errno; NULL: -EINVAL. */
	long (*read)(struct uk_file *f, void *buf, size_t len);
	/* Bytes written or -errno; NULL: -EINVAL. */
	long (*write)(struct uk_file *f, const void *buf, size_t len);
	/* ioctl request on arg: >= 0 or -errno; NULL: -ENOTTY. */
	long (*ioctl)(struct uk_file *f, unsigned long req, void *arg);
	/* The last reference is gone; may be NULL. */
	void (*release)(struct uk_file *f);
};

struct uk_file {
	const struct uk_file_ops *ops;
	long refs;		/* under interrupts off */
	unsigned int flags;	/* O_ACCMODE bits, O_APPEND, O_NONBLOCK */
};

/* Set up f with one reference (the caller's), ops and open flags. */
void uk_file_init(struct uk_file *f, const struct uk_file_ops *ops,
		  unsigned int flags);

/*
 * Give f the lowest free descriptor >= min_fd, with descriptor flags
 * fdflags (O_CLOEXEC or 0). The descriptor takes over the caller's
 * reference. Returns the descriptor, -EMFILE when the table is full or
 * -EINVAL for a bad min_fd (the reference stays the caller's then).
 */
int uk_fdtab_install(struct uk_file *f, int min_fd, unsigned int fdflags);

/* The file behind fd with one more reference, or NULL (not open). */
struct uk_file *uk_fdtab_get(int fd);

/* Give back a reference. */
void uk_fdtab_put(struct uk_file *f);

#endif /* UK_FDTAB_H */
