/* SPDX-License-Identifier: BSD-3-Clause */
/* getrandom through the shim: lengths, flags, errors. */
#include <errno.h>
#include <string.h>
#include <sys/random.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(a, b, c) uk_syscall(SYS_getrandom, (long)(a), (long)(b), (long)(c), 0, 0, 0)

UK_TESTCASE(posix_random, getrandom_fills)
{
	unsigned char a[48], b[48];
	int i, nz = 0;

	memset(a, 0, sizeof(a));
	UK_TEST_EXPECT_INT_EQ(SC(a, 33, 0), 33);
	for (i = 0; i < 33; i++)
		nz |= a[i];
	UK_TEST_EXPECT_INT_NE(nz, 0);
	for (i = 33; i < 48; i++)
		nz = nz && !a[i];
	UK_TEST_EXPECT(nz);	/* nothing past len */
	UK_TEST_EXPECT_INT_EQ(SC(b, 48, GRND_NONBLOCK), 48);
	UK_TEST_EXPECT(memcmp(a, b, 33) != 0);
	UK_TEST_EXPECT_INT_EQ(SC(b, 48, GRND_RANDOM), 48);
	UK_TEST_EXPECT_INT_EQ(SC(b, 48, 0x4), 48);	/* GRND_INSECURE */
	UK_TEST_EXPECT_INT_EQ(SC(b, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(0, 0, 0), 0);
}

UK_TESTCASE(posix_random, getrandom_errors)
{
	unsigned char a[8];

	UK_TEST_EXPECT_INT_EQ(SC(a, 8, 0x8), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(a, 8, 0x4000), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(a, 8, 0x4 | GRND_RANDOM), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(0, 8, 0), -EFAULT);
}
