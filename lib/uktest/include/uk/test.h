/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest: unit tests that live beside a library's code and run inside the
 * image, after every init and before main() (lib/uktest/README.md).
 *
 *	#include <uk/test.h>
 *
 *	UK_TESTCASE(ukboot, cmdline_splits_args)	// suite, case
 *	{
 *		UK_TEST_EXPECT_INT_EQ(parse(buf, argv), 3);	// actual, expected
 *		UK_TEST_EXPECT_STR_EQ(argv[1], "a b");
 *		UK_TEST_ASSERT(p != NULL);	// on failure, ends this case
 *	}
 *
 * A case passes when none of its expectations failed. UK_TEST_EXPECT_*
 * report a failure and go on; UK_TEST_ASSERT_* report it and return from
 * the case, so they may only be used in the case's own body (a helper
 * that wants to stop the case returns a value the case asserts on).
 * Comparisons print both values: "expected 3, got 4". A case that cannot
 * run in this image (a cooperative scheduler, statistics compiled out)
 * says so with UK_TEST_SKIP("reason"): it is counted as skipped, never
 * as passed.
 *
 * Cases are registered in the linker section uk_testtab; nothing calls
 * them but uktest, which runs them file by file in link order (libraries
 * in the order the build lists them, a library's files in the order of
 * its Makefile.uk) and, within a file, in source order. A case must leave
 * the image as it found it: every later case, and main(), run after it.
 */
#ifndef UK_TEST_H
#define UK_TEST_H

#include <uk/essentials.h>

struct uk_testcase {
	const char *suite;
	const char *name;
	void (*fn)(void);
	const char *file;	/* where it is declared: cases run in */
	int line;		/* source order within each file */
};

#define UK_TESTCASE_FN_(s, c) uk_testfn_##s##__##c
#define UK_TESTCASE_ENTRY_(s, c) uk_testcase_##s##__##c

#define UK_TESTCASE(s, c)						\
	static void UK_TESTCASE_FN_(s, c)(void);			\
	static const struct uk_testcase UK_TESTCASE_ENTRY_(s, c)	\
	__uk_used __uk_section("uk_testtab") __uk_align(8) = {		\
		.suite = #s,						\
		.name = #c,						\
		.fn = UK_TESTCASE_FN_(s, c),				\
		.file = __FILE__,					\
		.line = __LINE__,					\
	};								\
	static void UK_TESTCASE_FN_(s, c)(void)

/* Bounds of the table (NULL when no library has a test case). */
extern const struct uk_testcase __start_uk_testtab[] __uk_weak;
extern const struct uk_testcase __stop_uk_testtab[] __uk_weak;

/*
 * Failure reports, called by the macros below: each prints one line
 * "uktest: FAIL suite.case: file:line: ..." and marks the running case
 * failed. expr is the source text of the check, op the comparison
 * ("==", "<", ...) that did not hold between actual and expected.
 */
void uk_test_fail_bool(const char *file, int line, const char *expr);
void uk_test_fail_int(const char *file, int line, const char *expr,
		      const char *op, long long actual, long long expected);
void uk_test_fail_uint(const char *file, int line, const char *expr,
		       const char *op, unsigned long long actual,
		       unsigned long long expected);
void uk_test_fail_ptr(const char *file, int line, const char *expr,
		      const char *op, const void *actual,
		      const void *expected);
void uk_test_fail_str(const char *file, int line, const char *expr,
		      const char *op, const char *actual,
		      const char *expected);
void uk_test_fail_mem(const char *file, int line, const char *expr,
		      const void *actual, const void *expected, size_t len,
		      size_t at);

/*
 * Mark the running case skipped, with reason (a string that outlives the
 * case, normally a literal). A case that also failed counts as failed.
 */
void uk_test_skip(const char *reason);

/* 1 when a and b are equal strings (NULL equals only NULL), else 0. */
int uk_test_str_eq(const char *a, const char *b);
/* The first offset where a and b differ in len bytes, or len. */
size_t uk_test_mem_diff(const void *a, const void *b, size_t len);

/*
 * The checks. `fatal` is 0 for EXPECT, 1 for ASSERT. Each operand is
 * evaluated exactly once.
 */
#define UK_TEST_CHECK_(cond, fatal)					\
	do {								\
		if (uk_unlikely(!(cond))) {				\
			uk_test_fail_bool(__FILE__, __LINE__, #cond);	\
			if (fatal)					\
				return;					\
		}							\
	} while (0)

#define UK_TEST_CMP_(kind, type, a, op, b, fatal)			\
	do {								\
		type uk_test_a_ = (a);					\
		type uk_test_b_ = (b);					\
		if (uk_unlikely(!(uk_test_a_ op uk_test_b_))) {		\
			uk_test_fail_##kind(__FILE__, __LINE__,		\
					    #a " " #op " " #b, #op,	\
					    uk_test_a_, uk_test_b_);	\
			if (fatal)					\
				return;					\
		}							\
	} while (0)

#define UK_TEST_STR_(a, op, b, fatal)					\
	do {								\
		const char *uk_test_a_ = (a);				\
		const char *uk_test_b_ = (b);				\
		if (uk_unlikely(!(uk_test_str_eq(uk_test_a_, uk_test_b_) \
				  op 1))) {				\
			uk_test_fail_str(__FILE__, __LINE__,		\
					 #a " " #op " " #b, #op,	\
					 uk_test_a_, uk_test_b_);	\
			if (fatal)					\
				return;					\
		}							\
	} while (0)

#define UK_TEST_MEM_(a, b, len, fatal)					\
	do {								\
		const void *uk_test_a_ = (a);				\
		const void *uk_test_b_ = (b);				\
		size_t uk_test_n_ = (len);				\
		size_t uk_test_at_ = uk_test_mem_diff(uk_test_a_,	\
						      uk_test_b_,	\
						      uk_test_n_);	\
		if (uk_unlikely(uk_test_at_ != uk_test_n_)) {		\
			uk_test_fail_mem(__FILE__, __LINE__,		\
					 #a " == " #b, uk_test_a_,	\
					 uk_test_b_, uk_test_n_,	\
					 uk_test_at_);			\
			if (fatal)					\
				return;					\
		}							\
	} while (0)

/* End the case here as skipped: it cannot run in this image. */
#define UK_TEST_SKIP(reason)						\
	do {								\
		uk_test_skip(reason);					\
		return;							\
	} while (0)

/* A condition. */
#define UK_TEST_EXPECT(cond)		UK_TEST_CHECK_(cond, 0)
#define UK_TEST_ASSERT(cond)		UK_TEST_CHECK_(cond, 1)

/* Signed integers (compared as long long). */
#define UK_TEST_EXPECT_INT_EQ(a, b) UK_TEST_CMP_(int, long long, a, ==, b, 0)
#define UK_TEST_EXPECT_INT_NE(a, b) UK_TEST_CMP_(int, long long, a, !=, b, 0)
#define UK_TEST_EXPECT_INT_LT(a, b) UK_TEST_CMP_(int, long long, a, <, b, 0)
#define UK_TEST_EXPECT_INT_LE(a, b) UK_TEST_CMP_(int, long long, a, <=, b, 0)
#define UK_TEST_EXPECT_INT_GT(a, b) UK_TEST_CMP_(int, long long, a, >, b, 0)
#define UK_TEST_EXPECT_INT_GE(a, b) UK_TEST_CMP_(int, long long, a, >=, b, 0)
#define UK_TEST_ASSERT_INT_EQ(a, b) UK_TEST_CMP_(int, long long, a, ==, b, 1)
#define UK_TEST_ASSERT_INT_NE(a, b) UK_TEST_CMP_(int, long long, a, !=, b, 1)
#define UK_TEST_ASSERT_INT_LT(a, b) UK_TEST_CMP_(int, long long, a, <, b, 1)
#define UK_TEST_ASSERT_INT_LE(a, b) UK_TEST_CMP_(int, long long, a, <=, b, 1)
#define UK_TEST_ASSERT_INT_GT(a, b) UK_TEST_CMP_(int, long long, a, >, b, 1)
#define UK_TEST_ASSERT_INT_GE(a, b) UK_TEST_CMP_(int, long long, a, >=, b, 1)

/* Unsigned integers (compared as unsigned long long; printed in hex too). */
#define UK_TEST_EXPECT_UINT_EQ(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, ==, b, 0)
#define UK_TEST_EXPECT_UINT_NE(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, !=, b, 0)
#define UK_TEST_EXPECT_UINT_LT(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, <, b, 0)
#define UK_TEST_EXPECT_UINT_LE(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, <=, b, 0)
#define UK_TEST_EXPECT_UINT_GT(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, >, b, 0)
#define UK_TEST_EXPECT_UINT_GE(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, >=, b, 0)
#define UK_TEST_ASSERT_UINT_EQ(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, ==, b, 1)
#define UK_TEST_ASSERT_UINT_NE(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, !=, b, 1)
#define UK_TEST_ASSERT_UINT_LT(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, <, b, 1)
#define UK_TEST_ASSERT_UINT_LE(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, <=, b, 1)
#define UK_TEST_ASSERT_UINT_GT(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, >, b, 1)
#define UK_TEST_ASSERT_UINT_GE(a, b) \
	UK_TEST_CMP_(uint, unsigned long long, a, >=, b, 1)

/* Pointers. */
#define UK_TEST_EXPECT_PTR_EQ(a, b) \
	UK_TEST_CMP_(ptr, const void *, a, ==, b, 0)
#define UK_TEST_EXPECT_PTR_NE(a, b) \
	UK_TEST_CMP_(ptr, const void *, a, !=, b, 0)
#define UK_TEST_ASSERT_PTR_EQ(a, b) \
	UK_TEST_CMP_(ptr, const void *, a, ==, b, 1)
#define UK_TEST_ASSERT_PTR_NE(a, b) \
	UK_TEST_CMP_(ptr, const void *, a, !=, b, 1)
#define UK_TEST_EXPECT_NULL(a)		UK_TEST_EXPECT_PTR_EQ(a, NULL)
#define UK_TEST_EXPECT_NOT_NULL(a)	UK_TEST_EXPECT_PTR_NE(a, NULL)
#define UK_TEST_ASSERT_NULL(a)		UK_TEST_ASSERT_PTR_EQ(a, NULL)
#define UK_TEST_ASSERT_NOT_NULL(a)	UK_TEST_ASSERT_PTR_NE(a, NULL)

/* NUL-terminated strings (either may be NULL). */
#define UK_TEST_EXPECT_STR_EQ(a, b)	UK_TEST_STR_(a, ==, b, 0)
#define UK_TEST_EXPECT_STR_NE(a, b)	UK_TEST_STR_(a, !=, b, 0)
#define UK_TEST_ASSERT_STR_EQ(a, b)	UK_TEST_STR_(a, ==, b, 1)
#define UK_TEST_ASSERT_STR_NE(a, b)	UK_TEST_STR_(a, !=, b, 1)

/* len bytes of memory; a failure names the first differing offset. */
#define UK_TEST_EXPECT_MEM_EQ(a, b, len)	UK_TEST_MEM_(a, b, len, 0)
#define UK_TEST_ASSERT_MEM_EQ(a, b, len)	UK_TEST_MEM_(a, b, len, 1)

#endif /* UK_TEST_H */
