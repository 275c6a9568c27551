/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test: nolibc's functions under their "nl_" names (see run.sh), and
 * the tiny check framework the test files share.
 */
#ifndef NL_H
#define NL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>

extern int nl_errno;
extern void *nl_stdout, *nl_stderr;

int nl_snprintf(char *buf, size_t n, const char *fmt, ...);
int nl_vsnprintf(char *buf, size_t n, const char *fmt, va_list ap);
int nl_sprintf(char *buf, const char *fmt, ...);
int nl_printf(const char *fmt, ...);
int nl_fprintf(void *f, const char *fmt, ...);
int nl_puts(const char *s);
int nl_fputs(const char *s, void *f);
int nl_putchar(int c);
long nl_write(int fd, const void *buf, size_t len);

void *nl_memcpy(void *d, const void *s, size_t n);
void *nl_memmove(void *d, const void *s, size_t n);
void *nl_memset(void *d, int c, size_t n);
int nl_memcmp(const void *a, const void *b, size_t n);
void *nl_memchr(const void *s, int c, size_t n);
void *nl_memrchr(const void *s, int c, size_t n);
size_t nl_strlen(const char *s);
size_t nl_strnlen(const char *s, size_t n);
int nl_strcmp(const char *a, const char *b);
int nl_strncmp(const char *a, const char *b, size_t n);
char *nl_strcpy(char *d, const char *s);
char *nl_strncpy(char *d, const char *s, size_t n);
char *nl_strcat(char *d, const char *s);
char *nl_strncat(char *d, const char *s, size_t n);
char *nl_strchr(const char *s, int c);
char *nl_strrchr(const char *s, int c);
char *nl_strstr(const char *h, const char *n);
size_t nl_strspn(const char *s, const char *a);
size_t nl_strcspn(const char *s, const char *r);
char *nl_strpbrk(const char *s, const char *a);
char *nl_strtok_r(char *s, const char *d, char **save);
char *nl_strerror(int e);
int nl_strcasecmp(const char *a, const char *b);
int nl_strncasecmp(const char *a, const char *b, size_t n);

long nl_strtol(const char *s, char **end, int base);
unsigned long nl_strtoul(const char *s, char **end, int base);
long long nl_strtoll(const char *s, char **end, int base);
unsigned long long nl_strtoull(const char *s, char **end, int base);
int nl_atoi(const char *s);
long nl_labs(long x);
int nl_abs(int x);
void nl_qsort(void *b, size_t n, size_t sz,
	      int (*c)(const void *, const void *));
void *nl_bsearch(const void *k, const void *b, size_t n, size_t sz,
		 int (*c)(const void *, const void *));
int nl_rand(void);
void nl_srand(unsigned int seed);
void nl_exit(int status);
void nl_abort(void);
void nl___assert_fail(const char *e, const char *f, int l, const char *fn);

int nl_isalnum(int c), nl_isalpha(int c), nl_iscntrl(int c), nl_isdigit(int c);
int nl_isgraph(int c), nl_islower(int c), nl_isprint(int c), nl_ispunct(int c);
int nl_isspace(int c), nl_isupper(int c), nl_isxdigit(int c);
int nl_tolower(int c), nl_toupper(int c);

/* Checks: count, and describe the first few failures. */
extern unsigned long passed, failed;
void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
#define CHECK(cond, ...)					\
	do {							\
		if (cond)					\
			passed++;				\
		else						\
			fail(__VA_ARGS__);			\
	} while (0)

/* Deterministic test randomness (seeded from the command line). */
unsigned long long rnd(void);
#define RND(n) ((int)(rnd() % (n)))

/* The fake console (main.c): what nolibc wrote, and how it behaves. */
extern char console[8192];
extern size_t console_len;
extern int console_calls;
extern int console_max_write;	/* short writes: accept at most this */
extern int console_error;	/* nonzero: fail with -console_error */

void test_printf(void);
void test_string(void);
void test_stdlib(void);

#endif /* NL_H */
