/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Section "attrs": the stat family (stat, fstat, lstat, fstatat with
 * AT_SYMLINK_NOFOLLOW and AT_EMPTY_PATH, statx), statfs/fstatfs (what
 * every fs must agree on, not f_type), chmod/fchmod/fchmodat, the chown
 * family (as root: the ids are taken), utimensat/futimens (explicit
 * times, UTIME_OMIT, UTIME_NOW as a property), access/faccessat, umask,
 * and the times a write and a directory change move.
 */
#include "oracle.h"
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/statfs.h>
#include <sys/syscall.h>

/* struct statx (Linux's ABI; musl 1.2.3 has no statx()) */
struct sx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad1;
	uint64_t ino, size, blocks, attributes_mask;
	struct { int64_t sec; uint32_t nsec; int32_t pad; } atime, btime,
		ctime, mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};
#define SX_BASIC 0x7ffU

static void times_of(const char *path)
{
	struct stat st;

	if (lstat(path, &st)) {
		printf("times(\"%s\") = -1 %s\n", path, ename(errno));
		return;
	}
	printf("times(\"%s\"): atime=%lld.%09ld mtime=%lld.%09ld\n", path,
	       (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

static void stats(void)
{
	struct stat st, st2;
	struct statfs sf, sf2;
	struct sx x;
	int fd, dfd;

	printf("attrs: stat family\n");
	R(mkdir("s", 0755));
	put("s/f", "12345");
	R(symlink("f", "s/l"));
	R(fd = open("s/f", O_RDONLY));
	R(fstat(fd, &st));
	pstat("fstat(s/f)", &st);
	R(stat("s/f", &st2));
	printf("fstat and stat agree on st_dev, st_ino: %s\n",
	       st.st_dev == st2.st_dev && st.st_ino == st2.st_ino ? "yes" : "NO");
	R(dfd = open("s", O_RDONLY | O_DIRECTORY));
	R(fstatat(dfd, "l", &st, 0));
	pstat("fstatat(l)", &st);
	R(fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW));
	pstat("fstatat(l, NOFOLLOW)", &st);
	R(fstatat(fd, "", &st, AT_EMPTY_PATH));
	pstat("fstatat(fd, \"\", EMPTY_PATH)", &st);
	R(fstatat(dfd, "l", &st, 0x12345));
	R(fstatat(fd, "x", &st, 0));
	R(fstat(99, &st));
	memset(&x, 0, sizeof(x));
	R(syscall(SYS_statx, dfd, "f", 0, SX_BASIC, &x));
	printf("statx: mask has basic=%s mode=0%o nlink=%u size=%llu uid=%u\n",
	       (x.mask & SX_BASIC) == SX_BASIC ? "yes" : "NO", x.mode,
	       x.nlink, (unsigned long long)x.size, x.uid);
	printf("statx agrees with stat on ino: %s\n",
	       x.ino == st2.st_ino ? "yes" : "NO");
	R(syscall(SYS_statx, dfd, "l", 0x100, SX_BASIC, &x));
	printf("statx(l, NOFOLLOW): mode=0%o size=%llu\n", x.mode,
	       (unsigned long long)x.size);
	R(syscall(SYS_statx, dfd, "nonexistent", 0, SX_BASIC, &x));
	printf("attrs: statfs\n");
	R(statfs("s", &sf));
	R(fstatfs(fd, &sf2));
	printf("statfs: bsize > 0: %s, namelen %ld, same fs as fstatfs: %s\n",
	       sf.f_bsize > 0 ? "yes" : "NO", (long)sf.f_namelen,
	       sf.f_type == sf2.f_type ? "yes" : "NO");
	R(statfs("nonexistent", &sf));
	R(fstatfs(99, &sf));
	R(close(fd));
	R(close(dfd));
}

static void modes(void)
{
	int fd;

	printf("attrs: modes and owners\n");
	R(chmod("s/f", 0600));
	show("s/f");
	R(chmod("s/l", 04755));
	show("s/f");
	lshow("s/l");
	R(fd = open("s/f", O_RDONLY));
	R(fchmod(fd, 0640));
	show("s/f");
	R(fchmodat(AT_FDCWD, "s/f", 01777, 0));
	show("s/f");
	R(fchmodat(AT_FDCWD, "s/l", 0644, AT_SYMLINK_NOFOLLOW));
	R(chmod("s/nonexistent", 0644));
	R(chown("s/f", 1000, 1001));
	show("s/f");
	R(fchown(fd, -1, 1002));
	show("s/f");
	R(lchown("s/l", 1003, 1004));
	lshow("s/l");
	show("s/l");
	R(fchownat(AT_FDCWD, "s/l", 0, 0, 0));
	show("s/f");
	R(chown("s/nonexistent", 0, 0));
	R(close(fd));
	R(fchmod(fd, 0644));
	R(access("s/f", F_OK));
	R(access("s/f", R_OK | W_OK));
	R(access("s/nonexistent", F_OK));
	R(access("s/f/x", F_OK));
	R(access("s/f", 0x40));
	R(faccessat(AT_FDCWD, "s/l", F_OK, AT_SYMLINK_NOFOLLOW));
	R(chmod("s/f", 0644));
	R(umask(077));
	put("s/u", "u");
	R(mkdir("s/ud", 0777));
	show("s/u");
	show("s/ud");
	R(umask(022));
}

static void times(void)
{
	struct timespec ts[2] = {
		{ .tv_sec = 1000000000, .tv_nsec = 123456789 },
		{ .tv_sec = 1200000000, .tv_nsec = 5000 },
	};
	struct stat a, b;
	int fd;

	printf("attrs: times\n");
	R(utimensat(AT_FDCWD, "s/f", ts, 0));
	times_of("s/f");
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_sec = 1300000000;
	R(utimensat(AT_FDCWD, "s/f", ts, 0));
	times_of("s/f");
	ts[0].tv_nsec = 7;
	R(utimensat(AT_FDCWD, "s/l", ts, AT_SYMLINK_NOFOLLOW));
	times_of("s/l");
	ts[0].tv_nsec = 1000000000;
	R(utimensat(AT_FDCWD, "s/f", ts, 0));
	R(utimensat(AT_FDCWD, "s/nonexistent", NULL, 0));
	R(fd = open("s/f", O_RDWR));
	ts[0].tv_sec = 10;
	ts[0].tv_nsec = 0;
	ts[1].tv_sec = 20;
	ts[1].tv_nsec = 0;
	R(futimens(fd, ts));
	times_of("s/f");
	R(utimensat(AT_FDCWD, "s/f", NULL, 0));
	lstat("s/f", &a);
	printf("utimensat(NULL) moved mtime past 20: %s\n",
	       a.st_mtim.tv_sec > 20 ? "yes" : "NO");
	R(futimens(fd, ts));
	R(write(fd, "w", 1));
	lstat("s/f", &a);
	printf("write moved mtime: %s\n", a.st_mtim.tv_sec > 20 ? "yes" : "NO");
	R(close(fd));
	R(utimensat(AT_FDCWD, "s", ts, 0));
	put("s/new", "n");
	lstat("s", &b);
	printf("creating an entry moved the directory's mtime: %s\n",
	       b.st_mtim.tv_sec > 20 ? "yes" : "NO");
}

void t_attrs(void)
{
	stats();
	modes();
	times();
}
