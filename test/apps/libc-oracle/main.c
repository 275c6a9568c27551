/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * Usage: libc-oracle [ARG...]    every section, then exit status 3
 *                                (ORACLE_NOTHREADS in the environment
 *                                leaves pthreads out, for kits whose
 *                                image has no clone yet)
 *        libc-oracle abort       print a line, abort(): status 134
 *                                (128 + SIGABRT) and no atexit handler
 * Sections print in a fixed order, each line starting with its name.
 */
#include <stdlib.h>
#include <string.h>

static void at_exit(void)
{
	printf("exit: atexit handler ran\n");
}

int main(int argc, char **argv)
{
	/* Line buffered whatever stdout is (pipe, console): the kit's own
	 * messages, written straight to the console, fall between lines. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	printf("oracle: begin\n");
	if (argc == 2 && !strcmp(argv[1], "abort")) {
		atexit(at_exit);
		printf("abort: calling abort()\n");
		abort();
		printf("abort: still here\n");
		return 1;
	}
	t_stdio();
	t_string();
	t_stdlib();
	t_malloc();
	t_time();
	t_sys(argc, argv);
	t_signals();
	if (getenv("ORACLE_NOTHREADS"))
		printf("pthread: section left out (ORACLE_NOTHREADS)\n");
	else
		t_threads();
	atexit(at_exit);
	printf("oracle: end\n");
	exit(3);
}
