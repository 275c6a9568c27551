/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * arch_prctl: the thread pointer (%fs base on x86_64), which musl sets
 * for the boot thread at start-up and for each thread it creates. With
 * a scheduler, the thread pointer is the running thread's: it is
 * recorded in its uk_thread so that switches restore it.
 */
#include <errno.h>
#include <uk/syscall.h>
#include <uk/plat/tls.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003

#ifdef SYS_arch_prctl
UK_SYSCALL_DEFINE2(arch_prctl, int, code, unsigned long, addr)
{
	switch (code) {
	case ARCH_SET_FS:
#if CONFIG_LIBUKSCHED
		if (uk_sched_thread_current()) {
			uk_sched_thread_set_tlsp(uk_sched_thread_current(), addr);
			return 0;
		}
#endif
		ukplat_tlsp_set(addr);
		return 0;
	case ARCH_GET_FS:
		*(unsigned long *)addr = ukplat_tlsp_get();
		return 0;
	}
	return -EINVAL;
}
#endif
