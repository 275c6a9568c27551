/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-process's info calls through the shim, with Linux's errors. */
#include <errno.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <uk/syscall.h>
#include <uk/test.h>

#define L(x) ((long)(x))
#define SC(n, a, b, c, d) uk_syscall(SYS_##n, L(a), L(b), L(c), L(d), 0, 0)

UK_TESTCASE(posix_process, pid_ppid_uname)
{
	struct utsname u;

	UK_TEST_EXPECT_INT_EQ(SC(getpid, 0, 0, 0, 0), 1);
	UK_TEST_EXPECT_INT_EQ(SC(getppid, 0, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(SC(uname, &u, 0, 0, 0), 0);
	UK_TEST_EXPECT_STR_EQ(u.sysname, "Linux");
	UK_TEST_EXPECT_STR_EQ(u.machine, "x86_64");
	UK_TEST_EXPECT_INT_EQ(SC(uname, 0, 0, 0, 0), -EFAULT);
}

UK_TESTCASE(posix_process, rlimits)
{
	struct rlimit r, o, n;

	UK_TEST_EXPECT_INT_EQ(SC(getrlimit, RLIMIT_NOFILE, &r, 0, 0), 0);
	UK_TEST_EXPECT_UINT_LE(r.rlim_cur, r.rlim_max);
	UK_TEST_EXPECT_UINT_GT(r.rlim_cur, 2);
	UK_TEST_EXPECT_INT_EQ(SC(getrlimit, RLIM_NLIMITS, &r, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(getrlimit, -1, &r, 0, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(getrlimit, RLIMIT_CORE, 0, 0, 0), -EFAULT);
	n.rlim_cur = 1000;
	n.rlim_max = 2000;
	UK_TEST_EXPECT_INT_EQ(SC(prlimit64, 0, RLIMIT_CORE, &n, &o), 0);
	UK_TEST_EXPECT_UINT_EQ(o.rlim_cur, 0);
	UK_TEST_EXPECT_INT_EQ(SC(getrlimit, RLIMIT_CORE, &r, 0, 0), 0);
	UK_TEST_EXPECT_UINT_EQ(r.rlim_cur, 1000);
	UK_TEST_EXPECT_UINT_EQ(r.rlim_max, 2000);
	UK_TEST_EXPECT_INT_EQ(SC(setrlimit, RLIMIT_CORE, &o, 0, 0), 0);
	n.rlim_cur = 3000;
	UK_TEST_EXPECT_INT_EQ(SC(prlimit64, 1, RLIMIT_CORE, &n, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(prlimit64, 42, RLIMIT_CORE, 0, &o), -ESRCH);
}

UK_TESTCASE(posix_process, sysinfo_affinity_yield)
{
	struct sysinfo si;
	unsigned long mask[2] = { 0, 77 };

	UK_TEST_EXPECT_INT_EQ(SC(sysinfo, &si, 0, 0, 0), 0);
	UK_TEST_EXPECT_INT_EQ(si.mem_unit, 1);
	UK_TEST_EXPECT_INT_EQ(si.procs, 1);
	UK_TEST_EXPECT_INT_EQ(SC(sysinfo, 0, 0, 0, 0), -EFAULT);
	UK_TEST_EXPECT_INT_EQ(SC(sched_getaffinity, 0, sizeof(mask), mask, 0),
			      sizeof(long));
	UK_TEST_EXPECT_UINT_EQ(mask[0], 1);
	UK_TEST_EXPECT_UINT_EQ(mask[1], 77);	/* beyond the returned size */
	UK_TEST_EXPECT_INT_EQ(SC(sched_getaffinity, 0, 4, mask, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(sched_getaffinity, 5, 8, mask, 0), -ESRCH);
	UK_TEST_EXPECT_INT_EQ(SC(sched_setaffinity, 0, 8, mask, 0), 0);
	mask[0] = 2;
	UK_TEST_EXPECT_INT_EQ(SC(sched_setaffinity, 0, 8, mask, 0), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(SC(sched_yield, 0, 0, 0, 0), 0);
}
