/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Minimal console output for code that must not depend on a libc or on
 * ukdebug: early boot, exception reports, backtraces. Everything goes
 * straight to ukplat_console_write(); nothing allocates or locks, so
 * these work from any context, including a fault inside a fault.
 */
#ifndef UK_ARCH_PRINT_H
#define UK_ARCH_PRINT_H

#include <stdint.h>

/* Write a NUL-terminated string. */
void ukarch_print(const char *s);

/* Write v in hex with a "0x" prefix, zero-padded to digits (1..16). */
void ukarch_print_hex(uint64_t v, int digits);

/* Write v in decimal. */
void ukarch_print_dec(uint64_t v);

#endif /* UK_ARCH_PRINT_H */
