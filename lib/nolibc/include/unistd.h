/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <unistd.h>, the minimum. There are no file descriptors yet:
 * write() knows only standard output and standard error, which both go to
 * the platform console. vfscore and musl replace this later.
 */
#ifndef _NOLIBC_UNISTD_H
#define _NOLIBC_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

#define STDIN_FILENO	0
#define STDOUT_FILENO	1
#define STDERR_FILENO	2

/*
 * Write len bytes of buf to fd 1 or 2 (the console). Returns the number of
 * bytes written; -1 with errno EBADF for any other fd, or with the
 * console's error in errno.
 */
ssize_t write(int fd, const void *buf, size_t len);

#endif /* _NOLIBC_UNISTD_H */
