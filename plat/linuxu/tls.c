/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The thread pointer on linuxu: Linux keeps %fs's base, so setting it is
 * a system call (arch_prctl), which makes a switch between threads with
 * TLS cost one (uksched skips it when the image has no TLS).
 */
#include <uk/plat/tls.h>
#include "syscall.h"

#define SYS_arch_prctl	158
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003

void ukplat_tlsp_set(uintptr_t tlsp)
{
	linuxu_syscall3(SYS_arch_prctl, ARCH_SET_FS, (long)tlsp, 0);
}

uintptr_t ukplat_tlsp_get(void)
{
	uintptr_t v = 0;

	linuxu_syscall3(SYS_arch_prctl, ARCH_GET_FS, (long)&v, 0);
	return v;
}
