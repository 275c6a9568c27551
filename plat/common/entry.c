/* SPDX-License-Identifier: BSD-3-Clause */
/* ukplat_enter(): the platforms' way into the image (<uk/plat/entry.h>). */
#include <uk/plat/console.h>
#include <uk/plat/entry.h>
#include <uk/plat/power.h>

extern const ukplat_entry_t __start_uk_platentry[] __uk_weak;
extern const ukplat_entry_t __stop_uk_platentry[] __uk_weak;

void ukplat_enter(void)
{
	if (&__start_uk_platentry[0] != &__stop_uk_platentry[0])
		__start_uk_platentry[0]();
	ukplat_console_puts("platform: no library registered an entry "
			    "(UKPLAT_ENTRY); is ukboot selected?\n");
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}
