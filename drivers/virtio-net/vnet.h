/* SPDX-License-Identifier: BSD-3-Clause */
/* virtio-net's files to each other: the device, its queues, the header. */
#ifndef VIRTIO_NET_VNET_H
#define VIRTIO_NET_VNET_H

#include <uk/netdev_driver.h>
#include <uk/virtio.h>

#define EINVAL	22
#define EIO	5
#define ENODEV	19
#define ENOMEM	12
#define ENOSPC	28
#define ENOTSUP	95

/* Feature bits, virtio 1.2 section 5.1.3. */
#define F_CSUM		0	/* device fills partial checksums (tx) */
#define F_GUEST_CSUM	1	/* we take partial checksums (rx) */
#define F_MTU		3
#define F_MAC		5
#define F_HOST_TSO4	11
#define F_HOST_TSO6	12
#define F_MRG_RXBUF	15
#define F_STATUS	16
#define F_MQ		22
#define F_ANY_LAYOUT	27	/* legacy only; implied by VERSION_1 */

/* Configuration space, section 5.1.4. */
#define CFG_MAC		0
#define CFG_STATUS	6
#define CFG_MAX_PAIRS	8
#define CFG_MTU		10
#define S_LINK_UP	1

/* The header before every frame, section 5.1.6. num_buffers is there
 * with VERSION_1 or MRG_RXBUF (12 bytes), else 10. */
struct vnet_hdr {
	uint8_t flags;
#define HDR_F_NEEDS_CSUM	1
#define HDR_F_DATA_VALID	2
	uint8_t gso_type;
#define GSO_NONE		0
#define GSO_TCPV4		1
#define GSO_TCPV6		4
	uint16_t hdr_len;
	uint16_t gso_size;
	uint16_t csum_start;
	uint16_t csum_offset;
	uint16_t num_buffers;
};

/* Receive queue q: virtqueue 2q (section 5.1.2). */
struct vnet_rxq {
	struct vnet *v;
	unsigned int q;
	struct uk_virtqueue *vq;
	struct uk_netbuf_pool *pool;
	unsigned int nb_desc;		/* buffers to keep posted */
	unsigned int posted;		/* posted now */
	uk_netdev_rx_cb_t cb;		/* NULL: polling */
	void *cb_arg;
	volatile int armed;		/* the callback may fire */
};

/* A transmit header slot; one per frame in flight. */
struct vnet_txhdr {
	struct vnet_hdr h;
	struct vnet_txhdr *next;	/* free list */
};

/* Transmit queue q: virtqueue 2q + 1. */
struct vnet_txq {
	struct vnet *v;
	unsigned int q;
	struct uk_virtqueue *vq;
	unsigned int nb_desc;		/* most frames in flight */
	unsigned int inflight;
	struct vnet_txhdr *hdrs;	/* vq size slots */
	struct vnet_txhdr *free;
};

struct vnet {
	struct uk_netdev nd;
	struct uk_virtio_dev *vdev;
	unsigned int hdr_len;		/* 10 or 12 */
	unsigned int npairs;		/* queue pairs set up (1) */
	struct vnet_rxq rxq[UK_NETDEV_MAX_QUEUES];
	struct vnet_txq txq[UK_NETDEV_MAX_QUEUES];
};

/* rxtx.c */
void vnet_rx_done(struct uk_virtqueue *vq, void *arg);
int vnet_rx_burst(struct uk_netdev *d, unsigned int q,
		  struct uk_netbuf **pkts, unsigned int n);
void vnet_rx_refill(struct vnet_rxq *r);
int vnet_tx_burst(struct uk_netdev *d, unsigned int q,
		  struct uk_netbuf **pkts, unsigned int n);
int vnet_tx_reclaim(struct uk_netdev *d, unsigned int q);

/* The device failed under us (the core printed why). */
static inline void vnet_failed(struct vnet *v, struct uk_netdev_stats *s)
{
	s->errors++;
	uk_netdev_failed(&v->nd);
}

#endif
