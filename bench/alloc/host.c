/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The allocator benchmark's peer: the same patterns (pattern.h) on the
 * host's glibc malloc. Prints "allocbench: glibc <pattern> <cycles/op>".
 *	cc -O2 -o host host.c && ./host [pattern...]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "pattern.h"

int main(int argc, char *argv[])
{
	static const char *const all[] = { "pair", "small", "mixed" };
	uint64_t c;
	int i;

	for (i = 0; i < 3; i++) {
		if (argc > 1 && !strstr(argv[1], all[i]))
			continue;
		PAT_RUN(all[i], malloc, free, c);	/* warm-up */
		PAT_RUN(all[i], malloc, free, c);
		printf("allocbench: glibc %s %llu\n", all[i],
		       (unsigned long long)c);
	}
	return 0;
}
