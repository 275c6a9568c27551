/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: how control enters the image. Once its console,
 * exception handlers, clock and boot information are ready, the platform
 * calls the entry one library registered with UKPLAT_ENTRY(fn) (ukboot
 * registers uk_boot_entry). The registration is a pointer in section
 * uk_platentry, not a call by name, so the platform never names a
 * library above it. fn never returns.
 */
#ifndef UK_PLAT_ENTRY_H
#define UK_PLAT_ENTRY_H

#include <uk/essentials.h>

typedef void (*ukplat_entry_t)(void);

#define UKPLAT_ENTRY(fn)						\
	static const ukplat_entry_t __uk_platentry_##fn			\
		__attribute__((used, section("uk_platentry"))) = (fn)

/*
 * For the platforms' start code: call the registered entry. With none
 * registered, say so on the console and power off with UKPLAT_EXIT_CRASH.
 */
void ukplat_enter(void) __uk_noreturn;

#endif /* UK_PLAT_ENTRY_H */
