/* SPDX-License-Identifier: BSD-3-Clause */
/* What posix-process's files tell each other. */
#ifndef POSIX_PROCESS_H
#define POSIX_PROCESS_H

/* tid.c: a fresh thread id; set the calling thread's id. */
long uk_process_alloc_tid(void);
void uk_process_set_tid(long tid);

/* tid.c: where to write 0 and futex-wake when the calling thread ends
 * (set_tid_address, CLONE_CHILD_CLEARTID), or NULL. */
extern __thread int *uk_process_clear_tid;

/* exit.c: end the calling thread: clear and wake its clear_tid, then,
 * if it is a clone'd thread, exit it; the boot thread ends the image. */
void uk_process_thread_exit(int status) __attribute__((noreturn));

#endif /* POSIX_PROCESS_H */
