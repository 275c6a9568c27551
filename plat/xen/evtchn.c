/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Event channels, xen's interrupt source, behind <uk/plat/irq.h>: an
 * "irq" here is an event-channel port. One init at UK_INIT_PLAT,
 * UK_PRIO_EARLIEST masks every port, asks Xen to deliver events as one
 * IDT vector (HVM_PARAM_CALLBACK_IRQ, type vector: no APIC, no EOI),
 * binds VIRQ_TIMER (timer.c) and, in the hardware domain, VIRQ_CONSOLE
 * (console.c), and turns interrupts on.
 *
 * The upcall (2-level ABI, <xen.h>): Xen sets a port's bit in
 * shared_info's evtchn_pending[], its word's bit in the vCPU's
 * evtchn_pending_sel and evtchn_upcall_pending, and injects the vector
 * while upcall_pending is set and interrupts are on. The handler clears
 * upcall_pending, takes the selector, and for each pending, unmasked
 * port clears the pending bit, then calls the port's handler, until
 * nothing is left. Handlers run with interrupts off.
 *
 * Masking is shared_info's evtchn_mask[]; unmasking goes through
 * EVTCHNOP_unmask, which re-raises an event that came while masked.
 */
#define EINVAL	22	/* errno values are ABI: no libc needed */
#define ENOMEM	12
#define ENODEV	19
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include <uk/arch/regs.h>
#include <uk/essentials.h>
#include <uk/init.h>
#include <uk/plat/irq.h>
#include <x86/boot.h>
#include <xen/event_channel.h>
#include <xen/vcpu.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include "hypercall.h"
#include "xenplat.h"

#ifndef CONFIG_PLAT_XEN_EVTCHN_PORTS
#define CONFIG_PLAT_XEN_EVTCHN_PORTS 64
#endif
#define PORTS		CONFIG_PLAT_XEN_EVTCHN_PORTS
#define WORD_BITS	(8 * sizeof(xen_ulong_t))

struct port_slot {
	int (*fn)(void *arg);
	void *arg;
};

extern const uintptr_t xen_upcall_stub;	/* irq_entry.S */

static struct port_slot slots[PORTS];
static int ready;

int xen_evtchn_ready(void)
{
	return ready;
}

void xen_evtchn_mask(unsigned int port)
{
	__atomic_fetch_or(&xen_shared_info->evtchn_mask[port / WORD_BITS],
			  (xen_ulong_t)1 << (port % WORD_BITS),
			  __ATOMIC_SEQ_CST);
}

void xen_evtchn_unmask(unsigned int port)
{
	struct evtchn_unmask op = { .port = port };

	/* Still masked here: Xen clears the bit and re-raises a pending
	 * event (clearing it ourselves could lose one). */
	hc_event_channel_op(EVTCHNOP_unmask, &op);
}

int xen_evtchn_notify(unsigned int port)
{
	struct evtchn_send op = { .port = port };

	return (int)hc_event_channel_op(EVTCHNOP_send, &op);
}

static int slot_set(unsigned int port, int (*fn)(void *), void *arg)
{
	if (port >= PORTS || !fn)
		return -EINVAL;
	if (slots[port].fn)
		return -ENOMEM;		/* one handler per port */
	slots[port].fn = fn;
	slots[port].arg = arg;
	xen_evtchn_unmask(port);
	return 0;
}

int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t fn, void *arg)
{
	unsigned long flags;
	int rc;

	if (irq >= PORTS || !fn)
		return -EINVAL;
	if (!ready)
		return -ENODEV;
	flags = ukarch_irq_save();
	rc = slot_set(irq, fn, arg);
	ukarch_irq_restore(flags);
	return rc;
}

int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t fn,
			  void *arg)
{
	unsigned long flags;
	int rc = -EINVAL;

	if (irq >= PORTS)
		return -EINVAL;
	flags = ukarch_irq_save();
	if (slots[irq].fn == fn && slots[irq].arg == arg) {
		xen_evtchn_mask(irq);
		slots[irq].fn = NULL;
		rc = 0;
	}
	ukarch_irq_restore(flags);
	return rc;
}

int xen_evtchn_bind_virq(unsigned int virq, int (*fn)(void *), void *arg)
{
	struct evtchn_bind_virq op = { .virq = virq, .vcpu = 0 };
	struct evtchn_close close;
	long rc = hc_event_channel_op(EVTCHNOP_bind_virq, &op);

	if (rc)
		return (int)rc;
	rc = slot_set(op.port, fn, arg);
	if (rc) {
		close.port = op.port;
		hc_event_channel_op(EVTCHNOP_close, &close);
		return (int)rc;
	}
	return (int)op.port;
}

static void dispatch(unsigned int port)
{
	if (port < PORTS && slots[port].fn && slots[port].fn(slots[port].arg))
		ukplat_x86_irq_stats.handled++;
	else
		ukplat_x86_irq_stats.unhandled++;
}

/* The upcall, from traps.c with interrupts off. */
void ukplat_x86_irq_entry(struct ukarch_regs *r)
{
	struct vcpu_info *v = &xen_shared_info->vcpu_info[0];
	xen_ulong_t sel, pend, bit;
	unsigned int w, b;

	if (r->vector != XEN_VEC_UPCALL) {
		ukplat_x86_irq_stats.spurious++;
		return;
	}
	while (__atomic_load_n(&v->evtchn_upcall_pending, __ATOMIC_ACQUIRE)) {
		v->evtchn_upcall_pending = 0;
		sel = __atomic_exchange_n(&v->evtchn_pending_sel, 0,
					  __ATOMIC_SEQ_CST);
		while (sel) {
			w = __builtin_ctzl(sel);
			sel &= sel - 1;
			pend = xen_shared_info->evtchn_pending[w] &
			       ~xen_shared_info->evtchn_mask[w];
			while (pend) {
				b = __builtin_ctzl(pend);
				pend &= pend - 1;
				bit = (xen_ulong_t)1 << b;
				__atomic_fetch_and(
					&xen_shared_info->evtchn_pending[w],
					~bit, __ATOMIC_SEQ_CST);
				dispatch(w * WORD_BITS + b);
			}
		}
	}
}

static int set_callback_vector(unsigned int vector)
{
	struct xen_hvm_param p = {
		.domid = DOMID_SELF,
		.index = HVM_PARAM_CALLBACK_IRQ,
		.value = ((uint64_t)HVM_PARAM_CALLBACK_TYPE_VECTOR << 56) |
			 vector,
	};

	return (int)hc_hvm_op(HVMOP_set_param, &p);
}

static int xen_evtchn_init(void)
{
	unsigned int i;
	int timer, rc;

	for (i = 0; i < UK_ARRAY_SIZE(xen_shared_info->evtchn_mask); i++)
		xen_shared_info->evtchn_mask[i] = ~(xen_ulong_t)0;
	xen_shared_info->vcpu_info[0].evtchn_upcall_mask = 0;
	ukplat_x86_idt_set(XEN_VEC_UPCALL, xen_upcall_stub);
	rc = set_callback_vector(XEN_VEC_UPCALL);
	if (rc) {
		ukarch_print("[err] ukplatxen: HVM_PARAM_CALLBACK_IRQ refused: "
			     "no events, no timer\n");
		return 0;
	}
	ready = 1;
	/* Xen may run a periodic timer on the vCPU: only ours, please. */
	hc_vcpu_op(VCPUOP_stop_periodic_timer, 0, NULL);
	timer = xen_evtchn_bind_virq(VIRQ_TIMER, xen_timer_virq, NULL);
	if (timer < 0) {
		ukarch_print("[err] ukplatxen: cannot bind VIRQ_TIMER: no timer\n");
		ready = 0;
		return 0;
	}
	rc = xen_is_hwdom ?
	     xen_evtchn_bind_virq(VIRQ_CONSOLE, xen_console_virq, NULL) : 0;
#if defined(CONFIG_LIBUKDEBUG_PRINTK_INFO) || defined(CONFIG_LIBUKDEBUG_PRINTK_DEBUG)
	/* ukarch_print, not uk_pr_info: the platform calls nothing above it. */
	ukarch_print("[info] ukplatxen: events on vector ");
	ukarch_print_hex(XEN_VEC_UPCALL, 1);
	ukarch_print(", VIRQ_TIMER port ");
	ukarch_print_dec(timer);
	ukarch_print(rc < 0 ? ", VIRQ_CONSOLE error -" : ", VIRQ_CONSOLE port ");
	ukarch_print_dec(rc < 0 ? -rc : rc);
	ukarch_print("\n");
#endif
	ukarch_irq_enable();
	return 0;
}

uk_init(UK_INIT_PLAT, UK_PRIO_EARLIEST, xen_evtchn_init, NULL);
