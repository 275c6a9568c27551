/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfscore's attribute, size and copy calls through the shim: statx,
 * statfs, access, chmod/chown families, utimensat (UTIME_NOW/OMIT),
 * truncate/ftruncate, fsync, fcntl record locks, sendfile,
 * copy_file_range, O_PATH, and the errno Linux gives for each misuse.
 * Under /vfsa, made and removed here.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, ...) sc_(SYS_##n, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sc_(nr, a, b, c, d, e, f, ...) \
	uk_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e), (long)(f))

/* Linux's struct statx, as far as the test reads it */
struct tstatx {
	uint32_t mask, blksize;
	uint64_t attributes;
	uint32_t nlink, uid, gid;
	uint16_t mode, pad;
	uint64_t ino, size, blocks, attributes_mask;
	struct { int64_t sec; uint32_t nsec; int32_t r; } atime, btime, ctime,
							    mtime;
	uint32_t rdev_major, rdev_minor, dev_major, dev_minor;
	uint64_t spare[14];
};

static long mkfile(const char *path, const char *text)
{
	long fd = SC(open, path, O_CREAT | O_RDWR | O_TRUNC, 0644);

	if (fd >= 0 && text)
		SC(write, fd, text, strlen(text));
	return fd;
}

UK_TESTCASE(vfscore, statx_matches_stat)
{
	struct tstatx sx;
	struct stat st;
	long fd;

	SC(mkdir, "/vfsa", 0755);
	fd = mkfile("/vfsa/s", "twelve bytes");
	UK_TEST_ASSERT(fd >= 0);
	UK_TEST_EXPECT_INT_EQ(SC(statx, AT_FDCWD, "/vfsa/s", 0, 0x7ff, &sx), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/s", &st), 0);
	UK_TEST_EXPECT_INT_EQ(sx.mask & 0x7ff, 0x7ff);
	UK_TEST_EXPECT_INT_EQ(sx.size, 12);
	UK_TEST_EXPECT_INT_EQ(sx.ino, st.st_ino);
	UK_TEST_EXPECT_INT_EQ(sx.mode, st.st_mode);
	UK_TEST_EXPECT_INT_EQ(sx.nlink, 1);
	UK_TEST_EXPECT_INT_EQ(sx.mtime.sec, st.st_mtim.tv_sec);
	UK_TEST_EXPECT_INT_EQ(SC(statx, fd, "", AT_EMPTY_PATH, 0x7ff, &sx), 0);
	UK_TEST_EXPECT_INT_EQ(sx.size, 12);
	UK_TEST_EXPECT_INT_EQ(SC(statx, AT_FDCWD, "/vfsa/s", 0x6000, 0x7ff,
				 &sx), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(statx, AT_FDCWD, "/vfsa/s", 0, 0x80000000u,
				 &sx), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(statx, AT_FDCWD, "/vfsa/none", 0, 0x7ff, &sx),
			      -ENOENT);
	SC(close, fd);
	SC(unlink, "/vfsa/s");
	SC(rmdir, "/vfsa");
}

UK_TESTCASE(vfscore, modes_owners_and_times)
{
	struct timespec ts[2];
	struct stat st;
	long fd;

	SC(mkdir, "/vfsa", 0755);
	fd = mkfile("/vfsa/m", "x");
	UK_TEST_EXPECT_INT_EQ(SC(chmod, "/vfsa/m", 04751), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_mode, S_IFREG | 04751);
	UK_TEST_EXPECT_INT_EQ(SC(fchmod, fd, 0600), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fchmodat, AT_FDCWD, "/vfsa/m", 0640), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/m", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_mode & 07777, 0640);
	UK_TEST_EXPECT_INT_EQ(SC(chown, "/vfsa/m", 1000, -1), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fchown, fd, -1, 50), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/m", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_uid, 1000);
	UK_TEST_EXPECT_INT_EQ(st.st_gid, 50);
	UK_TEST_EXPECT_INT_EQ(SC(symlink, "m", "/vfsa/l"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(lchown, "/vfsa/l", 7, 7), 0);
	UK_TEST_EXPECT_INT_EQ(SC(lstat, "/vfsa/l", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_uid, 7);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/m", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_uid, 1000);
	/* utimensat: set both, then OMIT one and NOW the other */
	ts[0].tv_sec = 1000000000;
	ts[0].tv_nsec = 5;
	ts[1].tv_sec = 1234567890;
	ts[1].tv_nsec = 6;
	UK_TEST_EXPECT_INT_EQ(SC(utimensat, AT_FDCWD, "/vfsa/m", ts, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/m", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_atim.tv_sec, 1000000000);
	UK_TEST_EXPECT_INT_EQ(st.st_atim.tv_nsec, 5);
	UK_TEST_EXPECT_INT_EQ(st.st_mtim.tv_sec, 1234567890);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1].tv_nsec = UTIME_NOW;
	UK_TEST_EXPECT_INT_EQ(SC(utimensat, fd, NULL, ts, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/m", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_atim.tv_sec, 1000000000);
	UK_TEST_EXPECT_INT_EQ(st.st_atim.tv_nsec, 5);
	UK_TEST_EXPECT_INT_EQ(st.st_mtim.tv_sec != 1234567890, 1);
	ts[1].tv_nsec = 1000000000;
	UK_TEST_EXPECT_INT_EQ(SC(utimensat, AT_FDCWD, "/vfsa/m", ts, 0),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(utimensat, AT_FDCWD, "/vfsa/m", NULL, 0x4),
			      -EINVAL);
	/* access: root reads and writes anything, runs what has an x bit */
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfsa/m", R_OK | W_OK), 0);
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfsa/m", X_OK), -EACCES);
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfsa", X_OK), 0);
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfsa/none", F_OK), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(access, "/vfsa/m", 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(chmod, "/vfsa/m", 0755), 0);
	UK_TEST_EXPECT_INT_EQ(SC(faccessat, AT_FDCWD, "/vfsa/l", X_OK), 0);
	SC(close, fd);
	SC(unlink, "/vfsa/l");
	SC(unlink, "/vfsa/m");
	SC(rmdir, "/vfsa");
}

UK_TESTCASE(vfscore, sizes_and_syncs)
{
	struct statfs sf;
	struct stat st;
	long fd, ro;

	SC(mkdir, "/vfsa", 0755);
	fd = mkfile("/vfsa/t", "0123456789");
	UK_TEST_EXPECT_INT_EQ(SC(truncate, "/vfsa/t", 4), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 4);
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, fd, 100), 0);
	UK_TEST_EXPECT_INT_EQ(SC(stat, "/vfsa/t", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 100);
	UK_TEST_EXPECT_INT_EQ(SC(truncate, "/vfsa", 0), -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(truncate, "/vfsa/none", 0), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(SC(truncate, "/vfsa/t", -1), -EINVAL);
	ro = SC(open, "/vfsa/t", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, ro, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, 1, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, 60, 0), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(fsync, fd), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fdatasync, ro), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fsync, 60), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(fsync, 1), -EINVAL);
	/* sync_file_range, as Redis's incremental fsync calls it */
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, fd, 0, 4096, 2), 0);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, fd, 0, 0, 7), 0);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, fd, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, fd, 0, 0, 8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, fd, -1, 0, 2), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, fd, 0, -1, 2), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, 60, 0, 0, 2), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(sync_file_range, 60, 0, 0, 0), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(sync, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstatfs, fd, &sf), 0);
	UK_TEST_EXPECT_INT_EQ(sf.f_namelen, 255);
	SC(close, ro);
	/* O_PATH: a handle for *at and fstat, not for I/O */
	ro = SC(open, "/vfsa/t", O_PATH);
	UK_TEST_ASSERT(ro >= 0);
	UK_TEST_EXPECT_INT_EQ(SC(read, ro, &st, 1), -EBADF);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, ro, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 100);
	SC(close, ro);
	SC(close, fd);
	SC(unlink, "/vfsa/t");
	SC(rmdir, "/vfsa");
}

/* fcntl(F_SETLK...) on the struct, what it left in l_type in *type */
static long lk(long fd, int cmd, short type, short whence, off_t start,
	       off_t len, short *left)
{
	struct flock fl;
	long r;

	memset(&fl, 0, sizeof(fl));
	fl.l_type = type;
	fl.l_whence = whence;
	fl.l_start = start;
	fl.l_len = len;
	r = SC(fcntl, fd, cmd, &fl);
	if (left)
		*left = fl.l_type;
	return r;
}

/* One process's record locks never conflict: each well-formed request
 * succeeds, F_GETLK says F_UNLCK; the errors are Linux's (checked
 * against it with the same calls). SQLite's locks are these. */
UK_TESTCASE(vfscore, record_locks)
{
	long fd, ro, wo, p;
	short left = -1;

	SC(mkdir, "/vfsa", 0755);
	fd = mkfile("/vfsa/k", "0123456789");
	ro = SC(open, "/vfsa/k", O_RDONLY);
	wo = SC(open, "/vfsa/k", O_WRONLY);
	UK_TEST_ASSERT(fd >= 0 && ro >= 0 && wo >= 0);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_WRLCK, SEEK_SET, 0, 0, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(ro, F_GETLK, F_WRLCK, SEEK_SET, 0, 0, &left), 0);
	UK_TEST_EXPECT_INT_EQ(left, F_UNLCK);
	UK_TEST_EXPECT_INT_EQ(lk(wo, F_SETLKW, F_WRLCK, SEEK_SET, 0, 0, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 0x40000000, 1,
				 NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_UNLCK, SEEK_SET, 0, 0, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_GETLK, F_UNLCK, SEEK_SET, 0, 0, NULL),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, 7, SEEK_SET, 0, 0, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, 9, 0, 0, NULL), -EINVAL);
	/* to set a lock the file must be open for it; to ask, not */
	UK_TEST_EXPECT_INT_EQ(lk(ro, F_SETLK, F_WRLCK, SEEK_SET, 0, 0, NULL), -EBADF);
	UK_TEST_EXPECT_INT_EQ(lk(ro, F_GETLK, F_WRLCK, SEEK_SET, 0, 0, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(wo, F_SETLK, F_RDLCK, SEEK_SET, 0, 0, NULL), -EBADF);
	/* ranges: from 0 on, the end within off_t */
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, -1, 0, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_END, -11, 0, NULL),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_END, -10, 0, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 4, -5, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, 4, -4, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_SET, LLONG_MAX, 2,
				 NULL), -EOVERFLOW);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_END, LLONG_MAX, 0,
				 NULL), -EOVERFLOW);
	SC(lseek, fd, 8, SEEK_SET);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_CUR, -9, 0, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_SETLK, F_RDLCK, SEEK_CUR, -8, 0, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fcntl, fd, F_SETLK, 0), -EFAULT);
	/* open file description locks are not provided */
	UK_TEST_EXPECT_INT_EQ(lk(fd, F_OFD_SETLK, F_WRLCK, SEEK_SET, 0, 0, NULL),
			      -EINVAL);
	p = SC(open, "/vfsa/k", O_PATH);
	UK_TEST_EXPECT_INT_EQ(lk(p, F_SETLK, F_RDLCK, SEEK_SET, 0, 0, NULL), -EBADF);
	SC(close, p);
	SC(close, wo);
	SC(close, ro);
	SC(close, fd);
	SC(unlink, "/vfsa/k");
	SC(rmdir, "/vfsa");
}

UK_TESTCASE(vfscore, sendfile_and_copy_file_range)
{
	char buf[32];
	long in, out, d;
	off_t off;

	SC(mkdir, "/vfsa", 0755);
	in = mkfile("/vfsa/in", "abcdefghijklmnopqrstuvwxyz");
	out = mkfile("/vfsa/out", NULL);
	SC(lseek, in, 0, SEEK_SET);
	/* from the file position: it moves */
	UK_TEST_EXPECT_INT_EQ(SC(sendfile, out, in, NULL, 5), 5);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, in, 0, SEEK_CUR), 5);
	/* from *offset: it moves, the position does not */
	off = 20;
	UK_TEST_EXPECT_INT_EQ(SC(sendfile, out, in, &off, 100), 6);
	UK_TEST_EXPECT_INT_EQ(off, 26);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, in, 0, SEEK_CUR), 5);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, out, buf, sizeof(buf), 0), 11);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "abcdeuvwxyz", 11), 0);
	/* the console takes it too (a file without lseek) */
	off = 0;
	UK_TEST_EXPECT_INT_EQ(SC(sendfile, 1, in, &off, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(sendfile, in, 1, NULL, 1), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(sendfile, out, 60, NULL, 1), -EBADF);
	/* copy_file_range between two files, offsets or positions */
	off = 10;
	UK_TEST_EXPECT_INT_EQ(SC(copy_file_range, in, &off, out, NULL, 3, 0),
			      3);
	UK_TEST_EXPECT_INT_EQ(off, 13);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, out, buf, sizeof(buf), 0), 14);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "abcdeuvwxyzklm", 14), 0);
	off = 26;	/* at the end: nothing */
	UK_TEST_EXPECT_INT_EQ(SC(copy_file_range, in, &off, out, NULL, 3, 0),
			      0);
	UK_TEST_EXPECT_INT_EQ(SC(copy_file_range, in, NULL, out, NULL, 3, 1),
			      -EINVAL);
	off = 0;
	UK_TEST_EXPECT_INT_EQ(SC(copy_file_range, in, &off, in, NULL, 10, 0),
			      -EINVAL);	/* the same file, overlapping */
	d = SC(open, "/vfsa", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(copy_file_range, d, NULL, out, NULL, 3, 0),
			      -EISDIR);
	UK_TEST_EXPECT_INT_EQ(SC(copy_file_range, 1, NULL, out, NULL, 3, 0),
			      -EINVAL);
	SC(close, d);
	SC(close, in);
	SC(close, out);
	SC(unlink, "/vfsa/in");
	SC(unlink, "/vfsa/out");
	SC(rmdir, "/vfsa");
}
