/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu start-up: the process's arguments become the kernel command
 * line, so `./app_linuxu-x86_64 ukboot.trace=1 -- a b` reads exactly like
 * QEMU's -append. Arguments containing spaces or quotes are re-quoted so
 * ukboot's parser gets each back as one word.
 */
#include <uk/plat/entry.h>
#include <uk/plat/power.h>
#include <uk/plat/bootinfo.h>
#include <uk/plat/console.h>
#include <uk/plat/power.h>
#include "syscall.h"

#define CMDLINE_SIZE 4096

static char cmdline[CMDLINE_SIZE];

char *ukplat_cmdline(void)
{
	return cmdline;
}

static int needs_quotes(const char *s)
{
	if (!*s)
		return 1;
	for (; *s; s++)
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '"' ||
		    *s == '\\')
			return 1;
	return 0;
}

/* Append argv[1..] to cmdline; 0, or -1 when it does not fit. */
static int build_cmdline(int argc, char **argv)
{
	size_t n = 0, room = sizeof(cmdline) - 1;
	int i, q;

	for (i = 1; i < argc; i++) {
		const char *s = argv[i];

		q = needs_quotes(s);
		if (n && n < room)
			cmdline[n++] = ' ';
		if (q && n < room)
			cmdline[n++] = '"';
		for (; *s && n < room; s++) {
			if (q && (*s == '"' || *s == '\\'))
				cmdline[n++] = '\\';
			if (n < room)
				cmdline[n++] = *s;
		}
		if (q && n < room)
			cmdline[n++] = '"';
		if (n >= room)
			return -1;
	}
	cmdline[n] = '\0';
	return 0;
}

void linuxu_start_c(long *sp) __uk_noreturn;
void linuxu_start_c(long *sp)
{
	int argc = (int)sp[0];
	char **argv = (char **)(sp + 1);
	static const char toolong[] =
		"linuxu: command line longer than 4095 bytes\n";

	linuxu_time_start();
	linuxu_initrd_env((const char *const *)(argv + argc + 1));
	if (build_cmdline(argc, argv) < 0) {
		ukplat_console_write(toolong, sizeof(toolong) - 1);
		ukplat_poweroff(UKPLAT_EXIT_USAGE);
	}
	linuxu_crash_init();
	ukplat_enter();
}

void ukplat_poweroff(int status)
{
	for (;;)
		linuxu_syscall3(SYS_exit_group, status & 0xff, 0, 0);
}
