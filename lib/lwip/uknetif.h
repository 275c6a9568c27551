/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/lwip's private interfaces between its files. */
#ifndef UK_LWIP_UKNETIF_H
#define UK_LWIP_UKNETIF_H

#include <uk/netdev.h>

#include "lwip/ip4_addr.h"
#include "lwip/netif.h"

struct uk_thread;

/* One interface on one uknetdev device (netif.c). */
struct uk_lwip_netif {
	struct netif netif;
	struct uk_netdev *dev;
	struct uk_netdev_info info;
	struct uk_netbuf_pool *rxpool, *txpool;
	unsigned int rx_low;	/* fewer free rx netbufs: copy frames */
	unsigned long rx_copied;	/* frames copied for that reason */
	unsigned long rx_rescued;	/* idle polls that found frames waiting */
	volatile unsigned long rx_irqs;	/* receive interrupts (callbacks) */
	uint32_t tx_max;	/* longest frame sent, Ethernet header on */
	int polling;		/* no rx interrupt: the thread polls */
	struct uk_thread *volatile rx_thread;
};

/* Start dev and add it as an interface, up, with the given IPv4
 * configuration (all three may be IP4_ADDR_ANY: DHCP's to fill).
 * 0 or -errno (the device could not be started: a line says why). */
int uk_lwip_netif_add(struct uk_lwip_netif *ni, struct uk_netdev *dev,
		      const ip4_addr_t *ip, const ip4_addr_t *mask,
		      const ip4_addr_t *gw);

#endif /* UK_LWIP_UKNETIF_H */
