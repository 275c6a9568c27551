/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * Pipes and eventfd: flags, readiness, capacity, PIPE_BUF, EOF, EPIPE
 * and SIGPIPE, a reader and a writer thread blocking on each other.
 */
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

static int sigpipes;

static void on_sigpipe(int sig)
{
	sigpipes += sig == SIGPIPE;
}

#define BIG (1 << 20)

static void *pipe_writer(void *arg)
{
	static char buf[3000];
	int fd = *(int *)arg;
	long done = 0, r;

	while (done < BIG) {
		for (int i = 0; i < (int)sizeof(buf); i++)
			buf[i] = (char)((done + i) * 7);
		r = write(fd, buf, done + (long)sizeof(buf) > BIG
				       ? BIG - done : (long)sizeof(buf));
		if (r <= 0)
			break;
		done += r;
	}
	close(fd);
	return (void *)done;
}

static void t_pipe_threads(void)
{
	pthread_t t;
	static char buf[5000];
	long got = 0, bad = 0, r;
	void *wrote;
	int p[2];

	pipe(p);
	pthread_create(&t, NULL, pipe_writer, &p[1]);
	while ((r = read(p[0], buf, sizeof(buf))) > 0) {
		for (long i = 0; i < r; i++)
			bad += buf[i] != (char)((got + i) * 7);
		got += r;
	}
	pthread_join(t, &wrote);
	printf("pipe: threads moved %ld bytes (writer %ld), %ld wrong, last read %ld\n",
	       got, (long)wrote, bad, r);
	close(p[0]);
}

void t_pipe(void)
{
	static char buf[70000];
	struct sigaction sa = { .sa_handler = on_sigpipe };
	struct stat st;
	int p[2], v;
	char c;

	printf("pipe: PIPE_BUF %d\n", PIPE_BUF);
	SHOW("pipe: pipe2 bad flags", pipe2(p, 0x1234000));
	SHOW("pipe: pipe2 O_NONBLOCK|O_CLOEXEC", pipe2(p, O_NONBLOCK | O_CLOEXEC));
	printf("pipe: F_GETFL read end %#x write end %#x, FD_CLOEXEC %d\n",
	       fcntl(p[0], F_GETFL), fcntl(p[1], F_GETFL),
	       fcntl(p[0], F_GETFD) & FD_CLOEXEC);
	fstat(p[0], &st);
	PROP("pipe: fstat S_ISFIFO", S_ISFIFO(st.st_mode));
	SHOW("pipe: read empty non-blocking", read(p[0], &c, 1));
	SHOW("pipe: write to the read end", write(p[0], "x", 1));
	SHOW("pipe: lseek", lseek(p[0], 0, SEEK_SET));
	printf("pipe: poll empty: read end %#x write end %#x\n",
	       revents(p[0], POLLIN | POLLOUT), revents(p[1], POLLIN | POLLOUT));
	SHOW("pipe: write 70000 non-blocking", write(p[1], buf, sizeof(buf)));
	SHOW("pipe: write 1 more", write(p[1], "x", 1));
	printf("pipe: poll full: read end %#x write end %#x\n",
	       revents(p[0], POLLIN | POLLOUT), revents(p[1], POLLIN | POLLOUT));
	ioctl(p[0], FIONREAD, &v);
	printf("pipe: FIONREAD %d\n", v);
	SHOW("pipe: read 100", read(p[0], buf, 100));
	SHOW("pipe: write PIPE_BUF into 100 bytes of room", write(p[1], buf, PIPE_BUF));
	SHOW("pipe: write PIPE_BUF+1 into 100 bytes of room", write(p[1], buf, PIPE_BUF + 1));
	SHOW("pipe: read 5000", read(p[0], buf, 5000));
	SHOW("pipe: write PIPE_BUF into 5000 bytes of room", write(p[1], buf, PIPE_BUF));
	close(p[1]);
	printf("pipe: poll without writer: read end %#x\n", revents(p[0], POLLIN));
	while (read(p[0], buf, sizeof(buf)) > 0)
		;
	SHOW("pipe: read at EOF", read(p[0], &c, 1));
	close(p[0]);

	pipe(p);
	close(p[0]);
	printf("pipe: poll without reader: write end %#x\n", revents(p[1], POLLOUT));
	sigaction(SIGPIPE, &sa, NULL);
	SHOW("pipe: write without reader", write(p[1], "x", 1));
	printf("pipe: SIGPIPE handler ran %d times\n", sigpipes);
	signal(SIGPIPE, SIG_IGN);
	SHOW("pipe: write without reader, SIGPIPE ignored", write(p[1], "x", 1));
	printf("pipe: SIGPIPE handler ran %d times\n", sigpipes);
	close(p[1]);
	t_pipe_threads();
}

static void *efd_poster(void *arg)
{
	uint64_t one = 1;

	for (int i = 0; i < 5; i++) {
		usleep(2000);
		write(*(int *)arg, &one, 8);
	}
	return NULL;
}

void t_eventfd(void)
{
	uint64_t v = 5, sum = 0;
	pthread_t t;
	char small[4];
	int fd;

	SHOW("eventfd: bad flags", eventfd(0, 0x40000000));
	fd = eventfd(2, EFD_NONBLOCK | EFD_CLOEXEC);
	printf("eventfd: F_GETFL %#x FD_CLOEXEC %d\n", fcntl(fd, F_GETFL),
	       fcntl(fd, F_GETFD) & FD_CLOEXEC);
	printf("eventfd: poll at 2 %#x\n", revents(fd, POLLIN | POLLOUT));
	SHOW("eventfd: read 4 bytes", read(fd, small, 4));
	SHOW("eventfd: write 4 bytes", write(fd, small, 4));
	SHOW("eventfd: write 5", write(fd, &v, 8));
	SHOW("eventfd: read", read(fd, &v, 8));
	printf("eventfd: value %llu\n", (unsigned long long)v);
	SHOW("eventfd: read at 0", read(fd, &v, 8));
	printf("eventfd: poll at 0 %#x\n", revents(fd, POLLIN | POLLOUT));
	v = UINT64_MAX;
	SHOW("eventfd: write UINT64_MAX", write(fd, &v, 8));
	v = UINT64_MAX - 1;
	SHOW("eventfd: write UINT64_MAX-1", write(fd, &v, 8));
	printf("eventfd: poll at the top %#x\n", revents(fd, POLLIN | POLLOUT));
	v = 1;
	SHOW("eventfd: write 1 more", write(fd, &v, 8));
	close(fd);

	fd = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
	for (int i = 0; i < 4; i++) {
		v = 0;
		SHOW("eventfd: semaphore read", read(fd, &v, 8));
		printf("eventfd: semaphore value %llu\n", (unsigned long long)v);
	}
	close(fd);

	fd = eventfd(0, EFD_SEMAPHORE);
	pthread_create(&t, NULL, efd_poster, &fd);
	for (int i = 0; i < 5; i++) {
		read(fd, &v, 8);
		sum += v;
	}
	pthread_join(t, NULL);
	printf("eventfd: blocking reader took %llu posts\n",
	       (unsigned long long)sum);
	close(fd);
}
