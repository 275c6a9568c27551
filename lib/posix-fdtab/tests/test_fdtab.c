/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-fdtab through the shim, on a file type of the test's own: what
 * the table checks before the ops are reached, how positions are passed,
 * and the poll waiter list (events, and UK_FILE_GONE at the last put).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <uk/fdtab.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define SC4(n, a, b, c, d) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), (long)(d), 0, 0)

/* A 16-byte seekable "file" whose ops record how they were called. */
struct tfile {
	struct uk_file f;
	char data[16];
	int calls, last_iovcnt, released;
	off_t *last_pos;
	unsigned int ready;
};

static ssize_t t_read(struct uk_file *f, const struct iovec *iov, int iovcnt,
		      off_t *pos)
{
	struct tfile *t = uk_container_of(f, struct tfile, f);
	ssize_t n = 0;
	int i;

	t->calls++;
	t->last_iovcnt = iovcnt;
	t->last_pos = pos;
	for (i = 0; i < iovcnt && *pos < 16; i++) {
		size_t k = iov[i].iov_len;

		if (k > (size_t)(16 - *pos))
			k = 16 - *pos;
		memcpy(iov[i].iov_base, t->data + *pos, k);
		*pos += k;
		n += k;
	}
	return n;
}

static off_t t_lseek(struct uk_file *f, off_t off, int whence)
{
	off_t base = whence == SEEK_CUR ? f->pos : whence == SEEK_END ? 16 : 0;

	if (whence > SEEK_END)
		return -EINVAL;
	if (base + off < 0)
		return -EINVAL;
	return f->pos = base + off;
}

static unsigned int t_poll(struct uk_file *f)
{
	return uk_container_of(f, struct tfile, f)->ready;
}

static void t_release(struct uk_file *f)
{
	uk_container_of(f, struct tfile, f)->released++;
}

static const struct uk_file_ops seekable_ops = {
	.read = t_read, .lseek = t_lseek, .poll = t_poll, .release = t_release,
};
static const struct uk_file_ops pipe_like_ops = {
	.read = t_read, .release = t_release,
};

static int open_t(struct tfile *t, const struct uk_file_ops *ops,
		  unsigned int flags)
{
	memset(t, 0, sizeof(*t));
	memcpy(t->data, "0123456789abcdef", 16);
	uk_file_init(&t->f, ops, flags);
	return uk_fdtab_install(&t->f, 3, 0);
}

UK_TESTCASE(posix_fdtab, positions_reach_the_ops)
{
	struct tfile t;
	char a[4], b[4];
	struct iovec iov[2] = { { a, 4 }, { b, 4 } };
	int fd = open_t(&t, &seekable_ops, O_RDONLY);

	UK_TEST_ASSERT(fd >= 3);
	UK_TEST_EXPECT_INT_EQ(SC(readv, fd, iov, 2), 8);
	UK_TEST_EXPECT_INT_EQ(t.last_iovcnt, 2);	/* one call, both buffers */
	UK_TEST_EXPECT(t.last_pos == &t.f.pos);
	UK_TEST_EXPECT(!memcmp(b, "4567", 4));
	UK_TEST_EXPECT_INT_EQ(SC4(pread64, fd, a, 4, 12), 4);
	UK_TEST_EXPECT(!memcmp(a, "cdef", 4));
	UK_TEST_EXPECT_INT_EQ(t.f.pos, 8);		/* pread left it */
	UK_TEST_EXPECT_INT_EQ(SC4(pread64, fd, a, 4, -1), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, -2, SEEK_END), 14);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, a, 4), 2);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, 99), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, a, 1), -EBADF);	/* O_RDONLY */
	UK_TEST_EXPECT_INT_EQ(SC(close, fd, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(t.released, 1);
}

UK_TESTCASE(posix_fdtab, unseekable_files_refuse_offsets)
{
	struct tfile t;
	char a[4];
	struct iovec iov = { a, 4 };
	struct stat st;
	int fd = open_t(&t, &pipe_like_ops, O_RDWR);

	UK_TEST_ASSERT(fd >= 3);
	UK_TEST_EXPECT_INT_EQ(SC4(pread64, fd, a, 4, 0), -ESPIPE);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_preadv, fd, (long)&iov, 1, 0, 0, 0),
			      -ESPIPE);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_SET), -ESPIPE);
	UK_TEST_EXPECT_INT_EQ(t.calls, 0);	/* refused before the ops */
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, a, 1), -EINVAL);	/* no write op */
	UK_TEST_EXPECT_INT_EQ(SC(readv, fd, &iov, -1), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st, 0), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_mode, 0);
	SC(close, fd, 0, 0);
}

UK_TESTCASE(posix_fdtab, ioctl_flags_are_the_tables)
{
	struct tfile t;
	int on = 1, off = 0;
	int fd = open_t(&t, &pipe_like_ops, O_RDWR);

	UK_TEST_ASSERT(fd >= 3);
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, fd, FIONBIO, &on), 0);
	UK_TEST_EXPECT(SC(fcntl, fd, F_GETFL, 0) & O_NONBLOCK);
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, fd, FIONBIO, &off), 0);
	UK_TEST_EXPECT(!(SC(fcntl, fd, F_GETFL, 0) & O_NONBLOCK));
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, fd, FIOCLEX, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, fd, F_GETFD, 0), FD_CLOEXEC);
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, fd, FIONCLEX, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, fd, F_GETFD, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, fd, TCGETS, 0), -ENOTTY);
	SC(close, fd, 0, 0);
}

struct twaiter {
	struct uk_file_waiter w;
	unsigned int got;
	int wakes;
};

static void t_wake(struct uk_file_waiter *w, struct uk_file *f __uk_unused,
		   unsigned int events)
{
	struct twaiter *tw = uk_container_of(w, struct twaiter, w);

	tw->got |= events;
	tw->wakes++;
}

UK_TESTCASE(posix_fdtab, waiters_hear_events_and_the_end)
{
	struct tfile t;
	struct twaiter a = { .w.wake = t_wake }, b = { .w.wake = t_wake };
	int fd = open_t(&t, &seekable_ops, O_RDWR);
	int fd2;

	UK_TEST_ASSERT(fd >= 3);
	t.ready = EPOLLOUT;
	UK_TEST_EXPECT_INT_EQ(uk_file_poll(&t.f), EPOLLOUT);
	uk_file_poll_add(&t.f, &a.w);
	uk_file_poll_add(&t.f, &b.w);
	uk_file_event(&t.f, EPOLLIN);
	UK_TEST_EXPECT_INT_EQ(a.got, EPOLLIN);
	UK_TEST_EXPECT_INT_EQ(b.got, EPOLLIN);
	uk_file_poll_del(&t.f, &a.w);
	uk_file_poll_del(&t.f, &a.w);		/* twice: a no-op */
	uk_file_event(&t.f, EPOLLOUT);
	UK_TEST_EXPECT_INT_EQ(a.wakes, 1);
	UK_TEST_EXPECT_INT_EQ(b.wakes, 2);
	fd2 = SC(dup, fd, 0, 0);
	UK_TEST_ASSERT(fd2 > fd);
	SC(close, fd, 0, 0);
	UK_TEST_EXPECT_INT_EQ(b.wakes, 2);	/* fd2 still holds it */
	SC(close, fd2, 0, 0);
	UK_TEST_EXPECT_INT_EQ(b.wakes, 3);
	UK_TEST_EXPECT(b.got & UK_FILE_GONE);
	UK_TEST_EXPECT(t.f.waiters == NULL);
	UK_TEST_EXPECT_INT_EQ(t.released, 1);
	UK_TEST_EXPECT_INT_EQ(a.wakes, 1);	/* a was off the list */
}
