/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File-backed mmap (lib/posix-mmap, through the uk_file ops of vfscore's
 * files) on whatever is mounted on /: a private mapping is a copy the
 * file never sees; a shared one reaches the file at msync and at munmap
 * (also after close), only bytes that changed, never past the end of
 * the file; the access checks Linux makes.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, ...) sc_(SYS_##n, __VA_ARGS__, 0, 0, 0, 0, 0, 0)
#define sc_(nr, a, b, c, d, e, f, ...) \
	uk_syscall(nr, (long)(a), (long)(b), (long)(c), (long)(d), \
		   (long)(e), (long)(f))
#define RW (PROT_READ | PROT_WRITE)

#if CONFIG_LIBPOSIX_MMAP

/* A file of 6000 bytes: 'a' + i % 26 */
static long make_file(const char *path)
{
	static char buf[6000];
	long fd;
	int i;

	for (i = 0; i < 6000; i++)
		buf[i] = (char)('a' + i % 26);
	fd = SC(open, path, O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd >= 0 && SC(write, fd, buf, sizeof(buf)) != sizeof(buf))
		return -EIO;
	return fd;
}

UK_TESTCASE(vfscore_mmap, private_is_a_copy)
{
	char c;
	char *p;
	long fd;

	fd = make_file("/mm_priv");
	UK_TEST_ASSERT(fd >= 0);
	p = (char *)SC(mmap, 0, 6000, RW, MAP_PRIVATE, fd, 0);
	UK_TEST_ASSERT((long)p > 0);
	UK_TEST_EXPECT_INT_EQ(p[0], 'a');
	UK_TEST_EXPECT_INT_EQ(p[5999], 'a' + 5999 % 26);
	UK_TEST_EXPECT_INT_EQ(p[6000] | p[8191], 0);	/* past the end */
	p[0] = 'X';
	UK_TEST_EXPECT_INT_EQ(SC(msync, p, 8192, MS_SYNC), 0);
	UK_TEST_EXPECT_INT_EQ(SC(munmap, p, 8192), 0);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, &c, 1, 0), 1);
	UK_TEST_EXPECT_INT_EQ(c, 'a');
	/* an offset: the mapping starts at that page of the file */
	p = (char *)SC(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
	UK_TEST_ASSERT((long)p > 0);
	UK_TEST_EXPECT_INT_EQ(p[0], 'a' + 4096 % 26);
	SC(munmap, p, 4096);
	SC(close, fd);
	SC(unlink, "/mm_priv");
}

UK_TESTCASE(vfscore_mmap, shared_reaches_the_file)
{
	struct stat st;
	char buf[4];
	char *p;
	long fd;

	fd = make_file("/mm_shared");
	UK_TEST_ASSERT(fd >= 0);
	p = (char *)SC(mmap, 0, 8192, RW, MAP_SHARED, fd, 0);
	UK_TEST_ASSERT((long)p > 0);
	memcpy(p + 10, "MSYNC", 5);
	UK_TEST_EXPECT_INT_EQ(SC(msync, p, 4096, MS_SYNC), 0);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, 4, 10), 4);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "MSYN", 4), 0);
	/* a write() to a page the mapping did not change survives */
	UK_TEST_EXPECT_INT_EQ(SC(pwrite64, fd, "WRIT", 4, 5000), 4);
	memcpy(p + 4096, "UNMAP", 5);
	p[7000] = 'Z';			/* past the end: not the file's */
	SC(close, fd);			/* the mapping keeps the file */
	UK_TEST_EXPECT_INT_EQ(SC(munmap, p, 8192), 0);
	fd = SC(open, "/mm_shared", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, 4, 4096), 4);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "UNMA", 4), 0);
	UK_TEST_EXPECT_INT_EQ(SC(pread64, fd, buf, 4, 5000), 4);
	UK_TEST_EXPECT_INT_EQ(memcmp(buf, "WRIT", 4), 0);
	UK_TEST_EXPECT_INT_EQ(SC(fstat, fd, &st), 0);
	UK_TEST_EXPECT_INT_EQ(st.st_size, 6000);
	SC(close, fd);
	SC(unlink, "/mm_shared");
}

UK_TESTCASE(vfscore_mmap, access_checks_are_linuxs)
{
	long fd, ro, dir;

	fd = make_file("/mm_acc");
	UK_TEST_ASSERT(fd >= 0);
	SC(close, fd);
	ro = SC(open, "/mm_acc", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(mmap, 0, 4096, RW, MAP_SHARED, ro, 0),
			      -EACCES);
	fd = SC(mmap, 0, 4096, RW, MAP_PRIVATE, ro, 0);
	UK_TEST_EXPECT_INT_EQ(fd > 0, 1);
	SC(munmap, fd, 4096);
	SC(close, ro);
	ro = SC(open, "/mm_acc", O_WRONLY);
	UK_TEST_EXPECT_INT_EQ(SC(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, ro, 0),
			      -EACCES);
	SC(close, ro);
	ro = SC(open, "/mm_acc", O_RDWR | O_APPEND);
	UK_TEST_EXPECT_INT_EQ(SC(mmap, 0, 4096, RW, MAP_SHARED, ro, 0),
			      -EACCES);
	SC(close, ro);
	dir = SC(open, "/", O_RDONLY);
	UK_TEST_EXPECT_INT_EQ(SC(mmap, 0, 4096, PROT_READ, MAP_PRIVATE, dir,
				 0), -ENODEV);
	SC(close, dir);
	UK_TEST_EXPECT_INT_EQ(SC(msync, 4097, 4096, MS_SYNC), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(msync, 0, 4096, MS_SYNC | MS_ASYNC), -EINVAL);
	SC(unlink, "/mm_acc");
}
#endif /* CONFIG_LIBPOSIX_MMAP */
