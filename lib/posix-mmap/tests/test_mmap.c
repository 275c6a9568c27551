/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-mmap through the shim: mappings, partial unmaps, brk, errors. */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <uk/syscall.h>
#include <uk/test.h>
#include "../mmap.h"

#define L(x) ((long)(x))
#define MMAP(len, prot, flags) \
	uk_syscall(SYS_mmap, 0, L(len), prot, flags, -1, 0)
#define ANON (MAP_PRIVATE | MAP_ANONYMOUS)
#define RW (PROT_READ | PROT_WRITE)
#define SC3(n, a, b, c) uk_syscall(SYS_##n, L(a), L(b), L(c), 0, 0, 0)

UK_TESTCASE(posix_mmap, map_zeroed_aligned_and_unmap)
{
	long p = MMAP(5 * 4096 + 1, RW, ANON);
	unsigned char *c = (unsigned char *)p;
	size_t i, nz = 0;

	UK_TEST_ASSERT_INT_GT(p, 0);
	UK_TEST_EXPECT_INT_EQ(p & 4095, 0);
	for (i = 0; i < 6 * 4096; i++)
		nz += c[i] != 0;
	UK_TEST_EXPECT_UINT_EQ(nz, 0);
	memset(c, 0x77, 6 * 4096);
	UK_TEST_EXPECT(posix_mmap_range_mapped(p, 6 * 4096));
	UK_TEST_EXPECT_INT_EQ(SC3(munmap, p, 6 * 4096, 0), 0);
	UK_TEST_EXPECT(!posix_mmap_range_mapped(p, 4096));
}

UK_TESTCASE(posix_mmap, partial_unmap_keeps_the_rest)
{
	long p = MMAP(4 * 4096, RW, ANON);

	UK_TEST_ASSERT_INT_GT(p, 0);
	UK_TEST_EXPECT_INT_EQ(SC3(munmap, p + 4096, 4096, 0), 0);
	UK_TEST_EXPECT(posix_mmap_range_mapped(p, 4096));
	UK_TEST_EXPECT(!posix_mmap_range_mapped(p + 4096, 4096));
	UK_TEST_EXPECT(posix_mmap_range_mapped(p + 2 * 4096, 2 * 4096));
	((char *)p)[3 * 4096] = 1;	/* still writable */
	/* unmapping a hole again is fine, as on Linux */
	UK_TEST_EXPECT_INT_EQ(SC3(munmap, p + 4096, 4096, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC3(munmap, p, 4 * 4096, 0), 0);
	UK_TEST_EXPECT(!posix_mmap_range_mapped(p + 3 * 4096, 4096));
}

UK_TESTCASE(posix_mmap, mmap_errors)
{
	UK_TEST_EXPECT_INT_EQ(MMAP(0, RW, ANON), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(MMAP(4096, RW, MAP_ANONYMOUS), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(MMAP(4096, 0x80, ANON), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE,
					 -1, 0), -EBADF);
#if CONFIG_LIBPOSIX_FDTAB
	/* a descriptor not open; the console, which cannot be mapped */
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE,
					 60, 0), -EBADF);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE,
					 1, 0), -ENODEV);
#else
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, 0, 4096, RW, MAP_PRIVATE,
					 3, 0), -ENODEV);
#endif
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, 0, 4096, RW, ANON, -1, 100),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(MMAP(1UL << 62, RW, ANON), -ENOMEM);
	UK_TEST_EXPECT_INT_EQ(SC3(munmap, 4097, 4096, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC3(munmap, 4096, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC3(mprotect, 4097, 4096, PROT_READ), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC3(madvise, 4096, 4096, 12345), -EINVAL);
}

UK_TESTCASE(posix_mmap, fixed_replaces_with_zeros)
{
	long p = MMAP(2 * 4096, RW, ANON);

	UK_TEST_ASSERT_INT_GT(p, 0);
	memset((void *)p, 0x55, 2 * 4096);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, p + 4096, 4096, RW,
					 ANON | MAP_FIXED, -1, 0), p + 4096);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)p)[4096], 0);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)p)[4095], 0x55);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, p, 4096, RW,
					 ANON | MAP_FIXED_NOREPLACE, -1, 0),
			      -EEXIST);
	SC3(munmap, p, 2 * 4096, 0);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mmap, p, 4096, RW,
					 ANON | MAP_FIXED, -1, 0), -ENOMEM);
}

UK_TESTCASE(posix_mmap, madvise_mprotect)
{
	long p = MMAP(2 * 4096, RW, ANON);

	UK_TEST_ASSERT_INT_GT(p, 0);
	memset((void *)p, 0x11, 2 * 4096);
	UK_TEST_EXPECT_INT_EQ(SC3(madvise, p, 4096, MADV_DONTNEED), 0);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)p)[0], 0);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)p)[4096], 0x11);
	UK_TEST_EXPECT_INT_EQ(SC3(madvise, p, 2 * 4096, MADV_WILLNEED), 0);
	UK_TEST_EXPECT_INT_EQ(SC3(mprotect, p + 4096, 4096, PROT_READ), 0);
	/* DONTNEED zero-fills a read-only page too (and keeps it RO) */
	UK_TEST_EXPECT_INT_EQ(SC3(madvise, p, 2 * 4096, MADV_DONTNEED), 0);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)p)[4096], 0);
	UK_TEST_EXPECT_INT_EQ(SC3(mprotect, p + 4096, 4096, RW), 0);
	((char *)p)[4096] = 2;
	SC3(munmap, p, 2 * 4096, 0);
	UK_TEST_EXPECT_INT_EQ(SC3(mprotect, p, 4096, PROT_READ), -ENOMEM);
	UK_TEST_EXPECT_INT_EQ(SC3(madvise, p, 4096, MADV_DONTNEED), -ENOMEM);
}

UK_TESTCASE(posix_mmap, mremap_shrinks_and_moves)
{
	long p = MMAP(2 * 4096, RW, ANON), q;

	UK_TEST_ASSERT_INT_GT(p, 0);
	memset((void *)p, 0x3c, 2 * 4096);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mremap, p, 2 * 4096, 4096, 0, 0, 0), p);
	UK_TEST_EXPECT(!posix_mmap_range_mapped(p + 4096, 4096));
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mremap, p, 4096, 3 * 4096, 0, 0, 0),
			      -ENOMEM);
	q = uk_syscall(SYS_mremap, p, 4096, 3 * 4096, MREMAP_MAYMOVE, 0, 0);
	UK_TEST_ASSERT_INT_GT(q, 0);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)q)[4095], 0x3c);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)q)[4096], 0);
	UK_TEST_EXPECT(!posix_mmap_range_mapped(p, 4096));
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mremap, p, 4096, 8192,
					 MREMAP_MAYMOVE, 0, 0), -EFAULT);
	UK_TEST_EXPECT_INT_EQ(uk_syscall(SYS_mremap, q, 4096, 8192,
					 MREMAP_FIXED, 0, 0), -EINVAL);
	SC3(munmap, q, 3 * 4096, 0);
}

UK_TESTCASE(posix_mmap, brk_grows_within_its_reserve)
{
	long b0 = SC3(brk, 0, 0, 0), b1;

	if (!CONFIG_LIBPOSIX_MMAP_BRK_SIZE) {
		UK_TEST_EXPECT_INT_EQ(b0, 0);
		return;
	}
	UK_TEST_ASSERT_INT_GT(b0, 0);
	b1 = SC3(brk, b0 + 100, 0, 0);
	UK_TEST_EXPECT_INT_EQ(b1, b0 + 100);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)b0)[99], 0);
	((unsigned char *)b0)[99] = 9;
	UK_TEST_EXPECT_INT_EQ(SC3(brk, b0, 0, 0), b0);		/* shrink */
	UK_TEST_EXPECT_INT_EQ(SC3(brk, b0 + 100, 0, 0), b0 + 100);
	UK_TEST_EXPECT_INT_EQ(((unsigned char *)b0)[99], 0);	/* fresh */
	/* past the reserve: the break stays */
	UK_TEST_EXPECT_INT_EQ(SC3(brk, b0 + CONFIG_LIBPOSIX_MMAP_BRK_SIZE + 4096,
				  0, 0), b0 + 100);
	UK_TEST_EXPECT_INT_EQ(SC3(brk, b0, 0, 0), b0);
}
