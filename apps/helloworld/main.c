/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * helloworld: greet, list the arguments, and return the status given as
 * "exit=N" (0 by default).
 *
 *	make run ARGS="-- exit=3 hello"   ->  Hello, world!  ... status 3
 *
 * With a libc selected it uses printf; without one (allnoconfig) it
 * writes to the console directly, so it builds in every configuration.
 */
#include <uk/plat/console.h>

#if CONFIG_HAVE_LIBC
#include <stdio.h>
#define say(s) fputs((s), stdout)
#else
#define say(s) ukplat_console_puts(s)
#endif

/* "exit=N" -> N (0..255), or -1 when arg is not of that form. */
static int exit_arg(const char *arg)
{
	const char *p = "exit=";
	int n = 0;

	while (*p)
		if (*arg++ != *p++)
			return -1;
	if (!*arg)
		return -1;
	for (; *arg; arg++) {
		if (*arg < '0' || *arg > '9' || n > 255)
			return -1;
		n = n * 10 + (*arg - '0');
	}
	return n > 255 ? -1 : n;
}

int main(int argc, char *argv[])
{
	int i, status = 0;

	say("Hello, world!\n");
	for (i = 1; i < argc; i++) {
		say("  arg: ");
		say(argv[i]);
		say("\n");
		if (exit_arg(argv[i]) >= 0)
			status = exit_arg(argv[i]);
	}
	return status;
}
