/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev's packet buffers. A netbuf is one contiguous buffer that
 * holds (part of) a frame, with free room before it for headers:
 *
 *	buf                 data               data + len        buf + buflen
 *	|<--- headroom --->|<------ len ------>|<--- tailroom --->|
 *
 * Netbufs come from a pool the user creates (uk_netdev_pool_create):
 * count buffers of one size, each with the same default headroom and
 * an optional private area (nb->priv, e.g. for the network stack's own
 * packet descriptor wrapped around the netbuf: no copy on receive).
 * A netbuf whose frame goes on in another one links it with next (a
 * chain: mergeable receive buffers, transmit scatter lists); the
 * first one's flags and offload fields describe the whole frame.
 *
 * Ownership: a netbuf has exactly one owner at a time: the pool (free),
 * the user (after uk_netdev_buf_alloc, or after receiving it), or a driver
 * (after the driver took it in uk_netdev_tx_burst, or while it is
 * posted for receive). Only the owner touches it; the owner gives it
 * back with uk_netdev_buf_free (the whole chain).
 *
 * Context: uk_netdev_buf_alloc and uk_netdev_buf_free may run in any
 * context, interrupt handlers included (the pool's list is changed
 * with interrupts off; one CPU).
 */
#ifndef UK_NETBUF_H
#define UK_NETBUF_H

#include <stddef.h>
#include <stdint.h>

struct uk_alloc;
struct uk_netbuf_pool;

/* Flags, of the first netbuf of a frame. */
/* Transmit: the checksum at csum_start + csum_offset is to be filled by
 * the device (the field holds the pseudo-header sum, as for Linux's
 * CHECKSUM_PARTIAL); needs UK_NETDEV_OFF_TX_CSUM. Receive: the same
 * state (the host's own stack sent it without a checksum): treat the
 * checksum as verified. */
#define UK_NETBUF_F_CSUM_PARTIAL	0x01
/* Receive: the device verified the checksums (UK_NETDEV_OFF_RX_CSUM). */
#define UK_NETBUF_F_CSUM_VALID		0x02
/* Transmit: one TCP frame to be cut into segments of gso_size bytes of
 * payload (TSO); hdr_len bytes of headers; needs CSUM_PARTIAL and
 * UK_NETDEV_OFF_TSO4 / _TSO6. */
#define UK_NETBUF_F_GSO_TCPV4		0x04
#define UK_NETBUF_F_GSO_TCPV6		0x08

struct uk_netbuf {
	void *data;		/* first byte of the frame (of this part) */
	uint32_t len;		/* bytes at data */
	uint32_t headroom;	/* bytes free before data: data - buf */
	uint16_t flags;		/* UK_NETBUF_F_* */
	uint16_t csum_start;	/* CSUM_PARTIAL: offset from data ... */
	uint16_t csum_offset;	/* ... and of the field after csum_start */
	uint16_t gso_size;	/* GSO: payload bytes a segment */
	uint16_t hdr_len;	/* GSO: Ethernet + IP + TCP header bytes */
	struct uk_netbuf *next;	/* the frame's next part, or NULL */
	void *buf;		/* the buffer: buflen bytes */
	uint32_t buflen;
	struct uk_netbuf_pool *pool;	/* where uk_netdev_buf_free returns it */
	/* When set, uk_netdev_buf_free calls it instead of returning the
	 * netbuf to its pool (a netbuf around someone else's memory). */
	void (*dtor)(struct uk_netbuf *nb);
	void *priv;		/* the pool's private area for this netbuf */
	void *drv;		/* the current owner's (a driver's while posted) */
};

/*
 * count netbufs of bufsize bytes each (headroom included), each reset
 * to headroom bytes of headroom when allocated, each with priv_size
 * bytes of private area, from allocator a in one piece (buffers 64-byte
 * aligned). NULL when a is out of memory or an argument is 0 or
 * headroom >= bufsize.
 */
struct uk_netbuf_pool *uk_netdev_pool_create(struct uk_alloc *a,
					     unsigned int count,
					     uint32_t bufsize,
					     uint32_t headroom,
					     size_t priv_size);
/* What a pool was made with, and how many netbufs are free now. */
uint32_t uk_netdev_pool_bufsize(const struct uk_netbuf_pool *p);
uint32_t uk_netdev_pool_headroom(const struct uk_netbuf_pool *p);
unsigned int uk_netdev_pool_count(const struct uk_netbuf_pool *p);
unsigned int uk_netdev_pool_nfree(const struct uk_netbuf_pool *p);

/* A free netbuf (len 0, headroom the pool's, flags 0, next NULL), or
 * NULL when the pool is empty. Any context. */
struct uk_netbuf *uk_netdev_buf_alloc(struct uk_netbuf_pool *p);
/* Give back nb and every netbuf chained after it. Any context. */
void uk_netdev_buf_free(struct uk_netbuf *nb);

/* Bytes of the whole frame: the sum of len along the chain. */
static inline uint32_t uk_netdev_buf_frame_len(const struct uk_netbuf *nb)
{
	uint32_t n = 0;

	for (; nb; nb = nb->next)
		n += nb->len;
	return n;
}

/* Grow the frame by n bytes in front (a header to fill): 0, or -1 when
 * the headroom is smaller than n. */
static inline int uk_netdev_buf_push(struct uk_netbuf *nb, uint32_t n)
{
	if (n > nb->headroom)
		return -1;
	nb->data = (char *)nb->data - n;
	nb->headroom -= n;
	nb->len += n;
	return 0;
}

/* Strip n bytes off the front (a header read): 0, or -1 past len. */
static inline int uk_netdev_buf_pull(struct uk_netbuf *nb, uint32_t n)
{
	if (n > nb->len)
		return -1;
	nb->data = (char *)nb->data + n;
	nb->headroom += n;
	nb->len -= n;
	return 0;
}

/* Bytes free after data + len. */
static inline uint32_t uk_netdev_buf_tailroom(const struct uk_netbuf *nb)
{
	return nb->buflen - nb->headroom - nb->len;
}

#endif /* UK_NETBUF_H */
