/* SPDX-License-Identifier: BSD-3-Clause */
/* Console helpers every platform shares, on top of its console_write. */
#include <uk/plat/console.h>

int ukplat_console_puts(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return ukplat_console_write(s, n);
}
