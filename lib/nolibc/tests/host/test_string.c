/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test: nolibc's <string.h>, <strings.h>, <ctype.h> and strerror
 * against glibc, on random short strings over a small alphabet (so that
 * matches and near-matches are common) and on exhaustive ctype input.
 */
#define _GNU_SOURCE	/* memrchr */
#include <ctype.h>
#include <errno.h>
#include <string.h>
#include <strings.h>
#include "nl.h"

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

/* A random string of up to max-1 bytes over "abAB,. " plus high bytes. */
static void rand_str(char *s, int max)
{
	static const char alpha[] = "abcAB,. \xe9";
	int n = RND(max);

	for (int i = 0; i < n; i++)
		s[i] = alpha[RND(sizeof(alpha) - 1)];
	s[n] = '\0';
}

static void compare_search(const char *a, const char *b)
{
	size_t la = strlen(a), n = RND(12);
	int c = RND(3) ? b[0] : "a,\xe9"[RND(3)];

	CHECK(nl_strlen(a) == la, "strlen(\"%s\")", a);
	CHECK(nl_strnlen(a, n) == strnlen(a, n), "strnlen(\"%s\", %zu)", a, n);
	CHECK(sign(nl_strcmp(a, b)) == sign(strcmp(a, b)),
	      "strcmp(\"%s\", \"%s\")", a, b);
	CHECK(sign(nl_strncmp(a, b, n)) == sign(strncmp(a, b, n)),
	      "strncmp(\"%s\", \"%s\", %zu)", a, b, n);
	CHECK(sign(nl_strcasecmp(a, b)) == sign(strcasecmp(a, b)),
	      "strcasecmp(\"%s\", \"%s\")", a, b);
	CHECK(sign(nl_strncasecmp(a, b, n)) == sign(strncasecmp(a, b, n)),
	      "strncasecmp(\"%s\", \"%s\", %zu)", a, b, n);
	CHECK(sign(nl_memcmp(a, b, n < la ? n : la)) ==
	      sign(memcmp(a, b, n < la ? n : la)), "memcmp");
	CHECK(nl_strchr(a, c) == strchr(a, c), "strchr(\"%s\", %d)", a, c);
	CHECK(nl_strrchr(a, c) == strrchr(a, c), "strrchr(\"%s\", %d)", a, c);
	CHECK(nl_memchr(a, c, la) == memchr(a, c, la), "memchr");
	CHECK(nl_memrchr(a, c, la) == memrchr(a, c, la), "memrchr");
	CHECK(nl_strstr(a, b) == strstr(a, b), "strstr(\"%s\", \"%s\")", a, b);
	CHECK(nl_strspn(a, b) == strspn(a, b), "strspn(\"%s\", \"%s\")", a, b);
	CHECK(nl_strcspn(a, b) == strcspn(a, b), "strcspn(\"%s\", \"%s\")",
	      a, b);
	CHECK(nl_strpbrk(a, b) == strpbrk(a, b), "strpbrk(\"%s\", \"%s\")",
	      a, b);
}

/* Copies: both results in buffers prefilled alike, compared whole. */
static void compare_copy(const char *a, const char *b)
{
	char x[64], y[64];
	size_t n = RND(20);

	memset(x, 'Q', sizeof(x));
	memset(y, 'Q', sizeof(y));
	CHECK(nl_strcpy(x, a) == x && (strcpy(y, a), !memcmp(x, y, 64)),
	      "strcpy");
	CHECK(nl_strncpy(x, b, n) == x && (strncpy(y, b, n), !memcmp(x, y, 64)),
	      "strncpy(\"%s\", %zu)", b, n);
	strcpy(x, a);
	strcpy(y, a);
	CHECK(nl_strcat(x, b) == x && (strcat(y, b), !memcmp(x, y, 64)),
	      "strcat");
	strcpy(x, a);
	strcpy(y, a);
	CHECK(nl_strncat(x, b, n) == x && (strncat(y, b, n), !memcmp(x, y, 64)),
	      "strncat(\"%s\", \"%s\", %zu)", a, b, n);
}

static void compare_strtok(const char *a, const char *delim)
{
	char x[64], y[64], *sx, *sy, *tx, *ty;
	int first = 1;

	strcpy(x, a);
	strcpy(y, a);
	do {
		tx = nl_strtok_r(first ? x : NULL, delim, &sx);
		ty = strtok_r(first ? y : NULL, delim, &sy);
		first = 0;
		CHECK((!tx && !ty) || (tx && ty && tx - x == ty - y &&
				       !strcmp(tx, ty)),
		      "strtok_r(\"%s\", \"%s\")", a, delim);
	} while (tx && ty);
}

/* memmove/memcpy/memset on random overlapping ranges of one buffer. */
static void compare_mem(void)
{
	unsigned char x[256], y[256];
	size_t d = RND(128), s = RND(128), n = RND(129);
	int c = RND(256);

	for (int i = 0; i < 256; i++)
		x[i] = y[i] = RND(256);
	CHECK(nl_memmove(x + d, x + s, n) == x + d &&
	      (memmove(y + d, y + s, n), !memcmp(x, y, 256)),
	      "memmove(+%zu, +%zu, %zu)", d, s, n);
	if (d + n <= s || s + n <= d)
		CHECK(nl_memcpy(x + d, x + s, n) == x + d &&
		      (memcpy(y + d, y + s, n), !memcmp(x, y, 256)),
		      "memcpy(+%zu, +%zu, %zu)", d, s, n);
	CHECK(nl_memset(x + d, c, n) == x + d &&
	      (memset(y + d, c, n), !memcmp(x, y, 256)),
	      "memset(+%zu, %d, %zu)", d, c, n);
}

static void test_ctype(void)
{
	static const struct {
		const char *name;
		int (*nl)(int), (*libc)(int);
	} fns[] = {
		{ "isalnum", nl_isalnum, isalnum },
		{ "isalpha", nl_isalpha, isalpha },
		{ "iscntrl", nl_iscntrl, iscntrl },
		{ "isdigit", nl_isdigit, isdigit },
		{ "isgraph", nl_isgraph, isgraph },
		{ "islower", nl_islower, islower },
		{ "isprint", nl_isprint, isprint },
		{ "ispunct", nl_ispunct, ispunct },
		{ "isspace", nl_isspace, isspace },
		{ "isupper", nl_isupper, isupper },
		{ "isxdigit", nl_isxdigit, isxdigit },
	};

	for (int c = EOF; c < 256; c++) {
		for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
			CHECK(!fns[i].nl(c) == !fns[i].libc(c), "%s(%d)",
			      fns[i].name, c);
		CHECK(nl_toupper(c) == toupper(c), "toupper(%d)", c);
		CHECK(nl_tolower(c) == tolower(c), "tolower(%d)", c);
	}
}

static void test_strerror(void)
{
	int known = 0;

	CHECK(!strcmp(nl_strerror(0), "Success"), "strerror(0)");
	CHECK(!strcmp(nl_strerror(EPERM), "Operation not permitted"),
	      "strerror(EPERM)");
	CHECK(!strcmp(nl_strerror(ERANGE), "Result out of range"),
	      "strerror(ERANGE): %s", nl_strerror(ERANGE));
	CHECK(!strcmp(nl_strerror(ECONNREFUSED), "Connection refused"),
	      "strerror(ECONNREFUSED): %s", nl_strerror(ECONNREFUSED));
	CHECK(!strcmp(nl_strerror(EHWPOISON),
		      "Memory page has hardware error"), "strerror(EHWPOISON)");
	CHECK(!strcmp(nl_strerror(EHWPOISON + 1), "Unknown error") &&
	      !strcmp(nl_strerror(-1), "Unknown error") &&
	      !strcmp(nl_strerror(41), "Unknown error"),
	      "strerror of unknown numbers");
	for (int e = 1; e <= EHWPOISON; e++)
		known += strcmp(nl_strerror(e), "Unknown error") != 0;
	CHECK(known == EHWPOISON - 2, "strerror knows %d numbers", known);
}

void test_string(void)
{
	char a[24], b[6];

	for (int i = 0; i < 20000; i++) {
		rand_str(a, sizeof(a));
		rand_str(b, RND(2) ? 3 : sizeof(b));
		compare_search(a, b);
		compare_copy(a, b);
		compare_strtok(a, b);
		compare_mem();
	}
	strcpy(a, "abc");
	CHECK(nl_strstr(a, "") == a, "strstr(s, \"\")");
	CHECK(nl_strchr(a, '\0') == a + 3, "strchr(s, 0)");
	test_ctype();
	test_strerror();
}
