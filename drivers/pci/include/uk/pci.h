/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukpci: the PCI bus. At UK_INIT_BUS (UK_PRIO_UKPCI) it enumerates every
 * bus reachable from bus 0 of each segment (through PCI-to-PCI
 * bridges), sizes each function's BARs, and binds each function to the
 * first registered driver whose ID table matches it. A driver declares
 *
 *	static const struct uk_pci_id ids[] = {
 *		{ 0x1af4, 0x1000, 0x107f },	(vendor, device range)
 *		{ 0 }
 *	};
 *	static struct uk_pci_driver drv = { "virtio-pci", ids, probe };
 *	UK_PCI_DRIVER(drv);
 *
 * and probe(dev) returns 0 when it took the device, < 0 (-ENODEV: not
 * mine after all) otherwise. Probes run in enumeration order, at
 * UK_INIT_BUS, with interrupts on.
 *
 * Configuration space: ECAM (PCI Express base spec 5.0 section 7.2.2)
 * when ACPI's MCFG names a window (q35), else ports 0xcf8/0xcfc (PCI
 * local bus spec 3.0 section 3.2.2.3.2; pc). ukpci.ecam=0 forces ports.
 */
#ifndef UK_PCI_H
#define UK_PCI_H

#include <stdint.h>
#include <uk/essentials.h>
#include <uk/init.h>
#include <uk/plat/irq.h>

#define UK_PRIO_UKPCI	UK_PRIO_DEFAULT

/* Configuration space offsets (PCI local bus spec 3.0 section 6.1). */
#define UK_PCI_VENDOR		0x00
#define UK_PCI_DEVICE		0x02
#define UK_PCI_COMMAND		0x04
#define   UK_PCI_CMD_IO		0x1
#define   UK_PCI_CMD_MEM	0x2
#define   UK_PCI_CMD_MASTER	0x4
#define   UK_PCI_CMD_INTX_OFF	0x400
#define UK_PCI_STATUS		0x06
#define   UK_PCI_STATUS_CAPS	0x10
#define UK_PCI_CLASS_REV	0x08
#define UK_PCI_HEADER_TYPE	0x0e
#define UK_PCI_BAR0		0x10
#define UK_PCI_SUBSYS_VENDOR	0x2c
#define UK_PCI_SUBSYS_ID	0x2e
#define UK_PCI_CAP_PTR		0x34
#define UK_PCI_INT_LINE		0x3c
#define UK_PCI_INT_PIN		0x3d

#define UK_PCI_CAP_MSIX		0x11
#define UK_PCI_CAP_VENDOR	0x09

struct uk_pci_bar {
	uint64_t addr;		/* bus address (== physical here), 0: none */
	uint64_t size;
	uint8_t io;		/* an I/O port range, not memory */
	uint8_t is64;		/* a 64-bit memory BAR (takes two slots) */
	uint8_t prefetch;
};

struct uk_pci_driver;

struct uk_pci_dev {
	uint16_t seg;
	uint8_t bus, dev, fn;
	uint16_t vendor, device, subsys_vendor, subsys_id;
	uint8_t class, subclass, progif, rev;
	uint8_t int_line, int_pin;	/* from firmware; pin 0: no INTx */
	/* addr as firmware left it; size (and an address, if firmware
	 * gave none) once a driver's IDs matched (bars_sized). */
	struct uk_pci_bar bar[6];
	uint8_t bars_sized;
	uint8_t bars_mapped;		/* bit i: BAR i mapped (uk_pci_bar_map) */
	const struct uk_pci_driver *driver;	/* NULL: unbound */
	void *priv;			/* the driver's */
	int msix_cap;			/* offset, 0: not looked up yet */
	uint16_t msix_size;		/* table entries */
	volatile uint32_t *msix_table;
};

struct uk_pci_id {
	uint16_t vendor;	/* 0 ends the table */
	uint16_t device_lo, device_hi;	/* inclusive range */
};

struct uk_pci_driver {
	const char *name;
	const struct uk_pci_id *ids;
	int (*probe)(struct uk_pci_dev *dev);
};

#define UK_PCI_DRIVER(d)						\
	static const struct uk_pci_driver *const uk_pci_drv_##d	\
	__uk_used __uk_section("uk_pci_drivers") __uk_align(8) = &(d)

/* Configuration space of dev; width 1, 2 or 4, off aligned to it. */
uint32_t uk_pci_cfg_read(const struct uk_pci_dev *dev, unsigned int off,
			 unsigned int width);
void uk_pci_cfg_write(const struct uk_pci_dev *dev, unsigned int off,
		      unsigned int width, uint32_t v);

/* The offset of the first capability with id cap after offset from (0:
 * from the start of the list), or 0. The list is walked at most 48
 * steps and only inside the 256-byte header, so a looping or wild list
 * ends the walk. */
unsigned int uk_pci_cap_next(const struct uk_pci_dev *dev, unsigned int cap,
			     unsigned int from);

/* Map memory BAR bar (uncached, read/write) and return its address, or
 * NULL (no such memory BAR, or the page tables refused: said once). */
void *uk_pci_bar_map(struct uk_pci_dev *dev, unsigned int bar);

/* Enable memory/IO decoding and bus mastering. */
void uk_pci_enable(struct uk_pci_dev *dev);

/*
 * MSI-X (PCI local bus spec 3.0 section 6.8.2): uk_pci_msix_enable()
 * maps the table and turns MSI-X on with every vector masked (returns
 * the table size, -ENOTSUP without the capability); msix_set() points
 * table entry entry at a new platform vector for fn(arg) and unmasks it
 * (0 or -errno).
 */
int uk_pci_msix_enable(struct uk_pci_dev *dev);
int uk_pci_msix_set(struct uk_pci_dev *dev, unsigned int entry,
		    ukplat_irq_handler_t fn, void *arg);

/* INTx: register fn(arg) on the line dev's pin reaches (see pci.c for
 * how it is found). 0, -ENODEV (no pin), or what ukplat_irq_register
 * returns. */
int uk_pci_intx_register(struct uk_pci_dev *dev, ukplat_irq_handler_t fn,
			 void *arg);

/* The functions found, in enumeration order. */
unsigned int uk_pci_count(void);
struct uk_pci_dev *uk_pci_get(unsigned int i);

#endif /* UK_PCI_H */
