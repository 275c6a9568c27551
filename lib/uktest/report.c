/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uktest's output: lines built in a buffer and written in one console
 * write, and the failure reports the UK_TEST_* macros call. No libc: this
 * works in images without one (allnoconfig plus uktest).
 */
#include <uk/fmt.h>
#include <uk/plat/console.h>
#include "uktest.h"

#define STR_SHOWN 48	/* characters of a string shown in a report */

void uk_test_line_str(struct uk_test_line *l, const char *s)
{
	while (*s && l->len < sizeof(l->buf))
		l->buf[l->len++] = *s++;
}

static void line_char(struct uk_test_line *l, char c)
{
	if (l->len < sizeof(l->buf))
		l->buf[l->len++] = c;
}

void uk_test_line_udec(struct uk_test_line *l, unsigned long long v)
{
	char d[24], *p = d + sizeof(d) - 1;

	*p = '\0';
	uk_test_line_str(l, uk_fmt_uint(p, v, 10, 0));
}

void uk_test_line_dec(struct uk_test_line *l, long long v)
{
	if (v < 0) {
		line_char(l, '-');
		uk_test_line_udec(l, -(unsigned long long)v);
	} else {
		uk_test_line_udec(l, v);
	}
}

void uk_test_line_hex(struct uk_test_line *l, unsigned long long v)
{
	char d[20], *p = d + sizeof(d) - 1;

	*p = '\0';
	uk_test_line_str(l, "0x");
	uk_test_line_str(l, uk_fmt_uint(p, v, 16, 0));
}

void uk_test_line_end(struct uk_test_line *l)
{
	if (l->len == sizeof(l->buf)) {
		l->buf[l->len - 3] = '.';
		l->buf[l->len - 2] = '.';
		l->buf[l->len - 1] = '.';
	}
	ukplat_console_write(l->buf, l->len);
	ukplat_console_write("\n", 1);
	l->len = 0;
}

/* A string in quotes, escaped, at most STR_SHOWN characters of it. */
static void line_quoted(struct uk_test_line *l, const char *s)
{
	int n;

	if (!s) {
		uk_test_line_str(l, "NULL");
		return;
	}
	line_char(l, '"');
	for (n = 0; *s && n < STR_SHOWN; s++, n++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\') {
			line_char(l, '\\');
			line_char(l, c);
		} else if (c >= 0x20 && c < 0x7f) {
			line_char(l, c);
		} else {
			uk_test_line_str(l, "\\x");
			line_char(l, "0123456789abcdef"[c >> 4]);
			line_char(l, "0123456789abcdef"[c & 15]);
		}
	}
	line_char(l, '"');
	if (*s)
		uk_test_line_str(l, "...");
}

/*
 * __FILE__ is the absolute path the build compiled; keep it from the
 * folder above the last "tests/" (ukboot/tests/test_cmdline.c), or the
 * base name.
 */
static const char *short_file(const char *file)
{
	const char *p, *tests = NULL, *base = file;

	for (p = file; *p; p++) {
		if (*p != '/')
			continue;
		if (p[1] == 't' && p[2] == 'e' && p[3] == 's' &&
		    p[4] == 't' && p[5] == 's' && p[6] == '/')
			tests = base;
		base = p + 1;
	}
	return tests ? tests : base;
}

/* "uktest: FAIL suite.case: file:line: " */
static void fail_begin(struct uk_test_line *l, const char *file, int line)
{
	uk_test_current_failed = 1;
	l->len = 0;
	uk_test_line_str(l, "uktest: FAIL ");
	if (uk_test_current) {
		uk_test_line_str(l, uk_test_current->suite);
		line_char(l, '.');
		uk_test_line_str(l, uk_test_current->name);
	}
	uk_test_line_str(l, ": ");
	uk_test_line_str(l, short_file(file));
	line_char(l, ':');
	uk_test_line_dec(l, line);
	uk_test_line_str(l, ": ");
}

/* "expected [op ]" : nothing more for ==, the operator otherwise. */
static void fail_expected(struct uk_test_line *l, const char *op)
{
	uk_test_line_str(l, "expected ");
	if (!(op[0] == '=' && op[1] == '=')) {
		uk_test_line_str(l, op);
		line_char(l, ' ');
	}
}

static void fail_end(struct uk_test_line *l, const char *expr)
{
	uk_test_line_str(l, " [");
	uk_test_line_str(l, expr);
	line_char(l, ']');
	uk_test_line_end(l);
}

void uk_test_fail_bool(const char *file, int line, const char *expr)
{
	struct uk_test_line l;

	fail_begin(&l, file, line);
	uk_test_line_str(&l, "expected true: ");
	uk_test_line_str(&l, expr);
	uk_test_line_end(&l);
}

void uk_test_fail_int(const char *file, int line, const char *expr,
		      const char *op, long long actual, long long expected)
{
	struct uk_test_line l;

	fail_begin(&l, file, line);
	fail_expected(&l, op);
	uk_test_line_dec(&l, expected);
	uk_test_line_str(&l, ", got ");
	uk_test_line_dec(&l, actual);
	fail_end(&l, expr);
}

static void line_uint(struct uk_test_line *l, unsigned long long v)
{
	uk_test_line_udec(l, v);
	if (v > 9) {
		uk_test_line_str(l, " (");
		uk_test_line_hex(l, v);
		line_char(l, ')');
	}
}

void uk_test_fail_uint(const char *file, int line, const char *expr,
		       const char *op, unsigned long long actual,
		       unsigned long long expected)
{
	struct uk_test_line l;

	fail_begin(&l, file, line);
	fail_expected(&l, op);
	line_uint(&l, expected);
	uk_test_line_str(&l, ", got ");
	line_uint(&l, actual);
	fail_end(&l, expr);
}

static void line_ptr(struct uk_test_line *l, const void *p)
{
	if (p)
		uk_test_line_hex(l, (uintptr_t)p);
	else
		uk_test_line_str(l, "NULL");
}

void uk_test_fail_ptr(const char *file, int line, const char *expr,
		      const char *op, const void *actual,
		      const void *expected)
{
	struct uk_test_line l;

	fail_begin(&l, file, line);
	fail_expected(&l, op);
	line_ptr(&l, expected);
	uk_test_line_str(&l, ", got ");
	line_ptr(&l, actual);
	fail_end(&l, expr);
}

void uk_test_fail_str(const char *file, int line, const char *expr,
		      const char *op, const char *actual,
		      const char *expected)
{
	struct uk_test_line l;

	fail_begin(&l, file, line);
	fail_expected(&l, op);
	line_quoted(&l, expected);
	uk_test_line_str(&l, ", got ");
	line_quoted(&l, actual);
	fail_end(&l, expr);
}

void uk_test_fail_mem(const char *file, int line, const char *expr,
		      const void *actual, const void *expected, size_t len,
		      size_t at)
{
	struct uk_test_line l;

	fail_begin(&l, file, line);
	uk_test_line_str(&l, "bytes differ at offset ");
	uk_test_line_udec(&l, at);
	uk_test_line_str(&l, " of ");
	uk_test_line_udec(&l, len);
	uk_test_line_str(&l, ": expected ");
	uk_test_line_hex(&l, ((const unsigned char *)expected)[at]);
	uk_test_line_str(&l, ", got ");
	uk_test_line_hex(&l, ((const unsigned char *)actual)[at]);
	fail_end(&l, expr);
}

int uk_test_str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

size_t uk_test_mem_diff(const void *a, const void *b, size_t len)
{
	const unsigned char *x = a, *y = b;
	size_t i;

	for (i = 0; i < len && x[i] == y[i]; i++)
		;
	return i;
}
