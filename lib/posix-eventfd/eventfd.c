/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eventfd and eventfd2: a 64-bit counter as a file. write adds to it
 * (blocking while the sum would pass 0xfffffffffffffffe), read takes it
 * all and resets it to 0, or with EFD_SEMAPHORE takes 1; a read of a
 * zero counter blocks. Both move exactly 8 bytes (fewer: EINVAL). poll:
 * EPOLLIN while the counter is non-zero, EPOLLOUT while 1 more fits.
 *
 * Locking: one CPU; the counter is read and changed with interrupts off.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/fdtab.h>
#include <uk/plat/irq.h>
#include <uk/syscall.h>

#define MAXCOUNT 0xfffffffffffffffeULL

struct efd {
	struct uk_file f;
	uint64_t count;
	int semaphore;
};

static unsigned int efd_poll(struct uk_file *f)
{
	struct efd *e = uk_container_of(f, struct efd, f);

	/* Linux's eventfd_poll: no RDNORM/WRNORM bits. */
	return (e->count ? EPOLLIN : 0) | (e->count < MAXCOUNT ? EPOLLOUT : 0);
}

/* The 8 bytes at the start of the iovec (which holds at least 8). */
static void iov_copy(const struct iovec *iov, int iovcnt, void *v, int out)
{
	size_t done = 0, k;
	int i;

	for (i = 0; i < iovcnt && done < 8; i++) {
		k = UK_MIN(iov[i].iov_len, 8 - done);
		if (out)
			memcpy(iov[i].iov_base, (char *)v + done, k);
		else
			memcpy((char *)v + done, iov[i].iov_base, k);
		done += k;
	}
}

static size_t iov_total(const struct iovec *iov, int n)
{
	size_t t = 0;

	while (n--)
		t += iov[n].iov_len;
	return t;
}

/*
 * Wait (unless O_NONBLOCK) until the write of *v fits (wr) or the
 * counter is non-zero, then add *v / take the counter (or 1) into *v;
 * the check and the change with interrupts off. 0, or -EAGAIN.
 */
static int efd_wait(struct efd *e, uint64_t *v, int wr)
{
	struct uk_file_sleeper s;
	unsigned long fl;
	int r = 0;

	uk_file_sleep_begin(&s, &e->f, wr ? EPOLLOUT : EPOLLIN);
	fl = ukplat_irq_save();
	for (;;) {
		if (wr ? *v <= MAXCOUNT - e->count : e->count != 0) {
			if (wr) {
				e->count += *v;
				if (*v)
					uk_file_event(&e->f, EPOLLIN);
			} else {
				*v = e->semaphore ? 1 : e->count;
				e->count -= *v;
				uk_file_event(&e->f, EPOLLOUT);
			}
			break;
		}
		r = uk_file_sleep_irqoff(&s, &fl, 0);
		if (r < 0)
			break;
	}
	ukplat_irq_restore(fl);
	uk_file_sleep_end(&s);
	return r;
}

static ssize_t efd_read(struct uk_file *f, const struct iovec *iov,
			int iovcnt, off_t *pos __uk_unused)
{
	uint64_t v;
	int r;

	if (iov_total(iov, iovcnt) < 8)
		return -EINVAL;
	r = efd_wait(uk_container_of(f, struct efd, f), &v, 0);
	if (r < 0)
		return r;
	iov_copy(iov, iovcnt, &v, 1);
	return 8;
}

static ssize_t efd_write(struct uk_file *f, const struct iovec *iov,
			 int iovcnt, off_t *pos __uk_unused)
{
	uint64_t v;
	int r;

	if (iov_total(iov, iovcnt) < 8)
		return -EINVAL;
	iov_copy(iov, iovcnt, &v, 0);
	if (v == UINT64_MAX)
		return -EINVAL;
	r = efd_wait(uk_container_of(f, struct efd, f), &v, 1);
	return r < 0 ? r : 8;
}

static int efd_stat(struct uk_file *f __uk_unused, struct stat *st)
{
	st->st_mode = 0600;	/* Linux's anonymous inode: no file type */
	st->st_blksize = 4096;
	return 0;
}

static void efd_release(struct uk_file *f)
{
	uk_free(uk_alloc_get_default(), uk_container_of(f, struct efd, f));
}

static const struct uk_file_ops efd_ops = {
	.read = efd_read, .write = efd_write, .stat = efd_stat,
	.poll = efd_poll, .release = efd_release,
};

UK_SYSCALL_DEFINE2(eventfd2, unsigned int, count, int, flags)
{
	struct efd *e;
	int fd;

	if (flags & ~(EFD_CLOEXEC | EFD_NONBLOCK | EFD_SEMAPHORE))
		return -EINVAL;
	e = uk_malloc(uk_alloc_get_default(), sizeof(*e));
	if (!e)
		return -ENOMEM;
	uk_file_init(&e->f, &efd_ops, O_RDWR | (flags & EFD_NONBLOCK));
	e->count = count;
	e->semaphore = !!(flags & EFD_SEMAPHORE);
	fd = uk_fdtab_install(&e->f, 0, (flags & EFD_CLOEXEC) ? O_CLOEXEC : 0);
	if (fd < 0)
		efd_release(&e->f);
	return fd;
}

UK_SYSCALL_DEFINE1(eventfd, unsigned int, count)
{
	return uk_syscall_e_eventfd2(count, 0, 0, 0, 0, 0);
}
