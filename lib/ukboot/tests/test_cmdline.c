/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot's command line parser (cmdline.c), called directly: words,
 * quotes, "--", the argument limit, every parameter type and the errors.
 * The parameters below exist only in test builds. A failing parse's
 * one-line "ukboot: ..." complaint is caught in a buffer (boot.h's
 * uk_boot_complaint_buf) rather than printed, so the expected errors do
 * not read like real ones on the console, and cases can check the text.
 */
#include <uk/test.h>
#include <uk/param.h>
#include "../boot.h"

static int t_bool;
static long t_int;
static unsigned long t_ulong;
static const char *t_str;
UK_PARAM(test_bool, UK_PARAM_BOOL, &t_bool, "ukboot tests: a bool");
UK_PARAM(test_int, UK_PARAM_INT, &t_int, "ukboot tests: an int");
UK_PARAM(test_ulong, UK_PARAM_ULONG, &t_ulong, "ukboot tests: an ulong");
UK_PARAM(test_str, UK_PARAM_STR, &t_str, "ukboot tests: a string");
static const char *t_words[2];
static struct uk_param_list t_list = {
	.words = t_words, .max = 2, .full_hint = "only two in the test",
};
UK_PARAM_PREFIX(ukboottestlist, &t_list, "ukboot tests: a list");
static const char *t_app_words[4];
static struct uk_param_list t_app = {
	.words = t_app_words, .max = 4, .full_hint = "four in the test",
};
UK_PARAM_PREFIX_APPENDED(ukboottestapp, &t_app,
			 "ukboot tests: words a hypervisor appends");

#define MAXARGS 8

static char line[256];
static char *argv[MAXARGS + 1];
static char complaint[256];	/* the last parse's complaint, or "" */

/* Parse a copy of s (the parser writes into its input) with maxargs. */
static int parse_n(const char *s, int maxargs)
{
	size_t i;
	int r;

	for (i = 0; s[i] && i < sizeof(line) - 1; i++)
		line[i] = s[i];
	line[i] = '\0';
	for (i = 0; i < UK_ARRAY_SIZE(argv); i++)
		argv[i] = (char *)"untouched";
	argv[0] = (char *)"app";
	complaint[0] = '\0';
	uk_boot_complaint_buf = complaint;
	uk_boot_complaint_size = sizeof(complaint);
	r = uk_boot_parse_cmdline(line, argv, maxargs);
	uk_boot_complaint_buf = NULL;
	return r;
}

/* Does the last complaint contain s? */
static int complained(const char *s)
{
	const char *c, *a, *b;

	for (c = complaint; *c; c++) {
		for (a = c, b = s; *b && *a == *b; a++, b++)
			;
		if (!*b)
			return 1;
	}
	return 0;
}

static int parse(const char *s)
{
	return parse_n(s, MAXARGS);
}

UK_TESTCASE(ukboot, cmdline_empty)
{
	UK_TEST_EXPECT_INT_EQ(parse(""), 1);
	UK_TEST_EXPECT_STR_EQ(argv[0], "app");
	UK_TEST_EXPECT_NULL(argv[1]);
	UK_TEST_EXPECT_INT_EQ(parse("  \t \n "), 1);
	UK_TEST_EXPECT_INT_EQ(parse("--"), 1);
	UK_TEST_EXPECT_NULL(argv[1]);
}

UK_TESTCASE(ukboot, cmdline_splits_args)
{
	UK_TEST_ASSERT_INT_EQ(parse("-- a  bc\td\n e"), 5);
	UK_TEST_EXPECT_STR_EQ(argv[0], "app");
	UK_TEST_EXPECT_STR_EQ(argv[1], "a");
	UK_TEST_EXPECT_STR_EQ(argv[2], "bc");
	UK_TEST_EXPECT_STR_EQ(argv[3], "d");
	UK_TEST_EXPECT_STR_EQ(argv[4], "e");
	UK_TEST_EXPECT_NULL(argv[5]);
}

UK_TESTCASE(ukboot, cmdline_quotes)
{
	UK_TEST_ASSERT_INT_EQ(parse("-- \"a b\" x\"y z\"w \"\" \"tab\there\""),
			      5);
	UK_TEST_EXPECT_STR_EQ(argv[1], "a b");
	UK_TEST_EXPECT_STR_EQ(argv[2], "xy zw");
	UK_TEST_EXPECT_STR_EQ(argv[3], "");
	UK_TEST_EXPECT_STR_EQ(argv[4], "tab\there");
	/* An unterminated quote runs to the end of the line. */
	UK_TEST_ASSERT_INT_EQ(parse("-- \"open quote"), 2);
	UK_TEST_EXPECT_STR_EQ(argv[1], "open quote");
}

UK_TESTCASE(ukboot, cmdline_escapes)
{
	/* Inside quotes \" and \\ stand for themselves; outside, \ is plain. */
	UK_TEST_ASSERT_INT_EQ(parse("-- \"say \\\"hi\\\"\" \"a\\\\b\" c\\d "
				    "\"\\n\""), 5);
	UK_TEST_EXPECT_STR_EQ(argv[1], "say \"hi\"");
	UK_TEST_EXPECT_STR_EQ(argv[2], "a\\b");
	UK_TEST_EXPECT_STR_EQ(argv[3], "c\\d");
	UK_TEST_EXPECT_STR_EQ(argv[4], "\\n");
}

UK_TESTCASE(ukboot, cmdline_double_dash)
{
	/* Only the first "--" separates; later ones are arguments. */
	UK_TEST_ASSERT_INT_EQ(parse("-- -- ukboot.test_int=5 --"), 4);
	UK_TEST_EXPECT_STR_EQ(argv[1], "--");
	UK_TEST_EXPECT_STR_EQ(argv[2], "ukboot.test_int=5");
	UK_TEST_EXPECT_STR_EQ(argv[3], "--");
	/* Parameter-like words after "--" are not parameters. */
	t_int = 7;
	UK_TEST_EXPECT_INT_EQ(parse("-- ukboot.test_int=5"), 2);
	UK_TEST_EXPECT_INT_EQ(t_int, 7);
}

UK_TESTCASE(ukboot, cmdline_too_many_args)
{
	/* maxargs counts argv[0]: 3 leaves room for two words. */
	UK_TEST_EXPECT_INT_EQ(parse_n("-- a b", 3), 3);
	UK_TEST_EXPECT_NULL(argv[3]);
	UK_TEST_EXPECT_INT_LT(parse_n("-- a b c", 3), 0);
	UK_TEST_EXPECT_STR_EQ(complaint, "ukboot: too many arguments at 'c': "
			      "raise CONFIG_LIBUKBOOT_MAXARGS\n");
	UK_TEST_EXPECT_INT_EQ(parse_n("--", 1), 1);
	UK_TEST_EXPECT_INT_LT(parse_n("-- a", 1), 0);
}

UK_TESTCASE(ukboot, param_bool)
{
	t_bool = 0;
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 1);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=0"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 0);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=yes"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 1);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=off"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 0);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=true"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 1);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=false"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 0);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=on"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 1);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_bool=no"), 1);
	UK_TEST_EXPECT_INT_EQ(t_bool, 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_bool=2"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_bool=YES"), 0);
	UK_TEST_EXPECT_INT_EQ(t_bool, 0);
}

UK_TESTCASE(ukboot, param_int)
{
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=42"), 1);
	UK_TEST_EXPECT_INT_EQ(t_int, 42);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=-17"), 1);
	UK_TEST_EXPECT_INT_EQ(t_int, -17);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=+0x1f"), 1);
	UK_TEST_EXPECT_INT_EQ(t_int, 31);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=-0X10"), 1);
	UK_TEST_EXPECT_INT_EQ(t_int, -16);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=9223372036854775807"), 1);
	UK_TEST_EXPECT_INT_EQ(t_int, 9223372036854775807L);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=-9223372036854775808"),
			      1);
	UK_TEST_EXPECT_INT_EQ(t_int, -9223372036854775807L - 1);
	/* Two words set two parameters, left to right. */
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=1 ukboot.test_int=2"), 1);
	UK_TEST_EXPECT_INT_EQ(t_int, 2);
}

UK_TESTCASE(ukboot, param_int_rejects)
{
	t_int = 5;
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=9223372036854775808"),
			      0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=-9223372036854775809"),
			      0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=99999999999999999999"),
			      0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=4K"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=12a"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=0x"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int=-"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int="), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int"), 0);
	UK_TEST_EXPECT_INT_EQ(t_int, 5);
}

UK_TESTCASE(ukboot, param_ulong_suffixes)
{
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_ulong=4K"), 1);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 4096);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_ulong=3m"), 1);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 3UL << 20);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_ulong=0x10G"), 1);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 16UL << 30);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_ulong=17179869183G"), 1);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 17179869183UL << 30);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_ulong=18446744073709551615"),
			      1);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 18446744073709551615UL);
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_ulong=0"), 1);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 0);
}

UK_TESTCASE(ukboot, param_ulong_rejects)
{
	t_ulong = 5;
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=18446744073709551616"),
			      0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=17179869184G"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=17592186044416M"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=-1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=+1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=1T"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=1KB"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_ulong=K"), 0);
	UK_TEST_EXPECT_UINT_EQ(t_ulong, 5);
}

UK_TESTCASE(ukboot, param_str)
{
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_str=hello"), 1);
	UK_TEST_EXPECT_STR_EQ(t_str, "hello");
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_str=\"a b=c\" -- x"), 2);
	UK_TEST_EXPECT_STR_EQ(t_str, "a b=c");
	UK_TEST_EXPECT_STR_EQ(argv[1], "x");
	/* The value points into the parsed line (no copy). */
	UK_TEST_EXPECT(t_str > line && t_str < line + sizeof(line));
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_str="), 1);
	UK_TEST_EXPECT_STR_EQ(t_str, "");
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_str"), 0);
	t_str = NULL;
}

UK_TESTCASE(ukboot, param_unknown_and_malformed)
{
	UK_TEST_EXPECT_INT_EQ(parse("ukboot.test_int=1 -- x"), 2);
	UK_TEST_EXPECT_STR_EQ(complaint, "");
	UK_TEST_EXPECT_INT_LT(parse("nosuchlib.param=1"), 0);
	UK_TEST_EXPECT_STR_EQ(complaint, "ukboot: unknown parameter "
			      "'nosuchlib.param=1': no selected library declares it\n");
	UK_TEST_EXPECT_INT_LT(parse("ukboot.nosuchparam=1"), 0);
	UK_TEST_EXPECT(complained("'ukboot.nosuchparam=1': ukboot has no such "
				  "parameter; its parameters: "));
	UK_TEST_EXPECT(complained(" trace"));
	UK_TEST_EXPECT(complained(" test_ulong"));
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_in=1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int2=1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.test_int.x=1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("plainword"), 0);
	UK_TEST_EXPECT_STR_EQ(complaint, "ukboot: malformed parameter 'plainword': "
			      "expected <library>.<param>=<value>; app arguments go after --\n");
	UK_TEST_EXPECT_INT_LT(parse("a=b.c"), 0);
	UK_TEST_EXPECT_INT_LT(parse(".test_int=1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot.=1"), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboot."), 0);
	/* An error stops the parse: the argument after it is not taken. */
	UK_TEST_EXPECT_INT_LT(parse("bad -- x"), 0);
	UK_TEST_EXPECT_STR_EQ(argv[1], "untouched");
}

UK_TESTCASE(ukboot, param_prefix_list)
{
	t_list.count = 0;
	UK_TEST_EXPECT_INT_EQ(parse("ukboottestlist.A=1 ukboot.test_int=3 "
				    "ukboottestlist.\"B=x y\" -- z"), 2);
	UK_TEST_ASSERT_UINT_EQ(t_list.count, 2);
	UK_TEST_EXPECT_STR_EQ(t_words[0], "A=1");
	UK_TEST_EXPECT_STR_EQ(t_words[1], "B=x y");
	UK_TEST_EXPECT_INT_EQ(t_int, 3);
	UK_TEST_EXPECT_STR_EQ(argv[1], "z");
	/* full: the third word is an error naming it */
	t_list.count = 0;
	UK_TEST_EXPECT_INT_LT(parse("ukboottestlist.a ukboottestlist.b "
				    "ukboottestlist.c"), 0);
	UK_TEST_EXPECT_UINT_EQ(t_list.count, 2);
	UK_TEST_EXPECT(complained("too many words like 'ukboottestlist.c'"));
	/* nothing after the dot, or a longer prefix: not the list's */
	t_list.count = 0;
	UK_TEST_EXPECT_INT_LT(parse("ukboottestlist."), 0);
	UK_TEST_EXPECT_INT_LT(parse("ukboottestlistx.a=1"), 0);
	UK_TEST_EXPECT_UINT_EQ(t_list.count, 0);
	t_list.count = 0;
}

/*
 * QEMU microvm appends "virtio_mmio.device=..." after the user's own
 * command line, "-- args" included: an appended prefix's words at the
 * end are its own, not the app's; anywhere else after "--" they are
 * arguments (issue 11).
 */
UK_TESTCASE(ukboot, param_appended_words_leave_argv)
{
	t_app.count = 0;
	UK_TEST_EXPECT_INT_EQ(parse("-- a b ukboottestapp.x=1 ukboottestapp.y=2"), 3);
	UK_TEST_EXPECT_STR_EQ(argv[1], "a");
	UK_TEST_EXPECT_STR_EQ(argv[2], "b");
	UK_TEST_EXPECT(argv[3] == NULL);
	UK_TEST_ASSERT_UINT_EQ(t_app.count, 2);
	UK_TEST_EXPECT_STR_EQ(t_app_words[0], "x=1");
	UK_TEST_EXPECT_STR_EQ(t_app_words[1], "y=2");
	/* before the user's last argument: the app's */
	t_app.count = 0;
	UK_TEST_EXPECT_INT_EQ(parse("-- ukboottestapp.x=1 c"), 3);
	UK_TEST_EXPECT_STR_EQ(argv[1], "ukboottestapp.x=1");
	UK_TEST_EXPECT_UINT_EQ(t_app.count, 0);
	/* without "--", as any prefix; a plain prefix is not taken back */
	t_list.count = 0;
	UK_TEST_EXPECT_INT_EQ(parse("ukboottestapp.z=3 -- d ukboottestlist.q"), 3);
	UK_TEST_EXPECT_UINT_EQ(t_app.count, 1);
	UK_TEST_EXPECT_UINT_EQ(t_list.count, 0);
	UK_TEST_EXPECT_STR_EQ(argv[2], "ukboottestlist.q");
	t_app.count = t_list.count = 0;
}

/*
 * A build option is not a parameter: ukboot.maxargs=3 names the library
 * (it is selected) and its parameters, rather than saying that no
 * selected library declares it (issue 8).
 */
UK_TESTCASE(ukboot, param_unknown_names_the_library_parameters)
{
	UK_TEST_EXPECT_INT_LT(parse("ukboot.maxargs=3"), 0);
	UK_TEST_EXPECT(complained("ukboot: unknown parameter 'ukboot.maxargs=3': "
				  "ukboot has no such parameter; its parameters:"));
	UK_TEST_EXPECT(!complained("no selected library"));
	UK_TEST_EXPECT(complained(" trace"));
	UK_TEST_EXPECT(complained("\n"));
}
