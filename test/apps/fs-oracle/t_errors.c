/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "errors": the errno Linux gives where the other sections do
 * not look: names too long (a component past 255, a path past 4095),
 * a file used as a directory, writes to a directory, EBADF on calls
 * with a closed or wrong descriptor, too many symlinks in a path.
 */
#include "oracle.h"
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

void t_errors(void)
{
	static char longname[300], longpath[PATH_MAX + 10];
	char buf[8];
	int fd, i;

	printf("errors: names\n");
	memset(longname, 'n', 256);
	R(open(longname, O_RDONLY | O_CREAT, 0644));
	R(mkdir(longname, 0755));
	longname[255] = '\0';
	R(fd = open(longname, O_RDWR | O_CREAT, 0644));
	R(close(fd));
	R(unlink(longname));
	for (i = 0; i < PATH_MAX + 5; i += 2)
		longpath[i] = 'p', longpath[i + 1] = '/';
	longpath[PATH_MAX + 5] = '\0';
	R(open(longpath, O_RDONLY));
	R(mkdir("e", 0755));
	put("e/file", "f");
	R(open("e/file/", O_RDONLY));
	R(open("e/file/x", O_RDONLY));
	R(mkdir("e/file/x", 0755));
	R(stat("e/file/.", &(struct stat){ 0 }));
	R(open("e/", O_RDONLY) >= 0);
	R(unlink("e/file/"));
	R(unlink("e"));
	R(symlink("x", "e/file/s"));

	printf("errors: descriptors\n");
	R(fd = open("e", O_RDONLY | O_DIRECTORY));
	R(read(fd, buf, 1));
	R(write(fd, buf, 1));
	R(lseek(fd, 0, SEEK_SET));
	R(ftruncate(fd, 0));
	R(close(fd));
	R(write(fd, buf, 1));
	R(lseek(fd, 0, SEEK_SET));
	R(ftruncate(fd, 0));
	R(fsync(fd));
	R(fchmod(fd, 0644));
	R(fchown(fd, 0, 0));
	R(openat(fd, "x", O_RDONLY));
	R(fd = open("e/file", O_RDONLY));
	R(openat(fd, "x", O_RDONLY));
	R(mkdirat(fd, "x", 0755));
	R(close(fd));

	printf("errors: symlink chains\n");
	R(symlink("c1", "e/c0"));
	for (i = 1; i < 45; i++) {
		char a[16], b[16];

		snprintf(a, sizeof(a), "e/c%d", i);
		snprintf(b, sizeof(b), "c%d", i + 1);
		if (symlink(b, a))
			printf("symlink %s = -1 %s\n", a, ename(errno));
	}
	put("e/c45", "end of the chain");
	cat("e/c30");
	cat("e/c5");
	cat("e/c0");
}
