/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_boot_crash(), UK_CRASH for images without ukdebug: the message's format string is
 * printed as is (no formatting without a libc), then power-off. With
 * ukdebug selected, <uk/assert.h> calls its uk_debug_crash() (formatted, with a backtrace) is used
 * instead and this file is not built.
 */
#include <uk/assert.h>
#include <uk/plat/power.h>
#include <uk/plat/console.h>
#include "boot.h"

void uk_boot_crash(const char *lib, const char *file, int line,
		   const char *fmt, ...)
{
	(void)line;
	ukplat_console_puts("CRASH in ");
	ukplat_console_puts(lib);
	ukplat_console_puts(" at ");
	ukplat_console_puts(file);
	ukplat_console_puts(": ");
	ukplat_console_puts(fmt);
	ukplat_console_puts("\n");
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}
