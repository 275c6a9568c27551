/* SPDX-License-Identifier: BSD-3-Clause */
/* Address to function name, by binary search over the embedded table. */
#include <stddef.h>
#include <uk/symbols.h>
#include <uk/arch/backtrace.h>

/* Defined by the linker when the image carries a table. */
extern const char __start_uk_symtab[] __attribute__((weak));
extern const char __stop_uk_symtab[] __attribute__((weak));

const char *uk_debug_symbol_lookup(uintptr_t addr, uintptr_t *offset)
{
	const struct uk_symtab_entry *tab;
	const char *names;
	uint64_t n, lo = 0, hi;

	if (!__start_uk_symtab || __stop_uk_symtab - __start_uk_symtab < 8)
		return NULL;
	n = *(const uint64_t *)__start_uk_symtab;
	tab = (const struct uk_symtab_entry *)(__start_uk_symtab + 8);
	names = (const char *)(tab + n);
	if (n == 0 || addr < tab[0].addr)
		return NULL;
	/* The last entry whose addr <= addr. */
	hi = n;
	while (hi - lo > 1) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (tab[mid].addr <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (tab[lo].size && addr >= tab[lo].addr + tab[lo].size)
		return NULL;
	if (offset)
		*offset = addr - tab[lo].addr;
	return names + tab[lo].name;
}

/* The arch code's backtraces and the platforms' fault reports ask here. */
UKARCH_SYMBOLIZER(uk_debug_symbol_lookup);
