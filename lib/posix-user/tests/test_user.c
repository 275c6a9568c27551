/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-user through the shim: the fixed identity and Linux's errors. */
#include <errno.h>
#include <unistd.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define SC(n, a, b, c) uk_syscall(SYS_##n, (long)(a), (long)(b), (long)(c), 0, 0, 0)
#define UID CONFIG_LIBPOSIX_USER_UID
#define GID CONFIG_LIBPOSIX_USER_GID

UK_TESTCASE(posix_user, ids_are_fixed)
{
	uid_t r = 7, e = 7, s = 7;
	gid_t gr = 7, ge = 7, gs = 7;

	UK_TEST_EXPECT_INT_EQ(SC(getuid, 0, 0, 0), UID);
	UK_TEST_EXPECT_INT_EQ(SC(geteuid, 0, 0, 0), UID);
	UK_TEST_EXPECT_INT_EQ(SC(getgid, 0, 0, 0), GID);
	UK_TEST_EXPECT_INT_EQ(SC(getegid, 0, 0, 0), GID);
	UK_TEST_EXPECT_INT_EQ(SC(getresuid, &r, &e, &s), 0);
	UK_TEST_EXPECT(r == UID && e == UID && s == UID);
	UK_TEST_EXPECT_INT_EQ(SC(getresgid, &gr, &ge, &gs), 0);
	UK_TEST_EXPECT(gr == GID && ge == GID && gs == GID);
	UK_TEST_EXPECT_INT_EQ(SC(getresuid, 0, &e, &s), -EFAULT);
	UK_TEST_EXPECT_INT_EQ(SC(getgroups, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(getgroups, -1, 0, 0), -EINVAL);
}

UK_TESTCASE(posix_user, changes_only_to_ourselves)
{
	gid_t g[2] = { GID, GID + 1 };

	UK_TEST_EXPECT_INT_EQ(SC(setuid, UID, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(setuid, UID + 1, 0, 0), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(setuid, -1, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(setgid, GID, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(setgid, GID + 1, 0, 0), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(setreuid, -1, UID, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(setreuid, UID + 5, -1, 0), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(setresuid, -1, -1, -1), 0);
	UK_TEST_EXPECT_INT_EQ(SC(setresgid, GID, GID, GID + 1), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(setgroups, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(setgroups, 1, g, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(setgroups, 2, g, 0), -EPERM);
	UK_TEST_EXPECT_INT_EQ(SC(setgroups, 1, 0, 0), -EFAULT);
	UK_TEST_EXPECT_INT_EQ(SC(setgroups, 100000, g, 0), -EINVAL);
}
