/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * exportsprobe: uses ukboot from outside, legally (uk_boot_exit is in
 * lib/ukboot/exportsyms.uk) and, with CONFIG_LIBEXPORTSPROBE_HIDDEN,
 * illegally (uk_boot_parse_cmdline is not). The init function keeps both
 * references alive through --gc-sections; it never calls either.
 */
#include <uk/init.h>
#include <uk/boot.h>

#if CONFIG_LIBEXPORTSPROBE_HIDDEN
int uk_boot_parse_cmdline(char *cmdline, char **argv, int maxargs);
#endif

static volatile int never;

/* Global, shared inside the library only: exportsyms.uk is empty, so the
 * library object must have it local (test/cases/exports.sh checks).
 */
int exportsprobe_helper(void);
int exportsprobe_helper(void)
{
	return never == 3;
}

static int probe_init(void)
{
	if (never == 1)
		uk_boot_exit(0);
	if (exportsprobe_helper())
		return -1;
#if CONFIG_LIBEXPORTSPROBE_HIDDEN
	if (never == 2)
		return uk_boot_parse_cmdline((char *)0, (char **)0, 0);
#endif
	return 0;
}

uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, probe_init, 0);
