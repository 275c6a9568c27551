/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest's negative self-test (CONFIG_LIBUKTEST_SELFTEST_FAILS): every
 * check macro, EXPECT and ASSERT, made to fail once on purpose, so that a
 * check that can never fail, a report that prints the wrong values or an
 * ASSERT that does not end its case shows. test/cases/uktest.sh runs them
 * (uktest.filter=uktest_fails.*) and requires, for each case here, a FAIL
 * line with the exact text it names, no PASS line, the counts of the
 * summary and a non-zero exit status, with the poweroff option on and off.
 * Never select this in an image that should pass.
 */
#include <uk/assert.h>
#include <uk/param.h>
#include <uk/test.h>

static int one = 1, two = 2, minus1 = -1;
static unsigned int big = 300;
static const void *nullp;
static const char *abd = "abd";
static const unsigned char m3[] = { 1, 2, 3 }, m4[] = { 1, 2, 4 };

/* A case of one check that must fail; an ASSERT must also end the case. */
#define EXPECT_FAILS(name, check) UK_TESTCASE(uktest_fails, name) { check; }
#define ASSERT_FAILS(name, check)					\
	UK_TESTCASE(uktest_fails, name)					\
	{								\
		check;							\
		UK_TEST_EXPECT(!"the failed ASSERT went on");		\
	}

EXPECT_FAILS(expect_bool, UK_TEST_EXPECT(one == two))
EXPECT_FAILS(expect_int_eq, UK_TEST_EXPECT_INT_EQ(minus1, two))
EXPECT_FAILS(expect_int_ne, UK_TEST_EXPECT_INT_NE(two, two))
EXPECT_FAILS(expect_int_lt, UK_TEST_EXPECT_INT_LT(two, minus1))
EXPECT_FAILS(expect_int_le, UK_TEST_EXPECT_INT_LE(two, one))
EXPECT_FAILS(expect_int_gt, UK_TEST_EXPECT_INT_GT(one, two))
EXPECT_FAILS(expect_int_ge, UK_TEST_EXPECT_INT_GE(minus1, one))
EXPECT_FAILS(expect_uint_eq, UK_TEST_EXPECT_UINT_EQ(big, two))
EXPECT_FAILS(expect_uint_ne, UK_TEST_EXPECT_UINT_NE(big, big))
EXPECT_FAILS(expect_uint_lt, UK_TEST_EXPECT_UINT_LT(big, two))
EXPECT_FAILS(expect_uint_le, UK_TEST_EXPECT_UINT_LE(big, two))
EXPECT_FAILS(expect_uint_gt, UK_TEST_EXPECT_UINT_GT(two, big))
EXPECT_FAILS(expect_uint_ge, UK_TEST_EXPECT_UINT_GE(two, big))
EXPECT_FAILS(expect_ptr_eq, UK_TEST_EXPECT_PTR_EQ(nullp, &one))
EXPECT_FAILS(expect_ptr_ne, UK_TEST_EXPECT_PTR_NE(nullp, nullp))
EXPECT_FAILS(expect_null, UK_TEST_EXPECT_NULL(&one))
EXPECT_FAILS(expect_not_null, UK_TEST_EXPECT_NOT_NULL(nullp))
EXPECT_FAILS(expect_str_eq, UK_TEST_EXPECT_STR_EQ(abd, "ab\"c"))
EXPECT_FAILS(expect_str_eq_null, UK_TEST_EXPECT_STR_EQ(nullp, abd))
EXPECT_FAILS(expect_str_ne, UK_TEST_EXPECT_STR_NE(abd, "abd"))
EXPECT_FAILS(expect_mem_eq, UK_TEST_EXPECT_MEM_EQ(m3, m4, 3))

ASSERT_FAILS(assert_bool, UK_TEST_ASSERT(one == two))
ASSERT_FAILS(assert_int_eq, UK_TEST_ASSERT_INT_EQ(minus1, two))
ASSERT_FAILS(assert_int_ne, UK_TEST_ASSERT_INT_NE(two, two))
ASSERT_FAILS(assert_int_lt, UK_TEST_ASSERT_INT_LT(two, minus1))
ASSERT_FAILS(assert_int_le, UK_TEST_ASSERT_INT_LE(two, one))
ASSERT_FAILS(assert_int_gt, UK_TEST_ASSERT_INT_GT(one, two))
ASSERT_FAILS(assert_int_ge, UK_TEST_ASSERT_INT_GE(minus1, one))
ASSERT_FAILS(assert_uint_eq, UK_TEST_ASSERT_UINT_EQ(big, two))
ASSERT_FAILS(assert_uint_ne, UK_TEST_ASSERT_UINT_NE(big, big))
ASSERT_FAILS(assert_uint_lt, UK_TEST_ASSERT_UINT_LT(big, two))
ASSERT_FAILS(assert_uint_le, UK_TEST_ASSERT_UINT_LE(big, two))
ASSERT_FAILS(assert_uint_gt, UK_TEST_ASSERT_UINT_GT(two, big))
ASSERT_FAILS(assert_uint_ge, UK_TEST_ASSERT_UINT_GE(two, big))
ASSERT_FAILS(assert_ptr_eq, UK_TEST_ASSERT_PTR_EQ(nullp, &one))
ASSERT_FAILS(assert_ptr_ne, UK_TEST_ASSERT_PTR_NE(nullp, nullp))
ASSERT_FAILS(assert_null, UK_TEST_ASSERT_NULL(&one))
ASSERT_FAILS(assert_not_null, UK_TEST_ASSERT_NOT_NULL(nullp))
ASSERT_FAILS(assert_str_eq, UK_TEST_ASSERT_STR_EQ(abd, "ab\"c"))
ASSERT_FAILS(assert_str_eq_null, UK_TEST_ASSERT_STR_EQ(nullp, abd))
ASSERT_FAILS(assert_str_ne, UK_TEST_ASSERT_STR_NE(abd, "abd"))
ASSERT_FAILS(assert_mem_eq, UK_TEST_ASSERT_MEM_EQ(m3, m4, 3))

/* A report longer than a line (200 bytes) is cut and ends in "...". */
UK_TESTCASE(uktest_fails, long_report_is_cut)
{
	UK_TEST_EXPECT(one == two && "a condition whose text is far longer "
		       "than what one console line of uktest holds, so that "
		       "the report is cut at two hundred bytes and ends in "
		       "three dots instead of running on");
}

/* EXPECT goes on after a failure: two FAIL lines, one failed case. */
UK_TESTCASE(uktest_fails, expect_goes_on)
{
	UK_TEST_EXPECT_INT_EQ(one, two);
	UK_TEST_EXPECT_INT_EQ(two, one);
}

/* The controls: one case passes, one skips, one fails and then skips. */
UK_TESTCASE(uktest_fails, control_passes)
{
	UK_TEST_EXPECT_INT_EQ(one + one, two);
}

UK_TESTCASE(uktest_fails, control_skips)
{
	UK_TEST_SKIP("a skipped case names its reason");
	UK_TEST_EXPECT(!"a skipped case went on");
}

UK_TESTCASE(uktest_fails, control_fails_then_skips)
{
	UK_TEST_EXPECT(one == two);
	UK_TEST_SKIP("failed before it skipped");
}

/*
 * A case that crashes ends the image with the crash status, the cases
 * before it having printed their lines (uktest's README): only with
 * uktest.test_crash=1, else it skips. Last in the file, so it runs last.
 */
static int test_crash;
UK_PARAM(test_crash, UK_PARAM_BOOL, &test_crash,
	 "test only: uktest_fails.crash_when_asked crashes the image");

UK_TESTCASE(uktest_fails, crash_when_asked)
{
	if (!test_crash)
		UK_TEST_SKIP("uktest.test_crash=1 not given");
	UK_CRASH("uktest_fails: a case crashes on purpose");
}
