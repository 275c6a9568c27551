/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bus walk: from bus 0, every device and (for multi-function
 * devices) every function; PCI-to-PCI bridges (header type 1) lead to
 * their secondary bus as firmware numbered it (a bridge left unnumbered
 * is reported and not crossed: this kit assigns no bus numbers or
 * windows). Each function is offered to the registered drivers in table
 * order; a function some driver's IDs match has its BARs sized (the
 * all-ones probe with decoding off, PCI local bus spec 3.0 section
 * 6.2.5.1) and, if need be, assigned first. Functions no driver wants
 * cost a few configuration reads.
 */
#include <uk/print.h>
#include "pci.h"

#ifndef CONFIG_LIBUKPCI_MAX_DEVICES
#define CONFIG_LIBUKPCI_MAX_DEVICES 32
#endif

extern const struct uk_pci_driver *const __start_uk_pci_drivers[] __uk_weak;
extern const struct uk_pci_driver *const __stop_uk_pci_drivers[] __uk_weak;

/*
 * BARs firmware left unassigned (qboot assigns none; SeaBIOS all): give
 * them addresses the way SeaBIOS does, memory from 0xe0000000 up to the
 * IOAPIC at 0xfec00000, I/O ports from 0xc000, each aligned to its size
 * (PCI local bus spec 3.0 section 6.2.5.1). Only when firmware placed
 * nothing in those windows (so nothing can overlap: sizes of BARs are
 * only learnt when a driver binds), and only on the root bus (a device
 * behind a bridge would need the bridge's windows set too).
 */
#define MEM_WINDOW_LO	0xe0000000ULL
#define MEM_WINDOW_HI	0xfec00000ULL
#define IO_WINDOW_LO	0xc000U
#define IO_WINDOW_HI	0x10000U

static uint64_t mem_next = MEM_WINDOW_LO;
static uint32_t io_next = IO_WINDOW_LO;
static int fw_assigned;

static struct uk_pci_dev devs[CONFIG_LIBUKPCI_MAX_DEVICES];
static unsigned int ndevs;
static uint8_t bus_seen[256 / 8];

unsigned int uk_pci_count(void)
{
	return ndevs;
}

struct uk_pci_dev *uk_pci_get(unsigned int i)
{
	return i < ndevs ? &devs[i] : NULL;
}

/* At scan time: each BAR's kind and address as firmware left it (no
 * sizing: that waits for a driver, see bind()). */
static void read_bars(struct uk_pci_dev *d)
{
	unsigned int i;
	uint32_t lo;

	for (i = 0; i < 6; i++) {
		struct uk_pci_bar *b = &d->bar[i];

		lo = uk_pci_cfg_read(d, UK_PCI_BAR0 + 4 * i, 4);
		b->io = lo & 1;
		b->addr = lo & (b->io ? ~3U : ~0xfU);
		if (!b->io && ((lo >> 1) & 3) == 2 && i < 5) {
			b->is64 = 1;
			b->addr |= (uint64_t)uk_pci_cfg_read(d, UK_PCI_BAR0 +
							     4 * ++i, 4) << 32;
		}
		if (b->addr && (b->io ? b->addr >= IO_WINDOW_LO :
				b->addr >= MEM_WINDOW_LO &&
				b->addr < MEM_WINDOW_HI))
			fw_assigned = 1;
	}
}

static void size_bars(struct uk_pci_dev *d, unsigned int nbars)
{
	uint16_t cmd = uk_pci_cfg_read(d, UK_PCI_COMMAND, 2);
	unsigned int i, off;
	uint32_t lo, hi, slo, shi;
	uint64_t mask;

	uk_pci_cfg_write(d, UK_PCI_COMMAND, 2,
			 cmd & ~(UK_PCI_CMD_IO | UK_PCI_CMD_MEM));
	for (i = 0; i < nbars; i++) {
		struct uk_pci_bar *b = &d->bar[i];

		off = UK_PCI_BAR0 + 4 * i;
		lo = uk_pci_cfg_read(d, off, 4);
		uk_pci_cfg_write(d, off, 4, 0xffffffff);
		slo = uk_pci_cfg_read(d, off, 4);
		uk_pci_cfg_write(d, off, 4, lo);
		if (!slo || slo == 0xffffffff)
			continue;
		if (lo & 1) {		/* I/O space */
			b->io = 1;
			b->addr = lo & ~3U;
			b->size = (~(slo & ~3U) + 1) & 0xffff;
			continue;
		}
		b->prefetch = !!(lo & 8);
		hi = shi = 0;
		mask = slo & ~0xfU;
		if (((lo >> 1) & 3) == 2 && i + 1 < nbars) {	/* 64-bit */
			b->is64 = 1;
			hi = uk_pci_cfg_read(d, off + 4, 4);
			uk_pci_cfg_write(d, off + 4, 4, 0xffffffff);
			shi = uk_pci_cfg_read(d, off + 4, 4);
			uk_pci_cfg_write(d, off + 4, 4, hi);
			mask |= (uint64_t)shi << 32;
		} else {
			mask |= 0xffffffff00000000ULL;
		}
		b->addr = ((uint64_t)hi << 32 | lo) & ~0xfULL;
		b->size = ~mask + 1;
		if (b->is64)
			i++;
	}
	uk_pci_cfg_write(d, UK_PCI_COMMAND, 2, cmd);
}

static void assign_bars(struct uk_pci_dev *d)
{
	unsigned int i, off;
	uint64_t a;

	for (i = 0; i < 6; i++) {
		struct uk_pci_bar *b = &d->bar[i];

		if (!b->size || b->addr)
			continue;
		off = UK_PCI_BAR0 + 4 * i;
		if (fw_assigned) {
			uk_pr_warn("%02x:%02x.%x: BAR%u unassigned while firmware assigned others: left off\n",
				   d->bus, d->dev, d->fn, i);
			continue;
		}
		if (d->bus != 0) {
			uk_pr_warn("%02x:%02x.%x: BAR%u unassigned behind a bridge: left off\n",
				   d->bus, d->dev, d->fn, i);
			continue;
		}
		if (b->io) {
			a = (io_next + b->size - 1) & ~(b->size - 1);
			if (a + b->size > IO_WINDOW_HI)
				goto full;
			io_next = a + b->size;
			uk_pci_cfg_write(d, off, 4, (uint32_t)a);
		} else {
			a = (mem_next + b->size - 1) & ~(b->size - 1);
			if (a + b->size > MEM_WINDOW_HI)
				goto full;
			mem_next = a + b->size;
			uk_pci_cfg_write(d, off, 4, (uint32_t)a);
			if (b->is64)
				uk_pci_cfg_write(d, off + 4, 4, a >> 32);
		}
		b->addr = a;
		continue;
full:
		uk_pr_warn("%02x:%02x.%x: no room for BAR%u (0x%lx bytes)\n",
			   d->bus, d->dev, d->fn, i, (unsigned long)b->size);
	}
}

static void bind(struct uk_pci_dev *d)
{
	const struct uk_pci_driver *const *dp;
	const struct uk_pci_id *id;

	for (dp = __start_uk_pci_drivers; dp < __stop_uk_pci_drivers; dp++) {
		for (id = (*dp)->ids; id->vendor; id++) {
			if (id->vendor != d->vendor || d->device < id->device_lo ||
			    d->device > id->device_hi)
				continue;
			if (!d->bars_sized) {
				size_bars(d, 6);
				assign_bars(d);
				d->bars_sized = 1;
			}
			d->driver = *dp;
			if ((*dp)->probe(d) == 0)
				return;
			d->driver = NULL;
			break;
		}
	}
}

static void scan_bus(uint16_t seg, uint8_t bus);

static void scan_fn(uint16_t seg, uint8_t bus, uint8_t dev, uint8_t fn,
		    uint8_t htype)
{
	struct uk_pci_dev *d;
	uint32_t cr;
	uint8_t sec;

	if ((htype & 0x7f) == 1) {	/* PCI-to-PCI bridge */
		sec = pci_cfg_read(seg, bus, dev, fn, 0x19, 1);
		if (sec && sec > bus)
			scan_bus(seg, sec);
		else
			uk_pr_warn("bridge %02x:%02x.%x has no secondary bus number: not crossed\n",
				   bus, dev, fn);
		return;
	}
	if ((htype & 0x7f) != 0)
		return;		/* CardBus: not here */
	if (ndevs == CONFIG_LIBUKPCI_MAX_DEVICES) {
		uk_pr_warn("more than %d PCI functions: %02x:%02x.%x ignored\n",
			   CONFIG_LIBUKPCI_MAX_DEVICES, bus, dev, fn);
		return;
	}
	d = &devs[ndevs++];
	d->seg = seg;
	d->bus = bus;
	d->dev = dev;
	d->fn = fn;
	cr = uk_pci_cfg_read(d, UK_PCI_VENDOR, 4);
	d->vendor = cr;
	d->device = cr >> 16;
	cr = uk_pci_cfg_read(d, UK_PCI_CLASS_REV, 4);
	d->rev = cr;
	d->progif = cr >> 8;
	d->subclass = cr >> 16;
	d->class = cr >> 24;
	cr = uk_pci_cfg_read(d, UK_PCI_SUBSYS_VENDOR, 4);
	d->subsys_vendor = cr;
	d->subsys_id = cr >> 16;
	cr = uk_pci_cfg_read(d, UK_PCI_INT_LINE, 4);
	d->int_line = cr;
	d->int_pin = cr >> 8;
	read_bars(d);
}

static void scan_bus(uint16_t seg, uint8_t bus)
{
	unsigned int dev, fn, nfn;
	uint8_t htype;

	if (bus_seen[bus / 8] & (1 << (bus % 8))) {
		uk_pr_warn("PCI bus %u reached twice: bridge loop ignored\n",
			   bus);
		return;
	}
	bus_seen[bus / 8] |= 1 << (bus % 8);
	for (dev = 0; dev < 32; dev++) {
		if (pci_cfg_read(seg, bus, dev, 0, UK_PCI_VENDOR, 2) == 0xffff)
			continue;
		htype = pci_cfg_read(seg, bus, dev, 0, UK_PCI_HEADER_TYPE, 1);
		nfn = (htype & 0x80) ? 8 : 1;
		for (fn = 0; fn < nfn; fn++) {
			if (pci_cfg_read(seg, bus, dev, fn, UK_PCI_VENDOR, 2) ==
			    0xffff)
				continue;
			scan_fn(seg, bus, dev, fn,
				pci_cfg_read(seg, bus, dev, fn,
					     UK_PCI_HEADER_TYPE, 1));
		}
	}
}

unsigned int uk_pci_cap_next(const struct uk_pci_dev *d, unsigned int cap,
			     unsigned int from)
{
	unsigned int off, steps;

	if (!from) {
		if (!(uk_pci_cfg_read(d, UK_PCI_STATUS, 2) & UK_PCI_STATUS_CAPS))
			return 0;
		off = uk_pci_cfg_read(d, UK_PCI_CAP_PTR, 1);
	} else {
		off = uk_pci_cfg_read(d, from + 1, 1);
	}
	for (steps = 0; steps < 48 && off >= 0x40 && off < 0x100; steps++) {
		off &= ~3U;
		if (uk_pci_cfg_read(d, off, 1) == cap)
			return off;
		off = uk_pci_cfg_read(d, off + 1, 1);
	}
	return 0;
}

static int pci_init(void)
{
	unsigned int i;

	pci_cfg_init();
	if (pci_cfg_read(0, 0, 0, 0, UK_PCI_VENDOR, 2) == 0xffff &&
	    pci_cfg_read(0, 0, 0, 0, UK_PCI_DEVICE, 2) == 0xffff) {
		uk_pr_info("no PCI host bridge\n");
		return 0;
	}
	scan_bus(0, 0);
	uk_pr_info("%u PCI functions (%s)\n", ndevs,
		   uk_pci_ecam_count() ? "ECAM" : "ports 0xcf8/0xcfc");
	for (i = 0; i < ndevs; i++)
		bind(&devs[i]);
	return 0;
}

uk_init(UK_INIT_BUS, UK_PRIO_UKPCI, pci_init, NULL);
