/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio over MMIO (virtio 1.2 section 4.2), versions 2 (modern) and 1
 * (legacy, section 4.2.4). Devices come from the command line entries
 * QEMU's microvm appends when it boots a kernel without ACPI (and by
 * PVH), in Linux's syntax:
 *
 *	virtio_mmio.device=<size>@<base>:<irq>[:<id>]
 *
 * (<size> with K/M suffixes, numbers decimal or 0x hex; the id is
 * ignored). With ACPI on, QEMU describes the same devices only in the
 * DSDT, as Device objects with _HID "LNRO0005" and a _CRS resource
 * template of a Memory32Fixed and an Extended Interrupt descriptor
 * (ACPI 6.5 sections 6.4.3.4, 6.4.3.6). Without an AML interpreter,
 * those two descriptors are read from the bytes after each "LNRO0005"
 * string, bounded and checked; the DSDT's checksum is the platform's.
 */
#include <uk/alloc.h>
#include <uk/init.h>
#include <uk/param.h>
#include <uk/plat/acpi.h>
#include <uk/plat/irq.h>
#include <uk/plat/paging.h>
#include <uk/print.h>
#include "virtio.h"

#ifndef CONFIG_LIBUKVIRTIO_MMIO_MAX
#define CONFIG_LIBUKVIRTIO_MMIO_MAX 8
#endif

/* Section 4.2.2: the register layout. */
#define R_MAGIC		0x000	/* "virt" */
#define R_VERSION	0x004
#define R_DEVICE_ID	0x008
#define R_DF		0x010
#define R_DF_SEL	0x014
#define R_GF		0x020
#define R_GF_SEL	0x024
#define R_GUEST_PAGE	0x028	/* legacy */
#define R_Q_SEL		0x030
#define R_Q_NUM_MAX	0x034
#define R_Q_NUM		0x038
#define R_Q_ALIGN	0x03c	/* legacy */
#define R_Q_PFN		0x040	/* legacy */
#define R_Q_READY	0x044
#define R_Q_NOTIFY	0x050
#define R_IRQ_STATUS	0x060
#define R_IRQ_ACK	0x064
#define R_STATUS	0x070
#define R_Q_DESC	0x080
#define R_Q_AVAIL	0x090
#define R_Q_USED	0x0a0
#define R_CONFIG_GEN	0x0fc
#define R_CONFIG	0x100

/* Every "virtio_mmio.<rest>" word; only rest = "device=..." is known. */
static const char *words[CONFIG_LIBUKVIRTIO_MMIO_MAX];
static struct uk_param_list devs = {
	.words = words,
	.max = CONFIG_LIBUKVIRTIO_MMIO_MAX,
	.full_hint = "more virtio-mmio devices than ukvirtio takes (8)",
};
UK_PARAM_PREFIX_APPENDED(virtio_mmio, &devs,
		"virtio_mmio.device=<size>@<base>:<irq>: a virtio-mmio device (QEMU microvm)");

struct vmmio {
	struct uk_virtio_dev vdev;
	volatile uint8_t *base;
	unsigned int irq;
};

#define VM(d) ((struct vmmio *)(d)->tpriv)

static uint32_t rd(struct uk_virtio_dev *d, unsigned int r)
{
	return *(volatile uint32_t *)(VM(d)->base + r);
}

static void wr(struct uk_virtio_dev *d, unsigned int r, uint32_t v)
{
	*(volatile uint32_t *)(VM(d)->base + r) = v;
}

static uint64_t features_get(struct uk_virtio_dev *d)
{
	uint64_t f;

	wr(d, R_DF_SEL, 0);
	f = rd(d, R_DF);
	if (d->legacy)
		return f;
	wr(d, R_DF_SEL, 1);
	return f | (uint64_t)rd(d, R_DF) << 32;
}

static void features_set(struct uk_virtio_dev *d, uint64_t f)
{
	wr(d, R_GF_SEL, 0);
	wr(d, R_GF, (uint32_t)f);
	if (d->legacy)
		return;
	wr(d, R_GF_SEL, 1);
	wr(d, R_GF, f >> 32);
}

static uint8_t status_get(struct uk_virtio_dev *d)
{
	return rd(d, R_STATUS);
}

static void status_set(struct uk_virtio_dev *d, uint8_t s)
{
	wr(d, R_STATUS, s);
}

static void reset(struct uk_virtio_dev *d)
{
	unsigned long n;

	wr(d, R_STATUS, 0);
	for (n = 0; n < 10000000 && rd(d, R_STATUS); n++)
		;
}

static void config_read(struct uk_virtio_dev *d, unsigned int off, void *buf,
			unsigned int len)
{
	uint8_t *b = buf;
	uint32_t gen;
	unsigned int i;

	do {
		gen = d->legacy ? 0 : rd(d, R_CONFIG_GEN);
		for (i = 0; i < len; i++)
			b[i] = VM(d)->base[R_CONFIG + off + i];
	} while (!d->legacy && gen != rd(d, R_CONFIG_GEN));
}

static void config_write(struct uk_virtio_dev *d, unsigned int off,
			 const void *buf, unsigned int len)
{
	const uint8_t *b = buf;
	unsigned int i;

	for (i = 0; i < len; i++)
		VM(d)->base[R_CONFIG + off + i] = b[i];
}

static unsigned int vq_max(struct uk_virtio_dev *d, unsigned int idx)
{
	wr(d, R_Q_SEL, idx);
	if (!d->legacy && rd(d, R_Q_READY))
		return 0;	/* section 4.2.3.2: must not be in use */
	return rd(d, R_Q_NUM_MAX);
}

/* Sections 4.2.3.2 and 4.2.4.2 (legacy: one page frame number). */
static int vq_enable(struct uk_virtio_dev *d, struct uk_virtqueue *vq)
{
	wr(d, R_Q_SEL, vq->idx);
	wr(d, R_Q_NUM, vq->size);
	if (d->legacy) {
		wr(d, R_Q_ALIGN, VQ_ALIGN);
		wr(d, R_Q_PFN, vq->desc_pa >> 12);
		return 0;
	}
	wr(d, R_Q_DESC, (uint32_t)vq->desc_pa);
	wr(d, R_Q_DESC + 4, vq->desc_pa >> 32);
	wr(d, R_Q_AVAIL, (uint32_t)vq->avail_pa);
	wr(d, R_Q_AVAIL + 4, vq->avail_pa >> 32);
	wr(d, R_Q_USED, (uint32_t)vq->used_pa);
	wr(d, R_Q_USED + 4, vq->used_pa >> 32);
	wr(d, R_Q_READY, 1);
	return 0;
}

static void notify(struct uk_virtio_dev *d, struct uk_virtqueue *vq)
{
	wr(d, R_Q_NOTIFY, vq->idx);
}

static int mmio_irq(void *arg)
{
	struct uk_virtio_dev *d = arg;
	uint32_t st = rd(d, R_IRQ_STATUS);

	if (!st)
		return 0;
	wr(d, R_IRQ_ACK, st);
	return uk_virtio_irq(d);
}

static int irq_enable(struct uk_virtio_dev *d)
{
	d->irq_kind = "line";
	return ukplat_irq_register(VM(d)->irq, mmio_irq, d);
}

static const struct uk_virtio_transport vmmio_ops = {
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

/* A number, decimal or 0x hex, with K/M/G when suffix is set; *s moves
 * past it. -1 when there are no digits. */
static int number(const char **s, uint64_t *v, int suffix)
{
	const char *p = *s;
	unsigned int base = 10, dig;
	uint64_t n = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		base = 16, p += 2;
	for (*s = p;; p++) {
		if (*p >= '0' && *p <= '9')
			dig = *p - '0';
		else if (base == 16 && (*p | 0x20) >= 'a' && (*p | 0x20) <= 'f')
			dig = (*p | 0x20) - 'a' + 10;
		else
			break;
		n = n * base + dig;
	}
	if (p == *s)
		return -1;
	if (suffix && (*p == 'K' || *p == 'k'))
		n <<= 10, p++;
	else if (suffix && (*p == 'M' || *p == 'm'))
		n <<= 20, p++;
	else if (suffix && (*p == 'G' || *p == 'g'))
		n <<= 30, p++;
	*s = p;
	*v = n;
	return 0;
}

/* Parse "<size>@<base>:<irq>[:<id>]". 0 or -EINVAL. */
int uk_virtio_mmio_parse(const char *s, uint64_t *size, uint64_t *base,
			 unsigned int *irq)
{
	uint64_t i, id;

	if (number(&s, size, 1) < 0 || *s++ != '@' ||
	    number(&s, base, 0) < 0 || *s++ != ':' || number(&s, &i, 0) < 0)
		return -EINVAL;
	if (*s == ':') {	/* an optional platform device id */
		s++;
		if (number(&s, &id, 0) < 0)
			return -EINVAL;
	}
	if (*s || !*size || *size > 0x100000 || (*base & 3) || i >= 256)
		return -EINVAL;
	*irq = i;
	return 0;
}

static void add_dev(const char *spec, uint64_t size, uint64_t base,
		    unsigned int irq)
{
	struct uk_alloc *a = uk_alloc_get_default();
	unsigned int ver, id;
	uintptr_t lo, hi;
	struct vmmio *m;

	lo = base & ~(UKPLAT_PAGE_SIZE - 1);
	hi = (base + size + UKPLAT_PAGE_SIZE - 1) & ~(UKPLAT_PAGE_SIZE - 1);
	if (ukplat_page_map(lo, lo, hi - lo, UKPLAT_PROT_READ |
			    UKPLAT_PROT_WRITE | UKPLAT_MAP_UNCACHED) < 0) {
		uk_pr_err("virtio-mmio %s at 0x%lx: cannot map: ignored\n", spec,
			  (unsigned long)base);
		return;
	}
	if (*(volatile uint32_t *)(uintptr_t)base != 0x74726976) {
		uk_pr_err("virtio-mmio %s at 0x%lx: no virtio magic: ignored\n",
			  spec, (unsigned long)base);
		return;
	}
	ver = *(volatile uint32_t *)(uintptr_t)(base + R_VERSION);
	id = *(volatile uint32_t *)(uintptr_t)(base + R_DEVICE_ID);
	if (ver != 1 && ver != 2) {
		uk_pr_err("virtio-mmio %s at 0x%lx: version %u unknown: ignored\n",
			  spec, (unsigned long)base, ver);
		return;
	}
	if (!id)
		return;		/* section 4.2.3.1.1: no device behind it */
	if (!a || !(m = uk_alloc_calloc(a, 1, sizeof(*m))))
		return;
	m->base = (volatile uint8_t *)(uintptr_t)base;
	m->irq = irq;
	m->vdev.t = &vmmio_ops;
	m->vdev.tpriv = m;
	m->vdev.device_id = id;
	m->vdev.legacy = ver == 1;
	{
		static const char hex[] = "0123456789abcdef";
		char *n = m->vdev.name;
		const char *pre = "mmio 0x";
		int sh;

		while (*pre)
			*n++ = *pre++;
		for (sh = 28; sh >= 0; sh -= 4)
			*n++ = hex[(base >> sh) & 15];
		*n = 0;
	}
	if (m->vdev.legacy)
		wr(&m->vdev, R_GUEST_PAGE, 4096);
	uk_virtio_dev_add(&m->vdev);
}

static void add(const char *spec)
{
	uint64_t size, base;
	unsigned int irq;

	if (uk_virtio_mmio_parse(spec, &size, &base, &irq) < 0) {
		uk_pr_err("virtio_mmio.device=%s: malformed (expected <size>@<base>:<irq>): ignored\n",
			  spec);
		return;
	}
	add_dev(spec, size, base, irq);
}

static uint32_t le32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

static int is_hid(const uint8_t *p, const char *hid)
{
	unsigned int i;

	for (i = 0; i < 8 && p[i] == (uint8_t)hid[i]; i++)
		;
	return i == 8;
}

/*
 * Is this a hardware-reduced ACPI platform (FADT flag HW_REDUCED_ACPI,
 * bit 20 of the flags at offset 112; ACPI 6.5 section 5.2.9)? microvm
 * is; pc and q35 are not and have PCI for their devices, and their
 * DSDT is large (its checksum alone ~80k instructions), so only then
 * is the DSDT read.
 */
static int hw_reduced(void)
{
	const struct ukplat_acpi_sdt *f = ukplat_acpi_table("FACP", 0);

	return f && f->length >= 116 &&
	       (le32((const uint8_t *)f + 112) & (1U << 20));
}

/* microvm with ACPI: each "LNRO0005" and the resource template after
 * it (within 96 bytes, before the next device's _HID). */
static void add_from_dsdt(void)
{
	const struct ukplat_acpi_sdt *t = ukplat_acpi_table("DSDT", 0);
	const uint8_t *p, *q, *end, *lim, *mem, *irq;
	static const char hid[8] = "LNRO0005";

	if (!t)
		return;
	p = (const uint8_t *)t + sizeof(*t);
	end = (const uint8_t *)t + t->length;
	for (; p + 8 <= end; p++) {
		if (*p != 'L' || !is_hid(p, hid))
			continue;
		lim = p + 8 + 96 < end ? p + 8 + 96 : end;
		mem = irq = NULL;
		for (q = p + 8; q < lim; q++) {
			if (q + 8 <= end && is_hid(q, hid))
				break;	/* the next device's */
			/* Memory32Fixed: 0x86, length 9, info, base, size. */
			if (!mem && q + 12 <= lim && q[0] == 0x86 && q[1] == 9 &&
			    q[2] == 0)
				mem = q;
			/* Extended Interrupt: 0x89, length >= 6, flags,
			 * count >= 1, the first interrupt number. */
			if (!irq && q + 9 <= lim && q[0] == 0x89 && q[2] == 0 &&
			    q[1] >= 6 && q[4] >= 1)
				irq = q;
		}
		if (!mem || !irq || le32(irq + 5) >= 256 || !le32(mem + 8)) {
			uk_pr_warn("DSDT: LNRO0005 at +%lu without a usable resource template: skipped\n",
				   (unsigned long)(p - (const uint8_t *)t));
			continue;
		}
		add_dev("DSDT", le32(mem + 8), le32(mem + 4), le32(irq + 5));
		p += 8;
	}
}

static int mmio_init(void)
{
	unsigned int i;

	if (!devs.count && hw_reduced())	/* QEMU gives one or the other */
		add_from_dsdt();
	for (i = 0; i < devs.count; i++) {
		const char *w = devs.words[i], *k = "device=";

		while (*k && *w == *k)
			w++, k++;
		if (*k)
			uk_pr_err("virtio_mmio.%s: unknown (only virtio_mmio.device=): ignored\n",
				  devs.words[i]);
		else
			add(w);
	}
	return 0;
}

uk_init(UK_INIT_BUS, UK_PRIO_DEFAULT, mmio_init, NULL);
