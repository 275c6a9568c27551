/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore through the system calls, as musl makes them (uk_syscall, so
 * each result is the value or -errno Linux returns). Everything happens
 * under /vfst, made and removed by each case, on whatever is mounted on
 * / (ramfs in test/cases/vfs.sh); the mount cases add a ramfs at
 * /vfst/m. Each expected errno is the one Linux 6.1 gives on tmpfs.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/statfs.h>
#include <sys/statvfs.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/syscall.h>
#include <uk/test.h>
#include <uk/vfs.h>

#define SC(n, ...) sc_(SYS_##n, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sc_(nr, a, b, c, d, e, f, ...) \
	uk_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e), (long)(f))

static long put(const char *path, const char *text)
{
	long fd = SC(open, path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
	long r;

	if (fd < 0)
		return fd;
	r = SC(write, fd, text, strlen(text));
	SC(close, fd);
	return r;
}

/* The whole file into buf (NUL-terminated); length or -errno */
static long get(const char *path, char *buf, size_t len)
{
	long fd = SC(open, path, O_RDONLY), r;

	if (fd < 0)
		return fd;
	r = SC(read, fd, buf, len - 1);
	SC(close, fd);
	if (r >= 0)
		buf[r] = '\0';
	return r;
}

/* rm -r of /vfst, by the calls under test (a failing case may leave
 * things behind; the next starts clean) */
static void rm_tree(const char *path)
{
	char buf[512], sub[PATH_MAX];
	long fd, n, at;
	struct stat st;

	if (SC(lstat, path, &st) < 0)
		return;
	if (!S_ISDIR(st.st_mode)) {
		SC(unlink, path);
		return;
	}
	SC(umount2, path, 0);
	fd = SC(open, path, O_RDONLY | O_DIRECTORY);
	while (fd >= 0 && (n = SC(getdents64, fd, buf, sizeof(buf))) > 0) {
		for (at = 0; at < n;) {
			unsigned short reclen = *(unsigned short *)(buf + at + 16);
			const char *name = buf + at + 19;

			if (strcmp(name, ".") && strcmp(name, "..")) {
				snprintf(sub, sizeof(sub), "%s/%s", path, name);
				rm_tree(sub);
				SC(lseek, fd, 0, SEEK_SET);
			}
			at += reclen;
		}
	}
	if (fd >= 0)
		SC(close, fd);
	SC(rmdir, path);
}

static void fresh(void)
{
	SC(chdir, "/");
	rm_tree("/vfst");
	SC(mkdir, "/vfst", 0755);
}

UK_TESTCASE(vfscore, create_write_read_back)
{
	char buf[64];
	struct stat st;
	long fd;

	fresh();
	UK_TEST_EXPECT_INT_EQ(put("/vfst/a", "hello, files"), 12);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/a", buf, sizeof(buf)), 12);
	UK_TEST_EXPECT_STR_EQ(buf, "hello, files");
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/a", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 12);
	UK_TEST_EXPECT_INT_EQ(st.st_mode, S_IFREG | 0644);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 1);
	/* O_APPEND writes at the end whatever the position */
	fd = SC(open, "/vfst/a", O_WRONLY | O_APPEND);
	UK_TEST_ASSERT(fd >= 0);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_SET), 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "!", 1), 1);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_CUR), 13);
	SC(close, fd);
	/* pread does not move the position; a read past the end is 0 */
	fd = SC(open, "/vfst/a", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, 5, 7), 5);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "files", 5), 0);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_CUR), 0);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 100, SEEK_SET), 100);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, buf, 5), 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "x", 1), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, -1, SEEK_SET), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 13);
	SC(close, fd);
	/* O_TRUNC empties it */
	fd = SC(open, "/vfst/a", O_RDWR | O_TRUNC);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 0);
	SC(close, fd);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, open_errors_are_linuxs)
{
	char name[NAME_MAX + 2];
	long fd;

	fresh();
	UK_TEST_EXPECT_INT_EQ(put("/vfst/f", "x"), 1);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/missing", O_RDONLY), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/no/such", O_CREAT | O_RDWR, 0644),
			      -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/f", O_CREAT | O_EXCL | O_RDWR,
				 0644), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/f/x", O_RDONLY), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/f/", O_RDONLY), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/f", O_RDONLY | O_DIRECTORY),
			      -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst", O_RDWR), -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst", O_CREAT | O_RDONLY, 0644),
			      -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/new/", O_CREAT | O_RDWR, 0644),
			      -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(open, "", O_RDONLY), -ENOENT);
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	UK_TEST_EXPECT_INT_EQ(SC(open, name, O_CREAT | O_RDWR, 0644),
			      -ENAMETOOLONG);
	/* A directory opens read-only; read on it is EISDIR */
	fd = SC(open, "/vfst", O_RDONLY);
	UK_TEST_ASSERT(fd >= 0);
	UK_TEST_EXPECT_INT_EQ(SC(read, fd, name, 1), -EISDIR);
	SC(close, fd);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, directories_and_getdents)
{
	char buf[256];
	long fd, n, at;
	int seen = 0, dots = 0;
	struct stat st;

	fresh();
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/d", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/d", 0755), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/x/y", 0755), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/d/..", 0755), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/d/one", "1"), 1);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/d/two", "22"), 2);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/d/sub/", 0700), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/d", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 3);	/* ., its name, sub's .. */
	fd = SC(open, "/vfst/d", O_RDONLY | O_DIRECTORY);
	UK_TEST_ASSERT(fd >= 0);
	/* A buffer too small for one entry: EINVAL */
	UK_TEST_EXPECT_INT_EQ(SC(getdents64, fd, buf, 10), -EINVAL);
	while ((n = SC(getdents64, fd, buf, 48)) > 0) {
		for (at = 0; at < n;
		     at += *(unsigned short *)(buf + at + 16)) {
			const char *name = buf + at + 19;
			unsigned char type = *(unsigned char *)(buf + at + 18);

			if (!strcmp(name, ".") || !strcmp(name, ".."))
				dots++;
			else if (!strcmp(name, "one") && type == DT_REG)
				seen |= 1;
			else if (!strcmp(name, "two") && type == DT_REG)
				seen |= 2;
			else if (!strcmp(name, "sub") && type == DT_DIR)
				seen |= 4;
			else
				seen |= 8;
		}
	}
	UK_TEST_EXPECT_INT_EQ(n, 0);
	UK_TEST_EXPECT_INT_EQ(seen, 7);
	UK_TEST_EXPECT_INT_EQ(dots, 2);
	SC(close, fd);
	UK_TEST_EXPECT_INT_EQ(SC(getdents64, 0, buf, sizeof(buf)), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/vfst/d"), -ENOTEMPTY);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/vfst/d/one"), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/vfst/d/sub/."), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/vfst/d/sub/.."), -ENOTEMPTY);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/"), -EBUSY);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/vfst/d/sub"), -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/vfst/d/one/"), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/vfst/d/sub/"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/vfst/d/one"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/vfst/d/one"), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/d", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 2);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, dot_dot_and_symlinks)
{
	char buf[64];
	struct stat st, st2;
	int i;

	fresh();
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/a", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/a/b", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/a/b/f", "deep"), 4);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/a/b/../b/./f", buf, sizeof(buf)), 4);
	UK_TEST_EXPECT_INT_EQ(get("/../../vfst/a//b/f", buf, sizeof(buf)), 4);
	/* relative, absolute, chained and dangling links */
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "a/b", "/vfst/rel"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "/vfst/a/b/f", "/vfst/abs"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "rel/f", "/vfst/chain"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "nowhere", "/vfst/dangling"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "x", "/vfst/rel"), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "", "/vfst/empty"), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/rel/f", buf, sizeof(buf)), 4);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/abs", buf, sizeof(buf)), 4);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/chain", buf, sizeof(buf)), 4);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/rel/../b/f", buf, sizeof(buf)), 4);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/dangling", buf, sizeof(buf)),
			      -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(readlink, "/vfst/chain", buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "rel/f", 5), 0);
	UK_TEST_EXPECT_INT_EQ(SC(readlink, "/vfst/chain", buf, 3), 3);
	UK_TEST_EXPECT_INT_EQ(SC(readlink, "/vfst/a", buf, 3), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/abs", &st), 0);
	UK_TEST_EXPECT_INT_EQ(SC(lstat, "/vfst/abs", &st2), 0);
	UK_TEST_EXPECT_INT_EQ(S_ISREG(st.st_mode), 1);
	UK_TEST_EXPECT_INT_EQ(S_ISLNK(st2.st_mode), 1);
	UK_TEST_EXPECT_INT_EQ(st2.st_size, 11);
	/* O_CREAT through a dangling link makes its target */
	UK_TEST_EXPECT_INT_EQ(put("/vfst/dangling", "made"), 4);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/nowhere", buf, sizeof(buf)), 4);
	/* O_NOFOLLOW on a link: ELOOP; O_EXCL does not follow: EEXIST */
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/abs", O_RDONLY | O_NOFOLLOW),
			      -ELOOP);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/abs", O_CREAT | O_EXCL | O_RDWR,
				 0644), -EEXIST);
	/* A loop and a chain of 41 stop at Linux's limit of 40 */
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "loop2", "/vfst/loop1"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "loop1", "/vfst/loop2"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/loop1", &st), -ELOOP);
	UK_TEST_EXPECT_INT_EQ(SC(lstat, "/vfst/loop1", &st), 0);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "a/b/f", "/vfst/l0"), 0);
	for (i = 1; i <= 41; i++) {
		char from[16], to[16];

		snprintf(from, sizeof(from), "l%d", i - 1);
		snprintf(to, sizeof(to), "/vfst/l%d", i);
		UK_TEST_EXPECT_INT_EQ(SC(symlink, from, to), 0);
	}
	/* l39 -> ... -> l0 -> file: 40 links, fine; l40: 41 */
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/l39", &st), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/l40", &st), -ELOOP);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, rename_variants)
{
	char buf[64];
	struct stat st;

	fresh();
	UK_TEST_EXPECT_INT_EQ(put("/vfst/a", "A"), 1);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/b", "B"), 1);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/d", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/e", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/e/x", "x"), 1);
	/* over a file: the old one goes */
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/a", "/vfst/b"), 0);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/b", buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_STR_EQ(buf, "A");
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/a", &st), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/a", "/vfst/c"), -ENOENT);
	/* kinds that do not fit */
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/b", "/vfst/d"), -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/d", "/vfst/b"), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/d", "/vfst/e"), -ENOTEMPTY);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/d", "/vfst/d/in"), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/b/", "/vfst/c"), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/.", "/vfst/z"), -EBUSY);
	/* a directory moves with what is in it; its ".." follows */
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/e", "/vfst/d/e2"), 0);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/d/e2/x", buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/d/e2/../e2/x", &st), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/d", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 3);
	/* renameat2: NOREPLACE, EXCHANGE, and flags that do not mix */
	UK_TEST_EXPECT_INT_EQ(put("/vfst/c", "C"), 1);
	UK_TEST_EXPECT_INT_EQ(SC(renameat2, AT_FDCWD, "/vfst/b", AT_FDCWD,
				 "/vfst/c", RENAME_NOREPLACE), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(SC(renameat2, AT_FDCWD, "/vfst/b", AT_FDCWD,
				 "/vfst/c", RENAME_EXCHANGE), 0);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/b", buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_STR_EQ(buf, "C");
	UK_TEST_EXPECT_INT_EQ(get("/vfst/c", buf, sizeof(buf)), 1);
	UK_TEST_EXPECT_STR_EQ(buf, "A");
	UK_TEST_EXPECT_INT_EQ(SC(renameat2, AT_FDCWD, "/vfst/b", AT_FDCWD,
				 "/vfst/none", RENAME_EXCHANGE), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(renameat2, AT_FDCWD, "/vfst/b", AT_FDCWD,
				 "/vfst/c",
				 RENAME_EXCHANGE | RENAME_NOREPLACE), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(renameat2, AT_FDCWD, "/vfst/b", AT_FDCWD,
				 "/vfst/new", RENAME_NOREPLACE), 0);
	/* two names of one file: nothing happens, both stay */
	UK_TEST_EXPECT_INT_EQ(SC(link, "/vfst/new", "/vfst/new2"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/new", "/vfst/new2"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/new", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 2);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, hard_links_share_one_file)
{
	struct stat a, b;
	char buf[16];
	long fd;

	fresh();
	UK_TEST_EXPECT_INT_EQ(put("/vfst/a", "one"), 3);
	UK_TEST_EXPECT_INT_EQ(SC(link, "/vfst/a", "/vfst/b"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(link, "/vfst/a", "/vfst/b"), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(SC(link, "/vfst", "/vfst/dirlink"), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(link, "/vfst/none", "/vfst/c"), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/a", &a), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/b", &b), 0);
	UK_TEST_EXPECT_INT_EQ(a.st_ino, b.st_ino);
	UK_TEST_EXPECT_INT_EQ(a.st_nlink, 2);
	/* An open file outlives its last name */
	fd = SC(open, "/vfst/b", O_RDWR);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/vfst/a"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/vfst/b"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &a), 0);
	UK_TEST_EXPECT_INT_EQ(a.st_nlink, 0);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, sizeof(buf), 0), 3);
	/* linkat(AT_EMPTY_PATH) of a removed file: ENOENT, as Linux */
	UK_TEST_EXPECT_INT_EQ(SC(linkat, fd, "", AT_FDCWD, "/vfst/back",
				 AT_EMPTY_PATH), -ENOENT);
	SC(close, fd);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, at_calls_and_cwd)
{
	char buf[PATH_MAX];
	struct stat st;
	long dfd, fd;

	fresh();
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/w", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/w/in", 0755), 0);
	dfd = SC(open, "/vfst/w", O_RDONLY | O_DIRECTORY);
	UK_TEST_ASSERT(dfd >= 0);
	fd = SC(openat, dfd, "f", O_CREAT | O_RDWR, 0600);
	UK_TEST_ASSERT(fd >= 0);
	UK_TEST_EXPECT_INT_EQ(SC(write, fd, "at", 2), 2);
	UK_TEST_EXPECT_INT_EQ(SC(openat, fd, "x", O_RDONLY), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(openat, 55, "x", O_RDONLY), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(newfstatat, dfd, "f", &st, 0), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 2);
	UK_TEST_EXPECT_INT_EQ(SC(newfstatat, fd, "", &st, AT_EMPTY_PATH), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 2);
	UK_TEST_EXPECT_INT_EQ(SC(newfstatat, fd, "", &st, 0), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(newfstatat, dfd, "f", &st, 0x10000), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(symlinkat, "f", dfd, "l"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(newfstatat, dfd, "l", &st,
				 AT_SYMLINK_NOFOLLOW), 0);
	UK_TEST_EXPECT_INT_EQ(S_ISLNK(st.st_mode), 1);
	UK_TEST_EXPECT_INT_EQ(SC(mkdirat, dfd, "d2", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(SC(renameat, dfd, "d2", dfd, "d3"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(unlinkat, dfd, "d3", 0), -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(unlinkat, dfd, "d3", AT_REMOVEDIR), 0);
	UK_TEST_EXPECT_INT_EQ(SC(unlinkat, dfd, "l", 0x1), -EINVAL);
	SC(close, fd);
	/* cwd: relative paths start there; getcwd names it */
	UK_TEST_EXPECT_INT_EQ(SC(chdir, "/vfst/w/in"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getcwd, buf, sizeof(buf)), 11);
	UK_TEST_EXPECT_STR_EQ(buf, "/vfst/w/in");
	UK_TEST_EXPECT_INT_EQ(SC(getcwd, buf, 5), -ERANGE);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "../f", &st), 0);
	UK_TEST_EXPECT_INT_EQ(SC(chdir, "../f"), -ENOTDIR);
	UK_TEST_EXPECT_INT_EQ(SC(fchdir, dfd), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getcwd, buf, sizeof(buf)), 8);
	UK_TEST_EXPECT_STR_EQ(buf, "/vfst/w");
	/* a rename above the cwd shows in getcwd */
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/w", "/vfst/v"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getcwd, buf, sizeof(buf)), 8);
	UK_TEST_EXPECT_STR_EQ(buf, "/vfst/v");
	UK_TEST_EXPECT_INT_EQ(SC(chdir, "/"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getcwd, buf, sizeof(buf)), 2);
	UK_TEST_EXPECT_STR_EQ(buf, "/");
	SC(close, dfd);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, umask_applies_to_new_files)
{
	struct stat st;

	fresh();
	UK_TEST_EXPECT_INT_EQ(SC(umask, 077), 022);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/u", ""), 0);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/ud", 0777), 0);
	UK_TEST_EXPECT_INT_EQ(SC(umask, 022), 077);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/u", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_mode & 07777, 0600);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/ud", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_mode & 07777, 0700);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, mounts_are_crossed_both_ways)
{
	char buf[PATH_MAX];
	struct stat top, in;

	fresh();
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/m", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/m/hidden", "under"), 5);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("ramfs", "", "/vfst/m", 0, ""), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("nosuchfs", "", "/vfst", 0, ""),
			      -ENODEV);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("ramfs", "", "/vfst/none", 0, ""),
			      -ENOENT);
	/* the covered directory's file is out of sight */
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/m/hidden", &in), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/m/new", "on top"), 6);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst", &top), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/m/new", &in), 0);
	UK_TEST_EXPECT_INT_EQ(top.st_dev == in.st_dev, 0);
	/* ".." from the mount's root is the directory above the mount */
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/m/..", &in), 0);
	UK_TEST_EXPECT_INT_EQ(in.st_ino, top.st_ino);
	UK_TEST_EXPECT_INT_EQ(in.st_dev, top.st_dev);
	UK_TEST_EXPECT_INT_EQ(SC(chdir, "/vfst/m"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getcwd, buf, sizeof(buf)), 8);
	UK_TEST_EXPECT_STR_EQ(buf, "/vfst/m");
	/* a link or rename across the two is EXDEV; rmdir, EBUSY */
	UK_TEST_EXPECT_INT_EQ(SC(link, "/vfst/m/new", "/vfst/l"), -EXDEV);
	UK_TEST_EXPECT_INT_EQ(SC(rename, "/vfst/m/new", "/vfst/l"), -EXDEV);
	UK_TEST_EXPECT_INT_EQ(SC(rmdir, "/vfst/m"), -EBUSY);
	/* busy while the cwd is in it */
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/vfst/m"), -EBUSY);
	UK_TEST_EXPECT_INT_EQ(SC(chdir, "/"), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/vfst/m"), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/vfst/m"), -EINVAL);
	/* mounts stack, as on Linux; each umount takes the top one */
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("ramfs", "", "/vfst/m", 0, ""), 0);
	UK_TEST_EXPECT_INT_EQ(put("/vfst/m/low", "1"), 1);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("ramfs", "", "/vfst/m", 0, ""), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/m/low", &in), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/vfst/m"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfst/m/low", &in), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/vfst/m"), 0);
	UK_TEST_EXPECT_INT_EQ(get("/vfst/m/hidden", buf, sizeof(buf)), 5);
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, kernel_calls_work_from_the_root)
{
	struct stat st;
	char buf[16];
	int fd;

	fresh();
	SC(chdir, "/vfst");
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mkdir("vfst/k", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_symlink("k", "/vfst/kl"), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mknod("/vfst/k/node", S_IFIFO | 0600, 0),
			      0);
	fd = uk_vfs_open("/vfst/kl/file", O_CREAT | O_WRONLY, 0644);
	UK_TEST_ASSERT(fd >= 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_write(fd, "kernel", 6), 6);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_close(fd), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_link("/vfst/k/file", "/vfst/k/file2"), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_stat("/vfst/kl", &st), 0);
	UK_TEST_EXPECT_INT_EQ(S_ISLNK(st.st_mode), 1);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_stat("/vfst/k/node", &st), 0);
	UK_TEST_EXPECT_INT_EQ(S_ISFIFO(st.st_mode), 1);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_chmod("/vfst/k/file", 0400), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_stat("/vfst/k/file2", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_mode, S_IFREG | 0400);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 2);
	fd = uk_vfs_open("/vfst/k/file2", O_RDONLY, 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd, buf, sizeof(buf)), 6);
	uk_vfs_close(fd);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_unlink("/vfst/k/file"), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_unlink("/vfst/k/file"), -ENOENT);
	SC(chdir, "/");
	rm_tree("/vfst");
}

UK_TESTCASE(vfscore, read_only_mounts_refuse_changes)
{
	struct statfs sf;
	struct stat st;
	long fd;

	fresh();
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/ro", 0755), 0);
	UK_TEST_ASSERT(uk_vfs_mount("ramfs", "", "/vfst/ro", MS_RDONLY, "")
		       == 0);
	UK_TEST_EXPECT_INT_EQ(SC(open, "/vfst/ro/f", O_CREAT | O_RDWR, 0644),
			      -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/ro/d", 0755), -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "x", "/vfst/ro/l"), -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(mknod, "/vfst/ro/n", S_IFIFO | 0600, 0),
			      -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(chmod, "/vfst/ro", 0700), -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(utimensat, AT_FDCWD, "/vfst/ro", NULL, 0),
			      -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfst/ro", W_OK), -EROFS);
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfst/ro", R_OK | X_OK), 0);
	/* an existing name is EEXIST before EROFS, as on Linux */
	UK_TEST_EXPECT_INT_EQ(SC(mkdir, "/vfst/ro/..", 0755), -EEXIST);
	UK_TEST_EXPECT_INT_EQ(SC(statfs, "/vfst/ro", &sf), 0);
	UK_TEST_EXPECT_INT_EQ(sf.f_flags & ST_RDONLY, ST_RDONLY);
	fd = SC(open, "/vfst/ro", O_RDONLY | O_DIRECTORY);
	UK_TEST_EXPECT_INT_EQ(fd >= 0, 1);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	SC(close, fd);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/vfst/ro"), 0);
	rm_tree("/vfst");
}
