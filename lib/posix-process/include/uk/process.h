/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-process: the image's one process and its threads, as Linux
 * system calls (registered with <uk/syscall.h>). What other libraries
 * may call directly:
 */
#ifndef UK_PROCESS_H
#define UK_PROCESS_H

/* The calling thread's id: 1 for the boot thread ("main", whose tid is
 * also the process id), then 2, 3, ... in the order threads first ask. */
long uk_process_gettid(void);

#endif /* UK_PROCESS_H */
