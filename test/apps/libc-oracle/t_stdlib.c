/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/* stdlib.h: strtol/strtoul/strtod and errno, qsort/bsearch. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

static void strtol_one(const char *s, int base)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, base);
	printf("strtol: \"%s\" base %d = %ld, used %td, errno %d\n", s, base,
	       v, end - s, errno);
}

static void strtod_one(const char *s)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	printf("strtod: \"%s\" = %.17g, used %td, errno %d\n", s, v, end - s,
	       errno);
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;

	return (x > y) - (x < y);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static void t_sort(void)
{
	static int v[2000];
	const char *words[] = { "pear", "apple", "fig", "banana", "cherry",
				"date", "apple2", "Zebra" };
	unsigned s = 7, sum = 0;
	int i, sorted = 1, found = 0, key, *hit;

	for (i = 0; i < 2000; i++)
		v[i] = (int)(lcg(&s) % 100000) - 50000;
	qsort(v, 2000, sizeof(v[0]), cmp_int);
	for (i = 1; i < 2000; i++)
		sorted &= v[i - 1] <= v[i];
	for (i = 0; i < 2000; i++)
		sum = sum * 31 + (unsigned)v[i];
	printf("qsort: 2000 ints sorted %s, first %d last %d, hash %u\n",
	       sorted ? "yes" : "NO", v[0], v[1999], sum);
	for (i = 0; i < 2000; i += 7) {
		key = v[i];
		hit = bsearch(&key, v, 2000, sizeof(v[0]), cmp_int);
		found += hit && *hit == key;
	}
	key = 60000;
	printf("bsearch: found %d of 286, absent key gives %s\n", found,
	       bsearch(&key, v, 2000, sizeof(v[0]), cmp_int) ? "a hit" : "NULL");
	qsort(words, 8, sizeof(words[0]), cmp_str);
	printf("qsort: words");
	for (i = 0; i < 8; i++)
		printf(" %s", words[i]);
	printf("\n");
}

void t_stdlib(void)
{
	char *end;
	unsigned long ul;

	strtol_one("  -1234xyz", 10);
	strtol_one("0x7fffffffffffffff", 16);
	strtol_one("9223372036854775808", 10);
	strtol_one("-9223372036854775809", 10);
	strtol_one("0777", 0);
	strtol_one("0x1g", 0);
	strtol_one("zz", 36);
	strtol_one("", 10);
	strtol_one("12", 1);
	errno = 0;
	ul = strtoul("-1", &end, 10);
	printf("strtoul: \"-1\" = %lu, errno %d\n", ul, errno);
	errno = 0;
	printf("strtoull: \"18446744073709551616\" = %llu, errno %d\n",
	       strtoull("18446744073709551616", NULL, 10), errno);
	strtod_one("3.14159");
	strtod_one("  -2.5e-3end");
	strtod_one("1e400");
	strtod_one("1e-400");
	strtod_one("0x1.8p1");
	strtod_one("inf");
	strtod_one("nan");
	strtod_one(".5");
	strtod_one("e5");
	strtod_one("2.2250738585072011e-308");
	printf("atoi: %d %ld %lld\n", atoi(" 42z"), atol("-7"),
	       atoll("123456789012"));
	printf("abs: %d %ld, div 17/5 = %d r %d\n", abs(-3), labs(-4L),
	       div(17, 5).quot, div(17, 5).rem);
	t_sort();
}
