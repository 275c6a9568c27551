/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pipe and pipe2: a ring buffer with a read end and a write end, each
 * its own uk_file on posix-fdtab. Writes of at most PIPE_BUF bytes are
 * atomic (they wait for room for all of them); larger ones go in pieces
 * and a blocking writer goes on until every byte is in. A write with no
 * reader left fails with EPIPE and raises SIGPIPE (posix-signal); a read
 * with no writer left sees end of file once the buffer is empty. Readers
 * and writers block on uksched through the file's poll waiters.
 *
 * Locking: one CPU; the pipe's fields are read and changed with
 * interrupts off (copies into and out of the ring too).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <uk/alloc.h>
#include <uk/fdtab.h>
#include <uk/plat/irq.h>
#include <uk/syscall.h>
#if CONFIG_LIBPOSIX_SIGNAL
#include <uk/signal.h>
#endif

#define CAP CONFIG_LIBPOSIX_PIPE_SIZE
#define PAGE 4096
#if CAP % PAGE
#error "CONFIG_LIBPOSIX_PIPE_SIZE must be a multiple of 4096"
#endif

struct pipe {
	struct uk_file rd, wr;	/* the two ends: O_RDONLY, O_WRONLY */
	int readers, writers;	/* ends still open (0 or 1 each) */
	size_t head, len;	/* the ring: len bytes from head */
	char buf[CAP];
};

/*
 * Room for a writer, as Linux counts it: its pipe is CAP / 4096 page
 * slots, a write fills the last page and then free slots, and the page
 * the reader is in stays taken until it is read to its end. So the
 * bytes before head in head's page are no room (and the ring never
 * wraps onto them). Interrupts off.
 */
static size_t room(const struct pipe *p)
{
	return CAP - p->len - p->head % PAGE;
}

static const struct uk_file_ops rd_ops, wr_ops;

/* Readiness of either end, as Linux's pipe_poll; interrupts off. */
static unsigned int pipe_poll(struct uk_file *f)
{
	struct pipe *p;
	unsigned int ev = 0;

	if (f->ops == &rd_ops) {
		p = uk_container_of(f, struct pipe, rd);
		if (p->len)
			ev |= EPOLLIN | EPOLLRDNORM;
		if (!p->writers)
			ev |= EPOLLHUP;
	} else {
		p = uk_container_of(f, struct pipe, wr);
		if (room(p) >= PIPE_BUF)
			ev |= EPOLLOUT | EPOLLWRNORM;
		if (!p->readers)
			ev |= EPOLLERR;
	}
	return ev;
}

static size_t iov_total(const struct iovec *iov, int n)
{
	size_t t = 0;

	while (n--)
		t += iov[n].iov_len;
	return t;
}

/* Copy up to n bytes out of the ring into iov; interrupts off. */
static size_t ring_out(struct pipe *p, const struct iovec *iov, int iovcnt,
		       size_t n)
{
	size_t done = 0, k;
	int i;

	n = UK_MIN(n, p->len);
	for (i = 0; i < iovcnt && done < n; i++) {
		char *dst = iov[i].iov_base;
		size_t left = UK_MIN(iov[i].iov_len, n - done);

		while (left) {
			k = UK_MIN(left, CAP - p->head);
			memcpy(dst, p->buf + p->head, k);
			p->head = (p->head + k) % CAP;
			p->len -= k;
			dst += k;
			left -= k;
			done += k;
		}
	}
	if (!p->len)
		p->head = 0;
	return done;
}

/* Copy n bytes of iov, from byte skip on, into the ring (room checked). */
static void ring_in(struct pipe *p, const struct iovec *iov, int iovcnt,
		    size_t skip, size_t n)
{
	size_t at, k;
	int i;

	for (i = 0; i < iovcnt && n; i++) {
		const char *src = iov[i].iov_base;
		size_t left = iov[i].iov_len;

		if (skip >= left) {
			skip -= left;
			continue;
		}
		src += skip;
		left = UK_MIN(left - skip, n);
		skip = 0;
		n -= left;
		while (left) {
			at = (p->head + p->len) % CAP;
			k = UK_MIN(left, CAP - at);
			memcpy(p->buf + at, src, k);
			p->len += k;
			src += k;
			left -= k;
		}
	}
}

static ssize_t pipe_read(struct uk_file *f, const struct iovec *iov,
			 int iovcnt, off_t *pos __uk_unused)
{
	struct pipe *p = uk_container_of(f, struct pipe, rd);
	size_t want = iov_total(iov, iovcnt);
	struct uk_file_sleeper s;
	unsigned long fl;
	ssize_t r;

	if (!want)
		return 0;
	uk_file_sleep_begin(&s, f, EPOLLIN | EPOLLHUP);
	fl = ukplat_irq_save();
	for (;;) {
		if (p->len) {
			r = ring_out(p, iov, iovcnt, want);
			uk_file_event(&p->wr, EPOLLOUT);
			break;
		}
		if (!p->writers) {
			r = 0;
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

static void sigpipe(void)
{
#if CONFIG_LIBPOSIX_SIGNAL
	uk_signal_send_thread(SIGPIPE);
#endif
}

static ssize_t pipe_write(struct uk_file *f, const struct iovec *iov,
			  int iovcnt, off_t *pos __uk_unused)
{
	struct pipe *p = uk_container_of(f, struct pipe, wr);
	size_t total = iov_total(iov, iovcnt), done = 0, free, n;
	struct uk_file_sleeper s;
	unsigned long fl;
	ssize_t r = 0;

	if (!total)
		return 0;
	uk_file_sleep_begin(&s, f, EPOLLOUT | EPOLLERR);
	fl = ukplat_irq_save();
	while (done < total) {
		if (!p->readers) {
			r = -EPIPE;
			break;
		}
		free = room(p);
		/* Up to PIPE_BUF: all at once or not yet. */
		n = total <= PIPE_BUF ? (free >= total ? total : 0)
				      : UK_MIN(free, total - done);
		if (n) {
			ring_in(p, iov, iovcnt, done, n);
			done += n;
			uk_file_event(&p->rd, EPOLLIN);
			continue;
		}
		r = uk_file_sleep_irqoff(&s, &fl, 0);
		if (r < 0)
			break;
	}
	ukplat_irq_restore(fl);
	uk_file_sleep_end(&s);
	if (done)	/* what went in counts; the error is for next time */
		return done;
	if (r == -EPIPE)
		sigpipe();
	return r;
}

static int pipe_stat(struct uk_file *f __uk_unused, struct stat *st)
{
	st->st_mode = S_IFIFO | 0600;
	st->st_blksize = 4096;
	return 0;
}

static long pipe_ioctl(struct uk_file *f, unsigned long req, void *arg)
{
	struct pipe *p = f->ops == &rd_ops ? uk_container_of(f, struct pipe, rd)
					   : uk_container_of(f, struct pipe, wr);
	unsigned long fl;

	if (req != FIONREAD)
		return -ENOTTY;
	fl = ukplat_irq_save();
	*(int *)arg = p->len;
	ukplat_irq_restore(fl);
	return 0;
}

/* F_GETPIPE_SZ; F_SETPIPE_SZ keeps the menu's size, which is at least
 * what was asked for, or refuses a larger one. */
static long pipe_fcntl(struct uk_file *f __uk_unused, int cmd,
		       unsigned long arg)
{
	switch (cmd) {
	case F_GETPIPE_SZ:
		return CAP;
	case F_SETPIPE_SZ:
		return arg > CAP ? -EPERM : CAP;
	}
	return -EINVAL;
}

/* An end's last reference: the other end hears it; the second frees. */
static void end_release(struct pipe *p, int reader)
{
	unsigned long fl = ukplat_irq_save();
	int last;

	if (reader) {
		p->readers = 0;
		uk_file_event(&p->wr, EPOLLERR | EPOLLOUT);
	} else {
		p->writers = 0;
		uk_file_event(&p->rd, EPOLLHUP | EPOLLIN);
	}
	last = !p->readers && !p->writers;
	ukplat_irq_restore(fl);
	if (last)
		uk_free(uk_alloc_get_default(), p);
}

static void rd_release(struct uk_file *f)
{
	end_release(uk_container_of(f, struct pipe, rd), 1);
}

static void wr_release(struct uk_file *f)
{
	end_release(uk_container_of(f, struct pipe, wr), 0);
}

static const struct uk_file_ops rd_ops = {
	.read = pipe_read, .stat = pipe_stat, .poll = pipe_poll,
	.ioctl = pipe_ioctl, .release = rd_release, .fcntl = pipe_fcntl,
};
static const struct uk_file_ops wr_ops = {
	.write = pipe_write, .stat = pipe_stat, .poll = pipe_poll,
	.ioctl = pipe_ioctl, .release = wr_release, .fcntl = pipe_fcntl,
};

UK_SYSCALL_DEFINE2(pipe2, int *, fds, int, flags)
{
	unsigned int fdflags = (flags & O_CLOEXEC) ? O_CLOEXEC : 0;
	unsigned int st = flags & O_NONBLOCK;
	struct pipe *p;
	int rfd, wfd;

	if (flags & ~(O_CLOEXEC | O_NONBLOCK))
		return -EINVAL;
	p = uk_malloc(uk_alloc_get_default(), sizeof(*p));
	if (!p)
		return -ENFILE;
	p->readers = p->writers = 1;
	p->head = p->len = 0;
	uk_file_init(&p->rd, &rd_ops, O_RDONLY | st);
	uk_file_init(&p->wr, &wr_ops, O_WRONLY | st);
	rfd = uk_fdtab_install(&p->rd, 0, fdflags);
	if (rfd < 0) {
		uk_free(uk_alloc_get_default(), p);
		return rfd;
	}
	wfd = uk_fdtab_install(&p->wr, 0, fdflags);
	if (wfd < 0) {
		p->writers = 0;		/* the write end never was */
		uk_syscall(SYS_close, rfd, 0, 0, 0, 0, 0);	/* frees p */
		return wfd;
	}
	fds[0] = rfd;
	fds[1] = wfd;
	return 0;
}

#ifdef SYS_pipe
UK_SYSCALL_DEFINE1(pipe, int *, fds)
{
	return uk_syscall_e_pipe2((long)fds, 0, 0, 0, 0, 0);
}
#endif
