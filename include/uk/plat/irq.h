/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: interrupts.
 *
 * ukplat_irq_save()/restore() bracket code that must not be interrupted
 * (on this single-CPU kit that is also what makes it atomic); they nest.
 * Drivers register handlers for their device's interrupt line (kvm: an
 * ISA IRQ below 16, mapped by ACPI's interrupt source overrides, or a
 * GSI from 16 to 47, routed through the IOAPIC); handlers run with
 * interrupts off and return 1 when the interrupt was theirs. An interrupt
 * nobody claims, and a spurious one, is counted, never fatal.
 */
#ifndef UK_PLAT_IRQ_H
#define UK_PLAT_IRQ_H

#include <stdint.h>

typedef int (*ukplat_irq_handler_t)(void *arg);

unsigned long ukplat_irq_save(void);	/* disable; return previous state */
void ukplat_irq_restore(unsigned long flags);
void ukplat_irq_enable(void);
void ukplat_irq_disable(void);
int ukplat_irq_enabled(void);

/* Route irq to fn(arg), unmasked. -EINVAL for a bad irq, -ENOMEM when
 * the per-line handler slots are full, -ENODEV before the platform's
 * interrupt set-up (kvm: UK_INIT_PLAT, earliest; it also turns
 * interrupts on) or where there are no lines (linuxu). Several handlers
 * may share a line. */
int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t fn, void *arg);

/* Remove the (fn, arg) registration; the line is masked when it has no
 * handler left. 0, or -EINVAL when there was no such registration. */
int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t fn,
			  void *arg);

/*
 * Message-signalled interrupts (PCI MSI/MSI-X): a vector of its own for
 * fn(arg); the device is to write *data to *addr. Returns a handle >= 0
 * for ukplat_irq_msi_free(), -EINVAL (no fn), -ENOSPC (no vector left),
 * -ENODEV (before the interrupt set-up, or no MSIs: linuxu).
 */
int ukplat_irq_msi_alloc(ukplat_irq_handler_t fn, void *arg, uint64_t *addr,
			 uint32_t *data);
int ukplat_irq_msi_free(int handle);

struct ukplat_irq_stats {
	unsigned long handled;		/* claimed by a handler */
	unsigned long unhandled;	/* arrived, nobody claimed it */
	unsigned long spurious;		/* APIC spurious vector */
	/* handled counts the timer's interrupts too (kvm: LAPIC timer;
	 * linuxu: SIGALRM). */
};
void ukplat_irq_stats(struct ukplat_irq_stats *st);

#endif /* UK_PLAT_IRQ_H */
