/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_crash() for images without ukdebug: the message's format string is
 * printed as is (no formatting without a libc), then power-off. With
 * ukdebug selected, its uk_crash() (formatted, with a backtrace) is used
 * instead and this file is not built.
 */
#include <uk/assert.h>
#include <uk/plat/power.h>
#include "boot.h"

void uk_crash(const char *lib, const char *file, int line,
	      const char *fmt, ...)
{
	(void)line;
	uk_boot_puts("CRASH in ");
	uk_boot_puts(lib);
	uk_boot_puts(" at ");
	uk_boot_puts(file);
	uk_boot_puts(": ");
	uk_boot_puts(fmt);
	uk_boot_puts("\n");
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}
