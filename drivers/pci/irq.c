/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What a bound driver does with its function: map BARs, turn decoding
 * and bus mastering on, and get interrupts, by MSI-X when the function
 * offers it (each table entry its own platform vector) or else by INTx
 * through the IOAPIC.
 */
#include <uk/plat/bootinfo.h>
#include <uk/plat/paging.h>
#include <uk/print.h>
#include "pci.h"

#define BIG (2UL << 20)

/* Does [lo, hi) hold RAM (free memory, the image, an initrd)? */
static int has_ram(uintptr_t lo, uintptr_t hi)
{
	struct ukplat_memregion r;
	int i, n = ukplat_memregion_count();

	for (i = 0; i < n; i++)
		if (!ukplat_memregion_get(i, &r) &&
		    !(r.flags & UKPLAT_MEMR_RESERVED) &&
		    r.base < hi && lo < r.base + r.len)
			return 1;
	return 0;
}

void *uk_pci_bar_map(struct uk_pci_dev *d, unsigned int i)
{
	struct uk_pci_bar *b;
	uintptr_t lo, hi;
	int rc;

	if (i >= 6 || d->bar[i].io || !d->bar[i].addr || !d->bar[i].size)
		return NULL;
	b = &d->bar[i];
	if (d->bars_mapped & (1U << i))
		return (void *)(uintptr_t)b->addr;
	lo = b->addr & ~(UKPLAT_PAGE_SIZE - 1);
	hi = (b->addr + b->size + UKPLAT_PAGE_SIZE - 1) &
	     ~(UKPLAT_PAGE_SIZE - 1);
	/* Whole 2 MiB pages when no RAM shares them (PCI holes hold only
	 * devices): no 4 KiB page table to fill, most of the cost. */
	if (!has_ram(lo & ~(BIG - 1), (hi + BIG - 1) & ~(BIG - 1))) {
		lo &= ~(BIG - 1);
		hi = (hi + BIG - 1) & ~(BIG - 1);
	}
	/* Device registers: uncached, never executable. */
	rc = ukplat_page_map(lo, lo, hi - lo, UKPLAT_PROT_READ |
			     UKPLAT_PROT_WRITE | UKPLAT_MAP_UNCACHED);
	if (rc < 0) {
		uk_pr_err("%02x:%02x.%x: BAR%u at 0x%lx: cannot map: %d\n",
			  d->bus, d->dev, d->fn, i, (unsigned long)b->addr, rc);
		return NULL;
	}
	d->bars_mapped |= 1U << i;
	return (void *)(uintptr_t)b->addr;
}

void uk_pci_enable(struct uk_pci_dev *d)
{
	uint16_t cmd = uk_pci_cfg_read(d, UK_PCI_COMMAND, 2);

	uk_pci_cfg_write(d, UK_PCI_COMMAND, 2, cmd | UK_PCI_CMD_IO |
			 UK_PCI_CMD_MEM | UK_PCI_CMD_MASTER);
}

/* PCI local bus spec 3.0 section 6.8.2: Message Control, the table's
 * BIR/offset, and 16-byte entries (address lo/hi, data, control). */
#define MSIX_CTRL_ENABLE	(1U << 15)
#define MSIX_CTRL_FMASK		(1U << 14)
#define MSIX_VEC_MASKED		1U

int uk_pci_msix_enable(struct uk_pci_dev *d)
{
	unsigned int cap = d->msix_cap, bir, i;
	uint32_t tbl;
	uint16_t ctrl;
	uint8_t *base;

	if (!cap)
		cap = d->msix_cap = uk_pci_cap_next(d, UK_PCI_CAP_MSIX, 0);
	if (!cap)
		return -ENOTSUP;
	ctrl = uk_pci_cfg_read(d, cap + 2, 2);
	d->msix_size = (ctrl & 0x7ff) + 1;
	tbl = uk_pci_cfg_read(d, cap + 4, 4);
	bir = tbl & 7;
	if (bir >= 6 || d->bar[bir].io ||
	    (uint64_t)(tbl & ~7U) + 16ULL * d->msix_size > d->bar[bir].size) {
		uk_pr_err("%02x:%02x.%x: MSI-X table outside BAR%u\n",
			  d->bus, d->dev, d->fn, bir);
		return -EINVAL;
	}
	base = uk_pci_bar_map(d, bir);
	if (!base)
		return -ENOMEM;
	d->msix_table = (volatile uint32_t *)(base + (tbl & ~7U));
	/* Enable with the function masked, mask every entry, then unmask
	 * the function: no vector fires before it is programmed. */
	uk_pci_cfg_write(d, cap + 2, 2, ctrl | MSIX_CTRL_ENABLE |
			 MSIX_CTRL_FMASK);
	for (i = 0; i < d->msix_size; i++)
		d->msix_table[i * 4 + 3] |= MSIX_VEC_MASKED;
	uk_pci_cfg_write(d, cap + 2, 2, (ctrl | MSIX_CTRL_ENABLE) &
			 ~MSIX_CTRL_FMASK);
	/* INTx off: MSI-X replaces it (section 6.8.3.3 leaves it to us). */
	uk_pci_cfg_write(d, UK_PCI_COMMAND, 2,
			 uk_pci_cfg_read(d, UK_PCI_COMMAND, 2) |
			 UK_PCI_CMD_INTX_OFF);
	return d->msix_size;
}

int uk_pci_msix_set(struct uk_pci_dev *d, unsigned int entry,
		    ukplat_irq_handler_t fn, void *arg)
{
	volatile uint32_t *e;
	uint64_t addr;
	uint32_t data;
	int h;

	if (!d->msix_table || entry >= d->msix_size)
		return -EINVAL;
	h = ukplat_irq_msi_alloc(fn, arg, &addr, &data);
	if (h < 0)
		return h;
	e = d->msix_table + entry * 4;
	e[3] |= MSIX_VEC_MASKED;
	e[0] = (uint32_t)addr;
	e[1] = addr >> 32;
	e[2] = data;
	e[3] &= ~MSIX_VEC_MASKED;
	return 0;
}

/*
 * Which interrupt line INTx reaches, without an AML interpreter for the
 * DSDT's _PRT (so its QEMU tables are restated here, hw/i386/acpi-build.c):
 *
 * q35 (ICH9; an ECAM window exists): root-bus slots 1..24, pin p
 * (INTA = 0) -> PIRQ E + ((slot + p) mod 4), which the ICH9 wires to
 * IOAPIC GSI 16 + 4 + ... (level, active low).
 *
 * pc (PIIX3 at 00:01.0): slot s, pin p -> PIRQ (s - 1 + p) mod 4, which
 * the PIIX3's PIRQ route register (config 0x60 + PIRQ, PIIX3 datasheet
 * section 2.2.9; bit 7 = disabled) sends to an ISA IRQ; the IOAPIC sees
 * it on that pin, with the trigger the MADT's override gives (QEMU:
 * level, active high). Firmware set the route and wrote the Interrupt
 * Line register; where the route is off (qboot writes the line but
 * leaves routes as they are), it is set to the Interrupt Line's IRQ.
 */
static int intx_line(const struct uk_pci_dev *d)
{
	struct uk_pci_dev *isa = NULL;
	unsigned int i, pirq;
	uint8_t route;

	if (!d->int_pin || d->int_pin > 4)
		return -ENODEV;
	if (uk_pci_ecam_count() && d->bus == 0 && d->dev >= 1 && d->dev <= 24)
		return 20 + ((d->dev + d->int_pin - 1) & 3);
	for (i = 0; i < uk_pci_count(); i++) {
		struct uk_pci_dev *x = uk_pci_get(i);

		if (x->bus == 0 && x->dev == 1 && x->fn == 0 &&
		    x->vendor == 0x8086 && x->device == 0x7000)
			isa = x;
	}
	if (!isa || d->bus != 0)
		return (d->int_line && d->int_line < 16) ? d->int_line : -ENODEV;
	pirq = (d->dev - 1 + d->int_pin - 1) & 3;
	route = uk_pci_cfg_read(isa, 0x60 + pirq, 1);
	if (route & 0x80 || route >= 16 || route == 0) {
		if (!d->int_line || d->int_line >= 16)
			return -ENODEV;
		route = d->int_line;
		uk_pci_cfg_write(isa, 0x60 + pirq, 1, route);
	}
	return route;
}

int uk_pci_intx_register(struct uk_pci_dev *d, ukplat_irq_handler_t fn,
			 void *arg)
{
	int line = intx_line(d);

	if (line < 0)
		return line;
	uk_pci_cfg_write(d, UK_PCI_COMMAND, 2,
			 uk_pci_cfg_read(d, UK_PCI_COMMAND, 2) &
			 ~UK_PCI_CMD_INTX_OFF);
	return ukplat_irq_register(line, fn, arg);
}
