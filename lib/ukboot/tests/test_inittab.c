/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The init table's order (inittab.c): entries run by level, then by
 * priority, then in link order. The entries below are real: they run in
 * every boot of a test image, and do nothing but note that they ran.
 * They are declared out of order on purpose; uktest runs last (UK_INIT_LATE,
 * UK_PRIO_LATEST), so by the time the case runs, all of them have.
 */
#include <uk/init.h>
#include <uk/param.h>
#include <uk/plat/console.h>
#include <uk/test.h>

static char order[16];
static int norder;

static void ran(char c)
{
	if (norder < (int)sizeof(order) - 1)
		order[norder++] = c;
}

static int t_late(void) { ran('F'); return 0; }
static int t_lib_after(void) { ran('E'); return 0; }
static int t_early(void) { ran('A'); return 0; }
static int t_lib(void) { ran('D'); return 0; }
static int t_plat(void) { ran('B'); return 0; }
static int t_lib_before(void) { ran('C'); return 0; }

/*
 * A failing init (test/cases/unittests.sh, ukboot.test_fail_init=1):
 * t_fail, right after t_lib_after, returns -5. Boot must stop there with
 * "ukboot: init ukboot.t_fail failed: error -5", the terms of the inits
 * that ran called in reverse (E, D, C: the ones below that have a term),
 * not t_fail's own nor t_late's (it never ran), and status 125. The
 * terms print only in that run.
 */
static int fail_init;
UK_PARAM(test_fail_init, UK_PARAM_BOOL, &fail_init,
	 "test only: an init at lib level fails with -5");

static void term_says(const char *what)
{
	if (!fail_init)
		return;
	ukplat_console_puts("ukboot-test: term ");
	ukplat_console_puts(what);
	ukplat_console_puts("\n");
}

static void t_late_term(void) { term_says("F (never ran)"); }
static void t_lib_after_term(void) { term_says("E"); }
static void t_lib_term(void) { term_says("D"); }
static void t_lib_before_term(void) { term_says("C"); }
static int t_fail(void) { return fail_init ? -5 : 0; }
static void t_fail_term(void) { term_says("of the init that failed"); }

uk_init(UK_INIT_LATE, UK_PRIO_BEFORE(UK_PRIO_LATEST), t_late, t_late_term);
uk_init(UK_INIT_LIB, UK_PRIO_AFTER(UK_PRIO_DEFAULT), t_lib_after,
	t_lib_after_term);
uk_init(UK_INIT_EARLY, UK_PRIO_LATEST, t_early, NULL);
uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, t_lib, t_lib_term);
uk_init(UK_INIT_PLAT, UK_PRIO_EARLIEST, t_plat, NULL);
uk_init(UK_INIT_LIB, UK_PRIO_BEFORE(UK_PRIO_DEFAULT), t_lib_before,
	t_lib_before_term);
uk_init(UK_INIT_LIB, UK_PRIO_AFTER(UK_PRIO_AFTER(UK_PRIO_DEFAULT)), t_fail,
	t_fail_term);

UK_TESTCASE(ukboot, inittab_runs_by_level_then_priority)
{
	UK_TEST_EXPECT_STR_EQ(order, "ABCDEF");
}

/*
 * Ties keep link order: this file's entry and test_inittab_tie.c's have
 * the same level and priority; that file comes later in Makefile.uk, so
 * it is linked later, and its entry must run second. (Within one file
 * the order is not promised, hence one entry per file.)
 */
char uk_boot_test_tie[4];
int uk_boot_test_ntie;

static int t_tie_first(void)
{
	if (uk_boot_test_ntie < 3)
		uk_boot_test_tie[uk_boot_test_ntie++] = '1';
	return 0;
}

uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT + 7, t_tie_first, NULL);

UK_TESTCASE(ukboot, inittab_ties_keep_link_order)
{
	UK_TEST_EXPECT_STR_EQ(uk_boot_test_tie, "12");
}

/* Every entry of the table, as ukboot sees it, is well formed. */
UK_TESTCASE(ukboot, inittab_entries_are_sane)
{
	const struct uk_init_entry *e;
	int mine = 0;

	UK_TEST_ASSERT_NOT_NULL(__start_uk_inittab);
	UK_TEST_ASSERT_INT_GT(&__stop_uk_inittab[0] - &__start_uk_inittab[0], 0);
	for (e = __start_uk_inittab; e < __stop_uk_inittab; e++) {
		UK_TEST_EXPECT_NOT_NULL(e->init);
		UK_TEST_EXPECT_NOT_NULL(e->name);
		UK_TEST_EXPECT_INT_GE(e->level, UK_INIT_EARLY);
		UK_TEST_EXPECT_INT_LT(e->level, UK_INIT_LEVELS);
		if (e->init == t_early)
			mine++;
	}
	UK_TEST_EXPECT_INT_EQ(mine, 1);
}
