/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's C entry, called by entry32.S in long mode on the boot stack.
 * The order matters: a TSC stamp first (the zero of the monotonic
 * clock and of the boot trace), the console (so everything after can
 * report), then the exception handlers (so faults while reading the
 * boot information are reported), the clock, then the boot information,
 * the final page tables (after the boot information: loaders may leave
 * it anywhere in low memory), then the generic boot in ukboot, which
 * never returns.
 */
#include <uk/arch/cpu.h>
#include <uk/boot.h>
#include "kvm.h"
#include "paging.h"
#include "apic.h"

void kvm_entry(uint32_t magic, uint32_t info) __uk_noreturn;

void kvm_entry(uint32_t magic, uint32_t info)
{
	kvm_tsc_boot = rdtsc();
	kvm_serial_init();
	kvm_cpu_init();
	kvm_time_init();
	kvm_bootinfo_init(magic, info);
	kvm_paging_init();
	uk_boot_entry();
}
