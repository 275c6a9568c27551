/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-net (virtio 1.2 section 5.1) behind uknetdev: device set-up in
 * the order of section 5.1.5, and the control side of the interface
 * (configure, queues, start, stop, link). Frames move in rxtx.c.
 *
 * Everything the kit can use is negotiated at probe, before the user
 * picks offloads: MAC, STATUS, MTU, CSUM with HOST_TSO4/6 (transmit
 * offloads: used only for frames that ask), GUEST_CSUM (receive: a
 * frame the device hands over with a partial checksum is completed in
 * software unless the user enabled UK_NETDEV_OFF_RX_CSUM) and
 * MRG_RXBUF (a frame may span buffers; it does only when one is too
 * small). Not negotiated: GUEST_TSO* (no large receive), CTRL_VQ and
 * MQ (one queue pair while the kit has one CPU; the queue arrays are
 * there for more), EVENT_IDX and INDIRECT_DESC come from the core.
 */
#include <uk/alloc.h>
#include <uk/plat/irq.h>
#include <uk/print.h>
#include "vnet.h"

static int vnet_configure(struct uk_netdev *d, const struct uk_netdev_conf *c)
{
	(void)d;
	(void)c;	/* the features were negotiated at probe */
	return 0;
}

static int vnet_rxq_configure(struct uk_netdev *d, unsigned int q,
			      const struct uk_netdev_rxq_conf *c)
{
	struct vnet *v = d->priv;
	struct vnet_rxq *r = &v->rxq[q];

	r->pool = c->pool;
	r->nb_desc = c->nb_desc ? c->nb_desc : r->vq->size;
	r->cb = c->callback;
	r->cb_arg = c->arg;
	return 0;
}

static int vnet_txq_configure(struct uk_netdev *d, unsigned int q,
			      const struct uk_netdev_txq_conf *c)
{
	struct vnet *v = d->priv;
	struct vnet_txq *t = &v->txq[q];

	t->nb_desc = c->nb_desc ? c->nb_desc : t->vq->size;
	return 0;
}

/* Arm queue r's callback; if frames wait already, run it now (with
 * interrupts off, as from the handler): no interrupt comes for them. */
static void rx_arm(struct vnet_rxq *r)
{
	unsigned long flags;

	if (!r->cb)
		return;
	r->armed = 1;
	if (uk_virtio_vq_intr_enable(r->vq)) {
		flags = ukplat_irq_save();
		if (r->armed) {
			r->armed = 0;
			uk_virtio_vq_intr_disable(r->vq);
			r->cb(&r->v->nd, r->q, r->cb_arg);
		}
		ukplat_irq_restore(flags);
	}
}

static int vnet_start(struct uk_netdev *d)
{
	struct vnet *v = d->priv;
	unsigned int q;

	for (q = 0; q < d->conf.nb_rx_queues; q++) {
		vnet_rx_refill(&v->rxq[q]);
		uk_virtio_vq_kick(v->rxq[q].vq);
	}
	if (v->vdev->failed)
		return -EIO;
	for (q = 0; q < d->conf.nb_rx_queues; q++)
		rx_arm(&v->rxq[q]);
	return 0;
}

static void vnet_stop(struct uk_netdev *d)
{
	struct vnet *v = d->priv;
	unsigned int q;

	for (q = 0; q < d->conf.nb_rx_queues; q++) {
		v->rxq[q].armed = 0;
		uk_virtio_vq_intr_disable(v->rxq[q].vq);
	}
}

static int vnet_link_up(struct uk_netdev *d)
{
	struct vnet *v = d->priv;
	uint16_t st;

	if (!uk_virtio_has(v->vdev, F_STATUS))
		return 1;	/* section 5.1.4: assume up */
	uk_virtio_config_read(v->vdev, CFG_STATUS, &st, 2);
	return st & S_LINK_UP;
}

static const struct uk_netdev_ops vnet_ops = {
	.configure = vnet_configure,
	.rxq_configure = vnet_rxq_configure,
	.txq_configure = vnet_txq_configure,
	.start = vnet_start,
	.stop = vnet_stop,
	.rx_burst = vnet_rx_burst,
	.tx_burst = vnet_tx_burst,
	.tx_reclaim = vnet_tx_reclaim,
	.link_up = vnet_link_up,
};

/* Queue pair q: receive queue 2q, transmit queue 2q + 1. */
static int pair_setup(struct vnet *v, unsigned int q)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct vnet_rxq *r = &v->rxq[q];
	struct vnet_txq *t = &v->txq[q];
	unsigned int i;

	r->v = v;
	r->q = q;
	r->vq = uk_virtio_vq_setup(v->vdev, 2 * q, 256, vnet_rx_done, r);
	if (!r->vq)
		return -EIO;
	uk_virtio_vq_intr_disable(r->vq);	/* until start arms it */
	t->v = v;
	t->q = q;
	/* No callback: completed frames are freed by the next burst. */
	t->vq = uk_virtio_vq_setup(v->vdev, 2 * q + 1, 256, NULL, NULL);
	if (!t->vq)
		return -EIO;
	uk_virtio_vq_intr_disable(t->vq);
	/* Not zeroed: each frame's header is written whole (tx_hdr). */
	t->hdrs = uk_malloc(a, t->vq->size * sizeof(*t->hdrs));
	if (!t->hdrs) {
		uk_virtio_fail(v->vdev, "out of memory for transmit headers");
		return -ENOMEM;
	}
	for (i = 0; i < t->vq->size; i++) {
		t->hdrs[i].next = t->free;
		t->free = &t->hdrs[i];
	}
	return 0;
}

static void info_fill(struct vnet *v)
{
	struct uk_virtio_dev *d = v->vdev;
	struct uk_netdev_info *i = &v->nd.info;
	uint16_t mtu = 1500, pairs = 1;

	if (uk_virtio_has(d, F_MAC))
		uk_virtio_config_read(d, CFG_MAC, i->mac, 6);
	if (uk_virtio_has(d, F_MTU))
		uk_virtio_config_read(d, CFG_MTU, &mtu, 2);
	if (d->t->features_get(d) & (1ULL << F_MQ))
		uk_virtio_config_read(d, CFG_MAX_PAIRS, &pairs, 2);
	i->mtu = mtu;
	i->offloads = (uk_virtio_has(d, F_CSUM) ? UK_NETDEV_OFF_TX_CSUM : 0) |
		      (uk_virtio_has(d, F_GUEST_CSUM) ?
		       UK_NETDEV_OFF_RX_CSUM : 0) |
		      (uk_virtio_has(d, F_MRG_RXBUF) ?
		       UK_NETDEV_OFF_RX_MERGE : 0);
	if (uk_virtio_has(d, F_CSUM) && uk_virtio_has(d, F_HOST_TSO4))
		i->offloads |= UK_NETDEV_OFF_TSO4;
	if (uk_virtio_has(d, F_CSUM) && uk_virtio_has(d, F_HOST_TSO6))
		i->offloads |= UK_NETDEV_OFF_TSO6;
	i->max_rx_queues = i->max_tx_queues = v->npairs;
	i->dev_queue_pairs = pairs;
	i->max_rx_desc = v->rxq[0].vq->size;
	i->max_tx_desc = v->txq[0].vq->size;
	/* One descriptor for the header, the rest through one indirect
	 * table (16 entries) or chained in the ring. */
	i->max_tx_parts = uk_virtio_has(d, UK_VIRTIO_F_INDIRECT_DESC) ? 15 :
			  (v->txq[0].vq->size > 16 ? 15 :
			   v->txq[0].vq->size - 1);
	i->rx_headroom = v->hdr_len;
	i->rx_min_room = mtu + 18;	/* Ethernet header, VLAN tag */
	i->max_frame = (i->offloads & (UK_NETDEV_OFF_TSO4 | UK_NETDEV_OFF_TSO6)) ?
		       65535 + 14 : mtu + 18;
	i->rx_intr = !d->poll;
}

static int vnet_probe(struct uk_virtio_dev *d)
{
	struct uk_alloc *a = uk_alloc_get_default();
	uint64_t want = 1ULL << F_MAC | 1ULL << F_STATUS | 1ULL << F_MTU |
			1ULL << F_CSUM | 1ULL << F_HOST_TSO4 |
			1ULL << F_HOST_TSO6 | 1ULL << F_GUEST_CSUM |
			1ULL << F_MRG_RXBUF;
	struct vnet *v;
	int rc;

	if (!a || !(v = uk_alloc_calloc(a, 1, sizeof(*v))))
		return -ENOMEM;
	if (d->legacy)	/* section 5.1.6.3.1: any layout, when offered */
		want |= 1ULL << F_ANY_LAYOUT;
	if (uk_virtio_negotiate(d, want) < 0)
		return -EIO;
	v->vdev = d;
	v->hdr_len = !d->legacy || uk_virtio_has(d, F_MRG_RXBUF) ? 12 : 10;
	v->npairs = 1;
	rc = pair_setup(v, 0);
	if (rc < 0)
		return rc;
	info_fill(v);
	if (!uk_virtio_has(d, F_MAC)) {
		/* Section 5.1.5: then make one up (locally administered). */
		v->nd.info.mac[0] = 0x02;
		v->nd.info.mac[5] = uk_netdev_count() + 1;
		uk_pr_warn("%s: no MAC offered: using 02:00:00:00:00:%02x\n",
			   d->name, v->nd.info.mac[5]);
	}
	v->nd.ops = &vnet_ops;
	v->nd.priv = v;
	d->priv = v;
	if (uk_netdev_register(&v->nd, "vnet") < 0)
		return -ENOSPC;
	/* Section 3.1.1 step 8; no buffers are posted until start. */
	return uk_virtio_ready(d);
}

static struct uk_virtio_driver vnet_drv = {
	.name = "virtio-net",
	.device_id = UK_VIRTIO_ID_NET,
	.probe = vnet_probe,
};
UK_VIRTIO_DRIVER(vnet_drv);
