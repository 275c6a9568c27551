/* SPDX-License-Identifier: BSD-3-Clause */
/* Platform contract: ending the image. */
#ifndef UK_PLAT_POWER_H
#define UK_PLAT_POWER_H

#include <uk/essentials.h>

/*
 * Exit status of an image that crashed (exception, UK_CRASH, failed init):
 * seen from outside as 125, and the UKPLAT_EXIT_CRASHED bit lets the
 * platform tell the runner it was a crash, not an app that returned 125.
 */
#define UKPLAT_EXIT_CRASHED 0x100
#define UKPLAT_EXIT_CRASH (UKPLAT_EXIT_CRASHED | 125)
/* The exit status for a command line the image refuses. */
#define UKPLAT_EXIT_USAGE 2

/*
 * Power off, handing status (0..255, or UKPLAT_EXIT_CRASH) to whoever
 * started the image: the process exit status (status & 0xff) on linuxu;
 * on kvm, "uk-exit N" or "uk-exit crash" on the status port, which the
 * runner (support/scripts/run-qemu) reads, then QEMU's isa-debug-exit.
 */
void ukplat_poweroff(int status) __uk_noreturn;

#endif /* UK_PLAT_POWER_H */
