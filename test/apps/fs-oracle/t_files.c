/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "files": open/openat/creat flags, read/write and their vector
 * and positioned forms, lseek (SET/CUR/END, DATA/HOLE, past the end),
 * O_APPEND, O_TRUNC, truncate/ftruncate up and down, fallocate,
 * fsync/fdatasync/sync, and the file position shared by dup'ed fds.
 */
#include "oracle.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/uio.h>

static void rw(void)
{
	char buf[64];
	int fd;

	printf("files: read and write\n");
	R(fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0644));
	R(open("f", O_RDWR | O_CREAT | O_EXCL, 0644));
	R(write(fd, "hello, world", 12));
	R(lseek(fd, 0, SEEK_CUR));
	R(lseek(fd, 0, SEEK_SET));
	memset(buf, 0, sizeof(buf));
	R(read(fd, buf, 5));
	printf("buf = \"%s\"\n", buf);
	R(read(fd, buf, sizeof(buf)));
	R(read(fd, buf, sizeof(buf)));
	R(lseek(fd, -5, SEEK_END));
	R(read(fd, buf, 3));
	R(lseek(fd, 100, SEEK_SET));
	R(read(fd, buf, 10));
	R(write(fd, "X", 1));
	show("f");
	R(pread(fd, buf, 4, 12));
	printf("hole bytes = %d %d %d %d\n", buf[0], buf[1], buf[2], buf[3]);
	R(lseek(fd, -1, SEEK_SET));
	R(lseek(fd, 0, 99));
	R(close(fd));
	R(close(fd));
	R(read(fd, buf, 1));
}

static void vectors(void)
{
	struct iovec iov[3];
	char a[4], b[6], c[8];
	int fd;

	printf("files: vectors and positions\n");
	R(fd = open("v", O_RDWR | O_CREAT | O_TRUNC, 0600));
	iov[0].iov_base = "abc";
	iov[0].iov_len = 3;
	iov[1].iov_base = "";
	iov[1].iov_len = 0;
	iov[2].iov_base = "defghij";
	iov[2].iov_len = 7;
	R(writev(fd, iov, 3));
	R(pwrite(fd, "XY", 2, 4));
	R(lseek(fd, 0, SEEK_CUR));
	iov[0].iov_base = a;
	iov[0].iov_len = sizeof(a);
	iov[1].iov_base = b;
	iov[1].iov_len = sizeof(b);
	iov[2].iov_base = c;
	iov[2].iov_len = sizeof(c);
	memset(a, 0, 4), memset(b, 0, 6), memset(c, 0, 8);
	R(preadv(fd, iov, 3, 1));
	printf("preadv = %.4s|%.6s|%.8s\n", a, b, c);
	R(pwritev(fd, iov, 1, 20));
	R(lseek(fd, 0, SEEK_CUR));
	R(lseek(fd, 0, SEEK_SET));
	R(readv(fd, iov, 2));
	printf("readv = %.4s|%.6s\n", a, b);
	R(pread(fd, a, 4, -1));
	R(pwrite(fd, a, 4, -1));
	R(close(fd));
	show("v");
}

static void flags(void)
{
	char buf[32];
	int fd, fd2;

	printf("files: flags\n");
	put("a", "12345");
	R(fd = open("a", O_WRONLY | O_APPEND));
	R(lseek(fd, 0, SEEK_SET));
	R(write(fd, "678", 3));
	R(lseek(fd, 0, SEEK_CUR));
	R(pwrite(fd, "Z", 1, 0));
	R(close(fd));
	cat("a");
	R(fd = open("a", O_RDONLY));
	R(write(fd, "x", 1));
	R(close(fd));
	R(fd = open("a", O_WRONLY));
	R(read(fd, buf, 1));
	R(close(fd));
	R(fd = open("a", O_RDWR | O_TRUNC));
	show("a");
	R(fd2 = dup(fd));
	R(write(fd, "ab", 2));
	R(lseek(fd2, 0, SEEK_CUR));
	R(close(fd2));
	R(close(fd));
	R(fd = creat("c", 0640));
	R(write(fd, "cr", 2));
	R(read(fd, buf, 1));
	R(close(fd));
	show("c");
	R(fd = openat(AT_FDCWD, "c", O_RDONLY | O_CLOEXEC));
	R(fcntl(fd, F_GETFD));
	R(fcntl(fd, F_GETFL) & O_ACCMODE);
	R(close(fd));
	R(open("a", O_RDONLY | O_DIRECTORY));
	R(open(".", O_RDONLY | O_DIRECTORY) >= 0);
	R(open(".", O_WRONLY));
	R(open("nonexistent", O_RDONLY));
	R(open("nonexistent/x", O_RDONLY | O_CREAT, 0644));
	R(open("a/x", O_RDONLY | O_CREAT, 0644));
	R(open("", O_RDONLY));
}

static void sizes(void)
{
	char buf[16];
	int fd;

	printf("files: truncate, fallocate, sync\n");
	put("t", "0123456789");
	R(truncate("t", 4));
	cat("t");
	R(truncate("t", 8));
	R(fd = open("t", O_RDWR));
	R(pread(fd, buf, 16, 0));
	printf("t = %.4s %d %d %d %d\n", buf, buf[4], buf[5], buf[6], buf[7]);
	R(ftruncate(fd, 0));
	R(lseek(fd, 0, SEEK_CUR));
	R(lseek(fd, 0, SEEK_END));
	R(ftruncate(fd, -1));
	R(truncate("t", -1));
	R(truncate("nonexistent", 0));
	R(truncate(".", 0));
	R(write(fd, "abcdef", 6));
	R(lseek(fd, 0, SEEK_DATA));
	R(lseek(fd, 0, SEEK_HOLE));
	R(lseek(fd, 6, SEEK_DATA));
	R(lseek(fd, 7, SEEK_HOLE));
	R(fallocate(fd, 0, 0, 8192));
	show("t");
	R(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 4096));
	show("t");
	R(fallocate(fd, 0, 0, 0));
	R(fallocate(fd, 0, -1, 10));
	R(pread(fd, buf, 6, 0));
	printf("t = %.6s\n", buf);
	R(fsync(fd));
	R(fdatasync(fd));
	sync();
	printf("sync() done\n");
	R(close(fd));
	R(fsync(fd));
	R(fd = open("t", O_RDONLY));
	R(ftruncate(fd, 1));
	R(close(fd));
}

void t_files(void)
{
	rw();
	vectors();
	flags();
	sizes();
}
