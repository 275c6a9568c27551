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
 * Print the call chain that starts at frame pointer fp, one line a frame:
 * "  #N 0x<return address> name+0xoff" (the name when uk_symbol_lookup()
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
