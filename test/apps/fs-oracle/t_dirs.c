/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "dirs": mkdir/mkdirat/rmdir, getdents64 (names sorted: the
 * order is the file system's), rename/renameat/renameat2 with
 * RENAME_NOREPLACE and RENAME_EXCHANGE, and the cases Linux refuses;
 * chdir/fchdir/getcwd (printed relative to the work directory).
 */
#include "oracle.h"
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>

#ifndef RENAME_NOREPLACE
#define RENAME_NOREPLACE (1 << 0)
#define RENAME_EXCHANGE	(1 << 1)
#endif

static char top[1024];

static void cwd(void)
{
	char buf[1024];
	size_t n = strlen(top);

	if (!getcwd(buf, sizeof(buf))) {
		printf("getcwd = -1 %s\n", ename(errno));
		return;
	}
	if (strncmp(buf, top, n))
		printf("getcwd = outside the work directory\n");
	else
		printf("getcwd = <work>%s\n", buf + n);
}

static void getdents(void)
{
	char buf[4096];
	long n, pos, total = 0;
	int fd, entries = 0;

	R(fd = open("d", O_RDONLY | O_DIRECTORY));
	R(syscall(SYS_getdents64, fd, buf, 1));
	while ((n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (pos = 0; pos < n;) {
			uint16_t reclen;

			memcpy(&reclen, buf + pos + 16, 2);
			pos += reclen;
			entries++;
		}
		total += n;
	}
	printf("getdents64: %d entries, then %ld\n", entries, n);
	R(lseek(fd, 0, SEEK_SET));
	R(syscall(SYS_getdents64, fd, buf, sizeof(buf)) > 0);
	R(close(fd));
	R(fd = open("d/f1", O_RDONLY));
	R(syscall(SYS_getdents64, fd, buf, sizeof(buf)));
	R(close(fd));
	R(syscall(SYS_getdents64, 99, buf, sizeof(buf)));
}

void t_dirs(void)
{
	int fd, dfd;

	printf("dirs: make and remove\n");
	if (!getcwd(top, sizeof(top)))
		top[0] = '\0';
	R(mkdir("d", 0755));
	R(mkdir("d", 0755));
	R(mkdir("d/e", 0700));
	R(mkdir("d/e/f/g", 0700));
	R(mkdir("d/./e/../x/", 0755));
	show("d");
	show("d/e");
	show("d/x");
	R(dfd = open("d", O_RDONLY | O_DIRECTORY));
	R(mkdirat(dfd, "y", 0751));
	R(mkdirat(dfd, "y", 0751));
	show("d/y");
	put("d/f1", "one");
	put("d/f2", "two");
	ls("d");
	getdents();
	R(rmdir("d"));
	R(rmdir("d/f1"));
	R(rmdir("d/x/"));
	R(rmdir("d/."));
	R(rmdir("d/y/.."));
	R(rmdir("nonexistent"));
	R(unlinkat(dfd, "y", AT_REMOVEDIR));
	R(unlinkat(dfd, "f2", AT_REMOVEDIR));
	R(unlinkat(dfd, "f2", 0));
	R(unlinkat(dfd, "e", 0));
	R(unlink("d"));
	ls("d");
	show("d");

	printf("dirs: rename\n");
	put("d/r1", "r1");
	put("d/r2", "r2");
	R(rename("d/r1", "d/r3"));
	cat("d/r3");
	R(rename("d/r3", "d/r2"));
	cat("d/r2");
	R(access("d/r3", F_OK));
	R(rename("d/r2", "d/r2"));
	R(rename("d/nonexistent", "d/z"));
	R(rename("d/r2", "d/e"));
	R(rename("d/e", "d/r2"));
	R(rename("d", "d/e/inside"));
	R(mkdir("d/e2", 0755));
	put("d/e2/keep", "k");
	R(rename("d/e", "d/e2"));
	R(rmdir("d/e/f"));
	R(mkdir("d/empty", 0755));
	R(rename("d/e", "d/empty"));
	show("d/empty");
	R(access("d/e", F_OK));
	R(renameat(dfd, "empty", dfd, "e"));
	put("d/n1", "n1");
	put("d/n2", "n2");
	R(syscall(SYS_renameat2, dfd, "n1", dfd, "n2", RENAME_NOREPLACE));
	R(syscall(SYS_renameat2, dfd, "n1", dfd, "n3", RENAME_NOREPLACE));
	R(syscall(SYS_renameat2, dfd, "n3", dfd, "n2", RENAME_EXCHANGE));
	cat("d/n2");
	cat("d/n3");
	R(syscall(SYS_renameat2, dfd, "n3", dfd, "n9", RENAME_EXCHANGE));
	R(syscall(SYS_renameat2, dfd, "n3", dfd, "n2",
		  RENAME_EXCHANGE | RENAME_NOREPLACE));
	R(syscall(SYS_renameat2, dfd, "e", dfd, "n2", RENAME_EXCHANGE));
	show("d/e");
	show("d/n2");
	ls("d");
	ls("d/n2");
	R(close(dfd));

	printf("dirs: cwd\n");
	cwd();
	R(chdir("d"));
	cwd();
	R(chdir("n2/.."));
	cwd();
	R(chdir("n3"));
	R(chdir("nonexistent"));
	R(fd = open("..", O_RDONLY | O_DIRECTORY));
	R(fchdir(fd));
	cwd();
	R(close(fd));
	R(fd = open("d/n3", O_RDONLY));
	R(fchdir(fd));
	R(close(fd));
	R(fchdir(99));
	R(chdir("d/e/f"));
	R(rmdir("../f"));
	cwd();
	R(chdir("d/n2"));
	R(rmdir("../n2"));
	cwd();
	R(chdir(".."));
	R(mkdir("x", 0755));
	printf("back to the work directory: %s\n", chdir(top) ? "NO" : "yes");
	cwd();
	R(mkdir("", 0755));
	R(rmdir(""));
}
