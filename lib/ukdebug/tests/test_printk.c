/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * printk's formatting (printk.c's uk_printk_format, the part of
 * uk_debug_printk before the console write): the level tag, the library name,
 * and the cut of a message longer than the buffer.
 */
#include <stdarg.h>
#include <string.h>
#include <uk/print.h>
#include <uk/test.h>
#include "../printk.h"

static char buf[PRINTK_BUFSIZE + 1];

static int format(int level, const char *lib, const char *fmt, ...)
{
	va_list ap;
	int n;

	memset(buf, 'Z', sizeof(buf));
	va_start(ap, fmt);
	n = uk_printk_format(buf, level, lib, fmt, ap);
	va_end(ap);
	if (n >= 0 && n < (int)sizeof(buf))
		buf[n] = '\0';
	return n;
}

UK_TESTCASE(ukdebug, printk_prefixes_level_and_lib)
{
	UK_TEST_EXPECT_INT_EQ(format(UK_PRINT_INFO, "virtio", "found %d\n", 2),
			      (int)strlen("[info] virtio: found 2\n"));
	UK_TEST_EXPECT_STR_EQ(buf, "[info] virtio: found 2\n");
	format(UK_PRINT_CRIT, "x", "a");
	UK_TEST_EXPECT_STR_EQ(buf, "[crit] x: a");
	format(UK_PRINT_ERR, "x", "%s", "b");
	UK_TEST_EXPECT_STR_EQ(buf, "[err] x: b");
	format(UK_PRINT_WARN, "x", "");
	UK_TEST_EXPECT_STR_EQ(buf, "[warn] x: ");
	format(UK_PRINT_DEBUG, "x", "%x", 255);
	UK_TEST_EXPECT_STR_EQ(buf, "[debug] x: ff");
	/* Levels out of range are clamped, not used as an index. */
	format(-3, "x", "y");
	UK_TEST_EXPECT_STR_EQ(buf, "[crit] x: y");
	format(99, "x", "y");
	UK_TEST_EXPECT_STR_EQ(buf, "[debug] x: y");
}

UK_TESTCASE(ukdebug, printk_exact_fit_is_not_cut)
{
	static char msg[PRINTK_BUFSIZE];
	int prefix = strlen("[err] t: "), n;

	/* prefix + message = PRINTK_BUFSIZE - 1: fits with its NUL. */
	memset(msg, 'm', sizeof(msg));
	msg[PRINTK_BUFSIZE - 1 - prefix] = '\0';
	n = format(UK_PRINT_ERR, "t", "%s", msg);
	UK_TEST_EXPECT_INT_EQ(n, PRINTK_BUFSIZE - 1);
	UK_TEST_EXPECT_INT_EQ(buf[n - 1], 'm');
	UK_TEST_EXPECT_INT_EQ(buf[n - 4], 'm');
}

UK_TESTCASE(ukdebug, printk_cuts_long_messages)
{
	static char msg[2 * PRINTK_BUFSIZE];
	int n;

	memset(msg, 'm', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	n = format(UK_PRINT_WARN, "t", "%s tail\n", msg);
	UK_TEST_ASSERT_INT_EQ(n, PRINTK_BUFSIZE - 1);
	UK_TEST_EXPECT_MEM_EQ(buf, "[warn] t: mmm", 13);
	UK_TEST_EXPECT_MEM_EQ(buf + n - 5, "m...\n", 5);
	/* Nothing is written past the buffer. */
	UK_TEST_EXPECT_INT_EQ(buf[PRINTK_BUFSIZE], 'Z');

	/* One byte too long is cut too. */
	msg[PRINTK_BUFSIZE - strlen("[warn] t: ")] = '\0';
	n = format(UK_PRINT_WARN, "t", "%s", msg);
	UK_TEST_EXPECT_INT_EQ(n, PRINTK_BUFSIZE - 1);
	UK_TEST_EXPECT_MEM_EQ(buf + n - 4, "...\n", 4);
}

UK_TESTCASE(ukdebug, printk_long_library_name)
{
	static char lib[PRINTK_BUFSIZE + 8];
	int n;

	/* A prefix longer than the buffer must not underflow the rest. */
	memset(lib, 'l', sizeof(lib) - 1);
	lib[sizeof(lib) - 1] = '\0';
	n = format(UK_PRINT_INFO, lib, "%s", "message");
	UK_TEST_EXPECT_INT_EQ(n, PRINTK_BUFSIZE - 1);
	UK_TEST_EXPECT_MEM_EQ(buf + n - 4, "...\n", 4);
	UK_TEST_EXPECT_INT_EQ(buf[PRINTK_BUFSIZE], 'Z');
}
