/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "mmap": file-backed mappings, what POSIX specifies and issue
 * 13 promises. Shared: a store reaches the file by msync and by munmap;
 * a mapping shows the file as it was written before. Private: a store
 * is the mapping's own, the file and other mappings keep theirs.
 * Left out, because the kit's posix-mmap copies pages instead of
 * sharing a page cache: whether a store is seen by read() before msync,
 * and whether a write() shows in an existing mapping (Linux: both yes;
 * POSIX leaves the private case unspecified). Refusals:
 * PROT_WRITE shared on an O_RDONLY fd (EACCES), a directory (ENODEV),
 * a bad fd (EBADF), an unaligned offset (EINVAL); a mapping of a file
 * extended afterwards.
 */
#include "oracle.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define PG 4096

void t_mmap(void)
{
	char *s, *p, *q, buf[16];
	int fd, ro, dfd;

	printf("mmap: shared and private\n");
	R(mkdir("m", 0755));
	R(fd = open("m/f", O_RDWR | O_CREAT | O_TRUNC, 0644));
	R(ftruncate(fd, 2 * PG));
	R(pwrite(fd, "page0", 5, 0));
	R(pwrite(fd, "page1", 5, PG));
	s = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	printf("mmap shared: %s\n", s == MAP_FAILED ? ename(errno) : "ok");
	p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	printf("mmap private: %s\n", p == MAP_FAILED ? ename(errno) : "ok");
	if (s == MAP_FAILED || p == MAP_FAILED)
		return;
	printf("shared sees %.5s %.5s, private sees %.5s %.5s\n", s, s + PG,
	       p, p + PG);
	memcpy(s, "SHARE", 5);
	R(msync(s, 2 * PG, MS_SYNC));
	R(pread(fd, buf, 5, 0));
	printf("read after a shared store and msync = %.5s\n", buf);
	memcpy(p + PG, "PRIVT", 5);
	R(pread(fd, buf, 5, PG));
	printf("read after a private store = %.5s\n", buf);
	printf("shared after a private store = %.5s, private = %.5s\n",
	       s + PG, p + PG);
	R(msync(s + 1, PG, MS_SYNC));
	R(msync(s, 2 * PG, 0x1234));
	memcpy(s + PG + 100, "tail", 4);
	R(munmap(s, 2 * PG));
	R(munmap(p, 2 * PG));
	R(pwrite(fd, "WRITE", 5, 0));
	R(pread(fd, buf, 4, PG + 100));
	printf("after munmap = %.4s\n", buf);
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
	printf("mmap at offset %d: %s %.5s\n", PG,
	       q == MAP_FAILED ? ename(errno) : "ok",
	       q == MAP_FAILED ? "" : q);
	if (q != MAP_FAILED)
		R(munmap(q, PG));

	printf("mmap: refusals\n");
	R(ro = open("m/f", O_RDONLY));
	q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0);
	printf("shared writable on O_RDONLY: %s\n",
	       q == MAP_FAILED ? ename(errno) : "mapped");
	q = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	printf("private writable on O_RDONLY: %s\n",
	       q == MAP_FAILED ? ename(errno) : "mapped");
	if (q != MAP_FAILED) {
		memcpy(q, "cow", 3);
		R(pread(ro, buf, 3, 0));
		printf("the file keeps %.3s\n", buf);
		R(munmap(q, PG));
	}
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 100);
	printf("unaligned offset: %s\n", q == MAP_FAILED ? ename(errno) : "mapped");
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, 99, 0);
	printf("bad fd: %s\n", q == MAP_FAILED ? ename(errno) : "mapped");
	R(dfd = open("m", O_RDONLY | O_DIRECTORY));
	q = mmap(NULL, PG, PROT_READ, MAP_SHARED, dfd, 0);
	printf("directory: %s\n", q == MAP_FAILED ? ename(errno) : "mapped");
	R(close(dfd));
	R(close(ro));
	R(close(fd));
}
