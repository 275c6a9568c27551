/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The descriptor table and the calls that only change it: close, dup,
 * dup2, dup3, fcntl; and each file's list of poll waiters. (io.c has
 * the I/O calls; console.c fills 0-2.) Every slot and waiter-list access
 * is made with interrupts off; a file's ops other than poll are only
 * called with a reference held and interrupts on.
 */
#include <errno.h>
#include <fcntl.h>
#include <sys/epoll.h>
#include <uk/fdtab.h>
#include <uk/syscall.h>
#include <uk/plat/irq.h>
#include "fdtab_internal.h"

#define FDMAX CONFIG_LIBPOSIX_FDTAB_MAX

static struct {
	struct uk_file *file;	/* NULL: free */
	unsigned int fdflags;	/* O_CLOEXEC */
} fds[FDMAX];

void uk_file_init(struct uk_file *f, const struct uk_file_ops *ops,
		  unsigned int flags)
{
	f->ops = ops;
	f->refs = 1;
	f->flags = flags;
	f->pos = 0;
	f->waiters = NULL;
}

static void get_irqoff(struct uk_file *f)
{
	f->refs++;
}

void uk_file_get(struct uk_file *f)
{
	unsigned long fl = ukplat_irq_save();

	get_irqoff(f);
	ukplat_irq_restore(fl);
}

/* Take w off f's list; interrupts off. */
static void waiter_unlink(struct uk_file *f, struct uk_file_waiter *w)
{
	if (w->prev)
		w->prev->next = w->next;
	else
		f->waiters = w->next;
	if (w->next)
		w->next->prev = w->prev;
	w->next = w->prev = NULL;
}

void uk_fdtab_put(struct uk_file *f)
{
	unsigned long fl = ukplat_irq_save();
	struct uk_file_waiter *w;
	long left = --f->refs;

	if (left == 0) {
		/* Nobody can reach f any more but its waiters: tell them. */
		while ((w = f->waiters)) {
			waiter_unlink(f, w);
			w->wake(w, f, UK_FILE_GONE);
		}
	}
	ukplat_irq_restore(fl);
	if (left == 0 && f->ops->release)
		f->ops->release(f);
}

unsigned int uk_file_poll(struct uk_file *f)
{
	unsigned long fl;
	unsigned int ev;

	if (!f->ops->poll)
		return EPOLLIN | EPOLLOUT;
	fl = ukplat_irq_save();
	ev = f->ops->poll(f);
	ukplat_irq_restore(fl);
	return ev;
}

void uk_file_poll_add(struct uk_file *f, struct uk_file_waiter *w)
{
	unsigned long fl = ukplat_irq_save();

	w->prev = NULL;
	w->next = f->waiters;
	if (w->next)
		w->next->prev = w;
	f->waiters = w;
	ukplat_irq_restore(fl);
}

void uk_file_poll_del(struct uk_file *f, struct uk_file_waiter *w)
{
	unsigned long fl = ukplat_irq_save();

	if (w->prev || f->waiters == w)
		waiter_unlink(f, w);
	ukplat_irq_restore(fl);
}

void uk_file_event(struct uk_file *f, unsigned int events)
{
	unsigned long fl = ukplat_irq_save();
	struct uk_file_waiter *w, *next;

	/* next is read first: a wake() may take itself off the list. */
	for (w = f->waiters; w; w = next) {
		next = w->next;
		w->wake(w, f, events);
	}
	ukplat_irq_restore(fl);
}

struct uk_file *uk_fdtab_get(int fd)
{
	unsigned long fl;
	struct uk_file *f = NULL;

	if (fd < 0 || fd >= FDMAX)
		return NULL;
	fl = ukplat_irq_save();
	if (fds[fd].file) {
		f = fds[fd].file;
		get_irqoff(f);
	}
	ukplat_irq_restore(fl);
	return f;
}

int uk_fdtab_install(struct uk_file *f, int min_fd, unsigned int fdflags)
{
	unsigned long fl;
	int fd;

	if (min_fd < 0 || min_fd >= FDMAX)
		return -EINVAL;
	fl = ukplat_irq_save();
	for (fd = min_fd; fd < FDMAX && fds[fd].file; fd++)
		;
	if (fd < FDMAX) {
		fds[fd].file = f;
		fds[fd].fdflags = fdflags & O_CLOEXEC;
	}
	ukplat_irq_restore(fl);
	return fd < FDMAX ? fd : -EMFILE;
}

int uk_fdtab_set_cloexec(int fd, int on)
{
	unsigned long fl;
	int r = -EBADF;

	if (fd < 0 || fd >= FDMAX)
		return -EBADF;
	fl = ukplat_irq_save();
	if (fds[fd].file) {
		fds[fd].fdflags = on ? O_CLOEXEC : 0;
		r = 0;
	}
	ukplat_irq_restore(fl);
	return r;
}

/* Take fd's file out of its slot; the caller drops its reference. */
static struct uk_file *take(int fd)
{
	unsigned long fl;
	struct uk_file *f;

	if (fd < 0 || fd >= FDMAX)
		return NULL;
	fl = ukplat_irq_save();
	f = fds[fd].file;
	fds[fd].file = NULL;
	ukplat_irq_restore(fl);
	return f;
}

UK_SYSCALL_DEFINE1(close, int, fd)
{
	struct uk_file *f = take(fd);

	if (!f)
		return -EBADF;
	uk_fdtab_put(f);
	return 0;
}

/* newfd = a copy of oldfd (closing what newfd held), with fdflags. */
static long dup_to(int oldfd, int newfd, unsigned int fdflags)
{
	struct uk_file *f, *old = NULL;
	unsigned long fl;

	if (newfd < 0 || newfd >= FDMAX)
		return -EBADF;
	f = uk_fdtab_get(oldfd);
	if (!f)
		return -EBADF;
	fl = ukplat_irq_save();
	old = fds[newfd].file;
	fds[newfd].file = f;
	fds[newfd].fdflags = fdflags & O_CLOEXEC;
	ukplat_irq_restore(fl);
	if (old)
		uk_fdtab_put(old);
	return newfd;
}

/* The lowest free descriptor >= min_fd sharing oldfd's file. */
static long dup_from(int oldfd, int min_fd, unsigned int fdflags)
{
	struct uk_file *f = uk_fdtab_get(oldfd);
	int fd;

	if (!f)
		return -EBADF;
	fd = uk_fdtab_install(f, min_fd, fdflags);
	if (fd < 0)
		uk_fdtab_put(f);
	return fd;
}

UK_SYSCALL_DEFINE1(dup, int, oldfd)
{
	return dup_from(oldfd, 0, 0);
}

UK_SYSCALL_DEFINE2(dup2, int, oldfd, int, newfd)
{
	struct uk_file *f;

	if (oldfd == newfd) {	/* Linux: newfd if oldfd is open */
		f = uk_fdtab_get(oldfd);
		if (!f)
			return -EBADF;
		uk_fdtab_put(f);
		return newfd;
	}
	return dup_to(oldfd, newfd, 0);
}

UK_SYSCALL_DEFINE3(dup3, int, oldfd, int, newfd, int, flags)
{
	if (oldfd == newfd || (flags & ~O_CLOEXEC))
		return -EINVAL;
	return dup_to(oldfd, newfd, flags);
}

/* Status flags F_SETFL may change (the access mode stays). */
#define SETFL_MASK (O_APPEND | O_NONBLOCK)

UK_SYSCALL_DEFINE3(fcntl, int, fd, int, cmd, unsigned long, arg)
{
	struct uk_file *f;
	unsigned long fl;
	long r = 0;

	switch (cmd) {
	case F_DUPFD:
		return dup_from(fd, (int)arg, 0);
	case F_DUPFD_CLOEXEC:
		return dup_from(fd, (int)arg, O_CLOEXEC);
	}
	f = uk_fdtab_get(fd);
	if (!f)
		return -EBADF;
	if (cmd != F_GETFD && cmd != F_SETFD && cmd != F_GETFL &&
	    cmd != F_SETFL) {	/* the file's own, with interrupts on */
		r = f->ops->fcntl ? f->ops->fcntl(f, cmd, arg) : -EINVAL;
		uk_fdtab_put(f);
		return r;
	}
	fl = ukplat_irq_save();
	switch (cmd) {
	case F_GETFD:
		r = (fds[fd].fdflags & O_CLOEXEC) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		fds[fd].fdflags = (arg & FD_CLOEXEC) ? O_CLOEXEC : 0;
		break;
	case F_GETFL:
		r = f->flags;
		break;
	case F_SETFL:
		f->flags = (f->flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		break;
	default:
		r = -EINVAL;
	}
	ukplat_irq_restore(fl);
	uk_fdtab_put(f);
	return r;
}
