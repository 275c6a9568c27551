/* SPDX-License-Identifier: BSD-3-Clause */
/* Platform contract: ending the image. */
#ifndef UK_PLAT_POWER_H
#define UK_PLAT_POWER_H

#include <uk/essentials.h>

/* Exit status of an image that crashed (exception, UK_CRASH, failed init). */
#define UKPLAT_EXIT_CRASH 125

/*
 * Power off, handing status (0..125) to whoever started the image: the
 * process exit status on linuxu; on kvm, QEMU's isa-debug-exit device,
 * whose exit code (status << 1) | 1 the runner turns back into status.
 */
void ukplat_poweroff(int status) __uk_noreturn;

#endif /* UK_PLAT_POWER_H */
