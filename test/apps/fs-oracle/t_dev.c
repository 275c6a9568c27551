/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "dev": /dev/null, zero, full, random and urandom as Linux has
 * them (drivers/char/mem.c): their stat, reads, writes and lseek, and
 * what cannot be done to a device node (truncate, a directory lookup
 * through it). The kit's are lib/devfs's.
 */
#include "oracle.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static void node(const char *path)
{
	char buf[300];
	int fd, i, nonzero = 0;
	ssize_t n;

	show(path);
	R(fd = open(path, O_RDWR));
	memset(buf, 0x5a, sizeof(buf));
	n = read(fd, buf, sizeof(buf));
	for (i = 0; i < n; i++)
		nonzero += buf[i] != 0;
	printf("read(%s, 300) = %zd, %s\n", path, n,
	       n <= 0 ? "-" : nonzero > 200 ? "random-looking" :
	       nonzero ? "some non-zero bytes" : "all zero");
	n = write(fd, buf, 100);
	printf("write(%s, 100) = %zd%s%s\n", path, n, n < 0 ? " " : "",
	       n < 0 ? ename(errno) : "");
	R(lseek(fd, 50, SEEK_SET) >= 0);
	R(ftruncate(fd, 0));
	R(close(fd));
}

void t_dev(void)
{
	printf("dev: the memory devices\n");
	node("/dev/null");
	node("/dev/zero");
	node("/dev/full");
	node("/dev/urandom");
	node("/dev/random");
	R(open("/dev/null/x", O_RDONLY));
	R(truncate("/dev/zero", 0));
}
