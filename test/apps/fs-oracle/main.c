/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * Usage: fs-oracle DIR [SECTION...] [seed=N] [ops=N]
 *        fs-oracle --walk DIR     list the tree under DIR (walk.c)
 *
 * Works in DIR/fs-oracle.d (made, and removed at the end), so DIR is
 * any directory of the file system under test: a tmpfs folder on the
 * host, "/" for the kit's root, "/data" for a 9p or ext2 mount. The
 * sections, in this order, default all: files dirs links attrs io pipes
 * mmap errors dev exercise. "exercise" is the random-operation exerciser
 * (exercise.c): ops= operations (default 3000) from seed= (default 1),
 * "exercise-nommap" the same without mmap. Ends with "oracle: end" and
 * exit status 0; a setup failure exits 2 naming it.
 */
#include <dirent.h>
#include <sys/sysmacros.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const struct { int e; const char *name; } enames[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { EIO, "EIO" },
	{ EBADF, "EBADF" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" },
	{ EEXIST, "EEXIST" }, { EXDEV, "EXDEV" }, { ENODEV, "ENODEV" },
	{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" }, { EINVAL, "EINVAL" },
	{ EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" }, { EFBIG, "EFBIG" },
	{ ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" }, { EROFS, "EROFS" },
	{ EMLINK, "EMLINK" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
	{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
	{ ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" },
	{ EOPNOTSUPP, "EOPNOTSUPP" }, { EOVERFLOW, "EOVERFLOW" },
	{ ETXTBSY, "ETXTBSY" }, { ENXIO, "ENXIO" }, { ESRCH, "ESRCH" },
};

const char *ename(int e)
{
	static char buf[16];
	unsigned int i;

	for (i = 0; i < sizeof(enames) / sizeof(enames[0]); i++)
		if (enames[i].e == e)
			return enames[i].name;
	snprintf(buf, sizeof(buf), "errno%d", e);
	return buf;
}

void res(const char *what, long v)
{
	int e = errno;

	if (v == -1)
		printf("%s = -1 %s\n", what, ename(e));
	else
		printf("%s = %ld\n", what, v);
	errno = 0;
}

void pstat(const char *label, const struct stat *st)
{
	printf("%s: mode=0%o nlink=%lu", label, (unsigned int)st->st_mode,
	       (unsigned long)st->st_nlink);
	if (!S_ISDIR(st->st_mode))
		printf(" size=%lld", (long long)st->st_size);
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		printf(" rdev=%u,%u", major(st->st_rdev), minor(st->st_rdev));
	printf(" uid=%u gid=%u\n", (unsigned int)st->st_uid,
	       (unsigned int)st->st_gid);
}

static void show_(const char *path, int (*f)(const char *, struct stat *),
		  const char *call)
{
	struct stat st;
	char label[300];

	snprintf(label, sizeof(label), "%s(\"%s\")", call, path);
	if (f(path, &st))
		printf("%s = -1 %s\n", label, ename(errno));
	else
		pstat(label, &st);
}

void show(const char *path)
{
	show_(path, stat, "stat");
}

void lshow(const char *path)
{
	show_(path, lstat, "lstat");
}

void put(const char *path, const char *data)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, data, strlen(data)) != (ssize_t)strlen(data)) {
		printf("put(\"%s\") failed: %s\n", path, ename(errno));
		if (fd >= 0)
			close(fd);
		return;
	}
	close(fd);
}

void cat(const char *path)
{
	char buf[256];
	ssize_t n;
	int fd = open(path, O_RDONLY);

	if (fd < 0) {
		printf("cat(\"%s\") = -1 %s\n", path, ename(errno));
		return;
	}
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n < 0) {
		printf("cat(\"%s\"): read = -1 %s\n", path, ename(errno));
		return;
	}
	buf[n] = '\0';
	printf("cat(\"%s\") = \"%s\" (%zd bytes)\n", path, buf, n);
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void ls(const char *path)
{
	char *names[256];
	struct dirent *d;
	int n = 0, i;
	DIR *dir = opendir(path);

	if (!dir) {
		printf("ls(\"%s\") = -1 %s\n", path, ename(errno));
		return;
	}
	while ((d = readdir(dir)) && n < 256)
		names[n++] = strdup(d->d_name);
	closedir(dir);
	qsort(names, n, sizeof(names[0]), cmp);
	printf("ls(\"%s\"):", path);
	for (i = 0; i < n; i++) {
		printf(" %s", names[i]);
		free(names[i]);
	}
	printf("\n");
}

/* rm -r, quietly: names first, then removals (removing while reading
 * a directory may skip entries) */
static void rm_rf(const char *path)
{
	struct stat st;
	struct dirent *d;
	char *names[512], sub[1024];
	int n = 0, i;
	DIR *dir;

	if (lstat(path, &st))
		return;
	if (!S_ISDIR(st.st_mode)) {
		unlink(path);
		return;
	}
	chmod(path, 0755);
	if ((dir = opendir(path))) {
		while ((d = readdir(dir)) && n < 512)
			if (strcmp(d->d_name, ".") && strcmp(d->d_name, ".."))
				names[n++] = strdup(d->d_name);
		closedir(dir);
	}
	for (i = 0; i < n; i++) {
		snprintf(sub, sizeof(sub), "%s/%s", path, names[i]);
		rm_rf(sub);
		free(names[i]);
	}
	rmdir(path);
}

static int want(int argc, char **argv, const char *s)
{
	int i, any = 0;

	for (i = 2; i < argc; i++) {
		if (strchr(argv[i], '='))
			continue;
		any = 1;
		if (!strcmp(argv[i], s))
			return 1;
	}
	return !any && strcmp(s, "exercise-nommap");
}

static unsigned long opt(int argc, char **argv, const char *key,
			 unsigned long dflt)
{
	size_t n = strlen(key);
	int i;

	for (i = 2; i < argc; i++)
		if (!strncmp(argv[i], key, n) && argv[i][n] == '=')
			return strtoul(argv[i] + n + 1, NULL, 0);
	return dflt;
}

int main(int argc, char **argv)
{
	char work[1024];
	unsigned long seed, ops;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc < 2) {
		fprintf(stderr, "usage: fs-oracle DIR [SECTION...] [seed=N] [ops=N]\n");
		return 2;
	}
	if (argc == 3 && !strcmp(argv[1], "--walk"))
		return walk(argv[2]);
	umask(022);
	snprintf(work, sizeof(work), "%s/fs-oracle.d", argv[1]);
	rm_rf(work);
	if (mkdir(work, 0755) || chdir(work)) {
		printf("fs-oracle: cannot make and enter %s: %s\n", work,
		       ename(errno));
		return 2;
	}
	printf("oracle: begin\n");
	if (want(argc, argv, "files"))
		t_files();
	if (want(argc, argv, "dirs"))
		t_dirs();
	if (want(argc, argv, "links"))
		t_links();
	if (want(argc, argv, "attrs"))
		t_attrs();
	if (want(argc, argv, "io"))
		t_io();
	if (want(argc, argv, "pipes"))
		t_pipes();
	if (want(argc, argv, "mmap"))
		t_mmap();
	if (want(argc, argv, "errors"))
		t_errors();
	seed = opt(argc, argv, "seed", 1);
	ops = opt(argc, argv, "ops", 3000);
	if (want(argc, argv, "dev"))
		t_dev();
	if (want(argc, argv, "exercise"))
		exercise(seed, (int)ops, 1);
	if (want(argc, argv, "exercise-nommap"))
		exercise(seed, (int)ops, 0);
	if (chdir(argv[1]))
		printf("fs-oracle: cannot leave %s: %s\n", work, ename(errno));
	rm_rf(work);
	R(access("fs-oracle.d", F_OK));
	printf("oracle: end\n");
	return 0;
}
