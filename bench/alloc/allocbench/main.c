/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * allocbench: the allocator benchmark inside a unikit image (linuxu, or
 * kvm under QEMU). Runs the patterns of ../pattern.h on malloc, which is
 * the default allocator chosen in the menu or by ukalloc.backend=, and
 * prints "allocbench: <backend> <pattern> <cycles/op>" ("oom" when the
 * backend ran out, as the region allocator does on patterns that free).
 *	allocbench_linuxu-x86_64 ukalloc.backend=buddy -- small mixed
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include "../pattern.h"

int main(int argc, char *argv[])
{
	static const char *const all[] = { "pair", "small", "mixed" };
	const char *name = uk_alloc_get_default() ?
			   uk_alloc_get_default()->name : "none";
	uint64_t c;
	int i, j, want;

	for (i = 0; i < 3; i++) {
		want = argc < 2;
		for (j = 1; j < argc; j++)
			want |= !strcmp(argv[j], all[i]);
		if (!want)
			continue;
		PAT_RUN(all[i], malloc, free, c);	/* warm-up */
		if (c)
			PAT_RUN(all[i], malloc, free, c);
		if (c)
			printf("allocbench: %s %s %llu\n", name, all[i],
			       (unsigned long long)c);
		else
			printf("allocbench: %s %s oom\n", name, all[i]);
	}
	return 0;
}
