/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev for drivers: the device structure and the ops a driver
 * fills in. Users include <uk/netdev.h> only.
 *
 * uknetdev checks arguments and the state machine (queue numbers,
 * configure before start, pool headroom and sizes against info) before
 * it calls an op, so drivers need not repeat those checks; the ops are
 * called in the contexts <uk/netdev.h> gives for the matching call.
 */
#ifndef UK_NETDEV_DRIVER_H
#define UK_NETDEV_DRIVER_H

#include <uk/netdev.h>

struct uk_netdev_ops {
	/* Negotiate c->offloads, set up c's queue counts. 0 or -errno. */
	int (*configure)(struct uk_netdev *d, const struct uk_netdev_conf *c);
	int (*rxq_configure)(struct uk_netdev *d, unsigned int q,
			     const struct uk_netdev_rxq_conf *c);
	int (*txq_configure)(struct uk_netdev *d, unsigned int q,
			     const struct uk_netdev_txq_conf *c);
	int (*start)(struct uk_netdev *d);
	void (*stop)(struct uk_netdev *d);
	int (*rx_burst)(struct uk_netdev *d, unsigned int q,
			struct uk_netbuf **pkts, unsigned int n);
	int (*tx_burst)(struct uk_netdev *d, unsigned int q,
			struct uk_netbuf **pkts, unsigned int n);
	int (*tx_reclaim)(struct uk_netdev *d, unsigned int q);
	int (*link_up)(struct uk_netdev *d);	/* NULL: always up */
};

struct uk_netdev {
	char name[16];			/* "vnet0": set by register */
	struct uk_netdev_info info;	/* the driver's, before register */
	const struct uk_netdev_ops *ops;
	void *priv;			/* the driver's */
	/* uknetdev's: */
	enum uk_netdev_state state;
	struct uk_netdev_conf conf;
	uint8_t rxq_ready[UK_NETDEV_MAX_QUEUES];
	uint8_t txq_ready[UK_NETDEV_MAX_QUEUES];
	/* The driver's to count in (users read copies). */
	struct uk_netdev_stats rx_stats[UK_NETDEV_MAX_QUEUES];
	struct uk_netdev_stats tx_stats[UK_NETDEV_MAX_QUEUES];
};

/* Add a device (info, ops, priv filled in), named prefix + its index
 * among all devices. 0 or -ENOSPC (CONFIG_LIBUKNETDEV_MAX reached). */
int uk_netdev_register(struct uk_netdev *d, const char *prefix);
/* The device broke the protocol: every later call returns -EIO. */
void uk_netdev_failed(struct uk_netdev *d);

#endif /* UK_NETDEV_DRIVER_H */
