/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_debug_printk: one formatted line per call, "[level] lib: message", written
 * to the console in one piece. Messages longer than the buffer are cut
 * and end in "...". Safe from any context that may use the stack: no
 * allocation, no locks (later, with SMP, a console lock goes here).
 */
#include <stdarg.h>
#include <stdio.h>
#include <uk/print.h>
#include <uk/plat/console.h>
#include "printk.h"

static const char *const level_tag[] = {
	"[crit] ", "[err] ", "[warn] ", "[info] ", "[debug] ",
};

int uk_printk_format(char *buf, int level, const char *lib, const char *fmt,
		     va_list ap)
{
	int n;

	n = snprintf(buf, PRINTK_BUFSIZE, "%s%s: ",
		     level_tag[level < 0 ? 0 : level > 4 ? 4 : level], lib);
	if (n < PRINTK_BUFSIZE)
		n += vsnprintf(buf + n, PRINTK_BUFSIZE - n, fmt, ap);
	if (n >= PRINTK_BUFSIZE) {
		n = PRINTK_BUFSIZE - 1;
		buf[n - 4] = '.', buf[n - 3] = '.', buf[n - 2] = '.';
		buf[n - 1] = '\n';
	}
	return n;
}

void uk_debug_printk(int level, const char *lib, const char *fmt, ...)
{
	char buf[PRINTK_BUFSIZE];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = uk_printk_format(buf, level, lib, fmt, ap);
	va_end(ap);
	ukplat_console_write(buf, n);
}
