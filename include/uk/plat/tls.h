/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: the thread pointer. uksched calls this on every
 * switch to a thread with a TLS area (uk/arch/tls.h for the layout).
 * kvm writes the FS_BASE MSR; linuxu asks Linux (arch_prctl ARCH_SET_FS,
 * a system call). Callable with interrupts off.
 */
#ifndef UK_PLAT_TLS_H
#define UK_PLAT_TLS_H

#include <stdint.h>

/* Make tlsp the running thread's thread pointer (%fs base on x86_64). */
void ukplat_tlsp_set(uintptr_t tlsp);

/* The current thread pointer (for tests and debugging). */
uintptr_t ukplat_tlsp_get(void);

#endif /* UK_PLAT_TLS_H */
