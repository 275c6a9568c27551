/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ext2work: workloads on an ext2 mount through musl's file API, for
 * test/cases/ext2.sh (which makes the images with mkfs.ext2 and checks
 * them with e2fsck and debugfs on the host). appext2work.run= names it:
 *
 *	write   on /var: directories, files whose blocks need the direct,
 *	        single, double and (sparse, past 64 MiB with 1 KiB
 *	        blocks) triple indirect pointers, fast and slow symlinks,
 *	        hard links, renames, unlinks, truncates shrinking and
 *	        growing, a directory of 300 names with every other one
 *	        removed; everything read back; sync(). Prints
 *	        "ext2work: write: ok". The host checks the contents.
 *	list    every file under /var: "path type size fnv1a64" (symlinks:
 *	        their target), sorted by the host, to compare with the same
 *	        listing the host makes of the tree it put in the image.
 *	readall read every file and directory under /var, twice (a bad
 *	        object must fail the same way again, not crash the second
 *	        time); prints each failure as "ext2work: <path>: errno N"
 *	        and "ext2work: readall: N errors".
 *
 * The pattern byte at offset x of a file made with seed s is
 * (x * 131 + s) & 0xff, as test/cases/ext2.sh computes it.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <uk/param.h>

static const char *run = "";
UK_PARAM(run, UK_PARAM_STR, &run, "workload: write, list or readall");

static int fails;

#define CHECK(c, ...) do { if (!(c)) { fails++; printf("ext2work: " \
	__VA_ARGS__); printf(" (%s, errno %d)\n", #c, errno); } } while (0)

static unsigned char buf[1 << 20];

static void fill(unsigned char *b, size_t n, unsigned long long off, int seed)
{
	size_t i;

	for (i = 0; i < n; i++)
		b[i] = ((off + i) * 131 + seed) & 0xff;
}

/* Write len pattern bytes at off (in 1 MiB pieces). */
static void put(const char *path, unsigned long long off, size_t len, int seed)
{
	int fd = open(path, O_WRONLY | O_CREAT, 0644);
	size_t done = 0, n;

	CHECK(fd >= 0, "open %s", path);
	while (fd >= 0 && done < len) {
		n = len - done < sizeof(buf) ? len - done : sizeof(buf);
		fill(buf, n, off + done, seed);
		CHECK(pwrite(fd, buf, n, off + done) == (ssize_t)n,
		      "pwrite %s at %llu", path, off + done);
		done += n;
	}
	if (fd >= 0)
		close(fd);
}

/* Does path hold the pattern over [off, off + len)? */
static void verify(const char *path, unsigned long long off, size_t len,
		   int seed)
{
	static unsigned char want[1 << 16];
	int fd = open(path, O_RDONLY);
	size_t done = 0, n;

	CHECK(fd >= 0, "open %s", path);
	while (fd >= 0 && done < len) {
		n = len - done < sizeof(want) ? len - done : sizeof(want);
		fill(want, n, off + done, seed);
		if (pread(fd, buf, n, off + done) != (ssize_t)n ||
		    memcmp(buf, want, n)) {
			CHECK(0, "%s differs in [%llu, +%zu)", path, off + done,
			      n);
			break;
		}
		done += n;
	}
	if (fd >= 0)
		close(fd);
}

static void w_workload(void)
{
	char name[64], target[201];
	struct stat st;
	int i;

	CHECK(mkdir("/var/d", 0755) == 0, "mkdir /var/d");
	CHECK(mkdir("/var/d/sub", 0700) == 0, "mkdir /var/d/sub");
	put("/var/small", 0, 100, 1);			/* direct */
	put("/var/d/ind", 0, 200 << 10, 2);		/* single indirect */
	put("/var/d/dind", 0, 5 << 20, 3);		/* double indirect */
	put("/var/sparse", 80ULL << 20, 4096, 4);	/* triple (1 KiB) */
	put("/var/gone", 0, 300 << 10, 5);
	CHECK(unlink("/var/gone") == 0, "unlink /var/gone");
	CHECK(symlink("d/ind", "/var/fast") == 0, "symlink fast");
	memset(target, 'x', 200);
	target[200] = 0;
	CHECK(symlink(target, "/var/slow") == 0, "symlink slow");
	CHECK(link("/var/small", "/var/d/hard") == 0, "link");
	CHECK(rename("/var/d/sub", "/var/sub2") == 0, "rename dir");
	put("/var/over", 0, 10, 6);
	put("/var/d/src", 0, 3000, 7);
	CHECK(rename("/var/d/src", "/var/over") == 0, "rename over");
	CHECK(truncate("/var/d/dind", 1000000) == 0, "truncate shrink");
	put("/var/grow", 0, 10, 8);
	CHECK(truncate("/var/grow", 1 << 20) == 0, "truncate grow");
	CHECK(mkdir("/var/many", 0755) == 0, "mkdir many");
	for (i = 0; i < 300; i++) {
		snprintf(name, sizeof(name), "/var/many/file-with-a-long-name-%03d", i);
		put(name, 0, i, i);
	}
	for (i = 1; i < 300; i += 2) {
		snprintf(name, sizeof(name), "/var/many/file-with-a-long-name-%03d", i);
		CHECK(unlink(name) == 0, "unlink %s", name);
	}
	CHECK(rmdir("/var/many") == -1 && errno == ENOTEMPTY, "rmdir non-empty");
	/* A directory removed while it is the cwd: freed at once, its
	 * number not reused while its vnode lives (new objects work, the
	 * old cwd stays empty), e2fsck-clean at the end. */
	CHECK(mkdir("/var/cwd", 0755) == 0 && chdir("/var/cwd") == 0, "cwd");
	CHECK(rmdir("/var/cwd") == 0, "rmdir the cwd");
	CHECK(mkdir("/var/after", 0755) == 0, "mkdir after");
	put("/var/after/f", 0, 5000, 9);
	CHECK(open("new", O_CREAT | O_WRONLY, 0644) == -1 && errno == ENOENT,
	      "create in a removed cwd");
	{
		DIR *dd = opendir(".");
		struct dirent *e;
		int n = 0;

		while (dd && (e = readdir(dd)))
			n++;
		CHECK(dd && n == 0, "removed cwd lists %d entries", n);
		if (dd)
			closedir(dd);
	}
	CHECK(chdir("/") == 0, "chdir /");
	verify("/var/after/f", 0, 5000, 9);
	/* Read it all back. */
	verify("/var/small", 0, 100, 1);
	verify("/var/d/hard", 0, 100, 1);
	verify("/var/d/ind", 0, 200 << 10, 2);
	verify("/var/d/dind", 0, 1000000, 3);
	verify("/var/sparse", 80ULL << 20, 4096, 4);
	verify("/var/over", 0, 3000, 7);
	CHECK(stat("/var/sparse", &st) == 0 && st.st_size == (80 << 20) + 4096,
	      "stat sparse size");
	CHECK(st.st_blocks < 64, "sparse file owns %lld sectors",
	      (long long)st.st_blocks);
	CHECK(stat("/var/small", &st) == 0 && st.st_nlink == 2, "nlink 2");
	CHECK(readlink("/var/slow", name, 1) == 1, "readlink slow");
	CHECK(stat("/var/gone", &st) == -1 && errno == ENOENT, "gone");
	{
		char t[256];
		ssize_t n = readlink("/var/fast", t, sizeof(t));

		CHECK(n == 5 && !memcmp(t, "d/ind", 5), "readlink fast");
		n = readlink("/var/slow", t, sizeof(t));
		CHECK(n == 200 && !memcmp(t, target, 200), "readlink slow");
	}
	sync();
	printf("ext2work: write: %s\n", fails ? "FAILED" : "ok");
}

static unsigned long long fnv(const char *path, off_t *size)
{
	unsigned long long h = 0xcbf29ce484222325ULL;
	ssize_t n, i;
	int fd = open(path, O_RDONLY);

	*size = 0;
	if (fd < 0)
		return 0;
	while ((n = read(fd, buf, sizeof(buf))) > 0) {
		for (i = 0; i < n; i++) {
			h ^= buf[i];
			h *= 0x100000001b3ULL;
		}
		*size += n;
	}
	if (n < 0)
		printf("ext2work: read %s: errno %d\n", path, errno);
	close(fd);
	return h;
}

/* Every name under dir, depth first; list: print, else only read. */
static void walk(const char *dir, int list, int depth)
{
	char path[1024], t[4096];
	struct dirent *de;
	struct stat st;
	DIR *d = opendir(dir);

	if (!d) {
		printf("ext2work: %s: errno %d\n", dir, errno);
		fails++;
		return;
	}
	while ((errno = 0, de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, "..") ||
		    !strcmp(de->d_name, "lost+found"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
		if (lstat(path, &st)) {
			printf("ext2work: %s: errno %d\n", path, errno);
			fails++;
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			if (list)
				printf("list %s d\n", path + 4);
			if (depth < 16)
				walk(path, list, depth + 1);
		} else if (S_ISLNK(st.st_mode)) {
			ssize_t n = readlink(path, t, sizeof(t) - 1);

			if (n < 0) {
				printf("ext2work: %s: errno %d\n", path, errno);
				fails++;
			} else if (list) {
				printf("list %s l %.*s\n", path + 4, (int)n, t);
			}
		} else {
			off_t size;
			unsigned long long h = fnv(path, &size);

			if (size != st.st_size) {
				printf("ext2work: %s: read %lld of %lld bytes\n",
				       path, (long long)size, (long long)st.st_size);
				fails++;
			}
			if (list)
				printf("list %s f %lld %016llx\n", path + 4,
				       (long long)size, h);
		}
	}
	if (errno) {
		printf("ext2work: readdir %s: errno %d\n", dir, errno);
		fails++;
	}
	closedir(d);
}

int main(void)
{
	printf("Hello from test/apps/ext2work\n");	/* bench/boottrace's marker */
	if (!strcmp(run, "write"))
		w_workload();
	else if (!strcmp(run, "list"))
		walk("/var", 1, 0);
	else if (!strcmp(run, "readall")) {
		walk("/var", 0, 0);
		walk("/var", 0, 0);
	}
	else {
		printf("ext2work: appext2work.run= write, list or readall\n");
		return 2;
	}
	printf("ext2work: %s: %d errors\n", run, fails);
	return fails ? 1 : 0;
}
