/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * initrd's cases, on archives written here in the newc format and
 * mounted from a file ("initrd:<file>:<dir>", the same code as QEMU's
 * -initrd but for where the bytes come from): a good archive's tree
 * (contents, modes, owners, mtimes, symlinks, hard links, a fifo); every
 * truncation of it refused whole, with the offset and the entry named
 * and nothing mounted or leaked; failures found while filling (a name
 * listed twice, a file used as a directory, a missing parent) undone
 * with everything freed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <uk/alloc.h>
#include <uk/initrd.h>
#include <uk/syscall.h>
#include <uk/test.h>
#include <uk/vfs.h>

extern char initrd_last_error[256];
extern int initrd_quiet;

struct ar {
	char buf[4096];
	size_t len;
};

static void ar_pad(struct ar *a)
{
	while (a->len & 3)
		a->buf[a->len++] = 0;
}

static void ar_add(struct ar *a, const char *name, unsigned int mode,
		   unsigned int uid, unsigned int nlink, unsigned int mtime,
		   unsigned int ino, const char *data)
{
	size_t size = data ? strlen(data) : 0;

	a->len += sprintf(a->buf + a->len,
			  "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
			  ino, mode, uid, 0, nlink, mtime, size, 8, 1, 0, 0,
			  strlen(name) + 1, 0);
	memcpy(a->buf + a->len, name, strlen(name) + 1);
	a->len += strlen(name) + 1;
	ar_pad(a);
	memcpy(a->buf + a->len, data ? data : "", size);
	a->len += size;
	ar_pad(a);
}

static void ar_trailer(struct ar *a)
{
	ar_add(a, "TRAILER!!!", 0, 0, 1, 0, 0, NULL);
}

/* The good archive; *trailer_end: where its trailer's name ends. */
static void good(struct ar *a, size_t *trailer_end)
{
	a->len = 0;
	ar_add(a, ".", 040755, 0, 2, 100, 1, NULL);
	ar_add(a, "d", 040750, 7, 2, 1000, 2, NULL);
	ar_add(a, "d/f", 0100640, 5, 1, 2000, 3, "hello");
	ar_add(a, "l", 0120777, 0, 1, 3000, 4, "d/f");
	ar_add(a, "h1", 0100600, 0, 2, 4000, 5, NULL);
	ar_add(a, "h2", 0100600, 0, 2, 4000, 5, "linked");
	ar_add(a, "p", 010644, 0, 1, 5000, 6, NULL);
	*trailer_end = a->len + 110 + 11;
	ar_trailer(a);
}

/* The archive as the file /itest/a.cpio (and /itest/mnt made) */
static int write_archive(const char *buf, size_t len)
{
	int fd, r;

	uk_vfs_mkdir("/itest", 0755);
	uk_vfs_mkdir("/itest/mnt", 0755);
	fd = uk_vfs_open("/itest/a.cpio", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fd;
	r = len ? uk_vfs_write(fd, buf, len) : 0;
	uk_vfs_close(fd);
	return r < 0 ? r : 0;
}

/* Mount it at /itest/mnt, its error line kept in initrd_last_error */
static int mount_quiet(void)
{
	int r;

	initrd_last_error[0] = '\0';
	initrd_quiet = 1;
	r = uk_vfs_mount("initrd", "/itest/a.cpio", "/itest/mnt", 0, "");
	initrd_quiet = 0;
	return r;
}

static int try_mount(const char *buf, size_t len)
{
	int r = write_archive(buf, len);

	return r ? r : mount_quiet();
}

/* Nothing is mounted at /itest/mnt */
static int not_mounted(void)
{
	struct stat a, b;

	return !uk_vfs_stat("/itest", &a) && !uk_vfs_stat("/itest/mnt", &b) &&
	       a.st_dev == b.st_dev;
}

static size_t free_mem(void)
{
	return uk_alloc_availmem(uk_alloc_get_default());
}

UK_TESTCASE(initrd, good_archive_makes_the_tree)
{
	struct ar a;
	struct stat st;
	char buf[16];
	size_t te;
	int fd;

	good(&a, &te);
	UK_TEST_ASSERT_INT_EQ(try_mount(a.buf, a.len), 0);
	UK_TEST_EXPECT(!not_mounted());
	UK_TEST_ASSERT_INT_EQ(uk_vfs_stat("/itest/mnt/d", &st), 0);
	UK_TEST_EXPECT_UINT_EQ(st.st_mode, 040750);
	UK_TEST_EXPECT_UINT_EQ(st.st_uid, 7);
	UK_TEST_EXPECT_INT_EQ(st.st_mtim.tv_sec, 1000);
	UK_TEST_ASSERT_INT_EQ(uk_vfs_stat("/itest/mnt/d/f", &st), 0);
	UK_TEST_EXPECT_UINT_EQ(st.st_mode, 0100640);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 5);
	UK_TEST_EXPECT_INT_EQ(st.st_mtim.tv_sec, 2000);
	fd = uk_vfs_open("/itest/mnt/l", O_RDONLY, 0);
	UK_TEST_ASSERT_INT_GE(fd, 0);
	memset(buf, 0, sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_read(fd, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_STR_EQ(buf, "hello");
	uk_vfs_close(fd);
	UK_TEST_ASSERT_INT_EQ(uk_vfs_stat("/itest/mnt/l", &st), 0);
	UK_TEST_EXPECT_UINT_EQ(st.st_mode, 0120777);
	UK_TEST_EXPECT_INT_EQ(st.st_mtim.tv_sec, 3000);
	memset(buf, 0, sizeof(buf));
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_readlink, (long)"/itest/mnt/l",
					 (long)buf, sizeof(buf), 0, 0, 0), 3);
	UK_TEST_EXPECT_STR_EQ(buf, "d/f");
	UK_TEST_ASSERT_INT_EQ(uk_vfs_stat("/itest/mnt/h1", &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_nlink, 2);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 6);
	UK_TEST_ASSERT_INT_EQ(uk_vfs_stat("/itest/mnt/p", &st), 0);
	UK_TEST_EXPECT_UINT_EQ(st.st_mode, 010644);
	UK_TEST_ASSERT_INT_EQ(uk_vfs_stat("/itest/mnt", &st), 0);
	UK_TEST_EXPECT_UINT_EQ(st.st_mode, 040755);
	UK_TEST_EXPECT_INT_EQ(st.st_mtim.tv_sec, 100);
	UK_TEST_EXPECT_INT_EQ(uk_vfs_umount("/itest/mnt"), 0);
	UK_TEST_EXPECT(not_mounted());
}

/* The line names the archive's length, an offset up to it and an entry */
static int names_offset(size_t len)
{
	char want[64];
	const char *p;
	unsigned long off;

	snprintf(want, sizeof(want), "bad archive (%zu bytes) at byte ", len);
	p = strstr(initrd_last_error, want);
	if (!p)
		return 0;
	off = strtoul(p + strlen(want), NULL, 10);
	return off <= len && strstr(p, ", entry \"") && strstr(p, "nothing was created");
}

UK_TESTCASE(initrd, every_truncation_is_refused_whole)
{
	struct ar a;
	size_t te, cut, before, leaks = 0, wrong = 0, unnamed = 0;
	int r;

	good(&a, &te);
	for (cut = 0; cut < a.len; cut++) {
		UK_TEST_ASSERT_INT_EQ(write_archive(a.buf, cut), 0);
		before = free_mem();	/* after the file's pages */
		r = mount_quiet();
		if (r == 0)
			r = uk_vfs_umount("/itest/mnt") ? -1 : 0;
		if (cut < te ? r != -EINVAL || !not_mounted() : r != 0)
			wrong++;
		if (free_mem() != before)
			leaks++;
		if (cut < te && !names_offset(cut))
			unnamed++;
	}
	UK_TEST_EXPECT_INT_EQ(wrong, 0);
	UK_TEST_EXPECT_INT_EQ(leaks, 0);
	UK_TEST_EXPECT_INT_EQ(unnamed, 0);

	/* inside d/f's data: that entry; at an entry's start: no trailer */
	UK_TEST_EXPECT_INT_EQ(try_mount(a.buf, 342), -EINVAL);
	UK_TEST_EXPECT(strstr(initrd_last_error, "entry \"d/f\": data runs past the end"));
	UK_TEST_EXPECT_INT_EQ(try_mount(a.buf, 224), -EINVAL);
	UK_TEST_EXPECT(strstr(initrd_last_error, "at byte 224, entry \"\": archive ends without TRAILER!!!"));
}

UK_TESTCASE(initrd, bad_entries_are_refused_whole)
{
	struct ar a;
	size_t before;

	a.len = 0;
	ar_add(&a, "ok", 0100644, 0, 1, 0, 1, "fine");
	ar_add(&a, "x/../../etc", 0100644, 0, 1, 0, 2, "escape");
	ar_trailer(&a);
	UK_TEST_ASSERT_INT_EQ(write_archive(a.buf, a.len), 0);
	before = free_mem();
	UK_TEST_EXPECT_INT_EQ(mount_quiet(), -EINVAL);
	UK_TEST_EXPECT(strstr(initrd_last_error, "at byte 230, entry \"x/../../etc\": a \"..\" component"));
	UK_TEST_EXPECT(not_mounted());
	UK_TEST_EXPECT_INT_EQ(free_mem(), before);

	a.len = 0;
	ar_add(&a, "ok", 0100644, 0, 1, 0, 1, "fine");
	memcpy(a.buf + 6 + 8, "0000Z1A4", 8);	/* c_mode */
	ar_trailer(&a);
	UK_TEST_EXPECT_INT_EQ(try_mount(a.buf, a.len), -EINVAL);
	UK_TEST_EXPECT(strstr(initrd_last_error, "at byte 14, entry \"\": bad hex digit in c_mode"));
	memcpy(a.buf, "070707", 6);
	UK_TEST_EXPECT_INT_EQ(try_mount(a.buf, a.len), -EINVAL);
	UK_TEST_EXPECT(strstr(initrd_last_error, "at byte 0, entry \"\": bad magic"));
	UK_TEST_EXPECT(not_mounted());
}

/* What only filling the tree finds is undone: the mount, every byte. */
UK_TESTCASE(initrd, fill_failures_are_undone)
{
	static const struct { const char *second, *error; int r; } t[] = {
		{ "a", "entry \"a\" at byte 120: create: File exists", -EEXIST },
		{ "a/x", "entry \"a/x\" at byte 120: parent directory: Not a directory", -ENOTDIR },
		{ "no/x", "entry \"no/x\" at byte 120: parent directory: No such file or directory", -ENOENT },
	};
	struct ar a;
	size_t before;
	unsigned int i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		a.len = 0;
		ar_add(&a, "a", 0100644, 0, 1, 0, 1, "file a");
		ar_add(&a, t[i].second, 0100644, 0, 1, 0, 2, "more");
		ar_add(&a, "z", 0100644, 0, 1, 0, 3, "never made");
		ar_trailer(&a);
		UK_TEST_ASSERT_INT_EQ(write_archive(a.buf, a.len), 0);
		before = free_mem();
		UK_TEST_EXPECT_INT_EQ(mount_quiet(), t[i].r);
		UK_TEST_EXPECT(strstr(initrd_last_error, t[i].error));
		UK_TEST_EXPECT(strstr(initrd_last_error, "the mount is undone"));
		UK_TEST_EXPECT(not_mounted());
		UK_TEST_EXPECT_INT_EQ(free_mem(), before);
	}
}

UK_TESTCASE(initrd, source_must_be_a_file)
{
	initrd_quiet = 1;
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("initrd", "/itest/none.cpio",
					   "/itest/mnt", 0, ""), -ENOENT);
	UK_TEST_EXPECT(strstr(initrd_last_error, "cannot read the archive /itest/none.cpio: No such file"));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("initrd", "/itest", "/itest/mnt",
					   0, ""), -EINVAL);
	UK_TEST_EXPECT(strstr(initrd_last_error, "cannot read the archive /itest: not a regular file"));
	UK_TEST_EXPECT_INT_EQ(uk_vfs_mount("initrd", "", "/itest/mnt", 0,
					   "size=1"), -EINVAL);
	initrd_quiet = 0;
	UK_TEST_EXPECT(strstr(initrd_last_error, "unknown mount option 'size=1'"));
}
