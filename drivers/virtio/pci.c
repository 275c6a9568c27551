/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio over PCI, the modern interface (virtio 1.2 section 4.1): a PCI
 * driver for vendor 0x1af4 devices 0x1000..0x107f (transitional IDs
 * 0x1000..0x103f name the device by subsystem ID, modern 0x1040 + ID),
 * finding the common, notify, ISR and device configuration structures
 * through vendor capabilities (section 4.1.4). Interrupts: MSI-X entry 0
 * for every queue when the function has MSI-X, else INTx with the ISR
 * read to acknowledge (section 4.1.4.5). QEMU's virtio-*-pci devices
 * are transitional and offer the modern interface by default, so the
 * legacy I/O-port interface is not implemented.
 */
#include <uk/alloc.h>
#include <uk/pci.h>
#include <uk/print.h>
#include "virtio.h"

/* Section 4.1.4.3: the common configuration structure. */
#define CC_DFSELECT	0x00
#define CC_DF		0x04
#define CC_GFSELECT	0x08
#define CC_GF		0x0c
#define CC_MSIX		0x10
#define CC_NUMQ		0x12
#define CC_STATUS	0x14
#define CC_Q_SELECT	0x16
#define CC_Q_SIZE	0x18
#define CC_Q_MSIX	0x1a
#define CC_Q_ENABLE	0x1c
#define CC_Q_NOFF	0x1e
#define CC_Q_DESC	0x20
#define CC_Q_AVAIL	0x28
#define CC_Q_USED	0x30
#define NO_VECTOR	0xffff

#define CAP_COMMON	1
#define CAP_NOTIFY	2
#define CAP_ISR		3
#define CAP_DEVICE	4

struct vpci {
	struct uk_virtio_dev vdev;
	struct uk_pci_dev *pci;
	volatile uint8_t *common, *notify, *isr, *device;
	uint32_t notify_mult;
	int msix;
};

#define VPCI(d) ((struct vpci *)(d)->tpriv)

static void w8(volatile uint8_t *b, unsigned int o, uint8_t v)
{
	*(volatile uint8_t *)(b + o) = v;
}

static void w16(volatile uint8_t *b, unsigned int o, uint16_t v)
{
	*(volatile uint16_t *)(b + o) = v;
}

static void w32(volatile uint8_t *b, unsigned int o, uint32_t v)
{
	*(volatile uint32_t *)(b + o) = v;
}

static void w64(volatile uint8_t *b, unsigned int o, uint64_t v)
{
	w32(b, o, (uint32_t)v);
	w32(b, o + 4, v >> 32);
}

static uint8_t r8(volatile uint8_t *b, unsigned int o)
{
	return *(volatile uint8_t *)(b + o);
}

static uint16_t r16(volatile uint8_t *b, unsigned int o)
{
	return *(volatile uint16_t *)(b + o);
}

static uint32_t r32(volatile uint8_t *b, unsigned int o)
{
	return *(volatile uint32_t *)(b + o);
}

static uint64_t features_get(struct uk_virtio_dev *d)
{
	volatile uint8_t *c = VPCI(d)->common;
	uint64_t f;

	w32(c, CC_DFSELECT, 0);
	f = r32(c, CC_DF);
	w32(c, CC_DFSELECT, 1);
	return f | (uint64_t)r32(c, CC_DF) << 32;
}

static void features_set(struct uk_virtio_dev *d, uint64_t f)
{
	volatile uint8_t *c = VPCI(d)->common;

	w32(c, CC_GFSELECT, 0);
	w32(c, CC_GF, (uint32_t)f);
	w32(c, CC_GFSELECT, 1);
	w32(c, CC_GF, f >> 32);
}

static uint8_t status_get(struct uk_virtio_dev *d)
{
	return r8(VPCI(d)->common, CC_STATUS);
}

static void status_set(struct uk_virtio_dev *d, uint8_t s)
{
	w8(VPCI(d)->common, CC_STATUS, s);
}

/* Section 4.1.4.3.2: after writing 0, wait until status reads 0. */
static void reset(struct uk_virtio_dev *d)
{
	unsigned long n;

	w8(VPCI(d)->common, CC_STATUS, 0);
	for (n = 0; n < 10000000 && r8(VPCI(d)->common, CC_STATUS); n++)
		;
}

static void config_read(struct uk_virtio_dev *d, unsigned int off, void *buf,
			unsigned int len)
{
	volatile uint8_t *dc = VPCI(d)->device;
	uint8_t *b = buf, gen;
	unsigned int i;

	/* Section 4.1.4.3.1: retry while config_generation changes. */
	do {
		gen = r8(VPCI(d)->common, 0x15);
		for (i = 0; i < len; i++)
			b[i] = dc ? r8(dc, off + i) : 0;
	} while (gen != r8(VPCI(d)->common, 0x15));
}

static void config_write(struct uk_virtio_dev *d, unsigned int off,
			 const void *buf, unsigned int len)
{
	const uint8_t *b = buf;
	unsigned int i;

	for (i = 0; VPCI(d)->device && i < len; i++)
		w8(VPCI(d)->device, off + i, b[i]);
}

static unsigned int vq_max(struct uk_virtio_dev *d, unsigned int idx)
{
	volatile uint8_t *c = VPCI(d)->common;

	if (idx >= r16(c, CC_NUMQ))
		return 0;
	w16(c, CC_Q_SELECT, idx);
	return r16(c, CC_Q_SIZE);
}

/* Section 4.1.5.1.3: size, vector, the three addresses, then enable. */
static int vq_enable(struct uk_virtio_dev *d, struct uk_virtqueue *vq)
{
	struct vpci *p = VPCI(d);
	volatile uint8_t *c = p->common;

	w16(c, CC_Q_SELECT, vq->idx);
	w16(c, CC_Q_SIZE, vq->size);
	if (p->msix && !d->poll) {
		w16(c, CC_Q_MSIX, 0);
		if (r16(c, CC_Q_MSIX) != 0)
			return -ENOSPC;
	} else {
		w16(c, CC_Q_MSIX, NO_VECTOR);
	}
	w64(c, CC_Q_DESC, vq->desc_pa);
	w64(c, CC_Q_AVAIL, vq->avail_pa);
	w64(c, CC_Q_USED, vq->used_pa);
	vq->notify_off = r16(c, CC_Q_NOFF);
	w16(c, CC_Q_ENABLE, 1);
	return 0;
}

static void notify(struct uk_virtio_dev *d, struct uk_virtqueue *vq)
{
	struct vpci *p = VPCI(d);

	w16(p->notify, vq->notify_off * p->notify_mult, vq->idx);
}

static int intx_handler(void *arg)
{
	struct uk_virtio_dev *d = arg;

	/* Reading the ISR acknowledges; 0: not this device's. */
	if (!r8(VPCI(d)->isr, 0))
		return 0;
	return uk_virtio_irq(d);
}

static int irq_enable(struct uk_virtio_dev *d)
{
	struct vpci *p = VPCI(d);

	if (uk_pci_msix_enable(p->pci) > 0 &&
	    uk_pci_msix_set(p->pci, 0, uk_virtio_irq, d) == 0) {
		p->msix = 1;
		w16(p->common, CC_MSIX, NO_VECTOR);	/* no config irqs */
		d->irq_kind = "msix";
		return 0;
	}
	d->irq_kind = "intx";
	return uk_pci_intx_register(p->pci, intx_handler, d);
}

static const struct uk_virtio_transport vpci_ops = {
	.features_get = features_get,
	.features_set = features_set,
	.status_get = status_get,
	.status_set = status_set,
	.reset = reset,
	.config_read = config_read,
	.config_write = config_write,
	.vq_max = vq_max,
	.vq_enable = vq_enable,
	.notify = notify,
	.irq_enable = irq_enable,
};

/* Section 4.1.4: struct virtio_pci_cap { cap_vndr, cap_next, cap_len,
 * cfg_type, bar, id, padding[2], offset, length }. One walk over the
 * vendor capabilities; the first sound one of each type wins (section
 * 4.1.4.1: ignore what is not understood or does not fit). */
static int find_caps(struct vpci *p)
{
	static const uint32_t need[5] = { 0, 0x38, 2, 1, 0 };
	volatile uint8_t **where[5] = { NULL, &p->common, &p->notify,
					&p->isr, &p->device };
	struct uk_pci_dev *pd = p->pci;
	unsigned int c = 0, type, bar;
	uint32_t off, len;
	uint8_t *base;

	while ((c = uk_pci_cap_next(pd, UK_PCI_CAP_VENDOR, c))) {
		type = uk_pci_cfg_read(pd, c + 3, 1);
		if (type < CAP_COMMON || type > CAP_DEVICE || *where[type])
			continue;
		bar = uk_pci_cfg_read(pd, c + 4, 1);
		off = uk_pci_cfg_read(pd, c + 8, 4);
		len = uk_pci_cfg_read(pd, c + 12, 4);
		if (bar >= 6 || len < need[type] ||
		    (uint64_t)off + len > pd->bar[bar].size)
			continue;
		base = uk_pci_bar_map(pd, bar);
		if (!base)
			return -ENOMEM;
		*where[type] = base + off;
		if (type == CAP_NOTIFY)
			p->notify_mult = uk_pci_cfg_read(pd, c + 16, 4);
	}
	return 0;
}

/* "pci bb:dd.f" (no libc here). */
static void name_pci(char *n, const struct uk_pci_dev *pd)
{
	static const char hex[] = "0123456789abcdef";
	const char *pre = "pci ";

	while (*pre)
		*n++ = *pre++;
	*n++ = hex[pd->bus >> 4];
	*n++ = hex[pd->bus & 15];
	*n++ = ':';
	*n++ = hex[pd->dev >> 4];
	*n++ = hex[pd->dev & 15];
	*n++ = '.';
	*n++ = hex[pd->fn & 7];
	*n = 0;
}

static int vpci_probe(struct uk_pci_dev *pd)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct vpci *p;

	if (!a || !(p = uk_alloc_calloc(a, 1, sizeof(*p))))
		return -ENOMEM;
	p->pci = pd;
	p->vdev.t = &vpci_ops;
	p->vdev.tpriv = p;
	p->vdev.device_id = pd->device >= 0x1040 ? pd->device - 0x1040 :
			    pd->subsys_id;
	name_pci(p->vdev.name, pd);
	if (find_caps(p) < 0 || !p->common || !p->notify || !p->isr) {
		uk_pr_err("%s: no modern virtio capabilities: not supported\n",
			  p->vdev.name);
		uk_free(a, p);
		return -ENODEV;
	}
	uk_pci_enable(pd);
	pd->priv = &p->vdev;
	uk_virtio_dev_add(&p->vdev);
	return 0;
}

static const struct uk_pci_id vpci_ids[] = {
	{ 0x1af4, 0x1000, 0x107f },
	{ 0 }
};

static struct uk_pci_driver vpci_drv = {
	.name = "virtio-pci",
	.ids = vpci_ids,
	.probe = vpci_probe,
};
UK_PCI_DRIVER(vpci_drv);
