/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Running the init table (<uk/init.h>). Entries come from every selected
 * library's uk_init() in link order; they run sorted by (level, priority),
 * link order breaking ties. An init that fails stops the boot: the term
 * functions of those that ran are called in reverse, and the image powers
 * off with UKPLAT_EXIT_CRASH.
 */
#include <uk/init.h>
#include <uk/plat/console.h>
#include "boot.h"

static const char *const level_names[UK_INIT_LEVELS] = {
	"early", "plat", "bus", "lib", "fs", "sys", "late",
};

/* Initialized entries in the order they ran; terms run in reverse. */
static const struct uk_init_entry **ran;
static int nran;

static int before(const struct uk_init_entry *a,
		  const struct uk_init_entry *b)
{
	if (a->level != b->level)
		return a->level < b->level;
	return a->prio < b->prio;
}

static void put_dec(long v)
{
	char buf[24], *p = buf + sizeof(buf);
	int neg = v < 0;
	unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;

	*--p = '\0';
	do
		*--p = '0' + u % 10;
	while (u /= 10);
	if (neg)
		*--p = '-';
	uk_boot_puts(p);
}

int uk_boot_run_inits(int trace)
{
	const struct uk_init_entry *e;
	int n = __stop_uk_inittab - __start_uk_inittab, i, j, ret;
	/* At most a few dozen entries: an insertion sort on the stack. */
	const struct uk_init_entry *order[n ? n : 1];
	static const struct uk_init_entry *ran_store[256];

	if (n > (int)UK_ARRAY_SIZE(ran_store)) {
		uk_boot_puts("ukboot: init table too large\n");
		return -1;
	}
	for (i = 0; i < n; i++) {
		e = &__start_uk_inittab[i];
		for (j = i; j > 0 && before(e, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = e;
	}
	ran = ran_store;
	for (i = 0; i < n; i++) {
		e = order[i];
		if (trace) {
			uk_boot_puts("ukboot: init ");
			uk_boot_puts(e->level < UK_INIT_LEVELS ?
				     level_names[e->level] : "?");
			uk_boot_puts(" ");
			put_dec(e->prio);
			uk_boot_puts(" ");
			uk_boot_puts(e->name);
			uk_boot_puts("\n");
		}
		ret = e->init();
		if (ret < 0) {
			uk_boot_puts("ukboot: init ");
			uk_boot_puts(e->name);
			uk_boot_puts(" failed: error ");
			put_dec(ret);
			uk_boot_puts("\n");
			uk_boot_run_terms();
			return ret;
		}
		ran[nran++] = e;
	}
	return 0;
}

void uk_boot_run_terms(void)
{
	while (nran > 0) {
		const struct uk_init_entry *e = ran[--nran];

		if (e->term)
			e->term();
	}
}
