/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-signal's face to other libraries: send a signal to the process
 * from kernel code (a timer's expiry, a device event). The signal
 * becomes pending for the process; a thread that does not block it
 * takes it at its next signal call, and threads waiting in
 * sigsuspend/sigtimedwait/pause are woken (lib/posix-signal/README.md).
 * Any thread, interrupts on or off; not from interrupt handlers.
 */
#ifndef UK_SIGNAL_H
#define UK_SIGNAL_H

/* sig 1..64; code an si_code (SI_TIMER, ...); value the si_value.ptr;
 * timerid the si_timerid (SI_TIMER only). 0, or -EINVAL. */
int uk_signal_send(int sig, int code, void *value, int timerid);

/* A signal the calling thread's own system call raises (SIGPIPE from a
 * write to a pipe or socket nobody reads): sent to the calling thread
 * (si_code SI_USER) and delivered before this returns, unless the
 * thread blocks it (then it stays pending for the thread), as Linux
 * does. Threads only. 0, or -EINVAL for a bad sig. */
int uk_signal_send_thread(int sig);

#endif
