/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Running the init table (<uk/init.h>). Entries come from every selected
 * library's uk_init() in link order; they run sorted by (level, priority),
 * link order of the libraries breaking ties. An init that fails stops the boot: the term
 * functions of those that ran are called in reverse, and the image powers
 * off with UKPLAT_EXIT_CRASH.
 */
#include <uk/fmt.h>
#include <uk/init.h>
#include <uk/plat/console.h>
#include <uk/plat/time.h>
#include "boot.h"

static const char *const level_names[UK_INIT_LEVELS] = {
	"early", "plat", "bus", "lib", "fs", "sys", "late",
};

/* How many entries of the sorted table have run; terms undo them. */
static int nran;

static int before(const struct uk_init_entry *a,
		  const struct uk_init_entry *b)
{
	if (a->level != b->level)
		return a->level < b->level;
	return a->prio < b->prio;
}

static int table_size(void)
{
	return __stop_uk_inittab - __start_uk_inittab;
}

/*
 * The table in run order, into order[table_size()]: an insertion sort,
 * stable, so link order breaks ties. A few dozen entries at most; it is
 * redone at shutdown rather than kept in memory.
 */
static void sort_table(const struct uk_init_entry **order)
{
	int n = table_size(), i, j;

	for (i = 0; i < n; i++) {
		const struct uk_init_entry *e = &__start_uk_inittab[i];

		for (j = i; j > 0 && before(e, order[j - 1]); j--)
			order[j] = order[j - 1];
		order[j] = e;
	}
}

static void put_dec(long v)
{
	char buf[24], *p = buf + sizeof(buf) - 1;
	int neg = v < 0;
	unsigned long u = neg ? -(unsigned long)v : (unsigned long)v;

	*p = '\0';
	p = uk_fmt_uint(p, u, 10, 0);
	if (neg)
		*--p = '-';
	ukplat_console_puts(p);
}

/* ns as microseconds with three decimals: "1234.567 us". */
void uk_boot_put_us(uint64_t ns)
{
	char frac[5] = { '.', 0, 0, 0, 0 };
	uint64_t r = ns % 1000;

	put_dec((long)(ns / 1000));
	frac[3] = '0' + r % 10;
	frac[2] = '0' + r / 10 % 10;
	frac[1] = '0' + r / 100;
	ukplat_console_puts(frac);
	ukplat_console_puts(" us");
}

/*
 * One line per init, printed once it returned (so that the init's own
 * messages come before it, not inside it):
 *   ukboot: init plat -1000 ukplatkvm.kvm_irq_init (at 812.345 us) 20.123 us
 * "at": when it started, on the platform's monotonic clock, whose zero is
 * the platform's first C instruction; the last number: how long it took.
 * bench/boottrace parses these lines.
 */
static void trace_entry(const struct uk_init_entry *e, uint64_t t0,
			uint64_t t1)
{
	ukplat_console_puts("ukboot: init ");
	ukplat_console_puts(e->level < UK_INIT_LEVELS ? level_names[e->level] : "?");
	ukplat_console_puts(" ");
	put_dec(e->prio);
	ukplat_console_puts(" ");
	ukplat_console_puts(e->name);
	ukplat_console_puts(" (at ");
	uk_boot_put_us(t0);
	ukplat_console_puts(") ");
	uk_boot_put_us(t1 - t0);
	ukplat_console_puts("\n");
}

int uk_boot_run_inits(int trace)
{
	int n = table_size(), i, ret;
	const struct uk_init_entry *order[n ? n : 1];

	sort_table(order);
	for (i = 0; i < n; i++) {
		uint64_t t0 = trace ? ukplat_monotonic_ns() : 0;

		ret = order[i]->init();
		if (trace)
			trace_entry(order[i], t0, ukplat_monotonic_ns());
		if (ret < 0) {
			ukplat_console_puts("ukboot: init ");
			ukplat_console_puts(order[i]->name);
			ukplat_console_puts(" failed: error ");
			put_dec(ret);
			ukplat_console_puts("\n");
			uk_boot_run_terms();
			return ret;
		}
		nran++;
	}
	return 0;
}

void uk_boot_run_terms(void)
{
	const struct uk_init_entry *order[table_size() ? table_size() : 1];

	sort_table(order);
	while (nran > 0) {
		const struct uk_init_entry *e = order[--nran];

		if (e->term)
			e->term();
	}
}
