/* SPDX-License-Identifier: BSD-3-Clause */
/* ukdebug's private interfaces (printk.c), used by its tests. */
#ifndef UKDEBUG_PRINTK_H
#define UKDEBUG_PRINTK_H

#include <stdarg.h>

#define PRINTK_BUFSIZE 256

/*
 * Format one message "[level] lib: message" into buf[PRINTK_BUFSIZE]:
 * returns its length (< PRINTK_BUFSIZE; buf is not NUL-terminated at
 * buf[len] when the message filled it). A message that does not fit is
 * cut and ends in "...\n".
 */
int uk_printk_format(char *buf, int level, const char *lib, const char *fmt,
		     va_list ap);

#endif
