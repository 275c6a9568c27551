/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Finding Xen and installing the hypercall page. Xen's CPUID leaves
 * start at 0x40000000, or 0x100 higher per other interface it offers
 * first (Viridian): leaf base has the signature "XenVMMXenVMM", leaf
 * base+2 the number of hypercall pages and the MSR that installs them.
 */
#define ENODEV 19	/* errno values are ABI: no libc needed */
#include <uk/arch/cpu.h>
#include <xen/arch-x86/cpuid.h>
#include "hypercall.h"

int xen_hypercall_init(void)
{
	uint32_t base, a, b, c, d;

	for (base = XEN_CPUID_FIRST_LEAF; base < XEN_CPUID_FIRST_LEAF + 0x10000;
	     base += 0x100) {
		cpuid(base, 0, &a, &b, &c, &d);
		if (b == XEN_CPUID_SIGNATURE_EBX &&
		    c == XEN_CPUID_SIGNATURE_ECX &&
		    d == XEN_CPUID_SIGNATURE_EDX && a >= base + 2)
			break;
	}
	if (base >= XEN_CPUID_FIRST_LEAF + 0x10000)
		return -ENODEV;
	cpuid(base + 2, 0, &a, &b, &c, &d);
	if (a < 1)
		return -ENODEV;
	wrmsr(b, (uintptr_t)xen_hypercall_page);	/* page 0 */
	return 0;
}
