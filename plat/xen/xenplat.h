/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What xen's files tell each other. Boot order (setup.c):
 * xen_hypercall_init -> xen_console_init -> ukplat_x86_cpu_init ->
 * xen_shared_info_init -> xen_time_init -> the start_info and
 * XENMEM_memory_map -> ukplat_x86_paging_init -> uk_boot_entry; then at
 * UK_INIT_PLAT xen_evtchn_init (evtchn.c: the upcall vector, VIRQ_TIMER,
 * VIRQ_CONSOLE, interrupts on) and xen_gnttab_init (gnttab.c).
 */
#ifndef XEN_XENPLAT_H
#define XEN_XENPLAT_H

/* The IDT vector Xen injects for event-channel upcalls (decimal: the
 * entry stub's name is trap_<vector>). */
#define XEN_VEC_UPCALL	243

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <xen/xen.h>

/* setup.c: shared_info, mapped at boot; nonzero when we are dom0. */
extern struct shared_info *xen_shared_info;
extern int xen_is_hwdom;

/* console.c: console_io (hardware domain) or the console ring. */
void xen_console_init(void);
int xen_console_virq(void *arg);	/* VIRQ_CONSOLE's handler */

/* time.c: pvclock. Xen's system time (ns since Xen booted) now, and the
 * monotonic clock's zero in it. */
void xen_time_init(void);
uint64_t xen_system_ns(void);
extern uint64_t xen_boot_system_ns;

/* timer.c: VIRQ_TIMER's handler. */
int xen_timer_virq(void *arg);

/* evtchn.c: bind a VIRQ to a new port with fn(arg) as its handler,
 * unmasked: the port, or a negative errno. Mask, unmask, notify. */
int xen_evtchn_bind_virq(unsigned int virq, int (*fn)(void *), void *arg);
void xen_evtchn_mask(unsigned int port);
void xen_evtchn_unmask(unsigned int port);
int xen_evtchn_notify(unsigned int port);
int xen_evtchn_ready(void);

/* gnttab.c: grant domid access to the page at pfn (read-only if ro):
 * the grant reference, or a negative errno; end it (-EBUSY while the
 * other side still maps it). */
int xen_gnttab_grant(domid_t domid, uint64_t pfn, int ro);
int xen_gnttab_end(unsigned int ref);
#endif /* !__ASSEMBLY__ */

#endif /* XEN_XENPLAT_H */
