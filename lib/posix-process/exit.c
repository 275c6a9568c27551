/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * exit_group and exit (with CLONE_CHILD_CLEARTID's clear and wake). The image is the process: exit_group (musl's
 * _Exit) ends it with the status, through ukboot (term functions, then
 * the platform's power-off with that exit code). exit ends the calling
 * thread: a thread clone made ends as a uksched thread; the boot thread
 * (or any thread when there is no scheduler) ends the image, as Linux
 * does when the last thread exits.
 */
#include <uk/boot.h>
#include <uk/process.h>
#include <uk/syscall.h>
#include "process.h"
#include <uk/plat/irq.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

UK_SYSCALL_DEFINE1(exit_group, int, status)
{
	uk_boot_exit(status & 0xff);
	return 0;	/* not reached */
}

void uk_process_thread_exit(int status)
{
#if CONFIG_LIBUKSCHED
	/* Not the boot thread (tid 1): end just this thread. Interrupts
	 * stay off from clearing the tid on: a joiner woken by it may free
	 * the stack this runs on, and must not run before we are off it. */
	if (uk_sched_thread_current() && uk_process_gettid() != 1) {
		int *ct = uk_process_clear_tid;

		ukplat_irq_save();
		if (ct) {
			__atomic_store_n(ct, 0, __ATOMIC_SEQ_CST);
			uk_syscall(SYS_futex, (long)ct, 1 /* FUTEX_WAKE */, 1,
				   0, 0, 0);
		}
		uk_sched_thread_exit((void *)(long)status);
	}
#endif
	uk_boot_exit(status & 0xff);
}

UK_SYSCALL_DEFINE1(exit, int, status)
{
	uk_process_thread_exit(status);
	return 0;
}
