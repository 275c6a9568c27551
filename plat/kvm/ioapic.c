/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IOAPIC at 0xfec00000, where QEMU puts it on pc, q35 and microvm
 * (not read from ACPI's MADT: that would mean finding the RSDP; the
 * version register read back below tells whether one answers there).
 * ISA IRQ n is on pin n, except IRQ 0 (the PIT) on pin 2, as in QEMU's
 * MADT interrupt source override; pins 16..23 (PCI on q35) are
 * level-triggered, active low; ISA lines edge, active high. (pc's PCI
 * lines 5, 9, 10 and 11 are level, active high per its MADT: a PCI
 * driver there will need a trigger flag, see README.)
 *
 * The legacy 8259 PICs are masked outright; the LAPIC's LINT0 is masked
 * too (apic.c), so nothing arrives through them.
 */
#include <uk/arch/cpu.h>
#include "apic.h"

#define IOAPIC_BASE	0xfec00000UL
#define IOAPIC_REGSEL	0x00
#define IOAPIC_WIN	0x10
#define IOAPIC_VER	0x01
#define IOAPIC_REDTBL(p) (0x10 + 2 * (p))
#define RTE_MASKED	(1U << 16)
#define RTE_LEVEL	(1U << 15)
#define RTE_LOW		(1U << 13)

#define PIC1_DATA	0x21
#define PIC2_DATA	0xa1

static unsigned int npins;

static uint32_t ioapic_read(uint32_t reg)
{
	*(volatile uint32_t *)(IOAPIC_BASE + IOAPIC_REGSEL) = reg;
	return *(volatile uint32_t *)(IOAPIC_BASE + IOAPIC_WIN);
}

static void ioapic_write(uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(IOAPIC_BASE + IOAPIC_REGSEL) = reg;
	*(volatile uint32_t *)(IOAPIC_BASE + IOAPIC_WIN) = v;
}

static unsigned int irq_pin(unsigned int irq)
{
	return irq == 0 ? 2 : irq;
}

int kvm_ioapic_init(void)
{
	uint32_t ver;
	unsigned int p;

	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
	ver = ioapic_read(IOAPIC_VER);
	if (ver == 0xffffffff || ver == 0)
		return -1;
	npins = ((ver >> 16) & 0xff) + 1;
	if (npins > KVM_IRQ_LINES)
		npins = KVM_IRQ_LINES;
	for (p = 0; p < npins; p++) {
		ioapic_write(IOAPIC_REDTBL(p) + 1, 0);
		ioapic_write(IOAPIC_REDTBL(p), RTE_MASKED);
	}
	return 0;
}

/* Route irq to vector KVM_VEC_IRQ0 + irq on CPU 0's APIC, masked or not. */
int kvm_ioapic_route(unsigned int irq, int mask)
{
	unsigned int pin = irq_pin(irq);
	uint32_t lo = KVM_VEC_IRQ0 + irq;

	if (pin >= npins)
		return -1;
	if (irq >= 16)
		lo |= RTE_LEVEL | RTE_LOW;
	if (mask)
		lo |= RTE_MASKED;
	ioapic_write(IOAPIC_REDTBL(pin) + 1, 0);	/* APIC ID 0 */
	ioapic_write(IOAPIC_REDTBL(pin), lo);
	return 0;
}
