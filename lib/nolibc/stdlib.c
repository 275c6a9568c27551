/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: number parsing (strto*, ato*), integer helpers and rand().
 * qsort/bsearch live in qsort.c, exit/abort in exit.c.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The value of digit character c in bases up to 36, or 36 if none. */
static int digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 10;
	return 36;
}

/*
 * The common part of every strto*: parse s as described in <stdlib.h> and
 * return the magnitude. lim_pos and lim_neg are the largest magnitudes the
 * caller's type holds for each sign; past it the result saturates there
 * and *over is set (errno too). *neg reports a minus sign.
 */
static unsigned long long parse(const char *s, char **endptr, int base,
				unsigned long long lim_pos,
				unsigned long long lim_neg, int *neg, int *over)
{
	const char *p = s;
	unsigned long long v = 0, lim;
	int d, any = 0;

	*neg = *over = 0;
	if (base < 0 || base == 1 || base > 36) {
		errno = EINVAL;
		if (endptr)
			*endptr = (char *)s;
		return 0;
	}
	while (isspace((unsigned char)*p))
		p++;
	if (*p == '-' || *p == '+')
		*neg = *p++ == '-';
	if ((base == 0 || base == 16) && p[0] == '0' && (p[1] | 0x20) == 'x' &&
	    isxdigit((unsigned char)p[2])) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}
	lim = *neg ? lim_neg : lim_pos;
	for (; (d = digit_value((unsigned char)*p)) < base; p++) {
		any = 1;
		if (v > (lim - d) / base)	/* v * base + d > lim */
			*over = 1;
		else
			v = v * base + d;
	}
	if (endptr)
		*endptr = (char *)(any ? p : s);
	if (*over) {
		errno = ERANGE;
		return lim;
	}
	return v;
}

long long strtoll(const char *restrict s, char **restrict endptr, int base)
{
	unsigned long long v;
	int neg, over;

	v = parse(s, endptr, base, LLONG_MAX, (unsigned long long)LLONG_MAX + 1,
		  &neg, &over);
	if (!neg)
		return v;
	return v ? -(long long)(v - 1) - 1 : 0;	/* no overflow at MIN */
}

unsigned long long strtoull(const char *restrict s, char **restrict endptr,
			    int base)
{
	unsigned long long v;
	int neg, over;

	v = parse(s, endptr, base, ULLONG_MAX, ULLONG_MAX, &neg, &over);
	return neg && !over ? -v : v;
}

long strtol(const char *restrict s, char **restrict endptr, int base)
{
	unsigned long long v;
	int neg, over;

	v = parse(s, endptr, base, LONG_MAX, (unsigned long long)LONG_MAX + 1,
		  &neg, &over);
	if (!neg)
		return v;
	return v ? -(long)(v - 1) - 1 : 0;
}

unsigned long strtoul(const char *restrict s, char **restrict endptr,
		      int base)
{
	unsigned long long v;
	int neg, over;

	v = parse(s, endptr, base, ULONG_MAX, ULONG_MAX, &neg, &over);
	return neg && !over ? -(unsigned long)v : (unsigned long)v;
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

long long atoll(const char *s)
{
	return strtoll(s, NULL, 10);
}

int abs(int x)
{
	return x < 0 ? -x : x;
}

long labs(long x)
{
	return x < 0 ? -x : x;
}

long long llabs(long long x)
{
	return x < 0 ? -x : x;
}

div_t div(int num, int den)
{
	return (div_t){ num / den, num % den };
}

ldiv_t ldiv(long num, long den)
{
	return (ldiv_t){ num / den, num % den };
}

lldiv_t lldiv(long long num, long long den)
{
	return (lldiv_t){ num / den, num % den };
}

/* xorshift32 (Marsaglia 2003); the state must never be 0. */
static uint32_t rand_state = 1;

void srand(unsigned int seed)
{
	rand_state = seed ? seed : 0x9e3779b9;
}

int rand(void)
{
	uint32_t x = rand_state;

	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	rand_state = x;
	return (int)(x >> 1);	/* 0..RAND_MAX */
}

char **environ;

char *getenv(const char *name)
{
	size_t n = strlen(name);
	char **e;

	if (!environ || !n || strchr(name, '='))
		return NULL;
	for (e = environ; *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}
