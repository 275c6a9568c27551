/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "links": hard links (nlink, shared contents, linkat with
 * AT_SYMLINK_FOLLOW, links to directories refused), symlinks (lstat vs
 * stat, readlink/readlinkat with short buffers, dangling, relative and
 * absolute-within-the-tree targets, loops: ELOOP, O_NOFOLLOW, a symlink
 * in the middle of a path, to a directory), unlink of each.
 */
#include "oracle.h"
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

static void rl(const char *path, size_t len)
{
	char buf[64];
	ssize_t n;

	memset(buf, 0, sizeof(buf));
	n = readlink(path, buf, len);
	if (n < 0)
		printf("readlink(\"%s\", %zu) = -1 %s\n", path, len,
		       ename(errno));
	else
		printf("readlink(\"%s\", %zu) = %zd \"%.*s\"\n", path, len, n,
		       (int)n, buf);
}

void t_links(void)
{
	char buf[64];
	int fd, dfd;

	printf("links: hard\n");
	R(mkdir("l", 0755));
	put("l/a", "shared");
	R(link("l/a", "l/b"));
	R(link("l/a", "l/b"));
	R(link("l/nonexistent", "l/c"));
	R(link("l", "l/dirlink"));
	show("l/a");
	show("l/b");
	R(fd = open("l/b", O_WRONLY | O_APPEND));
	R(write(fd, "+", 1));
	R(close(fd));
	cat("l/a");
	R(unlink("l/a"));
	show("l/b");
	cat("l/b");
	R(dfd = open("l", O_RDONLY | O_DIRECTORY));
	R(linkat(dfd, "b", dfd, "c", 0));
	show("l/c");
	R(unlink("l/c"));

	printf("links: symbolic\n");
	R(symlink("b", "l/s"));
	R(symlink("b", "l/s"));
	R(symlinkat("nowhere", dfd, "dangling"));
	R(symlink("..", "l/up"));
	R(symlink("loop2", "l/loop1"));
	R(symlink("loop1", "l/loop2"));
	R(symlink("", "l/empty"));
	lshow("l/s");
	show("l/s");
	lshow("l/dangling");
	show("l/dangling");
	show("l/loop1");
	show("l/up");
	cat("l/s");
	cat("l/up/l/s");
	cat("l/loop1");
	rl("l/s", sizeof(buf));
	rl("l/s", 1);
	rl("l/dangling", sizeof(buf));
	rl("l/b", sizeof(buf));
	rl("l/nonexistent", sizeof(buf));
	rl("l/s", 0);
	memset(buf, 0, sizeof(buf));
	R(readlinkat(dfd, "up", buf, sizeof(buf)));
	printf("readlinkat = \"%s\"\n", buf);
	R(open("l/s", O_RDONLY | O_NOFOLLOW));
	R(open("l/dangling", O_RDONLY));
	R(fd = open("l/dangling", O_WRONLY | O_CREAT, 0600));
	R(close(fd));
	lshow("l/nowhere");
	R(open("l/loop1", O_WRONLY | O_CREAT, 0600));
	R(mkdir("l/s", 0755));
	R(mkdir("l/up/newdir", 0755));
	show("newdir");
	R(rmdir("newdir"));
	R(rmdir("l/up"));
	R(unlink("l/up"));
	lshow("l/up");
	show("l");
	R(symlink("b", "l/b/x"));
	R(linkat(dfd, "s", dfd, "hard-to-link", 0));
	lshow("l/hard-to-link");
	R(linkat(dfd, "s", dfd, "hard-to-target", AT_SYMLINK_FOLLOW));
	lshow("l/hard-to-target");
	show("l/b");
	R(unlink("l/s"));
	cat("l/b");
	cat("l/hard-to-link");
	R(unlinkat(dfd, "loop1", 0));
	R(unlinkat(dfd, "loop2", 0));
	R(close(dfd));
	ls("l");
}
