/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * exit_group and exit. The image is the process: exit_group (musl's
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
	/* Not the boot thread (tid 1): end just this thread. */
	if (uk_thread_current() && uk_process_gettid() != 1)
		uk_thread_exit((void *)(long)status);
#endif
	uk_boot_exit(status & 0xff);
}

UK_SYSCALL_DEFINE1(exit, int, status)
{
	uk_process_thread_exit(status);
	return 0;
}
