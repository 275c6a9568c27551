/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fs-oracle --walk DIR: every entry under DIR (DIR itself as "."), names
 * sorted, one line each: path, type and mode, owner, link count (not
 * for directories), size, mtime, a symlink's target, a device's
 * numbers, and an FNV-1a 64 hash of a regular file's contents. Entries
 * on another file system than DIR (a mount point such as /dev) are left
 * out, as find -xdev does. test/cases/initrd.sh walks the tree it packed
 * on the host and the tree the kit unpacked, and compares the lines.
 */
#include "oracle.h"
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/sysmacros.h>

static dev_t top_dev;

static uint64_t hash_file(const char *path, int *err)
{
	static unsigned char buf[8192];	/* not on the stack: it is small */
	uint64_t h = 14695981039346656037ULL;
	ssize_t n, i;
	int fd = open(path, O_RDONLY);

	*err = 0;
	if (fd < 0) {
		*err = errno;
		return 0;
	}
	while ((n = read(fd, buf, sizeof(buf))) > 0)
		for (i = 0; i < n; i++)
			h = (h ^ buf[i]) * 1099511628211ULL;
	if (n < 0)
		*err = errno;
	close(fd);
	return h;
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void entry(const char *path, const char *rel)
{
	static char target[4096];
	struct stat st;
	char **names, *sub, *subrel;
	struct dirent *d;
	ssize_t n;
	uint64_t h;
	int i, k = 0, err;
	DIR *dir;

	if (lstat(path, &st)) {
		printf("%s: lstat = -1 %s\n", rel, ename(errno));
		return;
	}
	if (st.st_dev != top_dev)
		return;
	printf("%s: mode=0%o uid=%u gid=%u", rel, (unsigned int)st.st_mode,
	       (unsigned int)st.st_uid, (unsigned int)st.st_gid);
	if (!S_ISDIR(st.st_mode))
		printf(" nlink=%lu size=%lld", (unsigned long)st.st_nlink,
		       (long long)st.st_size);
	printf(" mtime=%lld", (long long)st.st_mtim.tv_sec);
	if (S_ISLNK(st.st_mode)) {
		n = readlink(path, target, sizeof(target) - 1);
		target[n < 0 ? 0 : n] = '\0';
		printf(" -> \"%s\"", n < 0 ? ename(errno) : target);
	} else if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) {
		printf(" rdev=%u,%u", major(st.st_rdev), minor(st.st_rdev));
	} else if (S_ISREG(st.st_mode)) {
		h = hash_file(path, &err);
		if (err)
			printf(" read = -1 %s", ename(err));
		else
			printf(" fnv64=%016llx", (unsigned long long)h);
	}
	printf("\n");
	if (!S_ISDIR(st.st_mode))
		return;
	if (!(dir = opendir(path))) {
		printf("%s: opendir = -1 %s\n", rel, ename(errno));
		return;
	}
	names = malloc(1024 * sizeof(*names));
	sub = malloc(4096);
	subrel = malloc(4096);
	while ((d = readdir(dir)) && k < 1024)
		if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
			names[k++] = strdup(d->d_name);
	closedir(dir);
	qsort(names, k, sizeof(names[0]), cmp);
	for (i = 0; i < k; i++) {
		snprintf(sub, 4096, "%s/%s", path, names[i]);
		if (!strcmp(rel, "."))
			snprintf(subrel, 4096, "%s", names[i]);
		else
			snprintf(subrel, 4096, "%s/%s", rel, names[i]);
		entry(sub, subrel);
		free(names[i]);
	}
	free(names);
	free(sub);
	free(subrel);
}

int walk(const char *dir)
{
	struct stat st;

	if (lstat(dir, &st)) {
		printf("walk: %s: %s\n", dir, ename(errno));
		return 2;
	}
	top_dev = st.st_dev;
	printf("walk: begin\n");
	entry(dir, ".");
	printf("walk: end\n");
	return 0;
}
