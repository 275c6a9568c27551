/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's OS types (lwip/sys.h includes this), on the kit's primitives:
 * semaphores and mutexes are uklock's, embedded (no allocation); an
 * mbox is a ring of pointers between two counting semaphores (free
 * slots, queued messages); a thread is a uksched thread. sys_arch.c
 * has the functions. SYS_ARCH_PROTECT disables interrupts, which on
 * this single-CPU kit excludes both interrupt handlers and preemption.
 */
#ifndef UK_LWIP_ARCH_SYS_ARCH_H
#define UK_LWIP_ARCH_SYS_ARCH_H

#include <uk/lock.h>

typedef struct {
	struct uk_semaphore s;
	int valid;
} sys_sem_t;

typedef struct {
	struct uk_mutex m;
	int valid;
} sys_mutex_t;

typedef struct {
	void **msgs;		/* size slots, allocated by sys_mbox_new */
	unsigned int size, head, count;	/* head, count: interrupts off */
	struct uk_semaphore used;	/* messages queued */
	struct uk_semaphore free;	/* slots free */
	int valid;
} sys_mbox_t;

typedef struct uk_thread *sys_thread_t;
typedef unsigned long sys_prot_t;

#define sys_sem_valid(sem)		((sem)->valid)
#define sys_sem_set_invalid(sem)	((sem)->valid = 0)
#define sys_mutex_valid(mu)		((mu)->valid)
#define sys_mutex_set_invalid(mu)	((mu)->valid = 0)
#define sys_mbox_valid(mb)		((mb)->valid)
#define sys_mbox_set_invalid(mb)	((mb)->valid = 0)

#endif /* UK_LWIP_ARCH_SYS_ARCH_H */
