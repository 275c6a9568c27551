/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-environ: building the environment (environ.c's builder, called
 * directly) and, when the boot says posix_environ.test_expect=NAME=value,
 * that getenv() sees it (test/cases/environ.sh boots with env.* words).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uk/param.h>
#include <uk/test.h>
#include "../environ.h"

extern char **environ;	/* musl declares it only for _GNU_SOURCE */

static const char *test_expect;
UK_PARAM(test_expect, UK_PARAM_STR, &test_expect,
	 "tests: NAME=value that getenv() must return");

static char *out[5];
static char dbuf[32];

UK_TESTCASE(posix_environ, defaults_then_words_override)
{
	const char *w[] = { "B=cmd", "C=x y", "A=" };

	UK_TEST_ASSERT_INT_EQ(posix_environ_build(out, 4, " A=1  B=2 ", dbuf,
						  sizeof(dbuf), w, 3), 3);
	UK_TEST_EXPECT_STR_EQ(out[0], "A=");	/* replaced in place */
	UK_TEST_EXPECT_STR_EQ(out[1], "B=cmd");
	UK_TEST_EXPECT_STR_EQ(out[2], "C=x y");
	UK_TEST_EXPECT_NULL(out[3]);
}

UK_TESTCASE(posix_environ, same_prefix_is_another_name)
{
	const char *w[] = { "AB=1", "A=2", "AB=3" };

	UK_TEST_ASSERT_INT_EQ(posix_environ_build(out, 4, "", dbuf,
						  sizeof(dbuf), w, 3), 2);
	UK_TEST_EXPECT_STR_EQ(out[0], "AB=3");
	UK_TEST_EXPECT_STR_EQ(out[1], "A=2");
	UK_TEST_EXPECT_NULL(out[2]);
}

UK_TESTCASE(posix_environ, bad_words_and_limits)
{
	const char *noeq[] = { "NOEQUALS" }, *noname[] = { "=v" };
	const char *many[] = { "A=1", "B=1", "C=1", "D=1", "E=1" };

	/* each prints one "posix_environ: ..." line (expected output) */
	UK_TEST_EXPECT_INT_EQ(posix_environ_build(out, 4, "", dbuf,
						  sizeof(dbuf), noeq, 1),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(posix_environ_build(out, 4, "", dbuf,
						  sizeof(dbuf), noname, 1),
			      -EINVAL);
	UK_TEST_EXPECT_INT_EQ(posix_environ_build(out, 4, "", dbuf,
						  sizeof(dbuf), many, 5),
			      -ENOSPC);
	UK_TEST_EXPECT_INT_EQ(posix_environ_build(out, 4, "", dbuf,
						  sizeof(dbuf), many, 4), 4);
	UK_TEST_EXPECT_INT_EQ(posix_environ_build(out, 4,
			"LONG=0123456789012345678901234567890123", dbuf,
			sizeof(dbuf), many, 0), -ENOSPC);
}

UK_TESTCASE(posix_environ, booted_environment)
{
	char name[64];
	const char *eq;
	size_t n;

	UK_TEST_ASSERT_NOT_NULL(environ);
	if (!test_expect)
		UK_TEST_SKIP("no posix_environ.test_expect=NAME=value given");
	eq = strchr(test_expect, '=');
	UK_TEST_ASSERT_NOT_NULL(eq);
	n = eq - test_expect;
	UK_TEST_ASSERT_UINT_LT(n, sizeof(name));
	memcpy(name, test_expect, n);
	name[n] = '\0';
	UK_TEST_ASSERT_NOT_NULL(getenv(name));
	UK_TEST_EXPECT_STR_EQ(getenv(name), eq + 1);
}
