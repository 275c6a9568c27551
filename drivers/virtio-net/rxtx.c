/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-net's fast path: receive buffers posted from the queue's pool
 * and handed out as frames (section 5.1.6.3-4), transmit frames queued
 * with one header each (section 5.1.6.2). No copies: the device reads
 * and writes the netbufs' own memory (the identity map makes their
 * addresses physical).
 *
 * Receive buffers are posted at buf + headroom - hdr_len, so the header
 * lands in the netbuf's headroom and the frame at data. With MRG_RXBUF
 * the first buffer's header says how many buffers the frame took
 * (num_buffers); the following ones hold frame bytes from their first
 * byte. Nothing the device wrote is used before it is checked: the
 * core checks ids and lengths against what was posted; here the header
 * (num_buffers, checksum offsets) and the frame length.
 */
#include <uk/plat/irq.h>
#include <uk/print.h>
#include "vnet.h"

#define ETH_HLEN	14
#define FRAME_MAX	(65535 + ETH_HLEN)

/* Interrupt handler (or poll): the receive queue has used entries. */
void vnet_rx_done(struct uk_virtqueue *vq, void *arg)
{
	struct vnet_rxq *r = arg;

	if (!r->armed)
		return;	/* not asked for (a shared vector), or polling */
	r->armed = 0;
	uk_virtio_vq_intr_disable(vq);
	r->cb(&r->v->nd, r->q, r->cb_arg);
}

void vnet_rx_refill(struct vnet_rxq *r)
{
	struct vnet *v = r->v;
	struct uk_netbuf *nb;
	struct uk_sg sg;
	int rc;

	while (r->posted < r->nb_desc) {
		nb = uk_netdev_buf_alloc(r->pool);
		if (!nb) {
			v->nd.rx_stats[r->q].nobuf++;
			return;
		}
		sg.buf = (char *)nb->data - v->hdr_len;
		sg.len = nb->buflen - nb->headroom + v->hdr_len;
		rc = uk_virtio_vq_add(r->vq, &sg, 0, 1, nb);
		if (rc < 0) {
			uk_netdev_buf_free(nb);
			return;	/* full, or failed (the next get says) */
		}
		r->posted++;
	}
}

/* The 16-bit one's complement sum of len bytes of a chain from byte
 * off (off + len inside the frame), as a 32-bit accumulator. */
static uint32_t sum_chain(const struct uk_netbuf *nb, uint32_t off,
			  uint32_t len)
{
	uint32_t sum = 0, i, pos = 0;	/* pos: byte position in the sum */
	const uint8_t *p;

	for (; nb && len; nb = nb->next) {
		if (off >= nb->len) {
			off -= nb->len;
			continue;
		}
		p = (const uint8_t *)nb->data + off;
		for (i = off; i < nb->len && len; i++, len--, pos++)
			sum += (pos & 1) ? *p++ : (uint32_t)*p++ << 8;
		off = 0;
	}
	return sum;
}

/* Byte off of a chain (inside the frame). */
static uint8_t *chain_byte(struct uk_netbuf *nb, uint32_t off)
{
	for (; off >= nb->len; nb = nb->next)
		off -= nb->len;
	return (uint8_t *)nb->data + off;
}

/*
 * Complete a partial checksum (section 5.1.6.2's NEEDS_CSUM): the field
 * at start + offset holds the pseudo-header sum; the checksum covers
 * start..end. 0, or -1 when the offsets are outside the frame.
 */
static int csum_fill(struct uk_netbuf *nb, uint32_t start, uint32_t offset)
{
	uint32_t len = uk_netdev_buf_frame_len(nb), sum;
	uint8_t *hi, *lo;

	if (start >= len || offset + 2 > len - start)
		return -1;
	sum = sum_chain(nb, start, len - start);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	sum = ~sum & 0xffff;
	if (!sum && offset == 6)	/* UDP: 0 means "none" (RFC 768) */
		sum = 0xffff;
	hi = chain_byte(nb, start + offset);
	lo = chain_byte(nb, start + offset + 1);
	*hi = sum >> 8;
	*lo = sum & 0xff;
	return 0;
}

/* The rest of a mergeable frame: n more buffers after head. 0, or -1
 * when the device did not deliver them (the frame is dropped). */
static int rx_merge(struct vnet_rxq *r, struct uk_netbuf *head,
		    unsigned int n, uint32_t *total, int *failed)
{
	struct uk_netbuf *last = head, *nb;
	void *token;
	uint32_t len;
	int rc;

	for (; n; n--) {
		rc = uk_virtio_vq_get(r->vq, &token, &len);
		if (rc <= 0) {
			*failed = rc < 0;
			return -1;
		}
		r->posted--;
		nb = token;
		nb->data = (char *)nb->data - r->v->hdr_len;
		nb->headroom -= r->v->hdr_len;
		nb->len = len;
		last->next = nb;
		last = nb;
		*total += len;
	}
	return 0;
}

/* The frame's checksum state from its header: flagged for the user
 * (rx-csum enabled) or a partial checksum completed here. 0, or -1
 * when the device's offsets are outside the frame. */
static int rx_csum(struct vnet *v, struct uk_netbuf *nb,
		   const struct vnet_hdr *h, uint32_t total)
{
	if (h->flags & HDR_F_NEEDS_CSUM) {
		if (h->csum_start >= total ||
		    h->csum_offset + 2U > total - h->csum_start)
			return -1;
		if (!(v->nd.conf.offloads & UK_NETDEV_OFF_RX_CSUM))
			return csum_fill(nb, h->csum_start, h->csum_offset);
		nb->flags |= UK_NETBUF_F_CSUM_PARTIAL;
		nb->csum_start = h->csum_start;
		nb->csum_offset = h->csum_offset;
	} else if ((h->flags & HDR_F_DATA_VALID) &&
		   (v->nd.conf.offloads & UK_NETDEV_OFF_RX_CSUM)) {
		nb->flags |= UK_NETBUF_F_CSUM_VALID;
	}
	return 0;
}

/* One used buffer became a frame: check its header; 1 (hand it out), 0
 * (dropped), -1 (the device failed). */
static int rx_frame(struct vnet_rxq *r, struct uk_netbuf *nb, uint32_t len)
{
	struct vnet *v = r->v;
	struct uk_netdev_stats *s = &v->nd.rx_stats[r->q];
	struct vnet_hdr *h = (struct vnet_hdr *)((char *)nb->data - v->hdr_len);
	unsigned int nbufs = 1;
	uint32_t total;
	int failed = 0;

	if (len < v->hdr_len) {
		uk_pr_warn("%s: rx frame of %u bytes, shorter than its header\n",
			   v->nd.name, len);
		goto drop;
	}
	nb->len = total = len - v->hdr_len;
	if (uk_virtio_has(v->vdev, F_MRG_RXBUF)) {
		nbufs = h->num_buffers;
		if (nbufs == 0 || nbufs > r->vq->size) {
			uk_pr_warn("%s: rx num_buffers %u (queue %u)\n",
				   v->nd.name, nbufs, r->vq->size);
			goto drop;
		}
		if (rx_merge(r, nb, nbufs - 1, &total, &failed) < 0) {
			uk_pr_warn("%s: rx frame of %u buffers, fewer used\n",
				   v->nd.name, nbufs);
			if (failed) {
				uk_netdev_buf_free(nb);
				return -1;
			}
			goto drop;
		}
	}
	if (total < ETH_HLEN || total > FRAME_MAX) {
		uk_pr_warn("%s: rx frame of %u bytes\n", v->nd.name, total);
		goto drop;
	}
	if (rx_csum(v, nb, h, total) < 0) {
		uk_pr_warn("%s: rx checksum at %u+%u outside the %u-byte frame\n",
			   v->nd.name, h->csum_start, h->csum_offset, total);
		goto drop;
	}
	s->packets++;
	s->bytes += total;
	return 1;
drop:
	s->drops++;
	uk_netdev_buf_free(nb);
	return 0;
}

int vnet_rx_burst(struct uk_netdev *d, unsigned int q,
		  struct uk_netbuf **pkts, unsigned int n)
{
	struct vnet *v = d->priv;
	struct vnet_rxq *r = &v->rxq[q];
	unsigned int got = 0;
	void *token;
	uint32_t len;
	int rc;

	while (got < n) {
		rc = uk_virtio_vq_get(r->vq, &token, &len);
		if (rc < 0)
			goto failed;
		if (rc == 0) {
			/* Dry: re-arm; frames that came meanwhile bring no
			 * interrupt, so take them now. */
			if (!r->cb)
				break;
			r->armed = 1;
			if (!uk_virtio_vq_intr_enable(r->vq))
				break;
			r->armed = 0;
			uk_virtio_vq_intr_disable(r->vq);
			continue;
		}
		r->posted--;
		rc = rx_frame(r, token, len);
		if (rc < 0)
			goto failed;
		if (rc)
			pkts[got++] = token;
	}
	vnet_rx_refill(r);
	uk_virtio_vq_kick(r->vq);
	return got;
failed:
	/* Frames already taken stay the caller's; none of them is lost. */
	vnet_failed(v, &d->rx_stats[q]);
	return got ? (int)got : -EIO;
}

/* Free what the device has sent. The count, or -EIO. */
static int tx_reclaim(struct vnet *v, struct vnet_txq *t)
{
	struct uk_netbuf *nb;
	struct vnet_txhdr *slot;
	void *token;
	uint32_t len;
	int rc, n = 0;

	while ((rc = uk_virtio_vq_get(t->vq, &token, &len)) == 1) {
		nb = token;
		slot = nb->drv;
		slot->next = t->free;
		t->free = slot;
		t->inflight--;
		uk_netdev_buf_free(nb);
		n++;
	}
	if (rc < 0) {
		vnet_failed(v, &v->nd.tx_stats[t->q]);
		return -EIO;
	}
	return n;
}

int vnet_tx_reclaim(struct uk_netdev *d, unsigned int q)
{
	struct vnet *v = d->priv;

	return tx_reclaim(v, &v->txq[q]);
}

/* Fill slot's header for frame nb; 0, or a reason to refuse it. */
static const char *tx_hdr(struct vnet *v, struct uk_netbuf *nb,
			  uint32_t len, struct vnet_hdr *h)
{
	uint32_t off = v->nd.conf.offloads;
	uint16_t gso = nb->flags & (UK_NETBUF_F_GSO_TCPV4 |
				    UK_NETBUF_F_GSO_TCPV6);

	*h = (struct vnet_hdr){ 0 };
	if (len < ETH_HLEN)
		return "shorter than an Ethernet header";
	if (gso) {
		if (gso == (UK_NETBUF_F_GSO_TCPV4 | UK_NETBUF_F_GSO_TCPV6) ||
		    !(nb->flags & UK_NETBUF_F_CSUM_PARTIAL) || !nb->gso_size ||
		    nb->hdr_len >= len)
			return "GSO without partial checksum, size or headers";
		if (!(off & (gso == UK_NETBUF_F_GSO_TCPV4 ? UK_NETDEV_OFF_TSO4 :
			     UK_NETDEV_OFF_TSO6)))
			return "GSO not enabled";
		if (len > v->nd.info.max_frame)
			return "longer than the device takes";
		h->gso_type = gso == UK_NETBUF_F_GSO_TCPV4 ? GSO_TCPV4 :
							     GSO_TCPV6;
		h->gso_size = nb->gso_size;
		h->hdr_len = nb->hdr_len;
	} else if (len > v->nd.info.mtu + 18U) {
		return "longer than the MTU";
	}
	if (nb->flags & UK_NETBUF_F_CSUM_PARTIAL) {
		if (nb->csum_start >= len ||
		    nb->csum_offset + 2U > len - nb->csum_start)
			return "checksum offsets outside the frame";
		if (off & UK_NETDEV_OFF_TX_CSUM) {
			h->flags = HDR_F_NEEDS_CSUM;
			h->csum_start = nb->csum_start;
			h->csum_offset = nb->csum_offset;
		} else {
			csum_fill(nb, nb->csum_start, nb->csum_offset);
		}
	}
	return NULL;
}

/* Queue one frame: 1 queued, 0 dropped (counted), -ENOSPC, -EIO. */
static int tx_one(struct vnet *v, struct vnet_txq *t, struct uk_netbuf *nb)
{
	struct uk_netdev_stats *s = &v->nd.tx_stats[t->q];
	struct uk_sg sg[16];
	struct vnet_txhdr *slot;
	struct uk_netbuf *p;
	const char *why;
	unsigned int n = 1;
	uint32_t len = 0;
	int rc;

	for (p = nb; p; p = p->next) {
		if (n > v->nd.info.max_tx_parts) {
			why = "too many parts";
			goto drop;
		}
		sg[n].buf = p->data;
		sg[n++].len = p->len;
		len += p->len;
	}
	if (t->inflight >= t->nb_desc || !t->free)
		return -ENOSPC;
	slot = t->free;
	why = tx_hdr(v, nb, len, &slot->h);
	if (why)
		goto drop;
	sg[0].buf = &slot->h;
	sg[0].len = v->hdr_len;
	rc = uk_virtio_vq_add(t->vq, sg, n, 0, nb);
	if (rc == -ENOSPC)
		return rc;
	if (rc < 0)
		return -EIO;
	t->free = slot->next;
	nb->drv = slot;
	t->inflight++;
	s->packets++;
	s->bytes += len;
	return 1;
drop:
	uk_pr_warn("%s: tx frame of %u bytes dropped: %s\n", v->nd.name, len,
		   why);
	s->drops++;
	uk_netdev_buf_free(nb);
	return 0;
}

int vnet_tx_burst(struct uk_netdev *d, unsigned int q,
		  struct uk_netbuf **pkts, unsigned int n)
{
	struct vnet *v = d->priv;
	struct vnet_txq *t = &v->txq[q];
	unsigned int i, queued = 0;
	int rc = 0;

	if (tx_reclaim(v, t) < 0)
		return -EIO;
	for (i = 0; i < n; i++) {
		rc = tx_one(v, t, pkts[i]);
		if (rc == -ENOSPC)
			break;
		if (rc < 0) {
			vnet_failed(v, &d->tx_stats[q]);
			break;
		}
		queued += rc;
	}
	if (queued)
		uk_virtio_vq_kick(t->vq);
	return rc == -EIO && !i ? -EIO : (int)i;
}
