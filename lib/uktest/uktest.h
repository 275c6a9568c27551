/* SPDX-License-Identifier: BSD-3-Clause */
/* uktest's private interfaces between run.c and report.c. */
#ifndef UKTEST_PRIVATE_H
#define UKTEST_PRIVATE_H

#include <uk/test.h>

/*
 * One console line, built without a libc: uk_test_line_*() append to a
 * fixed buffer (what does not fit is cut, and the line ends in "..."),
 * uk_test_line_end() writes it with a newline in one console write.
 */
struct uk_test_line {
	char buf[200];
	size_t len;
};

void uk_test_line_str(struct uk_test_line *l, const char *s);
void uk_test_line_dec(struct uk_test_line *l, long long v);
void uk_test_line_udec(struct uk_test_line *l, unsigned long long v);
void uk_test_line_hex(struct uk_test_line *l, unsigned long long v);
void uk_test_line_end(struct uk_test_line *l);

/*
 * The case being run (NULL between cases), whether it failed yet, and
 * why it skipped (NULL: it did not).
 */
extern const struct uk_testcase *uk_test_current;
extern int uk_test_current_failed;
extern const char *uk_test_current_skipped;

/*
 * Does name match pattern? '*' matches any run of characters, ','
 * separates alternatives ("ukboot.*,ukcrc.crc32_*"). An empty pattern
 * matches nothing.
 */
int uk_test_glob_match(const char *pattern, const char *name);

/* The counts of a run. */
struct uk_test_counts {
	int passed, failed, skipped;
};

/* Run the cases filter selects (NULL: all), one line each, into *n. */
void uk_test_run_all(const char *filter, struct uk_test_counts *n);

#endif
