/* SPDX-License-Identifier: BSD-3-Clause */
/* nolibc private: what printf.c and stdio.c share. Not a public header. */
#ifndef NOLIBC_STDIO_IMPL_H
#define NOLIBC_STDIO_IMPL_H

#include <stddef.h>

/*
 * Write all len bytes to the console, retrying short writes. Returns 0, or
 * -1 with errno set to the console's error (EIO if it wrote nothing).
 */
int nolibc_console_write_all(const char *buf, size_t len);

#endif /* NOLIBC_STDIO_IMPL_H */
