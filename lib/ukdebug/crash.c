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

/* From the architecture library; absent on architectures without one. */
void ukarch_backtrace_print(uintptr_t fp) __attribute__((weak));

void uk_crash(const char *lib, const char *file, int line,
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
	if (ukarch_backtrace_print)
		ukarch_backtrace_print((uintptr_t)__builtin_frame_address(0));
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}
