/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "io": sendfile and copy_file_range between files (offsets
 * given and not, past the end, bad descriptors), ioctl on a file
 * (FIONREAD, and terminal requests: ENOTTY). Section "pipes": pipe and
 * pipe2 (flags), poll and select on files and pipes (readiness before
 * and after a write, POLLHUP after the writer closes, a bad fd: POLLNVAL).
 */
#include "oracle.h"
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>

void t_io(void)
{
	struct termios tio;
	struct winsize ws;
	off_t off;
	loff_t o1, o2;
	int in, out, n;

	printf("io: sendfile, copy_file_range, ioctl\n");
	R(mkdir("io", 0755));
	put("io/src", "0123456789abcdef");
	R(in = open("io/src", O_RDONLY));
	R(out = open("io/dst", O_RDWR | O_CREAT | O_TRUNC, 0644));
	R(sendfile(out, in, NULL, 4));
	R(lseek(in, 0, SEEK_CUR));
	off = 10;
	R(sendfile(out, in, &off, 100));
	printf("off = %lld\n", (long long)off);
	R(lseek(in, 0, SEEK_CUR));
	off = 100;
	R(sendfile(out, in, &off, 5));
	R(sendfile(out, 99, NULL, 5));
	R(sendfile(in, out, NULL, 5));
	cat("io/dst");
	o1 = 2;
	o2 = 20;
	R(syscall(SYS_copy_file_range, in, &o1, out, &o2, 6, 0));
	printf("offsets = %lld %lld\n", (long long)o1, (long long)o2);
	R(syscall(SYS_copy_file_range, in, NULL, out, NULL, 3, 0));
	R(lseek(out, 0, SEEK_CUR));
	R(syscall(SYS_copy_file_range, in, NULL, out, NULL, 3, 1));
	R(syscall(SYS_copy_file_range, in, NULL, 99, NULL, 3, 0));
	show("io/dst");
	R(pread(out, (char[32]){ 0 }, 32, 0));
	R(lseek(in, 3, SEEK_SET));
	n = -1;
	R(ioctl(in, FIONREAD, &n));
	printf("FIONREAD = %d\n", n);
	R(ioctl(in, TCGETS, &tio));
	R(ioctl(in, TIOCGWINSZ, &ws));
	R(ioctl(99, TCGETS, &tio));
	R(isatty(in));
	R(close(in));
	R(close(out));
}

void t_pipes(void)
{
	struct pollfd p[3];
	fd_set rd, wr;
	struct timeval tv = { 0, 0 };
	char buf[8];
	int fds[2] = { -1, -1 }, f;

	printf("pipes: pipe, poll, select\n");
	R(pipe(fds));
	if (fds[0] < 0 || fds[1] < 0 || fds[0] >= FD_SETSIZE ||
	    fds[1] >= FD_SETSIZE)
		return;
	R(fcntl(fds[0], F_GETFL) & O_ACCMODE);
	R(fcntl(fds[1], F_GETFL) & O_ACCMODE);
	R(f = open("pf", O_RDWR | O_CREAT, 0644));
	p[0].fd = fds[0], p[0].events = POLLIN;
	p[1].fd = f, p[1].events = POLLIN | POLLOUT;
	p[2].fd = 99, p[2].events = POLLIN;
	R(poll(p, 3, 0));
	printf("revents = %#x %#x %#x\n", p[0].revents, p[1].revents, p[2].revents);
	R(write(fds[1], "pipe", 4));
	R(poll(p, 2, 0));
	printf("revents = %#x %#x\n", p[0].revents, p[1].revents);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fds[0], &rd);
	FD_SET(f, &rd);
	FD_SET(fds[1], &wr);
	R(select(f + 1, &rd, &wr, NULL, &tv));
	printf("select: %d %d %d\n", FD_ISSET(fds[0], &rd), FD_ISSET(f, &rd),
	       FD_ISSET(fds[1], &wr));
	R(read(fds[0], buf, sizeof(buf)));
	R(close(fds[1]));
	R(poll(p, 1, 0));
	printf("revents after the writer closed = %#x\n", p[0].revents);
	R(read(fds[0], buf, sizeof(buf)));
	R(close(fds[0]));
	R(pipe2(fds, O_NONBLOCK | O_CLOEXEC));
	R(fcntl(fds[0], F_GETFD));
	R(fcntl(fds[0], F_GETFL) & O_NONBLOCK);
	R(read(fds[0], buf, sizeof(buf)));
	R(lseek(fds[0], 0, SEEK_SET));
	R(pipe2(fds, 0x1234));
	R(close(fds[0]));
	R(close(fds[1]));
	R(close(f));
}
