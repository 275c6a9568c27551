/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ramfs through the system calls, on a ramfs of the test's own mounted
 * on /rt (so it also runs when / is something else): holes, truncate,
 * fallocate, SEEK_DATA/SEEK_HOLE, readdir resuming after removals, and
 * memory given back when the last name and the last descriptor go.
 */
#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <uk/syscall.h>
#include <uk/test.h>
#include <uk/vfs.h>

#define SC(n, ...) sc_(SYS_##n, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sc_(nr, a, b, c, d, e, f, ...) \
	uk_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e), (long)(f))

static int setup(void)
{
	SC(mkdir, "/rt", 0755);
	return uk_vfs_mount("ramfs", "", "/rt", 0, "");
}

static void teardown(void)
{
	uk_vfs_umount("/rt");
	SC(rmdir, "/rt");
}

UK_TESTCASE(ramfs, holes_read_as_zeroes_and_cost_nothing)
{
	static char buf[8192];
	struct stat st;
	long fd;

	UK_TEST_ASSERT(setup() == 0);
	fd = SC(open, "/rt/sparse", O_CREAT | O_RDWR, 0644);
	UK_TEST_ASSERT(fd >= 0);
	/* one byte at 1 MiB: one page allocated, the rest holes */
	UK_TEST_EXPECT_INT_EQ(SC(pwrite64, fd, "z", 1, 1 << 20), 1);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, (1 << 20) + 1);
	UK_TEST_EXPECT_INT_EQ(st.st_blocks, 8);
	memset(buf, 0xff, sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, sizeof(buf), 4096),
			      (long)sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(buf[0] | buf[4095] | buf[8191], 0);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_DATA), 1 << 20);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_HOLE), 0);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 1 << 20, SEEK_HOLE),
			      (1 << 20) + 1);
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, (1 << 20) + 1, SEEK_DATA),
			      -ENXIO);
	/* shrink into the page and grow again: the cut bytes are zero */
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, fd, 1 << 20), 0);
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, fd, (1 << 20) + 1), 0);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, 1, 1 << 20), 1);
	UK_TEST_EXPECT_INT_EQ(buf[0], 0);
	UK_TEST_EXPECT_INT_EQ(SC(ftruncate, fd, -1), -EINVAL);
	SC(close, fd);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/rt/sparse"), 0);
	teardown();
}

UK_TESTCASE(ramfs, fallocate_and_punch_hole)
{
	char buf[4096];
	struct stat st;
	long fd;

	UK_TEST_ASSERT(setup() == 0);
	fd = SC(open, "/rt/f", O_CREAT | O_RDWR, 0644);
	UK_TEST_ASSERT(fd >= 0);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, 0, 0, 3 * 4096), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 3 * 4096);
	UK_TEST_EXPECT_INT_EQ(st.st_blocks, 24);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, FALLOC_FL_KEEP_SIZE, 0,
				 5 * 4096), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 3 * 4096);
	UK_TEST_EXPECT_INT_EQ(st.st_blocks, 40);
	memset(buf, 'a', sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(SC(pwrite64, fd, buf, sizeof(buf), 4096), 4096);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, FALLOC_FL_PUNCH_HOLE, 0, 1),
			      -EOPNOTSUPP);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, FALLOC_FL_PUNCH_HOLE |
				 FALLOC_FL_KEEP_SIZE, 4096 + 100, 4096), 0);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, sizeof(buf), 4096), 4096);
	UK_TEST_EXPECT_INT_EQ(buf[99], 'a');
	UK_TEST_EXPECT_INT_EQ(buf[100] | buf[4095], 0);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, 0, -1, 1), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, 0, 0, 0), -EINVAL);
	SC(close, fd);
	fd = SC(open, "/rt", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(fallocate, fd, 0, 0, 1), -EBADF);
	SC(close, fd);
	SC(unlink, "/rt/f");
	teardown();
}

UK_TESTCASE(ramfs, memory_comes_back_at_the_last_reference)
{
	static char page[4096];
	struct statfs a, b, c;
	long fd;
	int i;

	UK_TEST_ASSERT(setup() == 0);
	UK_TEST_EXPECT_INT_EQ(SC(statfs, "/rt", &a), 0);
	UK_TEST_EXPECT_INT_EQ(a.f_type, 0x858458f6);
	fd = SC(open, "/rt/big", O_CREAT | O_RDWR, 0644);
	for (i = 0; i < 64; i++)
		UK_TEST_EXPECT_INT_EQ(SC(write, fd, page, sizeof(page)), 4096);
	UK_TEST_EXPECT_INT_EQ(SC(unlink, "/rt/big"), 0);
	UK_TEST_EXPECT_INT_EQ(SC(statfs, "/rt", &b), 0);
	/* still open: its 64 pages are still there, and the mount busy */
	UK_TEST_EXPECT_INT_EQ(b.f_blocks - b.f_bfree, 64);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/rt"), -EBUSY);
	SC(close, fd);
	UK_TEST_EXPECT_INT_EQ(SC(statfs, "/rt", &c), 0);
	UK_TEST_EXPECT_INT_EQ(c.f_blocks - c.f_bfree, 0);
	/* busy while a file is open in it */
	fd = SC(open, "/rt", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/rt"), -EBUSY);
	SC(close, fd);
	teardown();
}

UK_TESTCASE(ramfs, readdir_resumes_after_removals)
{
	char buf[4096], name[16];
	long fd, n, at;
	int i, count = 0;

	UK_TEST_ASSERT(setup() == 0);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/rt/e%02d", i);
		SC(close, SC(open, name, O_CREAT | O_RDWR, 0644));
	}
	fd = SC(open, "/rt", O_RDONLY | O_DIRECTORY);
	/* read a few, remove what is left but one, read on */
	n = SC(getdents64, fd, buf, 5 * 24);
	UK_TEST_EXPECT_INT_EQ(n, 5 * 24);	/* ., .., e00..e02 */
	for (i = 3; i < 19; i++) {
		snprintf(name, sizeof(name), "/rt/e%02d", i);
		SC(unlink, name);
	}
	while ((n = SC(getdents64, fd, buf, sizeof(buf))) > 0)
		for (at = 0; at < n; at += *(unsigned short *)(buf + at + 16)) {
			UK_TEST_EXPECT_STR_EQ(buf + at + 19, "e19");
			count++;
		}
	UK_TEST_EXPECT_INT_EQ(count, 1);
	/* rewinding sees what is there now */
	UK_TEST_EXPECT_INT_EQ(SC(lseek, fd, 0, SEEK_SET), 0);
	n = SC(getdents64, fd, buf, sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(n, 6 * 24);
	SC(close, fd);
	for (i = 0; i < 20; i++) {
		snprintf(name, sizeof(name), "/rt/e%02d", i);
		SC(unlink, name);
	}
	teardown();
}
