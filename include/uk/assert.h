/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Assertions and crashes.
 *
 * UK_CRASH(fmt, ...) prints "CRASH in <lib> at file:line: <message>" and a
 * backtrace, then powers off with UKPLAT_EXIT_CRASH. It never returns and
 * is never compiled out: it is how code that cannot handle an error stops.
 * UK_ASSERT(cond) and UK_BUG_ON(cond) crash with the condition's text; they
 * compile to nothing unless ukdebug's assertions are on in the menu.
 *
 * Part of the kit's core contract (always on the include path);
 * lib/ukdebug implements it, with a minimal fallback when it is off.
 */
#ifndef UK_ASSERT_H
#define UK_ASSERT_H

#include <uk/essentials.h>

/*
 * The implementation: ukdebug's uk_debug_crash() (formatted, with a
 * backtrace) when it is selected, else ukboot's uk_boot_crash() (the
 * format string as is). Chosen here, at compile time, so neither library
 * overrides the other's symbol.
 */
#if CONFIG_LIBUKDEBUG
void uk_debug_crash(const char *lib, const char *file, int line,
		    const char *fmt, ...) __uk_noreturn __uk_printf(4, 5);
#define UK_CRASH(...)							\
	uk_debug_crash(UK_LIBNAME_STR, __FILE__, __LINE__, __VA_ARGS__)
#else
void uk_boot_crash(const char *lib, const char *file, int line,
		   const char *fmt, ...) __uk_noreturn __uk_printf(4, 5);
#define UK_CRASH(...)							\
	uk_boot_crash(UK_LIBNAME_STR, __FILE__, __LINE__, __VA_ARGS__)
#endif

#if CONFIG_LIBUKDEBUG_ASSERT
#define UK_ASSERT(x)							\
	do {								\
		if (uk_unlikely(!(x)))					\
			UK_CRASH("assertion failed: %s", #x);		\
	} while (0)
#else
#define UK_ASSERT(x) do { (void)sizeof(x); } while (0)
#endif

#define UK_BUG_ON(x) UK_ASSERT(!(x))

#endif /* UK_ASSERT_H */
