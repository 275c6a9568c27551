/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's interrupt path end to end: the RTC's periodic interrupt (ISA
 * IRQ 8) through the IOAPIC and LAPIC to a registered handler; an
 * interrupt nobody claims counted, not fatal; bad registrations refused.
 * On pc, q35 and microvm alike (all three have the RTC and the IOAPIC).
 */
#include <uk/arch/cpu.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/test.h>
#include "../apic.h"

#define EINVAL 22
#define RTC_IRQ 8
#define MS 1000000ULL

static volatile int rtc_irqs;

static int on_rtc(void *arg)
{
	(*(volatile int *)arg)++;
	kvm_rtc_irq_ack();	/* or the RTC raises no more */
	return 1;
}

static int not_mine(void *arg __uk_unused)
{
	return 0;
}

/* Interrupts on, spin until *count reaches n or the clock passes limit. */
static void wait_count(volatile int *count, int n, uint64_t limit)
{
	unsigned long flags = ukplat_irq_save();

	ukplat_irq_enable();
	while (*count < n && ukplat_monotonic_ns() < limit)
		;
	ukplat_irq_restore(flags);
}

UK_TESTCASE(kvmirq, rtc_irq8_through_ioapic)
{
	struct ukplat_irq_stats st0, st1;

	rtc_irqs = 0;
	ukplat_irq_stats(&st0);
	UK_TEST_ASSERT_INT_EQ(ukplat_irq_register(RTC_IRQ, on_rtc,
						  (void *)&rtc_irqs), 0);
	kvm_rtc_periodic(6);			/* 1024 Hz */
	wait_count(&rtc_irqs, 3, ukplat_monotonic_ns() + 2000 * MS);
	kvm_rtc_periodic(0);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_unregister(RTC_IRQ, on_rtc,
						    (void *)&rtc_irqs), 0);
	ukplat_irq_stats(&st1);
	UK_TEST_EXPECT_INT_GE(rtc_irqs, 3);
	UK_TEST_EXPECT_UINT_GE(st1.handled - st0.handled, 3);
}

UK_TESTCASE(kvmirq, unclaimed_irq_counted_not_fatal)
{
	struct ukplat_irq_stats st0, st1;
	unsigned long flags;
	int i;

	ukplat_irq_stats(&st0);
	/* A handler that declines, on a line nothing drives, then the
	 * line's vector raised by a self-IPI. */
	UK_TEST_ASSERT_INT_EQ(ukplat_irq_register(15, not_mine, NULL), 0);
	flags = ukplat_irq_save();
	kvm_apic_self_ipi(KVM_VEC_IRQ0 + 15);
	ukplat_irq_enable();
	for (i = 0; i < 100; i++)
		ukarch_pause();
	ukplat_irq_restore(flags);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_unregister(15, not_mine, NULL), 0);
	ukplat_irq_stats(&st1);
	UK_TEST_EXPECT_UINT_EQ(st1.unhandled - st0.unhandled, 1);
}

UK_TESTCASE(kvmirq, register_refuses_bad_lines)
{
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_register(2, not_mine, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_register(KVM_IRQ_LINES, not_mine,
						  NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_register(4, NULL, NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(ukplat_irq_unregister(4, not_mine, NULL),
			      -EINVAL);
}

UK_TESTCASE(kvmirq, handler_slots_fill_up)
{
	int i, n = 0;

	for (i = 0; i < 32; i++)
		if (ukplat_irq_register(14, not_mine, (void *)(long)i) == 0)
			n++;
	UK_TEST_EXPECT_INT_EQ(n, CONFIG_PLAT_KVM_IRQ_HANDLERS);
	for (i = 0; i < n; i++)
		ukplat_irq_unregister(14, not_mine, (void *)(long)i);
}
