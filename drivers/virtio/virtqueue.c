/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split virtqueues (virtio 1.2 section 2.7): the descriptor table, the
 * available ring the driver fills and the used ring the device fills,
 * in one physically contiguous allocation (see ring_bytes); modern
 * transports are given the three addresses, legacy ones the first.
 *
 * Each request takes one descriptor when INDIRECT_DESC was negotiated
 * (its segments go to a per-head indirect table, section 2.7.5.3),
 * else one per segment, chained. Heads index token[] and inlen[]: what
 * the request was for, and how many bytes the device may write.
 *
 * The device is not trusted (see <uk/virtio.h>): every used entry is
 * checked before use, and a bad one fails the device.
 *
 * Fault injection (LIBUKVIRTIO_FAULT, for the hostile-device test):
 * ukvirtio.fault=idx|id|len corrupts, at the ukvirtio.fault_at-th
 * completion read, what the device wrote, as a buggy device would.
 */
#include <uk/alloc.h>
#include <uk/param.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include "virtio.h"

#define EVENT_IDX(vq) uk_virtio_has((vq)->dev, UK_VIRTIO_F_EVENT_IDX)
#define INDIRECT(vq) uk_virtio_has((vq)->dev, UK_VIRTIO_F_INDIRECT_DESC)

#if CONFIG_LIBUKVIRTIO_FAULT
static const char *fault = "";
static unsigned long fault_at = 1;
UK_PARAM(fault, UK_PARAM_STR, &fault,
	 "hostile-device test: corrupt a used entry (idx, id or len)");
UK_PARAM(fault_at, UK_PARAM_ULONG, &fault_at,
	 "hostile-device test: at this completion (from 1)");
static unsigned long completions;

static int is(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

static void inject(uint16_t *used_idx, struct uk_vring_used_elem *e,
		   unsigned int size)
{
	if (!fault[0] || ++completions != fault_at)
		return;
	if (is(fault, "idx"))
		*used_idx += size + 1;
	else if (is(fault, "id"))
		e->id = size + 3;
	else if (is(fault, "len"))
		e->len += 4096;
	else
		uk_pr_err("ukvirtio.fault=%s: not idx, id or len\n", fault);
}
#else
static inline void inject(uint16_t *used_idx __uk_unused,
			  struct uk_vring_used_elem *e __uk_unused,
			  unsigned int size __uk_unused)
{
}
#endif

static uint16_t *used_event(struct uk_virtqueue *vq)
{
	return &vq->avail->ring[vq->size];
}

static uint16_t *avail_event(struct uk_virtqueue *vq)
{
	return (uint16_t *)&vq->used->ring[vq->size];
}

/*
 * Ring layout: legacy devices need section 2.7.2's legacy layout (the
 * used ring on the next 4 KiB boundary; two pages even for a tiny
 * queue); modern ones take the three parts anywhere, aligned 16/2/4
 * (section 2.7, table "Virtqueue Part Alignment"), so they are packed.
 */
static size_t ring_bytes(unsigned int size, int legacy, size_t *used_off)
{
	size_t a = 16 * size + 2 * (3 + size);

	*used_off = legacy ? (a + VQ_ALIGN - 1) & ~(size_t)(VQ_ALIGN - 1) :
			     (a + 3) & ~(size_t)3;
	return *used_off + 2 * 3 + 8 * size;
}

static void zero(void *p, size_t len)	/* len a multiple of 8 */
{
	uint64_t *q = p;

	for (len /= 8; len; len--)
		*q++ = 0;
}

struct uk_virtqueue *uk_virtio_vq_setup(struct uk_virtio_dev *d,
					unsigned int idx, unsigned int max,
					uk_virtio_vq_cb_t cb, void *arg)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_virtqueue *vq;
	unsigned int size, i;
	size_t used_off, bytes;
	uint8_t *mem;

	if (d->failed || idx >= UK_VIRTIO_MAX_VQS || idx != d->nvqs || !a)
		return NULL;
	size = d->t->vq_max(d, idx);
	if (!size) {
		uk_virtio_fail(d, "queue missing");
		return NULL;
	}
	if (!max || max > 256)
		max = 256;
	if (size > max)
		size = max;
	if (size & (size - 1)) {	/* split rings: a power of 2 */
		uk_virtio_fail(d, "queue size not a power of 2");
		return NULL;
	}
	if (d->nvqs == 0)
		d->poll = uk_virtio_poll_param || d->t->irq_enable(d) < 0;
	bytes = (ring_bytes(size, d->legacy, &used_off) + 7) & ~(size_t)7;
	vq = uk_malloc(a, sizeof(*vq));
	mem = d->legacy ? uk_palloc(a, (bytes + 4095) / 4096) :
			  uk_memalign(a, 16, bytes);
	if (vq) {
		zero(vq, sizeof(*vq) & ~(size_t)7);
		vq->token = uk_alloc_calloc(a, size, sizeof(void *));
		vq->inlen = uk_malloc(a, size * sizeof(uint32_t));
		/* Indirect tables: only when negotiated; not zeroed (each
		 * request writes the entries it uses). */
		vq->indirect = !uk_virtio_has(d, UK_VIRTIO_F_INDIRECT_DESC) ?
			       NULL : uk_memalign(a, 16, (size_t)size *
						  VQ_INDIRECT_MAX * 16);
	}
	if (!vq || !mem || !vq->token || !vq->inlen ||
	    (uk_virtio_has(d, UK_VIRTIO_F_INDIRECT_DESC) && !vq->indirect)) {
		uk_virtio_fail(d, "out of memory for a virtqueue");
		return NULL;	/* (leaks what was got: boot is failing) */
	}
	/* The rings the device reads before we wrote them are zeroed;
	 * descriptors are written whole before they are published. */
	zero(mem + 16 * size, bytes - 16 * size);
	vq->mem = mem;
	vq->dev = d;
	vq->idx = idx;
	vq->size = size;
	vq->desc = (struct uk_vring_desc *)mem;
	vq->avail = (struct uk_vring_avail *)(mem + 16 * size);
	vq->used = (struct uk_vring_used *)(mem + used_off);
	vq->desc_pa = (uintptr_t)vq->desc;	/* identity map */
	vq->avail_pa = (uintptr_t)vq->avail;
	vq->used_pa = (uintptr_t)vq->used;
	for (i = 0; i + 1 < size; i++)
		vq->desc[i].next = i + 1;
	vq->nfree = size;
	vq->cb = cb;
	vq->cb_arg = arg;
	if (d->t->vq_enable(d, vq) < 0) {
		uk_virtio_fail(d, "queue set-up refused");
		return NULL;
	}
	d->vqs[d->nvqs++] = vq;
	return vq;
}

void vq_free(struct uk_virtqueue *vq)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t used_off, bytes = ring_bytes(vq->size, vq->dev->legacy,
					    &used_off);

	if (vq->dev->legacy)
		uk_pfree(a, vq->mem, (bytes + 4095) / 4096);
	else
		uk_free(a, vq->mem);
	uk_free(a, vq->token);
	uk_free(a, vq->inlen);
	uk_free(a, vq->indirect);
	uk_free(a, vq);
}

int uk_virtio_vq_add(struct uk_virtqueue *vq, const struct uk_sg *sg,
		     unsigned int nout, unsigned int nin, void *token)
{
	unsigned int n = nout + nin, i, head, d, need;
	unsigned long flags;
	uint32_t inlen = 0;
	struct uk_vring_desc *t;

	if (vq->dev->failed)
		return -EIO;
	if (!n || !token || (INDIRECT(vq) && n > VQ_INDIRECT_MAX))
		return -EINVAL;
	need = INDIRECT(vq) && n > 1 ? 1 : n;
	flags = ukplat_irq_save();
	if (vq->nfree < need) {
		ukplat_irq_restore(flags);
		return -ENOSPC;
	}
	head = vq->free_head;
	if (need == 1 && n > 1) {
		t = &vq->indirect[head * VQ_INDIRECT_MAX];
		for (i = 0; i < n; i++) {
			t[i].addr = (uintptr_t)sg[i].buf;
			t[i].len = sg[i].len;
			t[i].flags = (i >= nout ? VRING_DESC_F_WRITE : 0) |
				     (i + 1 < n ? VRING_DESC_F_NEXT : 0);
			t[i].next = i + 1;
			if (i >= nout)
				inlen += sg[i].len;
		}
		vq->desc[head].addr = (uintptr_t)t;
		vq->desc[head].len = n * sizeof(*t);
		vq->desc[head].flags = VRING_DESC_F_INDIRECT;
		vq->free_head = vq->desc[head].next;
	} else {
		for (i = 0, d = head; i < n; i++) {
			vq->desc[d].addr = (uintptr_t)sg[i].buf;
			vq->desc[d].len = sg[i].len;
			vq->desc[d].flags = (i >= nout ? VRING_DESC_F_WRITE : 0) |
					    (i + 1 < n ? VRING_DESC_F_NEXT : 0);
			if (i >= nout)
				inlen += sg[i].len;
			if (i + 1 < n)
				d = vq->desc[d].next;
		}
		vq->free_head = vq->desc[d].next;
	}
	vq->nfree -= need;
	vq->token[head] = token;
	vq->inlen[head] = inlen;
	vq->avail->ring[vq->avail_idx & (vq->size - 1)] = head;
	vq_barrier();	/* the entry before the index (section 2.7.13.2) */
	vq->avail->idx = ++vq->avail_idx;
	ukplat_irq_restore(flags);
	return 0;
}

void uk_virtio_vq_kick(struct uk_virtqueue *vq)
{
	uint16_t old, new, ev;
	int need;

	if (vq->dev->failed)
		return;
	vq_mb();	/* publish avail->idx before reading the device's */
	old = vq->kicked_idx;
	new = vq->avail_idx;
	vq->kicked_idx = new;
	if (EVENT_IDX(vq)) {
		/* Section 2.7.10: vring_need_event(). */
		ev = *avail_event(vq);
		need = (uint16_t)(new - ev - 1) < (uint16_t)(new - old);
	} else {
		need = !(vq->used->flags & VRING_USED_F_NO_NOTIFY);
	}
	if (need)
		vq->dev->t->notify(vq->dev, vq);
}

/* Put head's descriptors back on the free list. */
static void release(struct uk_virtqueue *vq, unsigned int head)
{
	unsigned int d = head, n = 1;

	if (!(vq->desc[head].flags & VRING_DESC_F_INDIRECT))
		while ((vq->desc[d].flags & VRING_DESC_F_NEXT) &&
		       n < vq->size) {
			d = vq->desc[d].next;
			n++;
		}
	vq->desc[d].next = vq->free_head;
	vq->free_head = head;
	vq->nfree += n;
	vq->token[head] = NULL;
}

int uk_virtio_vq_get(struct uk_virtqueue *vq, void **token, uint32_t *len)
{
	struct uk_virtio_dev *dev = vq->dev;
	struct uk_vring_used_elem e;
	unsigned long flags;
	uint16_t used_idx;
	int rc = 0;

	if (dev->failed)
		return -EIO;
	flags = ukplat_irq_save();
	used_idx = *(volatile uint16_t *)&vq->used->idx;
	if (used_idx == vq->last_used)
		goto out;
	vq_barrier();	/* the index before the entries (2.7.13.4) */
	e = vq->used->ring[vq->last_used & (vq->size - 1)];
	inject(&used_idx, &e, vq->size);
	/* Section 2.7.8: the device adds at most size entries ahead. */
	if ((uint16_t)(used_idx - vq->last_used) > vq->size) {
		uk_pr_err("%s: queue %u: used index %u, %u past %u (size %u)\n",
			  dev->name, vq->idx, used_idx,
			  (uint16_t)(used_idx - vq->last_used), vq->last_used,
			  vq->size);
		uk_virtio_fail(dev, "used index jumped past the ring");
		rc = -EIO;
		goto out;
	}
	if (e.id >= vq->size || !vq->token[e.id]) {
		uk_pr_err("%s: queue %u: used id %u (size %u)\n", dev->name,
			  vq->idx, e.id, vq->size);
		uk_virtio_fail(dev, e.id >= vq->size ?
			       "used descriptor id out of range" :
			       "used descriptor id not in flight");
		rc = -EIO;
		goto out;
	}
	if (e.len > vq->inlen[e.id]) {
		uk_pr_err("%s: queue %u: used length %u, buffer %u\n",
			  dev->name, vq->idx, e.len, vq->inlen[e.id]);
		uk_virtio_fail(dev, "used length larger than the buffer");
		rc = -EIO;
		goto out;
	}
	*token = vq->token[e.id];
	*len = e.len;
	release(vq, e.id);
	vq->last_used++;
	if (EVENT_IDX(vq) && !vq->intr_off)	/* interrupt me at the next */
		*used_event(vq) = vq->last_used;
	rc = 1;
out:
	ukplat_irq_restore(flags);
	return rc;
}

void uk_virtio_vq_intr_disable(struct uk_virtqueue *vq)
{
	unsigned long flags = ukplat_irq_save();

	vq->intr_off = 1;
	/* Section 2.7.10: with the event index, the device interrupts when
	 * its used index passes used_event; one behind what was read
	 * passes only after 65535 more entries, which the ring (at most
	 * 256 in flight) never holds unread. Without it, the flag. */
	if (EVENT_IDX(vq))
		*used_event(vq) = vq->last_used - 1;
	else
		vq->avail->flags |= VRING_AVAIL_F_NO_INTERRUPT;
	ukplat_irq_restore(flags);
}

int uk_virtio_vq_intr_enable(struct uk_virtqueue *vq)
{
	unsigned long flags = ukplat_irq_save();
	int pending;

	vq->intr_off = 0;
	if (EVENT_IDX(vq))
		*used_event(vq) = vq->last_used;
	else
		vq->avail->flags &= ~VRING_AVAIL_F_NO_INTERRUPT;
	vq_mb();	/* the request before reading what was used */
	pending = *(volatile uint16_t *)&vq->used->idx != vq->last_used;
	ukplat_irq_restore(flags);
	return pending;
}

void vq_process(struct uk_virtqueue *vq)
{
	if (vq->cb && !vq->dev->failed &&
	    *(volatile uint16_t *)&vq->used->idx != vq->last_used)
		vq->cb(vq, vq->cb_arg);
}

void uk_virtio_vq_poll(struct uk_virtqueue *vq)
{
	vq_process(vq);
}

int uk_virtio_vq_wait(struct uk_virtqueue *vq, volatile int *done)
{
	unsigned long flags = ukplat_irq_save();

	while (!*done && !vq->dev->failed) {
		if (vq->dev->poll) {
			ukplat_irq_restore(flags);
			uk_virtio_vq_poll(vq);
			flags = ukplat_irq_save();
		} else {
			ukplat_idle();	/* sti; hlt; cli: no lost wake-up */
		}
	}
	ukplat_irq_restore(flags);
	return *done ? 0 : -EIO;
}
