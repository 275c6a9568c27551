/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest's runner: an init at the very end of the init table (every
 * library is up) runs each selected case of the uk_testtab section in
 * table order, prints one line per case and a summary, then powers off
 * with the result (CONFIG_LIBUKTEST_POWEROFF) or lets main() run.
 *
 * A case that crashes (UK_CRASH, a fault) ends the image there, with the
 * crash status: the cases before it have printed their result already.
 */
#include <uk/boot.h>
#include <uk/init.h>
#include <uk/param.h>
#include "uktest.h"

const struct uk_testcase *uk_test_current;
int uk_test_current_failed;
const char *uk_test_current_skipped;

static const char *filter;
UK_PARAM(filter, UK_PARAM_STR, &filter,
	 "run only the cases whose suite.case matches: glob[,glob...]");

/* Does name match pattern, which ends at its first ',' or NUL? */
static int glob1(const char *pat, const char *name)
{
	const char *star = NULL, *resume = NULL;

	for (;;) {
		if (*pat == '*') {
			star = ++pat;
			resume = name;
			continue;
		}
		if (*pat == '\0' || *pat == ',') {
			if (*name == '\0')
				return 1;
		} else if (*name && *pat == *name) {
			pat++, name++;
			continue;
		}
		/* Mismatch: let the last '*' swallow one more character. */
		if (!star || !*resume)
			return 0;
		pat = star;
		name = ++resume;
	}
}

int uk_test_glob_match(const char *pattern, const char *name)
{
	const char *p = pattern;

	while (*p) {
		if (*p != ',' && glob1(p, name))
			return 1;
		while (*p && *p != ',')
			p++;
		if (*p == ',')
			p++;
	}
	return 0;
}

/* "suite.case" of t into buf[size] (cut if longer). */
static const char *full_name(const struct uk_testcase *t, char *buf,
			     size_t size)
{
	size_t n = 0;
	const char *s;

	for (s = t->suite; *s && n < size - 1; s++)
		buf[n++] = *s;
	if (n < size - 1)
		buf[n++] = '.';
	for (s = t->name; *s && n < size - 1; s++)
		buf[n++] = *s;
	buf[n] = '\0';
	return buf;
}


static int same_file(const struct uk_testcase *a, const struct uk_testcase *b)
{
	return a->file == b->file || uk_test_str_eq(a->file, b->file);
}

/*
 * The case of t's file that comes next in source order after line, or
 * NULL. The table itself is in link order between files but not within
 * one (the compiler may emit a file's cases in any order), hence this.
 */
static const struct uk_testcase *next_in_file(const struct uk_testcase *t,
					      int line)
{
	const struct uk_testcase *u, *best = NULL;

	for (u = t; u < __stop_uk_testtab; u++)
		if (u->line > line && (!best || u->line < best->line) &&
		    same_file(u, t))
			best = u;
	return best;
}

/* Is t the first case of its file in the table? */
static int first_of_file(const struct uk_testcase *t)
{
	const struct uk_testcase *u;

	for (u = __start_uk_testtab; u < t; u++)
		if (same_file(u, t))
			return 0;
	return 1;
}

void uk_test_skip(const char *reason)
{
	uk_test_current_skipped = reason ? reason : "(no reason given)";
}

/*
 * Run t if pattern selects it and print its line. Returns 1 if it passed,
 * -1 if it failed (its FAIL lines are out already), 2 if it skipped, 0 if
 * it was not run.
 */
static int run_one(const struct uk_testcase *t, const char *pattern)
{
	struct uk_test_line l = { .len = 0 };
	char name[128];

	full_name(t, name, sizeof(name));
	if (pattern && !uk_test_glob_match(pattern, name))
		return 0;
	uk_test_current = t;
	uk_test_current_failed = 0;
	uk_test_current_skipped = NULL;
	t->fn();
	uk_test_current = NULL;
	if (uk_test_current_failed)
		return -1;
	if (uk_test_current_skipped) {
		uk_test_line_str(&l, "uktest: SKIP ");
		uk_test_line_str(&l, name);
		uk_test_line_str(&l, ": ");
		uk_test_line_str(&l, uk_test_current_skipped);
		uk_test_line_end(&l);
		return 2;
	}
	uk_test_line_str(&l, "uktest: PASS ");
	uk_test_line_str(&l, name);
	uk_test_line_end(&l);
	return 1;
}

void uk_test_run_all(const char *pattern, struct uk_test_counts *n)
{
	const struct uk_testcase *t, *u;
	int r;

	n->passed = n->failed = n->skipped = 0;
	for (t = __start_uk_testtab; t < __stop_uk_testtab; t++) {
		if (!first_of_file(t))
			continue;
		for (u = next_in_file(t, -1); u; u = next_in_file(t, u->line)) {
			r = run_one(u, pattern);
			n->passed += r == 1;
			n->failed += r < 0;
			n->skipped += r == 2;
		}
	}
}

/*
 * "uktest: N passed, N failed, N skipped". The image's status is 1 when a
 * case failed or the filter matched none: at once with the poweroff
 * option, else once main() has returned (after uk_boot_set_failed(),
 * ukboot never lets the image end with status 0).
 */
static int uktest_init(void)
{
	struct uk_test_line l = { .len = 0 };
	struct uk_test_counts n;
	int bad;

	uk_test_run_all(filter, &n);
	bad = n.failed > 0;
	if (filter && n.passed + n.failed + n.skipped == 0) {
		uk_test_line_str(&l, "uktest: no test case matches uktest.filter=");
		uk_test_line_str(&l, filter);
		uk_test_line_end(&l);
		bad = 1;
	}
	uk_test_line_str(&l, "uktest: ");
	uk_test_line_dec(&l, n.passed);
	uk_test_line_str(&l, " passed, ");
	uk_test_line_dec(&l, n.failed);
	uk_test_line_str(&l, " failed, ");
	uk_test_line_dec(&l, n.skipped);
	uk_test_line_str(&l, " skipped");
	uk_test_line_end(&l);
#if CONFIG_LIBUKTEST_POWEROFF
	uk_boot_exit(bad);
#else
	if (bad) {
		uk_boot_set_failed(1);
		uk_test_line_str(&l, "uktest: tests failed; main() runs next, "
				 "and the image cannot end with status 0");
		uk_test_line_end(&l);
	}
#endif
	return 0;
}

/* Last of all inits: every library (and its own inits) is up. */
uk_init(UK_INIT_LATE, UK_PRIO_LATEST, uktest_init, NULL);

#if CONFIG_LIBUKTEST_POWEROFF
/*
 * Never reached: uktest powers off before main(). It lets an image made
 * only of tests link without an application main(); the app's wins.
 */
__uk_weak int main(int argc __uk_unused, char *argv[] __uk_unused)
{
	return 0;
}
#endif
