/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's C entry, called by the shared entry (plat/common/x86/entry32.S)
 * in long mode on the boot stack. The order matters: a TSC stamp first
 * (the zero of the monotonic clock and of the boot trace), the console
 * (so everything after can report), then the exception handlers (so
 * faults while reading the boot information are reported), the clock,
 * then the boot information, the final page tables (after the boot
 * information: loaders may leave it anywhere in low memory), then the
 * entry ukboot registered (ukplat_enter), which never returns.
 */
#include <uk/arch/cpu.h>
#include <uk/plat/entry.h>
#include <x86/boot.h>
#include <x86/paging.h>
#include "kvm.h"
#include "apic.h"

void ukplat_x86_plat_entry(uint32_t magic, uint32_t info)
{
	kvm_tsc_boot = rdtsc();
	kvm_serial_init();
	ukplat_x86_cpu_init();
	kvm_time_init();
	kvm_bootinfo_init(magic, info);
	ukplat_x86_paging_init();
	ukplat_enter();
}
