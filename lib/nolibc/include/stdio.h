/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <stdio.h>, output only. stdout and stderr both write to the
 * platform console, unbuffered (each call reaches the console before it
 * returns); there is no stdin, no fopen and no scanf.
 *
 * The printf family understands %d %i %u %x %X %o %c %s %p %%, the flags
 * "-+ #0", width and precision (also "*"), and the length modifiers
 * hh h l ll z t j. Deliberately missing:
 *  - floating point (%f %F %e %E %g %G %a %A): the kernel has no FPU
 *    state, so the conversion is printed literally ("%.2f" prints "%.2f")
 *    and its argument is not consumed. On x86_64 doubles travel apart from
 *    integer arguments, so the other conversions still print correctly.
 *  - %n stores nothing and prints nothing (its pointer is skipped).
 *  - wide characters: %lc and %ls are treated as %c and %s.
 * A NULL %s prints "(null)" and a NULL %p prints "(nil)", as glibc does.
 */
#ifndef _NOLIBC_STDIO_H
#define _NOLIBC_STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <uk/essentials.h>

#define EOF (-1)

typedef struct nolibc_file FILE;	/* opaque */

extern FILE *stdout;
extern FILE *stderr;

/*
 * Console output. These return the number of bytes written, or a negative
 * value (EOF for the character/string calls) with errno set when the
 * console fails or f is neither stdout nor stderr.
 */
int printf(const char *restrict fmt, ...) __uk_printf(1, 2);
int vprintf(const char *restrict fmt, va_list ap) __uk_printf(1, 0);
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
	__uk_printf(2, 3);
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__uk_printf(2, 0);
int puts(const char *s);		/* appends "\n" */
int fputs(const char *restrict s, FILE *restrict f);	/* does not */
int putchar(int c);
int fputc(int c, FILE *f);
int fflush(FILE *f);			/* nothing to flush: returns 0 */

/*
 * Formatting into memory. snprintf writes at most n bytes including the
 * terminating NUL (nothing at all when n is 0, and buf may then be NULL)
 * and returns the length the whole output would have had, so a result
 * >= n means it was truncated. sprintf trusts buf to be large enough.
 */
int snprintf(char *restrict buf, size_t n, const char *restrict fmt, ...)
	__uk_printf(3, 4);
int vsnprintf(char *restrict buf, size_t n, const char *restrict fmt,
	      va_list ap) __uk_printf(3, 0);
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__uk_printf(2, 3);
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
	__uk_printf(2, 0);

#endif /* _NOLIBC_STDIO_H */
