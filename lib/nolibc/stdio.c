/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: the stdio streams and unformatted output, plus write().
 *
 * There are exactly two streams, stdout and stderr, and both are the
 * platform console with no buffering of their own. Everything ends in
 * nolibc_console_write_all(), the one place that calls the platform.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <uk/plat/console.h>
#include "stdio_impl.h"

struct nolibc_file {
	int fd;
};

static struct nolibc_file file_stdout = { .fd = STDOUT_FILENO };
static struct nolibc_file file_stderr = { .fd = STDERR_FILENO };

FILE *stdout = &file_stdout;
FILE *stderr = &file_stderr;

int nolibc_console_write_all(const char *buf, size_t len)
{
	int r;

	while (len) {
		r = ukplat_console_write(buf, len);
		if (r <= 0) {
			errno = r < 0 ? -r : EIO;
			return -1;
		}
		buf += r;
		len -= r;
	}
	return 0;
}

static int is_console(FILE *f)
{
	if (f == stdout || f == stderr)
		return 1;
	errno = EBADF;
	return 0;
}

int fputs(const char *restrict s, FILE *restrict f)
{
	if (!is_console(f) || nolibc_console_write_all(s, strlen(s)) < 0)
		return EOF;
	return 0;
}

int puts(const char *s)
{
	if (fputs(s, stdout) == EOF || nolibc_console_write_all("\n", 1) < 0)
		return EOF;
	return 0;
}

/* Returns c as an unsigned char, or EOF. */
int fputc(int c, FILE *f)
{
	char b = (char)c;

	if (!is_console(f) || nolibc_console_write_all(&b, 1) < 0)
		return EOF;
	return (unsigned char)b;
}

int putchar(int c)
{
	return fputc(c, stdout);
}

int fflush(FILE *f)
{
	if (f && !is_console(f))
		return EOF;
	return 0;
}

ssize_t write(int fd, const void *buf, size_t len)
{
	if (fd != STDOUT_FILENO && fd != STDERR_FILENO) {
		errno = EBADF;
		return -1;
	}
	if (nolibc_console_write_all(buf, len) < 0)
		return -1;
	return len;
}
