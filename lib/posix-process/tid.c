/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread ids. Each thread's id lives in its own TLS (every thread has
 * one: uksched's for its own threads, musl's for pthreads), handed out
 * the first time the thread asks, or by clone for the child; the boot
 * thread asks first (musl's start-up calls set_tid_address), so it is 1,
 * the process id.
 */
#include <uk/process.h>
#include <uk/syscall.h>
#include <uk/plat/irq.h>
#include "process.h"

static __thread long tid;
__thread int *uk_process_clear_tid;

long uk_process_alloc_tid(void)
{
	static long next = 1;
	unsigned long fl = ukplat_irq_save();
	long t = next++;

	ukplat_irq_restore(fl);
	return t;
}

void uk_process_set_tid(long t)
{
	tid = t;
}

long uk_process_gettid(void)
{
	if (!tid)
		tid = uk_process_alloc_tid();
	return tid;
}

UK_SYSCALL_DEFINE0(gettid)
{
	return uk_process_gettid();
}

UK_SYSCALL_DEFINE1(set_tid_address, int *, tidptr)
{
	uk_process_clear_tid = tidptr;
	return uk_process_gettid();
}
