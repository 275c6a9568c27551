/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devfs's cases, through the VFS as a program reaches the devices (the
 * automount at /dev, or a mount of our own at /devfs-test): each device's
 * reads, writes, lseek and stat against Linux's (drivers/char/mem.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <termios.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <uk/syscall.h>
#include <uk/test.h>
#include <uk/vfs.h>

static const char *dir = "/dev";

/* /dev/NAME opened with flags, or a failed case. */
static int dev_open(const char *name, int flags)
{
	char path[64];

	strcpy(path, dir);
	strcat(path, "/");
	strcat(path, name);
	return uk_vfs_open(path, flags, 0);
}

UK_TESTCASE(devfs, mounted)
{
	struct stat root, dev;

	if (uk_vfs_stat("/dev", &dev) || uk_vfs_stat("/", &root) ||
	    dev.st_dev == root.st_dev) {
#if CONFIG_LIBDEVFS_AUTOMOUNT
		UK_TEST_EXPECT(0 && "devfs is not mounted at /dev");
		return;
#endif
		uk_vfs_mkdir("/devfs-test", 0755);
		UK_TEST_ASSERT_INT_EQ(uk_vfs_mount("devfs", "", "/devfs-test",
						   0, ""), 0);
		dir = "/devfs-test";
	}
	UK_TEST_EXPECT(S_ISDIR(dev.st_mode) || !strcmp(dir, "/devfs-test"));
}

UK_TESTCASE(devfs, null_reads_nothing_takes_everything)
{
	char buf[16] = "xxxx";
	int fd = dev_open("null", O_RDWR);

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd, buf, sizeof(buf)), 0);
	UK_TEST_EXPECT_INT_EQ(buf[0], 'x');
	UK_TEST_EXPECT_INT_EQ(uk_vfs_write(fd, buf, sizeof(buf)), 16);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_lseek, fd, 100, SEEK_SET, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_close(fd), 0);
}

UK_TESTCASE(devfs, zero_and_full)
{
	char buf[300];
	size_t i;
	int fd, bad = 0;

	fd = dev_open("zero", O_RDONLY);
	UK_TEST_ASSERT_INT_GE(fd, 0);
	memset(buf, 0x5a, sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd, buf, sizeof(buf)), 300);
	for (i = 0; i < sizeof(buf); i++)
		bad |= buf[i];
	UK_TEST_EXPECT_INT_EQ(bad, 0);
	uk_vfs_close(fd);

	fd = dev_open("full", O_RDWR);
	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_write(fd, buf, 1), -ENOSPC);
	memset(buf, 0x5a, sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd, buf, 10), 10);
	UK_TEST_EXPECT_INT_EQ(buf[0] | buf[9], 0);
	uk_vfs_close(fd);
}

UK_TESTCASE(devfs, urandom_differs_each_read)
{
	unsigned char a[64], b[64];
	int fd = dev_open("urandom", O_RDONLY), fd2 = dev_open("random", O_RDWR);

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_ASSERT_INT_GE(fd2, 0);
	memset(a, 0, sizeof(a));
	memset(b, 0, sizeof(b));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd, a, sizeof(a)), 64);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd2, b, sizeof(b)), 64);
	UK_TEST_EXPECT(memcmp(a, b, sizeof(a)));
	memset(b, 0, sizeof(b));
	UK_TEST_EXPECT(memcmp(a, b, sizeof(a)));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_write(fd2, a, 8), 8);
	uk_vfs_close(fd);
	uk_vfs_close(fd2);
}

UK_TESTCASE(devfs, stat_matches_linux)
{
	static const struct { const char *name; int maj, min; mode_t mode; } t[] = {
		{ "null", 1, 3, 0666 }, { "zero", 1, 5, 0666 },
		{ "full", 1, 7, 0666 }, { "random", 1, 8, 0666 },
		{ "urandom", 1, 9, 0666 }, { "console", 5, 1, 0620 },
		{ "tty", 5, 0, 0666 },
	};
	struct stat st, fst;
	char path[64];
	unsigned int i;
	int fd;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		strcpy(path, dir);
		strcat(path, "/");
		strcat(path, t[i].name);
		UK_TEST_ASSERT_INT_EQ(uk_vfs_stat(path, &st), 0);
		UK_TEST_EXPECT_UINT_EQ(st.st_mode, S_IFCHR | t[i].mode);
		UK_TEST_EXPECT_UINT_EQ(st.st_rdev, makedev(t[i].maj, t[i].min));
		fd = uk_vfs_open(path, O_RDWR, 0);
		UK_TEST_ASSERT_INT_GE(fd, 0);
		UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_fstat, fd, (long)&fst, 0, 0, 0, 0), 0);
		UK_TEST_EXPECT_UINT_EQ(fst.st_rdev, st.st_rdev);
		UK_TEST_EXPECT_UINT_EQ(fst.st_ino, st.st_ino);
		UK_TEST_EXPECT_UINT_EQ(fst.st_dev, st.st_dev);
		uk_vfs_close(fd);
	}
	UK_TEST_EXPECT_INT_EQ(uk_vfs_stat("/dev/nosuch", &st), -ENOENT);
}

UK_TESTCASE(devfs, nothing_can_be_made_or_removed)
{
	char path[64];

	strcpy(path, dir);
	strcat(path, "/new");
	UK_TEST_EXPECT_INT_EQ(uk_vfs_open(path, O_CREAT | O_WRONLY, 0644), -EPERM);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mkdir(path, 0755), -EPERM);
	strcpy(path, dir);
	strcat(path, "/null");
	UK_TEST_EXPECT_INT_EQ(uk_vfs_unlink(path), -EPERM);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_chmod(path, 0600), -EPERM);
}

/* test/cases/devfs.sh looks for the line on the console */
UK_TESTCASE(devfs, console_and_tty_are_the_terminal)
{
	static const char msg[] = "devfs: hello through /dev/console\n";
	struct winsize ws = { 0 };
	struct termios tio;
	int fd = dev_open("console", O_WRONLY), tty = dev_open("tty", O_RDWR);

	UK_TEST_ASSERT_INT_GE(fd, 0);
	UK_TEST_ASSERT_INT_GE(tty, 0);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_write(fd, msg, sizeof(msg) - 1),
			      (int)sizeof(msg) - 1);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_ioctl, tty, TIOCGWINSZ, (long)&ws,
					 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_GT(ws.ws_col, 0);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_ioctl, fd, TCGETS, (long)&tio,
					 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_lseek, tty, 0, SEEK_SET, 0, 0, 0),
			      -ESPIPE);
	uk_vfs_close(fd);
	uk_vfs_close(tty);
	fd = dev_open("null", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_ioctl, fd, TCGETS, (long)&tio,
					 0, 0, 0), -ENOTTY);
	uk_vfs_close(fd);
}
