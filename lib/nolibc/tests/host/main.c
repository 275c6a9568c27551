/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test driver: the fake platform nolibc links against (console and
 * power-off under their nl_ names), the check counters, and the printf
 * tests, which compare nl_snprintf with glibc's snprintf on random
 * conversions and check console output, flushing and errors.
 */
#include <errno.h>
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nl.h"

unsigned long passed, failed;
static unsigned long long rnd_state = 0x853c49e6748fea9bULL;

void fail(const char *fmt, ...)
{
	va_list ap;

	if (++failed > 20)
		return;
	printf("FAIL: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

unsigned long long rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* --- the fake platform ------------------------------------------------ */

char console[8192];
size_t console_len;
int console_calls, console_max_write, console_error;
static jmp_buf poweroff_jmp;
static int poweroff_status;
/* UKPLAT_EXIT_CRASH: 125 with the crashed bit (uk/plat/power.h). */
#define NL_EXIT_CRASH (0x100 | 125)

int nl_ukplat_console_write(const char *buf, size_t len)
{
	console_calls++;
	if (console_error)
		return -console_error;
	if (console_max_write && len > (size_t)console_max_write)
		len = console_max_write;
	if (len > sizeof(console) - console_len)
		abort();	/* a test printed more than it should */
	memcpy(console + console_len, buf, len);
	console_len += len;
	return len;
}

void nl_ukplat_poweroff(int status)
{
	poweroff_status = status;
	longjmp(poweroff_jmp, 1);
}

static void console_reset(void)
{
	memset(console, 0, sizeof(console));
	console_len = 0;
	console_calls = console_max_write = console_error = 0;
}

/* --- random conversions against glibc --------------------------------- */

enum { K_INT, K_LONG, K_STR, K_PTR };

static char long_str[301];
static const char *const strs[] = {
	"", "a", "hello", "Hello, World!", "tab\there", long_str, NULL,
};
static const long long specials[] = {
	0, 1, -1, 7, 8, 15, 16, 255, 256, INT_MAX, INT_MIN, UINT_MAX,
	LLONG_MAX, LLONG_MIN, (long long)ULLONG_MAX, 0x7f, 0x80, -128,
	32767, -32768, 65535,
};

static long long rand_value(void)
{
	switch (RND(5)) {
	case 0:
		return specials[RND(sizeof(specials) / sizeof(specials[0]))];
	case 1:
		return RND(2001) - 1000;
	default:
		return (long long)(rnd() >> RND(64)) * (RND(2) ? 1 : -1);
	}
}

/* Compare glibc and nolibc on one format with its arguments. */
static void compare(const char *fmt, size_t n, int nstar, const int *star,
		    int kind, long long v, const char *s)
{
	char b1[700], b2[700];
	int r1 = 0, r2 = 0;

	memset(b1, 'Z', sizeof(b1));
	memset(b2, 'Z', sizeof(b2));
#define BOTH(...)							\
	do {								\
		r1 = snprintf(n ? b1 : NULL, n, __VA_ARGS__);		\
		r2 = nl_snprintf(n ? b2 : NULL, n, __VA_ARGS__);	\
	} while (0)
#define STARS(a)							\
	do {								\
		if (nstar == 0)						\
			BOTH(fmt, a);					\
		else if (nstar == 1)					\
			BOTH(fmt, star[0], a);				\
		else							\
			BOTH(fmt, star[0], star[1], a);			\
	} while (0)
	switch (kind) {
	case K_INT:
		STARS((int)v);
		break;
	case K_LONG:
		STARS(v);
		break;
	case K_STR:
		STARS(s);
		break;
	default:
		STARS((void *)(intptr_t)v);
		break;
	}
	CHECK(r1 == r2 && !memcmp(b1, b2, sizeof(b1)),
	      "snprintf(n=%zu, \"%s\", v=%lld) glibc %d \"%.80s\""
	      " nolibc %d \"%.80s\"",
	      n, fmt, v, r1, b1, r2, b2);
}

static void random_conversion(void)
{
	static const char *const lens[] = {
		"", "hh", "h", "l", "ll", "z", "t", "j",
	};
	static const char *const lits[] = { "", "x=", "abc ", "%%", "[" };
	const char *conv_set = "diuxXocsp", *flags;
	char fmt[64], *f = fmt, conv = conv_set[RND(9)];
	int star[2], nstar = 0, kind, i, len = 0;
	size_t n = RND(4) ? 700 : (size_t)RND(20);

	f += sprintf(f, "%s%%", lits[RND(5)]);
	flags = strchr("di", conv) ? "-+ 0" : strchr("uxXo", conv) ?
		"-+ #0" : "-";
	for (i = RND(4); i > 0; i--)
		*f++ = flags[RND(strlen(flags))];
	switch (RND(3)) {
	case 1:
		f += sprintf(f, "%d", RND(25) + 1);
		break;
	case 2:
		*f++ = '*';
		star[nstar++] = RND(41) - 20;
		break;
	}
	if (!strchr("cp", conv)) {
		switch (RND(4)) {
		case 1:
			*f++ = '.';
			break;
		case 2:
			f += sprintf(f, ".%d", RND(25));
			break;
		case 3:
			f += sprintf(f, ".*");
			star[nstar++] = RND(31) - 5;
			break;
		}
	}
	if (strchr("diuxXo", conv)) {
		len = RND(8);
		f += sprintf(f, "%s", lens[len]);
	}
	*f++ = conv;
	strcpy(f, lits[RND(5)]);

	kind = conv == 's' ? K_STR : conv == 'p' ? K_PTR :
	       len >= 3 ? K_LONG : K_INT;
	compare(fmt, n, nstar, star, kind,
		conv == 'c' ? RND(256) : conv == 'p' && !RND(4) ? 0 :
		rand_value(), strs[RND(sizeof(strs) / sizeof(strs[0]))]);
}

/* --- fixed cases: what glibc cannot be compared on -------------------- */

#define EXPECT(want, ...)						\
	do {								\
		char b_[256];						\
		int r_ = nl_snprintf(b_, sizeof(b_), __VA_ARGS__);	\
		CHECK(r_ == (int)strlen(want) && !strcmp(b_, want),	\
		      "line %d: got %d \"%s\", want \"%s\"", __LINE__,	\
		      r_, b_, want);					\
	} while (0)

static void fixed_cases(void)
{
	int n = 1234;
	char small[4];

	EXPECT("%5.2f|42", "%5.2f|%d", 1.5, 42);	/* floats: literal */
	EXPECT("%e %g 7", "%e %g %d", 1.0, 2.0, 7);
	EXPECT("ab", "a%nb", &n);
	CHECK(n == 1234, "%%n stored something");
	EXPECT("x%y", "x%y");			/* unknown: literal */
	EXPECT("abc%", "abc%");			/* format ends after % */
	EXPECT("-9 18446744073709551615 -1 2 -3 -1 ffff",
	       "%ld %llu %zd %jd %td %hhd %hx", -9L, ~0ULL, (long)-1,
	       (long)2, (long)-3, 255, 0xffff);
	EXPECT("|   hi|hi   |", "|%*s|%-*s|", 5, "hi", 5, "hi");
	EXPECT("|hi   |", "|%*s|", -5, "hi");	/* negative * width */
	EXPECT("|00042|", "|%.*d|", 5, 42);
	EXPECT("|42|", "|%.*d|", -3, 42);	/* negative * precision */
	EXPECT("0 0x1 01", "%#x %#x %#o", 0, 1, 1);
	EXPECT("%", "%%");
	CHECK(nl_snprintf(small, sizeof(small), "%s", "truncated") == 9 &&
	      !strcmp(small, "tru"), "truncation: \"%s\"", small);
	CHECK(nl_snprintf(NULL, 0, "%d", 12345) == 5, "snprintf(NULL, 0)");
	CHECK(nl_sprintf(small, "%d", 123) == 3 && !strcmp(small, "123"),
	      "sprintf");
}

/* --- console output ---------------------------------------------------- */

static void console_cases(void)
{
	char want[1024];
	int r, len;

	len = snprintf(want, sizeof(want), "%s|%d|%300s|%#x|%-20s|\n",
		       long_str, -42, "pad", 0xbeef, "left");
	console_reset();
	r = nl_printf("%s|%d|%300s|%#x|%-20s|\n", long_str, -42, "pad",
		      0xbeef, "left");
	CHECK(r == len && console_len == (size_t)len &&
	      !memcmp(console, want, len), "printf: %d bytes, want %d", r,
	      len);
	CHECK(console_calls == (len + 127) / 128,
	      "printf: %d console writes for %d bytes, want 128-byte chunks",
	      console_calls, len);

	console_reset();
	console_max_write = 7;			/* the console is slow */
	r = nl_printf("%s|%d|%300s|%#x|%-20s|\n", long_str, -42, "pad",
		      0xbeef, "left");
	CHECK(r == len && !memcmp(console, want, len), "short writes");

	console_reset();
	console_error = EIO;
	nl_errno = 0;
	r = nl_printf("%s", long_str);
	CHECK(r == -1 && nl_errno == EIO, "console error: %d errno %d", r,
	      nl_errno);
	CHECK(console_calls == 1, "console error: %d retries", console_calls);

	console_reset();
	nl_puts("hi");
	nl_putchar('!');
	nl_fputs("err", nl_stderr);
	nl_fprintf(nl_stdout, "%d", 5);
	CHECK(!strcmp(console, "hi\n!err5"), "puts etc.: \"%s\"", console);
	nl_errno = 0;
	CHECK(nl_fprintf((void *)&r, "x") == -1 && nl_errno == EBADF,
	      "fprintf to an unknown FILE");
	CHECK(nl_putchar(0xff) == 0xff, "putchar returns unsigned char");

	console_reset();
	CHECK(nl_write(1, "ab", 2) == 2 && nl_write(2, "c", 1) == 1 &&
	      !strcmp(console, "abc"), "write(1|2)");
	nl_errno = 0;
	CHECK(nl_write(3, "x", 1) == -1 && nl_errno == EBADF, "write(3)");
}

static void exit_cases(void)
{
	console_reset();
	if (!setjmp(poweroff_jmp))
		nl_exit(3);
	CHECK(poweroff_status == 3, "exit(3) -> %d", poweroff_status);
	if (!setjmp(poweroff_jmp))
		nl_abort();
	CHECK(poweroff_status == NL_EXIT_CRASH &&
	      !strcmp(console, "abort() called\n"),
	      "abort: %d \"%s\"", poweroff_status, console);
	console_reset();
	if (!setjmp(poweroff_jmp))
		nl___assert_fail("x == 1", "f.c", 7, "fn");
	CHECK(poweroff_status == NL_EXIT_CRASH &&
	      !strcmp(console, "f.c:7: fn: Assertion `x == 1' failed.\n"
			       "abort() called\n"), "assert: \"%s\"", console);
}

void test_printf(void)
{
	int i;

	memset(long_str, 'L', sizeof(long_str) - 1);
	for (i = 0; i < 100000; i++)
		random_conversion();
	fixed_cases();
	console_cases();
	exit_cases();
}

int main(int argc, char **argv)
{
	if (argc > 1)
		rnd_state = strtoull(argv[1], NULL, 0) | 1;
	test_printf();
	test_string();
	test_stdlib();
	printf("%lu passed, %lu failed\n", passed, failed);
	return failed != 0;
}
