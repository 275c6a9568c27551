/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IOAPICs and how ISA IRQs reach them, as ACPI's MADT says
 * (acpi.c: kvm_madt): each IOAPIC's address and first GSI, and the
 * interrupt source overrides (on QEMU: ISA IRQ 0 -> GSI 2, and on pc
 * the PCI lines 5, 9, 10, 11 level-triggered, active high). Without a
 * usable MADT, QEMU's layout is assumed: one IOAPIC at 0xfec00000 from
 * GSI 0, IRQ 0 on GSI 2. The version register read back tells whether
 * an IOAPIC answers.
 *
 * Polarity and trigger (ACPI 6.5 section 5.2.12.5, table 5.26): an
 * override's flags win; "conforms to the bus" means ISA (edge, active
 * high) for GSIs 0..15 reached from an ISA IRQ and PCI (level, active
 * low) for GSIs from 16 on.
 *
 * The legacy 8259 PICs are masked outright; the LAPIC's LINT0 is masked
 * too (apic.c), so nothing arrives through them.
 */
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include "acpi.h"
#include "apic.h"

#define IOAPIC_REGSEL	0x00
#define IOAPIC_WIN	0x10
#define IOAPIC_VER	0x01
#define IOAPIC_REDTBL(p) (0x10 + 2 * (p))
#define RTE_MASKED	(1U << 16)
#define RTE_LEVEL	(1U << 15)
#define RTE_LOW		(1U << 13)

#define PIC1_DATA	0x21
#define PIC2_DATA	0xa1

struct ioapic {
	uintptr_t base;
	unsigned int gsi_base, npins;
};

static struct ioapic ioapics[KVM_MADT_IOAPICS];
static unsigned int nioapics;

static uint32_t ioapic_read(const struct ioapic *io, uint32_t reg)
{
	*(volatile uint32_t *)(io->base + IOAPIC_REGSEL) = reg;
	return *(volatile uint32_t *)(io->base + IOAPIC_WIN);
}

static void ioapic_write(const struct ioapic *io, uint32_t reg, uint32_t v)
{
	*(volatile uint32_t *)(io->base + IOAPIC_REGSEL) = reg;
	*(volatile uint32_t *)(io->base + IOAPIC_WIN) = v;
}

static int ioapic_add(uintptr_t base, unsigned int gsi_base)
{
	struct ioapic *io = &ioapics[nioapics];
	uint32_t ver;
	unsigned int p;

	io->base = base;
	io->gsi_base = gsi_base;
	ver = ioapic_read(io, IOAPIC_VER);
	if (ver == 0xffffffff || ver == 0) {
		ukarch_print("[warn] ukplatkvm: no IOAPIC answers at ");
		ukarch_print_hex(base, 8);
		ukarch_print("\n");
		return -1;
	}
	io->npins = ((ver >> 16) & 0xff) + 1;
	for (p = 0; p < io->npins; p++) {
		ioapic_write(io, IOAPIC_REDTBL(p) + 1, 0);
		ioapic_write(io, IOAPIC_REDTBL(p), RTE_MASKED);
	}
	nioapics++;
	return 0;
}

void kvm_ioapic_init(void)
{
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
}

/* Firmware leaves IOAPIC pins masked (QEMU's SeaBIOS, qboot and microvm
 * run the PIC); so the IOAPICs, and ACPI before them, wait for the
 * first line routed. */
int kvm_ioapic_setup(void)
{
	static int done;
	unsigned int i;

	if (done)
		return nioapics ? 0 : -1;
	done = 1;
	kvm_acpi_init();
	for (i = 0; i < kvm_madt.nioapic; i++)
		ioapic_add(kvm_madt.ioapic[i].addr, kvm_madt.ioapic[i].gsi_base);
	if (!kvm_madt.nioapic) {
		ioapic_add(0xfec00000UL, 0);
		kvm_madt.niso = 1;	/* QEMU's one override */
		kvm_madt.iso[0].isa = 0;
		kvm_madt.iso[0].gsi = 2;
		kvm_madt.iso[0].flags = 0;
	}
	if (!nioapics)
		ukarch_print("[warn] ukplatkvm: no IOAPIC: no device interrupts\n");
	return nioapics ? 0 : -1;
}

/*
 * Where irq (ISA IRQ below 16, else a GSI) arrives, and how it is
 * signalled: *rte gets the trigger and polarity bits.
 */
static unsigned int irq_gsi(unsigned int irq, uint32_t *rte)
{
	unsigned int i, gsi = irq, pol = 0, trig = 0;

	for (i = 0; irq < 16 && i < kvm_madt.niso; i++) {
		if (kvm_madt.iso[i].isa == irq) {
			gsi = kvm_madt.iso[i].gsi;
			pol = KVM_INTI_POLARITY(kvm_madt.iso[i].flags);
			trig = KVM_INTI_TRIGGER(kvm_madt.iso[i].flags);
			break;
		}
	}
	if (!pol)
		pol = irq < 16 ? 1 : 3;
	if (!trig)
		trig = irq < 16 ? 1 : 3;
	*rte = (pol == 3 ? RTE_LOW : 0) | (trig == 3 ? RTE_LEVEL : 0);
	return gsi;
}

unsigned int kvm_ioapic_rte(unsigned int irq, unsigned int *gsi)
{
	uint32_t rte;

	kvm_ioapic_setup();
	*gsi = irq_gsi(irq, &rte);
	return rte;
}

/* Route irq to vector KVM_VEC_IRQ0 + irq on CPU 0's APIC, masked or not. */
int kvm_ioapic_route(unsigned int irq, int mask)
{
	unsigned int i, gsi;
	uint32_t lo;

	if (kvm_ioapic_setup() < 0)
		return -1;
	lo = kvm_ioapic_rte(irq, &gsi) | (KVM_VEC_IRQ0 + irq);
	if (mask)
		lo |= RTE_MASKED;
	for (i = 0; i < nioapics; i++) {
		const struct ioapic *io = &ioapics[i];

		if (gsi < io->gsi_base || gsi >= io->gsi_base + io->npins)
			continue;
		ioapic_write(io, IOAPIC_REDTBL(gsi - io->gsi_base) + 1, 0);
		ioapic_write(io, IOAPIC_REDTBL(gsi - io->gsi_base), lo);
		return 0;
	}
	return -1;
}
