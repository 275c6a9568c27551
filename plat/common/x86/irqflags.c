/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The interrupt flag part of <uk/plat/irq.h> on the x86 guests (kvm,
 * xen): "interrupts off" is RFLAGS.IF, whatever delivers them (kvm's
 * APICs, xen's event-channel upcall). The counters are the platform's
 * to bump (ukplat_x86_irq_stats, in its interrupt entry, interrupts off).
 */
#include <uk/arch/cpu.h>
#include <uk/plat/irq.h>
#include <x86/boot.h>

struct ukplat_irq_stats ukplat_x86_irq_stats;

unsigned long ukplat_irq_save(void)
{
	return ukarch_irq_save();
}

void ukplat_irq_restore(unsigned long flags)
{
	ukarch_irq_restore(flags);
}

void ukplat_irq_enable(void)
{
	ukarch_irq_enable();
}

void ukplat_irq_disable(void)
{
	ukarch_irq_disable();
}

int ukplat_irq_enabled(void)
{
	return !!(ukarch_read_rflags() & X86_RFLAGS_IF);
}

void ukplat_irq_stats(struct ukplat_irq_stats *st)
{
	unsigned long flags = ukarch_irq_save();

	*st = ukplat_x86_irq_stats;
	ukarch_irq_restore(flags);
}
