/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: the console. Every platform provides these as plain
 * functions, chosen at link time.
 */
#ifndef UK_PLAT_CONSOLE_H
#define UK_PLAT_CONSOLE_H

#include <stddef.h>

/*
 * Write len bytes to the console (serial on kvm, stdout on linuxu).
 * Usable from the first instruction of C code on, and from exception
 * handlers. "\n" is written as-is; the platform adds "\r" if its device
 * needs it. Returns the number of bytes written or a negative errno.
 */
int ukplat_console_write(const char *buf, size_t len);

/* Write a NUL-terminated string: ukplat_console_write() of its bytes
 * (plat/common, shared by every platform). */
int ukplat_console_puts(const char *s);

/* Read one byte if one is waiting: 0..255, or -EAGAIN when none is. */
int ukplat_console_getc(void);

#endif /* UK_PLAT_CONSOLE_H */
