/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frame-pointer backtraces. Every kit library builds with
 * -fno-omit-frame-pointer, so each frame starts with the caller's rbp
 * followed by the return address. The boot code starts the chain with
 * rbp = 0.
 */
#ifndef UK_ARCH_BACKTRACE_H
#define UK_ARCH_BACKTRACE_H

#include <stdint.h>

#define UKARCH_BACKTRACE_MAX 32

/*
 * Symbolizer: the name of the function containing addr, or NULL when it
 * does not know one; *offset (may be NULL) gets addr - function start.
 * Must be safe inside a fault handler (no locks, no allocation).
 */
typedef const char *(*ukarch_symbolizer_t)(uintptr_t addr, uintptr_t *offset);

/*
 * UKARCH_SYMBOLIZER(fn): the library that knows the image's symbols
 * (ukdebug, with CONFIG_DEBUG_SYMBOLS) registers fn here. It is a
 * pointer in section uk_symbolizer, not a call, so it holds from the
 * image's first instruction, and the arch code never names the library
 * above it. At most one library registers; with none, addresses print
 * without names.
 */
#define UKARCH_SYMBOLIZER(fn)						\
	static const ukarch_symbolizer_t __uk_symbolizer_##fn		\
		__attribute__((used, section("uk_symbolizer"))) = (fn)

/* The registered symbolizer's answer for addr, or NULL (see above). */
const char *ukarch_symbol_lookup(uintptr_t addr, uintptr_t *offset);

/*
 * Print the call chain that starts at frame pointer fp, one line a frame:
 * "  #N 0x<return address> name+0xoff" (the name when ukarch_symbol_lookup()
 * knows it). The walk stops at a NULL, misaligned or non-increasing fp,
 * after UKARCH_BACKTRACE_MAX frames, or at a zero return address. It does
 * not check that fp is mapped: a corrupted chain that points at unmapped
 * memory faults, and the platform's fault handler must cope with that.
 */
void ukarch_backtrace_print(uintptr_t fp);

/*
 * Print "0x<addr> name+0xoff" (or just the address when the symbol is
 * unknown), without a newline.
 */
void ukarch_print_symbol(uintptr_t addr);

#endif /* UK_ARCH_BACKTRACE_H */
