/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: network devices, driver-neutral. A driver (virtio-net)
 * registers each device it finds; a user (the network stack's netif,
 * a test) finds it, configures its queues and moves frames in bursts
 * of preallocated netbufs (<uk/netbuf.h>), without copying:
 *
 *	struct uk_netdev *d = uk_netdev_get(0);
 *	struct uk_netdev_info info;
 *	uk_netdev_info_get(d, &info);		// MAC, MTU, offloads, queues
 *	struct uk_netdev_conf c = { .nb_rx_queues = 1, .nb_tx_queues = 1,
 *				    .offloads = info.offloads };
 *	uk_netdev_configure(d, &c);
 *	struct uk_netdev_rxq_conf rc = { .pool = rxpool, .nb_desc = 0,
 *					 .callback = rx_ready, .arg = me };
 *	uk_netdev_rxq_configure(d, 0, &rc);	// callback NULL: polling
 *	struct uk_netdev_txq_conf tc = { .nb_desc = 0 };
 *	uk_netdev_txq_configure(d, 0, &tc);
 *	uk_netdev_start(d);
 *	n = uk_netdev_rx_burst(d, 0, pkts, 32);	// pkts[0..n) are mine now
 *	n = uk_netdev_tx_burst(d, 0, pkts, k);	// pkts[0..n) are the driver's
 *
 * Order: configure once, then each queue once, then start; stop and
 * start again as often as wanted. Calls out of order return -EBUSY
 * (already started, already configured) or -EINVAL (not configured).
 *
 * Ownership of netbufs:
 * - Receive: at start the driver fills each receive queue with netbufs
 *   from the queue's pool, and refills it from the pool in every
 *   uk_netdev_rx_burst (uk_netdev_rx_burst(d, q, NULL, 0) only
 *   refills: after freeing frames of a queue that found its pool
 *   empty, whose nobuf counter grew, since no frame and so no callback
 *   can arrive while nothing is posted). A frame handed out belongs to
 *   the caller, who gives it back with uk_netdev_buf_free (to its pool),
 *   at any time, from any context. An empty pool is not an error: the
 *   queue has fewer buffers posted until frames are freed (the device
 *   drops what it cannot place, which the host counts, not the guest).
 * - Transmit: uk_netdev_tx_burst takes pkts[0..n) for n its return
 *   value, in order; from then on they are the driver's, and it frees
 *   them (uk_netdev_buf_free) once the device is done, in a later call on
 *   the queue (tx_burst, tx_reclaim). A frame the device can never send
 *   (longer than the MTU without TSO, more parts than max_tx_parts, an
 *   offload not enabled) is taken too: freed at once and counted in the
 *   queue's drops. pkts[n..) stay the caller's: the ring was full.
 *
 * Contexts:
 * - Registry, info, configure, start, stop: thread context (boot, the
 *   stack's init), not concurrently with anything else on the device.
 * - rx_burst, tx_burst, tx_reclaim: any context, interrupt handlers
 *   included; calls on one queue must not overlap (the caller
 *   serializes them: one thread a queue, or a lock); different queues
 *   are independent.
 * - The receive callback runs in the device's interrupt handler,
 *   interrupts off: it may wake a thread or set a flag, and may call
 *   rx_burst itself only if nothing else receives on the queue. It
 *   fires once, then not again until a uk_netdev_rx_burst call on the
 *   queue returns fewer frames than asked (the queue ran dry: re-armed
 *   then). So: on the callback, call rx_burst until it returns less
 *   than asked for.
 * - Polling: a queue configured without a callback never interrupts;
 *   the user calls uk_netdev_rx_burst when it wants frames. Devices
 *   without a usable interrupt (ukvirtio.poll=1) report
 *   info.rx_intr == 0 and refuse a callback with -ENOTSUP.
 *
 * Errors are negative errno values: -EINVAL (bad argument or queue),
 * -EBUSY (wrong state), -ENOTSUP (an offload or callback the device
 * lacks), -ENOMEM, -ENETDOWN (burst while not started), -EIO (the
 * device failed: every later call on it returns -EIO).
 */
#ifndef UK_NETDEV_H
#define UK_NETDEV_H

#include <stdint.h>
#include <uk/netbuf.h>

/* Most queues of a kind a device has in this interface. */
#define UK_NETDEV_MAX_QUEUES	4

/* Offloads (info.offloads: what the device offers; conf.offloads:
 * what the user enables, a subset). */
#define UK_NETDEV_OFF_TX_CSUM	0x01	/* device fills CSUM_PARTIAL sums */
#define UK_NETDEV_OFF_RX_CSUM	0x02	/* rx frames flagged CSUM_VALID/PARTIAL */
#define UK_NETDEV_OFF_TSO4	0x04	/* GSO_TCPV4 frames (needs TX_CSUM) */
#define UK_NETDEV_OFF_TSO6	0x08	/* GSO_TCPV6 frames (needs TX_CSUM) */
#define UK_NETDEV_OFF_RX_MERGE	0x10	/* rx frames may span netbufs (a chain):
					 * pool buffers may be smaller than
					 * a frame */

struct uk_netdev_info {
	uint8_t mac[6];			/* the device's address */
	uint16_t mtu;			/* bytes of IP packet (1500) */
	uint32_t offloads;		/* UK_NETDEV_OFF_* offered */
	uint16_t max_rx_queues;		/* usable now (1 for virtio-net) */
	uint16_t max_tx_queues;
	uint16_t dev_queue_pairs;	/* what the device has (multiqueue) */
	uint16_t max_rx_desc;		/* most netbufs posted on a rx queue */
	uint16_t max_tx_desc;		/* most frames in flight on a tx queue */
	uint16_t max_tx_parts;		/* most netbufs in one tx frame */
	/* Bytes a receive netbuf needs before data (the driver's header
	 * goes there): a pool's headroom must be at least this. */
	uint16_t rx_headroom;
	/* Without RX_MERGE: least buffer bytes after the headroom (a
	 * whole frame: Ethernet header, VLAN tag, mtu). */
	uint16_t rx_min_room;
	uint32_t max_frame;		/* longest tx frame (TSO: 65535 + hdr) */
	int rx_intr;			/* receive callbacks possible */
};

struct uk_netdev_conf {
	uint16_t nb_rx_queues;		/* 1..max_rx_queues */
	uint16_t nb_tx_queues;		/* 1..max_tx_queues */
	uint32_t offloads;		/* subset of info.offloads */
};

struct uk_netdev;
typedef void (*uk_netdev_rx_cb_t)(struct uk_netdev *d, unsigned int q,
				  void *arg);

struct uk_netdev_rxq_conf {
	struct uk_netbuf_pool *pool;	/* where receive buffers come from */
	uint16_t nb_desc;		/* buffers posted; 0: max_rx_desc */
	uk_netdev_rx_cb_t callback;	/* NULL: polling */
	void *arg;			/* the callback's */
};

struct uk_netdev_txq_conf {
	uint16_t nb_desc;		/* frames in flight; 0: max_tx_desc */
};

/* Per-queue counters, kept by the driver, read at any time. */
struct uk_netdev_stats {
	uint64_t packets;	/* frames handed out (rx) / queued (tx) */
	uint64_t bytes;		/* their bytes, Ethernet header on */
	uint64_t drops;		/* frames discarded: rx malformed by the
				 * device (header, length, parts), tx
				 * refused (see above) */
	uint64_t errors;	/* protocol errors of the device seen on
				 * this queue (it failed) */
	uint64_t nobuf;		/* rx: refills that found the pool empty */
};

enum uk_netdev_state {
	UK_NETDEV_UNCONFIGURED,
	UK_NETDEV_CONFIGURED,
	UK_NETDEV_RUNNING,
	UK_NETDEV_STOPPED,
	UK_NETDEV_FAILED,
};

/* Devices in the order drivers found them (boot, UK_INIT_BUS). */
unsigned int uk_netdev_count(void);
struct uk_netdev *uk_netdev_get(unsigned int i);
/* By name ("vnet0"): NULL when none has it. */
struct uk_netdev *uk_netdev_find(const char *name);
const char *uk_netdev_name(const struct uk_netdev *d);
enum uk_netdev_state uk_netdev_state(const struct uk_netdev *d);

void uk_netdev_info_get(struct uk_netdev *d, struct uk_netdev_info *info);
int uk_netdev_configure(struct uk_netdev *d, const struct uk_netdev_conf *c);
/* Queue q's buffers: pool headroom >= info.rx_headroom and (without
 * RX_MERGE enabled) buffers of rx_headroom + rx_min_room bytes at
 * least; -EINVAL with a line naming the shortfall otherwise. */
int uk_netdev_rxq_configure(struct uk_netdev *d, unsigned int q,
			    const struct uk_netdev_rxq_conf *c);
int uk_netdev_txq_configure(struct uk_netdev *d, unsigned int q,
			    const struct uk_netdev_txq_conf *c);
/* Post receive buffers, enable callbacks; frames flow. */
int uk_netdev_start(struct uk_netdev *d);
/* Stop handing frames out and taking them (bursts return -ENETDOWN,
 * callbacks stop). Posted buffers stay posted; the device keeps what
 * arrives meanwhile in them, handed out after the next start. */
int uk_netdev_stop(struct uk_netdev *d);

/* Up to n received frames into pkts[]: the count (0..n), or -ENETDOWN,
 * -EINVAL, -EIO. Each is one netbuf, or a chain with RX_MERGE. */
int uk_netdev_rx_burst(struct uk_netdev *d, unsigned int q,
		       struct uk_netbuf **pkts, unsigned int n);
/* Queue up to n frames: the count taken (see above), or -ENETDOWN,
 * -EINVAL, -EIO (none taken). Notifies the device once a burst. */
int uk_netdev_tx_burst(struct uk_netdev *d, unsigned int q,
		       struct uk_netbuf **pkts, unsigned int n);
/* Free the frames the device has finished sending: how many, or -EIO. */
int uk_netdev_tx_reclaim(struct uk_netdev *d, unsigned int q);

/* 1 when the link is up (a device that cannot tell: always 1). */
int uk_netdev_link_up(struct uk_netdev *d);
/* Queue q's counters (a copy). -EINVAL for a queue that is not there. */
int uk_netdev_rxq_stats(struct uk_netdev *d, unsigned int q,
			struct uk_netdev_stats *s);
int uk_netdev_txq_stats(struct uk_netdev *d, unsigned int q,
			struct uk_netdev_stats *s);

#endif /* UK_NETDEV_H */
