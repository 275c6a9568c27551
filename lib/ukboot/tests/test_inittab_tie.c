/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The second half of ukboot.inittab_ties_keep_link_order
 * (test_inittab.c): an entry with the same level and priority as
 * t_tie_first there, in a file linked after it.
 */
#include <uk/init.h>

extern char uk_boot_test_tie[4];
extern int uk_boot_test_ntie;

static int t_tie_second(void)
{
	if (uk_boot_test_ntie < 3)
		uk_boot_test_tie[uk_boot_test_ntie++] = '2';
	return 0;
}

uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT + 7, t_tie_second, NULL);
