/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UK_CRASH: say where and why, show how we got there, power off with
 * UKPLAT_EXIT_CRASH. Never returns.
 */
#include <stdarg.h>
#include <stdio.h>
#include <uk/assert.h>
#include <uk/plat/console.h>
#include <uk/plat/power.h>

#include <uk/arch/backtrace.h>

void uk_debug_crash(const char *lib, const char *file, int line,
		    const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	n = snprintf(buf, sizeof(buf), "CRASH in %s at %s:%d: ", lib, file,
		     line);
	va_start(ap, fmt);
	n += vsnprintf(buf + n, sizeof(buf) - n, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	ukplat_console_write(buf, n);
	ukarch_backtrace_print((uintptr_t)__builtin_frame_address(0));
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}
