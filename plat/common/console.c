/* SPDX-License-Identifier: BSD-3-Clause */
/* Console helpers every platform shares, on top of its console_write. */
#include <uk/arch/print.h>
#include <uk/plat/console.h>

/* The arch code's crash-safe printing writes here. */
UKARCH_CONSOLE(ukplat_console_write);

int ukplat_console_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return ukplat_console_write(s, n);
}
