/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hypercalls through the hypercall page (hypercall_page.S): Xen fills it
 * with one 32-byte stub per hypercall (vmcall or vmmcall, whichever
 * this CPU needs) once xen_hypercall_init() has written its address
 * to the MSR that CPUID leaf base+2 names. Arguments go in rdi, rsi,
 * rdx, r10, r8; the result (>= 0, or a negative Xen errno, which is
 * Linux's) comes back in rax. Xen may change the argument registers
 * (debug builds poison them), so all five are outputs here.
 */
#ifndef XEN_HYPERCALL_H
#define XEN_HYPERCALL_H

#include <stdint.h>
#include <xen/xen.h>		/* libxen-dev's public headers */

extern char xen_hypercall_page[4096];

/*
 * Find Xen's CPUID leaves and install the hypercall page. 0, or -ENODEV
 * when the CPU is not a Xen guest's (nothing can be reported then).
 */
int xen_hypercall_init(void);

static inline long xen_hypercall(unsigned int op, unsigned long a1,
				 unsigned long a2, unsigned long a3,
				 unsigned long a4, unsigned long a5)
{
	register unsigned long r10 __asm__("r10") = a4;
	register unsigned long r8 __asm__("r8") = a5;
	long ret;

	__asm__ __volatile__("call *%[entry]"
			     : "=a"(ret), "+D"(a1), "+S"(a2), "+d"(a3),
			       "+r"(r10), "+r"(r8)
			     : [entry] "r"(xen_hypercall_page + op * 32)
			     : "memory", "rcx", "r11", "r9");
	return ret;
}

#define HC(op, a1, a2, a3) \
	xen_hypercall(__HYPERVISOR_##op, (unsigned long)(a1), \
		      (unsigned long)(a2), (unsigned long)(a3), 0, 0)

static inline long hc_console_io(int cmd, int count, const char *buf)
{
	return HC(console_io, cmd, count, buf);
}

static inline long hc_sched_op(int cmd, void *arg)
{
	return HC(sched_op, cmd, arg, 0);
}

static inline long hc_memory_op(unsigned int cmd, void *arg)
{
	return HC(memory_op, cmd, arg, 0);
}

static inline long hc_event_channel_op(int cmd, void *arg)
{
	return HC(event_channel_op, cmd, arg, 0);
}

static inline long hc_hvm_op(int cmd, void *arg)
{
	return HC(hvm_op, cmd, arg, 0);
}

static inline long hc_vcpu_op(int cmd, int vcpu, void *arg)
{
	return HC(vcpu_op, cmd, vcpu, arg);
}

static inline long hc_grant_table_op(unsigned int cmd, void *arg,
				     unsigned int count)
{
	return HC(grant_table_op, cmd, arg, count);
}

static inline long hc_set_timer_op(uint64_t timeout_ns)
{
	return HC(set_timer_op, timeout_ns, 0, 0);
}

#endif /* XEN_HYPERCALL_H */
