/* SPDX-License-Identifier: BSD-3-Clause */
/* netdev test app: what main.c shares with the checks in other files. */
#ifndef APPNETDEV_APP_H
#define APPNETDEV_APP_H

#include <uk/netdev.h>
#include "frames.h"

#define HEADROOM 64	/* of every netbuf: room for the driver's header */
#define BURST 32	/* frames a burst */

extern struct uk_netdev *dev;	/* the first device, started */
extern struct uk_netdev_info info;
extern uint32_t enabled;	/* the offloads configured */
extern struct uk_netbuf_pool *rxpool, *txpool;
extern uint32_t ip, peer;	/* appnetdev.ip, appnetdev.peer */
extern uint8_t peer_mac[6];	/* after arp_check() */

int is(const char *s, const char *name);
int parse_ip(const char *s, uint32_t *out);
/* Until the rx callback fired or the deadline (ns) passed. */
void rx_wait(uint64_t deadline);
/* One frame (copied into a netbuf): 0, or -1 with a line. */
int send_one(const char *what, const uint8_t *f, unsigned int len);
/* Frames to match() until it returns 1 or ms passed: 1, 0 (timeout),
 * -1 (receive error). Chains are copied flat for match(). */
int recv_until(const char *what, unsigned long ms,
	       int (*match)(const uint8_t *f, unsigned int len, void *a),
	       void *arg);
int arp_check(void);
int tcp_check(void);

#endif
