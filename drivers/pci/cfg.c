/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Configuration space access, the lowest layer of ukpci: ECAM windows
 * from ACPI's MCFG (PCI Firmware spec 3.2 section 4.1.2; each window is
 * base + (bus - start) << 20 | dev << 15 | fn << 12 | offset, PCI
 * Express base spec 5.0 section 7.2.2), mapped uncached once; otherwise
 * configuration mechanism #1 through ports 0xcf8/0xcfc (PCI local bus
 * spec 3.0 section 3.2.2.3.2), segment 0 only.
 */
#include <uk/arch/cpu.h>
#include <uk/param.h>
#include <uk/plat/acpi.h>
#include <uk/plat/paging.h>
#include <uk/print.h>
#include "pci.h"

#define MAX_ECAM 4

struct ecam {
	uint64_t base;
	uint16_t seg;
	uint8_t start, end;
};

static struct ecam ecams[MAX_ECAM];
static unsigned int necam;
static int use_ecam = 1;
UK_PARAM(ecam, UK_PARAM_BOOL, &use_ecam,
	 "use ACPI MCFG's ECAM windows (0: ports 0xcf8/0xcfc only)");

unsigned int uk_pci_ecam_count(void)
{
	return necam;
}

void pci_cfg_init(void)
{
	const struct ukplat_acpi_sdt *t = ukplat_acpi_table("MCFG", 0);
	const uint8_t *p, *end;
	struct ecam *e;
	uint64_t len;

	if (!t || !use_ecam)
		return;
	/* MCFG: the header, 8 reserved bytes, then 16-byte entries. */
	p = (const uint8_t *)t + sizeof(*t) + 8;
	end = (const uint8_t *)t + t->length;
	for (; p + 16 <= end && necam < MAX_ECAM; p += 16) {
		e = &ecams[necam];
		e->base = *(const uint64_t *)p;
		e->seg = p[8] | p[9] << 8;
		e->start = p[10];
		e->end = p[11];
		len = ((uint64_t)e->end - e->start + 1) << 20;
		if (e->end < e->start || (e->base & 0xfffff) ||
		    ukplat_page_map(e->base, e->base, len,
				    UKPLAT_PROT_READ | UKPLAT_PROT_WRITE |
				    UKPLAT_MAP_UNCACHED) < 0) {
			uk_pr_warn("MCFG window at 0x%lx (buses %u-%u) unusable: skipped\n",
				   (unsigned long)e->base, e->start, e->end);
			continue;
		}
		necam++;
	}
}

static volatile void *ecam_addr(uint16_t seg, uint8_t bus, uint8_t dev,
				uint8_t fn, unsigned int off)
{
	unsigned int i;

	for (i = 0; i < necam; i++)
		if (ecams[i].seg == seg && bus >= ecams[i].start &&
		    bus <= ecams[i].end)
			return (volatile void *)(uintptr_t)(ecams[i].base +
				((uint64_t)(bus - ecams[i].start) << 20 |
				 dev << 15 | fn << 12 | off));
	return NULL;
}

uint32_t pci_cfg_read(uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn,
		      unsigned int off, unsigned int width)
{
	volatile void *a = ecam_addr(seg, bus, dev, fn, off);
	uint32_t v;

	if (a) {
		if (width == 1)
			return *(volatile uint8_t *)a;
		if (width == 2)
			return *(volatile uint16_t *)a;
		return *(volatile uint32_t *)a;
	}
	if (seg != 0 || off >= 256)
		return 0xffffffff;
	outl(0xcf8, 0x80000000U | bus << 16 | dev << 11 | fn << 8 |
		    (off & 0xfc));
	v = inl(0xcfc) >> ((off & 3) * 8);
	return width == 4 ? v : v & ((1U << (width * 8)) - 1);
}

void pci_cfg_write(uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn,
		   unsigned int off, unsigned int width, uint32_t v)
{
	volatile void *a = ecam_addr(seg, bus, dev, fn, off);

	if (a) {
		if (width == 1)
			*(volatile uint8_t *)a = v;
		else if (width == 2)
			*(volatile uint16_t *)a = v;
		else
			*(volatile uint32_t *)a = v;
		return;
	}
	if (seg != 0 || off >= 256)
		return;
	outl(0xcf8, 0x80000000U | bus << 16 | dev << 11 | fn << 8 |
		    (off & 0xfc));
	if (width == 1)
		outb(0xcfc + (off & 3), v);
	else if (width == 2)
		outw(0xcfc + (off & 2), v);
	else
		outl(0xcfc, v);
}

uint32_t uk_pci_cfg_read(const struct uk_pci_dev *d, unsigned int off,
			 unsigned int width)
{
	return pci_cfg_read(d->seg, d->bus, d->dev, d->fn, off, width);
}

void uk_pci_cfg_write(const struct uk_pci_dev *d, unsigned int off,
		      unsigned int width, uint32_t v)
{
	pci_cfg_write(d->seg, d->bus, d->dev, d->fn, off, width, v);
}
