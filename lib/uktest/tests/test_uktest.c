/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest's own tests: the filter glob, the comparison helpers and the
 * line formatter behind every failure report. They call uktest's internal
 * functions (uktest.h), which a test beside the code may: only the
 * library's exportsyms.uk hides them from other libraries.
 */
#include <uk/test.h>
#include "../uktest.h"

UK_TESTCASE(uktest, glob_matches_star_and_lists)
{
	UK_TEST_EXPECT(uk_test_glob_match("*", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("ukboot.*", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("*.cmdline", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("uk*.cmd*e", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("ukboot.cmdline", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("x,ukboot.*", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("ukboot.*,x", "ukboot.cmdline"));
	UK_TEST_EXPECT(uk_test_glob_match("a**b", "ab"));
	UK_TEST_EXPECT(uk_test_glob_match("*a*a", "aaa"));
}

UK_TESTCASE(uktest, glob_rejects)
{
	UK_TEST_EXPECT(!uk_test_glob_match("", "ukboot.cmdline"));
	UK_TEST_EXPECT(!uk_test_glob_match("ukboot", "ukboot.cmdline"));
	UK_TEST_EXPECT(!uk_test_glob_match("ukboot.cmdline.", "ukboot.cmdline"));
	UK_TEST_EXPECT(!uk_test_glob_match("*x", "ukboot.cmdline"));
	UK_TEST_EXPECT(!uk_test_glob_match("x,y", "ukboot.cmdline"));
	UK_TEST_EXPECT(!uk_test_glob_match(",", "ukboot.cmdline"));
	UK_TEST_EXPECT(!uk_test_glob_match("*a*a", "a"));
}

UK_TESTCASE(uktest, str_and_mem_helpers)
{
	static const char a[] = { 1, 2, 3, 4 }, b[] = { 1, 2, 9, 4 };

	UK_TEST_EXPECT(uk_test_str_eq("abc", "abc"));
	UK_TEST_EXPECT(!uk_test_str_eq("abc", "abd"));
	UK_TEST_EXPECT(!uk_test_str_eq("ab", "abc"));
	UK_TEST_EXPECT(uk_test_str_eq(NULL, NULL));
	UK_TEST_EXPECT(!uk_test_str_eq("", NULL));
	UK_TEST_EXPECT_UINT_EQ(uk_test_mem_diff(a, b, 4), 2);
	UK_TEST_EXPECT_UINT_EQ(uk_test_mem_diff(a, b, 2), 2);
	UK_TEST_EXPECT_UINT_EQ(uk_test_mem_diff(a, b, 0), 0);
	UK_TEST_EXPECT_MEM_EQ(a, b, 2);
}

UK_TESTCASE(uktest, line_formats_numbers)
{
	struct uk_test_line l = { .len = 0 };

	uk_test_line_dec(&l, 0);
	uk_test_line_str(&l, " ");
	uk_test_line_dec(&l, -42);
	uk_test_line_str(&l, " ");
	uk_test_line_dec(&l, -9223372036854775807LL - 1);
	uk_test_line_str(&l, " ");
	uk_test_line_udec(&l, 18446744073709551615ULL);
	uk_test_line_str(&l, " ");
	uk_test_line_hex(&l, 0);
	uk_test_line_str(&l, " ");
	uk_test_line_hex(&l, 0xdeadbeefULL);
	UK_TEST_ASSERT_UINT_LT(l.len, sizeof(l.buf));
	l.buf[l.len] = '\0';
	UK_TEST_EXPECT_STR_EQ(l.buf, "0 -42 -9223372036854775808 "
			      "18446744073709551615 0x0 0xdeadbeef");
}

UK_TESTCASE(uktest, line_cuts_long_lines)
{
	struct uk_test_line l = { .len = 0 };
	int i;

	for (i = 0; i < 100; i++)
		uk_test_line_str(&l, "abc");
	UK_TEST_EXPECT_UINT_EQ(l.len, sizeof(l.buf));
	/* Full: the last byte kept is the 200th, "abc"[199 % 3]. */
	UK_TEST_EXPECT_INT_EQ(l.buf[sizeof(l.buf) - 1], 'b');
	uk_test_line_str(&l, "more");
	UK_TEST_EXPECT_UINT_EQ(l.len, sizeof(l.buf));
}

UK_TESTCASE(uktest, checks_evaluate_once)
{
	int n = 0;

	UK_TEST_EXPECT_INT_EQ(n++, 0);
	UK_TEST_EXPECT_STR_EQ((n++, "x"), "x");
	UK_TEST_EXPECT_PTR_NE((n++, &n), NULL);
	UK_TEST_EXPECT_INT_EQ(n, 3);
}
