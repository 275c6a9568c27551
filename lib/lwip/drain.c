/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * At exit, TCP finishes what it owes. The image powers off right after
 * the init table's terms, and the stack with it: a connection the
 * application closed just before main() returned may still have data
 * or its FIN unacknowledged, or not even sent (the device may not have
 * taken the last frames off its ring), and its peer would wait for an
 * end that never comes. On Linux the kernel goes on sending after the
 * process has gone; here the term waits, at most lwip.linger_ms
 * (default 5000, 0: not at all), until no connection has unsent or
 * unacknowledged data or a FIN in flight (FIN_WAIT_1, CLOSING,
 * LAST_ACK). With nothing owed it costs one walk of the connection
 * list. Giving up is one line with the count.
 *
 * The entry sorts before musl's (UK_PRIO_LWIP_DRAIN), so its term runs
 * after musl's exit handlers and stdio flush have written their last
 * bytes. Connections left open are left as they are (no FIN for them:
 * the peer sees what it sees when a host dies).
 */
#include <uk/init.h>
#include <uk/lwip.h>
#include <uk/param.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/sched.h>

#include "lwip/opt.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/tcpip.h"

static unsigned long linger_ms = 5000;
UK_PARAM(linger_ms, UK_PARAM_ULONG, &linger_ms,
	 "at exit, wait at most this long for TCP data and FINs to be acknowledged (0: power off at once)");

/* Connections with something not yet acknowledged; under the core lock. */
static unsigned int owed(void)
{
	struct tcp_pcb *pcb;
	unsigned int n = 0;

	for (pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		if (pcb->unsent || pcb->unacked || pcb->state == FIN_WAIT_1 ||
		    pcb->state == CLOSING || pcb->state == LAST_ACK)
			n++;
	return n;
}

static unsigned int owed_locked(void)
{
	unsigned int n;

	LOCK_TCPIP_CORE();
	n = owed();
	UNLOCK_TCPIP_CORE();
	return n;
}

/* Nothing to set up: the entry is there for where its term sorts. */
static int drain_init(void)
{
	return 0;
}

static void drain_term(void)
{
	uint64_t end;
	unsigned int n;

	/* No stack (boot failed before tcpip_init made the core lock),
	 * called where nothing may sleep, or by the holder of the core
	 * lock (lwIP's own thread): power off at once. */
	if (!sys_mutex_valid(&lock_tcpip_core) || !linger_ms || !ukplat_irq_enabled() ||
	    lock_tcpip_core.m.owner == uk_sched_thread_current())
		return;
	end = ukplat_monotonic_ns() + linger_ms * 1000000ull;
	while ((n = owed_locked())) {
		if (ukplat_monotonic_ns() >= end) {
			uk_pr_warn("lwip: powering off with %u TCP connection(s) still unacknowledged after lwip.linger_ms=%lu\n",
				   n, linger_ms);
			return;
		}
		uk_sched_sleep_ns(10 * 1000000ull);
	}
}

uk_init(UK_INIT_SYS, UK_PRIO_LWIP_DRAIN, drain_init, drain_term);
