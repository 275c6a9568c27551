/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test: nolibc's strto* (edge cases and random strings), qsort,
 * bsearch and rand against glibc or against the definition.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include "nl.h"

/* Compare all four strto* on s in base: value, errno, endptr. */
static void compare_strto(const char *s, int base)
{
	char *e1, *e2;
	int err1, err2, valid = base == 0 || (base >= 2 && base <= 36);

#define STRTO(libc, nl, fmt)						\
	do {								\
		errno = 0;						\
		nl_errno = 0;						\
		__typeof__(libc(s, &e1, base)) v1 = libc(s, &e1, base);	\
		err1 = errno;						\
		__typeof__(v1) v2 = nl(s, &e2, base);			\
		err2 = nl_errno;					\
		CHECK(v1 == v2 && err1 == err2 && (!valid || e1 == e2),	\
		      #libc "(\"%s\", %d): glibc " fmt " errno %d end +%td," \
		      " nolibc " fmt " errno %d end +%td", s, base, v1,	\
		      err1, e1 - s, v2, err2, e2 - s);			\
	} while (0)
	STRTO(strtol, nl_strtol, "%ld");
	STRTO(strtoul, nl_strtoul, "%lu");
	STRTO(strtoll, nl_strtoll, "%lld");
	STRTO(strtoull, nl_strtoull, "%llu");
}

static const char *const strto_cases[] = {
	"", " ", "0", "-0", "+0", "1", "-1", "+-1", "--1", " \t\n\v\f\r42",
	"42abc", "abc", "0x", "0x1f", "0X1F", "0xg", "-0x10", "0x 1", "010",
	"08", "0b1", "z", "Z", "zz", "1e5",
	"9223372036854775807", "9223372036854775808", "-9223372036854775808",
	"-9223372036854775809", "18446744073709551615",
	"18446744073709551616", "-18446744073709551615",
	"-18446744073709551616", "99999999999999999999999999999999",
	"0x7fffffffffffffff", "0x8000000000000000", "0xffffffffffffffff",
	"0x10000000000000000", "-0x8000000000000000", "-0x8000000000000001",
	"1777777777777777777777", "2000000000000000000000",
	"3w5e11264sgsf", "3w5e11264sgsg", "1y2p0ij32e8e7", "1y2p0ij32e8e8",
	"111111111111111111111111111111111111111111111111111111111111111",
	"1111111111111111111111111111111111111111111111111111111111111111",
	"11111111111111111111111111111111111111111111111111111111111111111",
};

static void test_strto(void)
{
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1, 3, 35 };
	static const char alpha[] = " +-0123456789abcdefxXzZ";
	char s[32];
	int i, j, n;

	for (i = 0; i < (int)(sizeof(strto_cases) / sizeof(*strto_cases)); i++)
		for (j = 0; j < (int)(sizeof(bases) / sizeof(*bases)); j++)
			compare_strto(strto_cases[i], bases[j]);
	for (i = 0; i < 20000; i++) {
		n = RND(sizeof(s));
		for (j = 0; j < n; j++)
			s[j] = RND(3) ? "0123456789"[RND(10)] :
					alpha[RND(sizeof(alpha) - 1)];
		s[n] = '\0';
		compare_strto(s, RND(3) ? bases[RND(6)] : RND(37));
	}
	CHECK(nl_atoi(" -123x") == -123, "atoi");
	CHECK(nl_abs(-5) == 5 && nl_labs(LONG_MIN + 1) == LONG_MAX, "abs");
}

/* Elements of 1, 3, 4 or 16 bytes, compared whole: a total order. */
static size_t elem_size;

static int cmp_bytes(const void *a, const void *b)
{
	return memcmp(a, b, elem_size);
}

static void test_qsort(void)
{
	static const size_t sizes[] = { 1, 3, 4, 16 };
	unsigned char x[300 * 16], y[300 * 16], key[16];
	size_t n, i, bytes;
	void *p;

	for (int t = 0; t < 2000; t++) {
		elem_size = sizes[RND(4)];
		n = RND(4) ? RND(40) : RND(301);
		bytes = n * elem_size;
		for (i = 0; i < bytes; i++)	/* few values: many ties */
			x[i] = y[i] = RND(t & 1 ? 4 : 256);
		nl_qsort(x, n, elem_size, cmp_bytes);
		qsort(y, n, elem_size, cmp_bytes);
		CHECK(!memcmp(x, y, bytes), "qsort(n=%zu, size=%zu)", n,
		      elem_size);
		for (i = 0; i < 8; i++) {
			if (n && RND(2))
				memcpy(key, x + RND(n) * elem_size, elem_size);
			else
				for (size_t k = 0; k < elem_size; k++)
					key[k] = RND(256);
			p = nl_bsearch(key, x, n, elem_size, cmp_bytes);
			CHECK(p ? !cmp_bytes(p, key) :
			      !bsearch(key, x, n, elem_size, cmp_bytes),
			      "bsearch(n=%zu, size=%zu)", n, elem_size);
		}
	}
}

static void test_rand(void)
{
	int a[8], b, ok = 1, i;

	nl_srand(42);
	for (i = 0; i < 8; i++)
		a[i] = nl_rand();
	nl_srand(42);
	for (i = 0; i < 8; i++)
		ok &= nl_rand() == a[i];
	CHECK(ok, "srand(42) repeats the sequence");
	nl_srand(0);
	for (i = 0, ok = 1; i < 10000; i++) {
		b = nl_rand();
		ok &= b >= 0 && b <= 0x7fffffff;
	}
	CHECK(ok && b != nl_rand(), "rand() stays in 0..RAND_MAX");
}

void test_stdlib(void)
{
	test_strto();
	test_qsort();
	test_rand();
}
