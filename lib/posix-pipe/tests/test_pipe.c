/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pipe/pipe2 through the shim: threads blocking on each other, PIPE_BUF
 * atomicity with two writers, EOF, EPIPE and SIGPIPE, O_NONBLOCK, and
 * the errors Linux gives.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <uk/sched.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)

UK_TESTCASE(posix_pipe, flags_modes_and_errors)
{
	struct stat st;
	int p[2], v;
	char c;

	UK_TEST_EXPECT_INT_EQ(SC(pipe2, p, O_DIRECT << 4, 0), -EINVAL);
	UK_TEST_ASSERT_INT_EQ(SC(pipe2, p, O_CLOEXEC | O_NONBLOCK, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[0], F_GETFD, 0), FD_CLOEXEC);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[1], F_GETFL, 0), O_WRONLY | O_NONBLOCK);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[0], F_GETFL, 0), O_RDONLY | O_NONBLOCK);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, p[0], &st, 0), 0);
	UK_TEST_EXPECT(S_ISFIFO(st.st_mode));
	/* Wrong ends, seeking, an empty non-blocking read. */
	UK_TEST_EXPECT_INT_EQ(SC(write, p[0], "x", 1), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(read, p[1], &c, 1), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, p[0], 0, SEEK_SET), -ESPIPE);
	UK_TEST_EXPECT_INT_EQ(SC(read, p[0], &c, 1), -EAGAIN);
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], "abc", 3), 3);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[1], F_GETPIPE_SZ, 0),
			      CONFIG_LIBPOSIX_PIPE_SIZE);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[1], F_SETPIPE_SZ, 4096),
			      CONFIG_LIBPOSIX_PIPE_SIZE);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[1], F_SETPIPE_SZ,
				 CONFIG_LIBPOSIX_PIPE_SIZE + 1), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, p[1], 12345, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(ioctl, p[0], FIONREAD, &v), 0);
	UK_TEST_EXPECT_INT_EQ(v, 3);
	UK_TEST_EXPECT_INT_EQ(SC(read, p[0], &c, 1), 1);
	UK_TEST_EXPECT_INT_EQ(c, 'a');
	/* No writer left: the rest, then end of file. */
	UK_TEST_EXPECT_INT_EQ(SC(close, p[1], 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(read, p[0], &v, 4), 2);
	UK_TEST_EXPECT_INT_EQ(SC(read, p[0], &c, 1), 0);
	UK_TEST_EXPECT_INT_EQ(SC(close, p[0], 0, 0), 0);
}

UK_TESTCASE(posix_pipe, full_pipe_nonblocking_keeps_pipe_buf_atomic)
{
	static char buf[CONFIG_LIBPOSIX_PIPE_SIZE];
	int p[2];

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, p, O_NONBLOCK, 0), 0);
	memset(buf, 'x', sizeof(buf));
	/* Fill all but 100 bytes. */
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], buf, sizeof(buf) - 100),
			      (long)sizeof(buf) - 100);
	/* A PIPE_BUF-sized write does not fit: nothing of it goes in. */
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], buf, PIPE_BUF), -EAGAIN);
	/* A bigger one goes in part. */
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], buf, PIPE_BUF + 1), 100);
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], buf, 1), -EAGAIN);
	/* Room comes back a page at a time (Linux): 5000 bytes read free
	 * one page, 4096 bytes. */
	UK_TEST_EXPECT_INT_EQ(SC(read, p[0], buf, 5000), 5000);
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], buf, PIPE_BUF + 1000), PIPE_BUF);
	SC(close, p[0], 0, 0);
	SC(close, p[1], 0, 0);
}

static int sigpipes;

static void on_sigpipe(int sig)
{
	sigpipes += sig == SIGPIPE;
}

UK_TESTCASE(posix_pipe, no_reader_is_epipe_and_sigpipe)
{
	int p[2];

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, p, 0, 0), 0);
	SC(close, p[0], 0, 0);
#if CONFIG_LIBPOSIX_SIGNAL
	struct sigaction sa = { .sa_handler = on_sigpipe }, old;

	UK_TEST_ASSERT_INT_EQ(sigaction(SIGPIPE, &sa, &old), 0);
	sigpipes = 0;
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], "x", 1), -EPIPE);
	UK_TEST_EXPECT_INT_EQ(sigpipes, 1);
	sigaction(SIGPIPE, &old, NULL);
#else
	(void)on_sigpipe;
	signal(SIGPIPE, SIG_IGN);
	UK_TEST_EXPECT_INT_EQ(SC(write, p[1], "x", 1), -EPIPE);
#endif
	SC(close, p[1], 0, 0);
}

/* Two writers of PIPE_BUF-sized records ('A' x 4096, 'B' x 4096) into
 * one pipe a slow reader drains: no record may be split by the other. */
struct writer {
	int fd;
	char ch;
	int records;
};

static void *write_records(void *arg)
{
	struct writer *w = arg;
	char rec[PIPE_BUF];
	int i;

	memset(rec, w->ch, sizeof(rec));
	for (i = 0; i < w->records; i++) {
		if (SC(write, w->fd, rec, sizeof(rec)) != sizeof(rec))
			break;
		uk_sched_yield();	/* let the other writer at the room */
	}
	return (void *)(long)i;
}

UK_TESTCASE(posix_pipe, writers_block_and_records_stay_whole)
{
	struct writer a = { .ch = 'A', .records = 40 };
	struct writer b = { .ch = 'B', .records = 40 };
	struct uk_thread *ta, *tb;
	static char rec[PIPE_BUF];
	int p[2], split = 0, seen = 0;
	size_t got;
	void *ra, *rb;
	long r;

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, p, 0, 0), 0);
	a.fd = b.fd = p[1];
	ta = uk_sched_thread_create("pipe-a", write_records, &a);
	tb = uk_sched_thread_create("pipe-b", write_records, &b);
	UK_TEST_ASSERT(!uk_is_err(ta) && !uk_is_err(tb));
	/* 80 records = 320 KiB through a 64 KiB pipe: both block often. */
	while (seen < 80) {
		/* Odd-sized reads, so room comes back in pieces smaller
		 * than a record and a split write would have its chance. */
		for (got = 0; got < sizeof(rec); got += r) {
			r = SC(read, p[0], rec + got,
			       UK_MIN(1000, sizeof(rec) - got));
			if (r <= 0)
				break;
			uk_sched_yield();
		}
		if (got < sizeof(rec))
			break;
		for (size_t i = 1; i < sizeof(rec); i++)
			split += rec[i] != rec[0];
		seen++;
	}
	uk_sched_thread_join(ta, &ra);
	uk_sched_thread_join(tb, &rb);
	UK_TEST_EXPECT_INT_EQ(seen, 80);
	UK_TEST_EXPECT_INT_EQ(split, 0);
	UK_TEST_EXPECT_INT_EQ((long)ra + (long)rb, 80);
	SC(close, p[0], 0, 0);
	SC(close, p[1], 0, 0);
}

static void *close_later(void *arg)
{
	uk_sched_sleep_ns(5000000);
	SC(close, *(int *)arg, 0, 0);
	return NULL;
}

UK_TESTCASE(posix_pipe, blocked_reader_woken_by_last_writer_closing)
{
	struct uk_thread *t;
	int p[2];
	char c;

	UK_TEST_ASSERT_INT_EQ(SC(pipe2, p, 0, 0), 0);
	t = uk_sched_thread_create("pipe-closer", close_later, &p[1]);
	UK_TEST_ASSERT(!uk_is_err(t));
	UK_TEST_EXPECT_INT_EQ(SC(read, p[0], &c, 1), 0);
	uk_sched_thread_join(t, NULL);
	SC(close, p[0], 0, 0);
}
