/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Minimal console output for code that must not depend on a libc or on
 * ukdebug: early boot, exception reports, backtraces. Everything goes
 * straight to the registered console (below); nothing allocates or locks, so
 * these work from any context, including a fault inside a fault.
 */
#ifndef UK_ARCH_PRINT_H
#define UK_ARCH_PRINT_H

#include <stddef.h>
#include <stdint.h>

/*
 * Where the output goes: the platform registers its console writer with
 * UKARCH_CONSOLE(fn) (plat/common registers ukplat_console_write). A
 * pointer in section uk_archconsole, so it holds from the first
 * instruction and the arch code never names the platform above it.
 * Without one, output is dropped.
 */
typedef int (*ukarch_console_t)(const char *buf, size_t len);
#define UKARCH_CONSOLE(fn)						\
	static const ukarch_console_t __uk_archconsole_##fn		\
		__attribute__((used, section("uk_archconsole"))) = (fn)

/* Write a NUL-terminated string. */
void ukarch_print(const char *s);

/* Write v in hex with a "0x" prefix, zero-padded to digits (1..16). */
void ukarch_print_hex(uint64_t v, int digits);

/* Write v in decimal. */
void ukarch_print_dec(uint64_t v);

#endif /* UK_ARCH_PRINT_H */
