/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <stdlib.h>. Number parsing, sorting, integer helpers, a small
 * PRNG and process exit. malloc and friends are only declared here: an
 * allocator library (ukalloc) defines them, so a program that calls them
 * without selecting one fails to link instead of failing at run time.
 */
#ifndef _NOLIBC_STDLIB_H
#define _NOLIBC_STDLIB_H

#include <stddef.h>
#include <uk/essentials.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1
#define RAND_MAX	0x7fffffff

typedef struct { int quot, rem; } div_t;
typedef struct { long quot, rem; } ldiv_t;
typedef struct { long long quot, rem; } lldiv_t;

/*
 * strto*: skip leading white space, take an optional sign and, for base 16
 * or 0, an optional "0x"/"0X"; base 0 picks 16, 8 (leading "0") or 10.
 * *endptr (if endptr is not NULL) is set past the last digit used, or to
 * s when there was no digit at all. Out of range: the result saturates
 * (LONG_MAX, LONG_MIN, ULONG_MAX, ...) and errno becomes ERANGE. A base
 * other than 0 or 2..36 sets errno to EINVAL and returns 0. As in C, the
 * unsigned variants accept a minus sign and negate the result.
 */
long strtol(const char *restrict s, char **restrict endptr, int base);
unsigned long strtoul(const char *restrict s, char **restrict endptr,
		      int base);
long long strtoll(const char *restrict s, char **restrict endptr, int base);
unsigned long long strtoull(const char *restrict s, char **restrict endptr,
			    int base);
int atoi(const char *s);		/* strtol(s, NULL, 10), truncated */
long atol(const char *s);
long long atoll(const char *s);

int abs(int x);
long labs(long x);
long long llabs(long long x);
div_t div(int num, int den);
ldiv_t ldiv(long num, long den);
lldiv_t lldiv(long long num, long long den);

/*
 * Sort n elements of size bytes with heapsort: O(n log n) time in the
 * worst case, no recursion, no extra memory, not stable.
 */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      int (*cmp)(const void *, const void *));

/*
 * The environment: NULL-terminated "NAME=value" strings, NULL when no
 * library set it (posix-environ fills it from env.NAME=value on the
 * kernel command line). getenv returns the value of the first entry
 * named name, or NULL; the string belongs to the environment.
 */
extern char **environ;
char *getenv(const char *name);

/*
 * xorshift32: fast and small, NOT cryptographic, and one global state
 * (not thread-safe). The default seed is 1, as the C standard wants.
 */
int rand(void);
void srand(unsigned int seed);

/* Power the image off; status (0..255) becomes the VM's exit status. */
void exit(int status) __uk_noreturn;
/* Print "abort() called" and power off with UKPLAT_EXIT_CRASH. */
void abort(void) __uk_noreturn;

/* Provided by an allocator library (ukalloc), not by nolibc. */
void *malloc(size_t size);
void *calloc(size_t n, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
int posix_memalign(void **memptr, size_t align, size_t size);
void *aligned_alloc(size_t align, size_t size);

#endif /* _NOLIBC_STDLIB_H */
