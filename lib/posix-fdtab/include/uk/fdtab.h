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
 * The table implements close, dup, dup2, dup3, fcntl, and read, write,
 * readv, writev, pread64, pwrite64, preadv, pwritev, lseek, fstat and
 * ioctl on top of the ops; descriptors 0, 1 and 2 are the console from
 * boot. A library with calls of its own on its files (vfscore's
 * ftruncate, posix-socket's send) recognises them by their ops pointer
 * (f->ops == &my_ops) and reaches its object with uk_container_of.
 *
 * Contracts: a struct uk_file is reference-counted: each descriptor
 * holds one reference, uk_fdtab_get() takes one for the caller, which
 * gives it back with uk_fdtab_put(); the last put first tells every
 * poll waiter still on the file (UK_FILE_GONE, below), then calls
 * ops->release (which frees the file, or nothing for static ones).
 * Table updates are made with interrupts off (single CPU), so any thread
 * may call these; ops are called with interrupts on and may block,
 * except ops->poll, which is called with interrupts off and must not.
 */
#ifndef UK_FDTAB_H
#define UK_FDTAB_H

#include <stddef.h>
#include <sys/types.h>
#include <sys/uio.h>

struct uk_file;
struct stat;

struct uk_file_ops {
	/*
	 * Read into / write from the iovcnt buffers of iov (1 <= iovcnt <=
	 * IOV_MAX, lengths already checked not to overflow ssize_t), as one
	 * operation: a datagram socket sends one datagram, a pipe's writer
	 * is not interleaved. pos is where to start and gets advanced by
	 * what was done: &f->pos for read/readv/write/writev, the caller's
	 * offset for pread/pwrite. A file without lseek (pipe, socket,
	 * console) gets pos == NULL and pread/pwrite fail with -ESPIPE
	 * before reaching it. O_APPEND is the op's to apply. Bytes done
	 * (0: end of file) or -errno; a file that would block and has
	 * O_NONBLOCK in f->flags returns -EAGAIN. NULL: -EINVAL.
	 */
	ssize_t (*read)(struct uk_file *f, const struct iovec *iov,
			int iovcnt, off_t *pos);
	ssize_t (*write)(struct uk_file *f, const struct iovec *iov,
			 int iovcnt, off_t *pos);
	/* The new position for lseek(off, whence), already checked:
	 * SEEK_SET/CUR/END/DATA/HOLE; the op stores it in f->pos. NULL: the
	 * file is not seekable (-ESPIPE). */
	off_t (*lseek)(struct uk_file *f, off_t off, int whence);
	/* Fill st (zeroed by the caller). NULL: st_mode 0, the rest 0. */
	int (*stat)(struct uk_file *f, struct stat *st);
	/*
	 * Readiness now, as EPOLLIN/EPOLLOUT/EPOLLPRI/EPOLLERR/EPOLLHUP/
	 * EPOLLRDHUP bits (<sys/epoll.h>, the same values as POLLIN...).
	 * Called with interrupts off: must not block or allocate. NULL: a
	 * regular file, always EPOLLIN | EPOLLOUT. A file whose readiness
	 * can change calls uk_file_event() when it may have.
	 */
	unsigned int (*poll)(struct uk_file *f);
	/* ioctl request on arg: >= 0 or -errno; NULL: -ENOTTY. FIONBIO,
	 * FIONCLEX and FIOCLEX are handled by the table, not passed on. */
	long (*ioctl)(struct uk_file *f, unsigned long req, void *arg);
	/* The last reference is gone; may be NULL. */
	void (*release)(struct uk_file *f);
	/* fcntl cmd the table does not answer itself (F_GETPIPE_SZ, ...):
	 * >= 0 or -errno; NULL: -EINVAL. */
	long (*fcntl)(struct uk_file *f, int cmd, unsigned long arg);
};

/*
 * A poll waiter: poll/select/epoll (lib/posix-poll) hang one on each file
 * they watch. wake() is called with interrupts off, from any context
 * (an interrupt handler included), with the events that may have
 * changed, or UK_FILE_GONE when the file's last reference is going: the
 * waiter has been taken off the file then and must not touch it again.
 * wake() must not block; it may call uk_file_poll_del() on itself.
 */
#define UK_FILE_GONE 0x80000000u

struct uk_file_waiter {
	struct uk_file_waiter *next, *prev;	/* the file's, irqs off */
	void (*wake)(struct uk_file_waiter *w, struct uk_file *f,
		     unsigned int events);
};

struct uk_file {
	const struct uk_file_ops *ops;
	long refs;		/* under interrupts off */
	unsigned int flags;	/* O_ACCMODE bits, O_APPEND, O_NONBLOCK, ... */
	off_t pos;		/* the file position; its ops own it */
	struct uk_file_waiter *waiters;	/* under interrupts off */
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

/*
 * The console file (descriptors 0, 1 and 2 at boot) with one more
 * reference: what opening /dev/console or /dev/tty gives (lib/devfs).
 */
struct uk_file *uk_fdtab_console(void);

/* Take one more reference on a file the caller already holds. */
void uk_file_get(struct uk_file *f);

/* Give back a reference. */
void uk_fdtab_put(struct uk_file *f);

/*
 * Readiness of f (ops->poll, or EPOLLIN | EPOLLOUT without one); any
 * context, interrupts on or off.
 */
unsigned int uk_file_poll(struct uk_file *f);

/* Hang w on f / take it off (a no-op when it is not on). Any context. */
void uk_file_poll_add(struct uk_file *f, struct uk_file_waiter *w);
void uk_file_poll_del(struct uk_file *f, struct uk_file_waiter *w);

/*
 * The provider's side: f's readiness may have changed (events: the bits
 * that may have, e.g. EPOLLIN after data arrived). Calls every waiter's
 * wake(); any context, interrupts on or off, never blocks.
 */
void uk_file_event(struct uk_file *f, unsigned int events);

/*
 * Sleeping until a file's readiness changes (with uksched only: wait.c):
 * what a provider whose ops block (pipe, socket, eventfd) and poll/select
 * build their waits on. The waiter goes on the file before the condition
 * is tried, so an event between the try and the sleep is not lost:
 *
 *	struct uk_file_sleeper s;
 *
 *	uk_file_sleep_begin(&s, f, EPOLLIN | EPOLLHUP);
 *	while ((r = try_read()) == -EAGAIN && !nonblock)
 *		if (uk_file_sleep(&s, deadline) == -ETIMEDOUT)
 *			break;
 *	uk_file_sleep_end(&s);
 *
 * events: the bits whose change wakes the sleeper (UK_FILE_GONE always
 * does; 0: any). The caller holds a reference on f from begin to end.
 * uk_file_sleep() returns 0 after an event (or a spurious wake: loop on
 * the condition), -ETIMEDOUT when deadline (monotonic ns, 0: none)
 * passed first. Threads only, not interrupt handlers.
 */
struct uk_thread;

struct uk_file_sleeper {
	struct uk_file_waiter w;
	struct uk_file *f;
	struct uk_thread *t;
	unsigned int events;
};

void uk_file_sleep_begin(struct uk_file_sleeper *s, struct uk_file *f,
			 unsigned int events);
int uk_file_sleep(struct uk_file_sleeper *s, unsigned long long deadline);
void uk_file_sleep_end(struct uk_file_sleeper *s);

/*
 * The same, for a wait loop that checks its condition with interrupts
 * off (*fl: what ukplat_irq_save() gave it): -EAGAIN at once when the
 * file is O_NONBLOCK, else sleep with interrupts on and return with them
 * off again (*fl updated): 0, or -ETIMEDOUT.
 */
int uk_file_sleep_irqoff(struct uk_file_sleeper *s, unsigned long *fl,
			 unsigned long long deadline);

#endif /* UK_FDTAB_H */
