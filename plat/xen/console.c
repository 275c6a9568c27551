/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console through Xen. Two ways, chosen once at boot:
 *
 *   the hardware domain (dom0, SIF_INITDOMAIN in start_info) writes with
 *     the console_io hypercall: Xen prints on its own console (the
 *     serial line of console=com1) at once, and reads the same way
 *     (CONSOLEIO_read; VIRQ_CONSOLE says input is there);
 *   any other guest writes into the console ring whose page and event
 *     channel the toolstack put in HVM_PARAM_CONSOLE_PFN/_EVTCHN
 *     (<io/console.h>: out[] for us to fill, in[] for the backend's
 *     input), then notifies the backend. Without a ring (a guest started
 *     without one), console_io again: Xen prints it when built to.
 *
 * Usable from the hypercall page on (setup.c makes that the first
 * thing) and from exception handlers; no locking: one CPU, and writers
 * that interleave only mix their output.
 */
#define EAGAIN 11	/* errno values are ABI: no libc needed */
#include <uk/arch/cpu.h>
#include <uk/plat/console.h>
#include <xen/hvm/hvm_op.h>
#include <xen/hvm/params.h>
#include <xen/io/console.h>
#include "hypercall.h"
#include "xenplat.h"

static volatile struct xencons_interface *ring;
static unsigned int ring_port;
static unsigned long virq_count;

static uint64_t hvm_param(unsigned int index)
{
	struct xen_hvm_param p = { .domid = DOMID_SELF, .index = index };

	return hc_hvm_op(HVMOP_get_param, &p) ? 0 : p.value;
}

void xen_console_init(void)
{
	uint64_t pfn;

	if (xen_is_hwdom)
		return;
	pfn = hvm_param(HVM_PARAM_CONSOLE_PFN);
	if (pfn && pfn < (1ULL << (32 - 12))) {	/* inside the boot map */
		ring_port = hvm_param(HVM_PARAM_CONSOLE_EVTCHN);
		ring = (volatile struct xencons_interface *)(uintptr_t)(pfn << 12);
	}
}

/* Copy len bytes into the ring's out[], waiting for room. */
static void ring_write(const char *buf, size_t len)
{
	XENCONS_RING_IDX prod = ring->out_prod;
	size_t i;

	for (i = 0; i < len; i++) {
		while (prod - ring->out_cons >= sizeof(ring->out)) {
			ring->out_prod = prod;	/* let the backend drain */
			xen_evtchn_notify(ring_port);
			ukarch_pause();
		}
		ring->out[MASK_XENCONS_IDX(prod, ring->out)] = buf[i];
		prod++;
	}
	__atomic_thread_fence(__ATOMIC_RELEASE);	/* data before index */
	ring->out_prod = prod;
	xen_evtchn_notify(ring_port);
}

int ukplat_console_write(const char *buf, size_t len)
{
	if (ring)
		ring_write(buf, len);
	else
		hc_console_io(CONSOLEIO_write, (int)len, buf);
	return (int)len;
}

int ukplat_console_getc(void)
{
	XENCONS_RING_IDX cons;
	char c = 0;

	if (ring) {
		cons = ring->in_cons;
		if (cons == ring->in_prod)
			return -EAGAIN;
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		c = ring->in[MASK_XENCONS_IDX(cons, ring->in)];
		ring->in_cons = cons + 1;
		xen_evtchn_notify(ring_port);
		return (unsigned char)c;
	}
	if (hc_console_io(CONSOLEIO_read, 1, &c) == 1)
		return (unsigned char)c;
	return -EAGAIN;
}

/* Input arrived (dom0: Xen's console has characters for us). Readers
 * poll ukplat_console_getc(); the event only counts. */
int xen_console_virq(void *arg)
{
	(void)arg;
	virq_count++;
	return 1;
}
