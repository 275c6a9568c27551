/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Function names for addresses, from the table the build embeds in the
 * image with CONFIG_DEBUG_SYMBOLS (support/build/gensymtab).
 */
#ifndef UK_SYMBOLS_H
#define UK_SYMBOLS_H

#include <stdint.h>

/* Layout of section uk_symtab: a count, entries sorted by addr, names. */
struct uk_symtab_entry {
	uint64_t addr;
	uint32_t size;		/* 0 when unknown */
	uint32_t name;		/* offset into the names after the entries */
};

/*
 * The function containing addr, or NULL when no function does (or the
 * image has no table). *offset (may be NULL) gets addr - function start.
 */
const char *uk_debug_symbol_lookup(uintptr_t addr, uintptr_t *offset);

#endif /* UK_SYMBOLS_H */
