/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: ending the program. There are no atexit handlers and no stdio
 * buffers to flush, so exit() is the platform's power-off.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <uk/plat/power.h>
#include "stdio_impl.h"

void exit(int status)
{
	ukplat_poweroff(status);
}

void abort(void)
{
	static const char msg[] = "abort() called\n";

	nolibc_console_write_all(msg, sizeof(msg) - 1);
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func)
{
	fprintf(stderr, "%s:%d: %s: Assertion `%s' failed.\n", file, line,
		func, expr);
	abort();
}
