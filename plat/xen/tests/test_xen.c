/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen's own machinery, in the image under real Xen (the hardware
 * domain): an event on a loopback channel reaches its handler only
 * while unmasked; bad registrations are refused; a granted page can be
 * copied through its grant reference (GNTTABOP_copy) and the grant
 * ended once; the clock follows Xen's system time. The timer and the
 * scheduler on top are tested by uktime's and uksched's cases.
 */
#include <uk/arch/cpu.h>
#include <uk/essentials.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/test.h>
#include <xen/event_channel.h>
#include <xen/grant_table.h>
#include "../hypercall.h"
#include "../xenplat.h"

#define EINVAL	22
#define ENOMEM	12
#define MS	1000000ULL

static volatile int events;

static int on_event(void *arg)
{
	(*(volatile int *)arg)++;
	return 1;
}

/* Interrupts on for a little while (Xen delivers at the next entry). */
static void let_events_in(void)
{
	unsigned long flags = ukplat_irq_save();
	uint64_t until = ukplat_monotonic_ns() + 2 * MS;

	ukplat_irq_enable();
	while (ukplat_monotonic_ns() < until)
		ukarch_pause();
	ukplat_irq_restore(flags);
}

UK_TESTCASE(xenevtchn, loopback_masked_then_delivered)
{
	struct evtchn_alloc_unbound au = { .dom = DOMID_SELF,
					   .remote_dom = DOMID_SELF };
	struct evtchn_bind_interdomain bi = { .remote_dom = DOMID_SELF };
	struct evtchn_close c;
	unsigned long flags;

	UK_TEST_ASSERT_INT_EQ(hc_event_channel_op(EVTCHNOP_alloc_unbound,
						  &au), 0);
	bi.remote_port = au.port;
	UK_TEST_ASSERT_INT_EQ(hc_event_channel_op(EVTCHNOP_bind_interdomain,
						  &bi), 0);
	events = 0;
	UK_TEST_ASSERT_INT_EQ(ukplat_irq_register(au.port, on_event,
						  (void *)&events), 0);
	/* Masked: sent, pending, not delivered. */
	flags = ukplat_irq_save();
	xen_evtchn_mask(au.port);
	UK_TEST_EXPECT_INT_EQ(xen_evtchn_notify(bi.local_port), 0);
	ukplat_irq_restore(flags);
	let_events_in();
	UK_TEST_EXPECT_INT_EQ(events, 0);
	/* Unmasked: the pending event arrives, once. */
	xen_evtchn_unmask(au.port);
	let_events_in();
	UK_TEST_EXPECT_INT_EQ(events, 1);
	/* And a fresh one. */
	UK_TEST_EXPECT_INT_EQ(xen_evtchn_notify(bi.local_port), 0);
	let_events_in();
	UK_TEST_EXPECT_INT_EQ(events, 2);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_unregister(au.port, on_event,
						    (void *)&events), 0);
	c.port = bi.local_port;
	UK_TEST_EXPECT_INT_EQ(hc_event_channel_op(EVTCHNOP_close, &c), 0);
	c.port = au.port;
	UK_TEST_EXPECT_INT_EQ(hc_event_channel_op(EVTCHNOP_close, &c), 0);
}

UK_TESTCASE(xenevtchn, bad_registrations_refused)
{
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_register(CONFIG_PLAT_XEN_EVTCHN_PORTS,
						  on_event, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_register(1, NULL, NULL), -EINVAL);
	/* Port 1 is VIRQ_TIMER's (the first bound): taken. */
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_register(1, on_event, NULL), -ENOMEM);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_unregister(1, on_event, NULL),
			      -EINVAL);
}

static char granted[4096] __uk_align(4096);
static char copy[4096] __uk_align(4096);

UK_TESTCASE(xengnttab, grant_copy_end)
{
	struct gnttab_copy op = { 0 };
	int ref, i;

	UK_TEST_ASSERT(xen_is_hwdom);	/* our domid is 0 then */
	for (i = 0; i < 4096; i++)
		granted[i] = (char)(i * 7 + 1);
	ref = xen_gnttab_grant(0, (uintptr_t)granted >> 12, 1);
	UK_TEST_ASSERT_INT_GE(ref, GNTTAB_NR_RESERVED_ENTRIES);
	op.source.u.ref = ref;
	op.source.domid = DOMID_SELF;
	op.dest.u.gmfn = (uintptr_t)copy >> 12;
	op.dest.domid = DOMID_SELF;
	op.len = 4096;
	op.flags = GNTCOPY_source_gref;
	UK_TEST_EXPECT_INT_EQ(hc_grant_table_op(GNTTABOP_copy, &op, 1), 0);
	UK_TEST_EXPECT_INT_EQ(op.status, GNTST_okay);
	UK_TEST_EXPECT_MEM_EQ(copy, granted, 4096);
	UK_TEST_EXPECT_INT_EQ(xen_gnttab_end(ref), 0);
	UK_TEST_EXPECT_INT_EQ(xen_gnttab_end(ref), -EINVAL);
	/* Ended: Xen refuses the reference now. */
	op.status = 0;
	UK_TEST_EXPECT_INT_EQ(hc_grant_table_op(GNTTABOP_copy, &op, 1), 0);
	UK_TEST_EXPECT_INT_NE(op.status, GNTST_okay);
}

UK_TESTCASE(xentime, clock_follows_xen_system_time)
{
	uint64_t m0a, m0b, s0, m1a, m1b, s1;

	/* Each Xen reading is bracketed by two monotonic ones, so a vCPU
	 * descheduled between the reads (a loaded host under TCG) widens
	 * the bracket instead of failing the comparison. */
	m0a = ukplat_monotonic_ns();
	s0 = xen_system_ns();
	m0b = ukplat_monotonic_ns();
	while (ukplat_monotonic_ns() < m0b + 1 * MS)
		ukarch_pause();
	m1a = ukplat_monotonic_ns();
	s1 = xen_system_ns();
	m1b = ukplat_monotonic_ns();
	UK_TEST_EXPECT_UINT_GE(m1a - m0b, 1 * MS);
	/* Xen's time advanced as much as ours, within 100 us: at least
	 * the inner bracket, at most the outer one. */
	UK_TEST_EXPECT_INT_GE((int64_t)(s1 - s0) + 100000, (int64_t)(m1a - m0b));
	UK_TEST_EXPECT_INT_LE((int64_t)(s1 - s0), (int64_t)(m1b - m0a) + 100000);
	/* Xen's wall clock: after 2020-01-01. */
	UK_TEST_EXPECT_UINT_GT(ukplat_wallclock_ns(),
			       1577836800ULL * UKPLAT_NSEC_PER_SEC);
}
