/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukboot: from the platform's entry to power-off. Read it top to bottom:
 * it is the whole life of an image.
 */
#include <uk/boot.h>
#include <uk/param.h>
#include <uk/plat/bootinfo.h>
#include <uk/plat/power.h>
#include <uk/plat/time.h>
#include <uk/plat/console.h>
#include <uk/plat/entry.h>
#include "boot.h"

int main(int argc, char *argv[]);

static int trace;
UK_PARAM(trace, UK_PARAM_BOOL, &trace,
	 "print each init function with its start and duration (us), and when main() starts");

void uk_boot_entry(void)
{
	static char *argv[CONFIG_LIBUKBOOT_MAXARGS + 1];
	/* C11 5.1.2.2.1: the strings argv points to are modifiable (Redis's
	 * setproctitle overwrites them); the others are in the command line.
	 */
	static char argv0[] = UK_APP_NAME;
	int argc, ret;

	argv[0] = argv0;
	argc = uk_boot_parse_cmdline(ukplat_cmdline(), argv,
				     CONFIG_LIBUKBOOT_MAXARGS);
	if (argc < 0)
		ukplat_poweroff(UK_BOOT_EXIT_USAGE);

	if (uk_boot_run_inits(trace) < 0)
		ukplat_poweroff(UKPLAT_EXIT_CRASH);

	if (trace) {
		/* The time from the platform's first C instruction. */
		ukplat_console_puts("ukboot: main() at ");
		uk_boot_put_us(ukplat_monotonic_ns());
		ukplat_console_puts("\n");
	}
	ret = main(argc, argv);
	uk_boot_exit(ret);
}
UKPLAT_ENTRY(uk_boot_entry);

static int failed_status;

void uk_boot_set_failed(int status)
{
	failed_status = status > 0 && status < 256 ? status : 1;
}

void uk_boot_exit(int status)
{
	if (status == 0)
		status = failed_status;
	uk_boot_run_terms();
	ukplat_poweroff(status);
}
