/* SPDX-License-Identifier: BSD-3-Clause */
/* The thread pointer on kvm and xen: the FS_BASE MSR (uk/plat/tls.h). */
#include <uk/arch/cpu.h>
#include <uk/plat/tls.h>

#define X86_MSR_FS_BASE 0xc0000100

void ukplat_tlsp_set(uintptr_t tlsp)
{
	wrmsr(X86_MSR_FS_BASE, tlsp);
}

uintptr_t ukplat_tlsp_get(void)
{
	return rdmsr(X86_MSR_FS_BASE);
}
