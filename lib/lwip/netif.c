/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP interfaces on uknetdev devices: each device becomes "en<N>".
 *
 * Receive: the device's receive callback (interrupt context) wakes the
 * interface's rx thread, which takes frames in bursts and feeds them to
 * ethernet_input under the core lock (one lock a burst, no mailbox).
 * A frame stays in its netbuf: the pbuf handed to lwIP is a custom
 * PBUF_REF around the netbuf's data (struct rx_pbuf, in the netbuf's
 * private area), given back to the pool when lwIP frees it. When the
 * pool runs low (frames held by sockets nobody reads), frames are
 * copied into pool pbufs instead, so the device never starves.
 * Devices without receive interrupts are polled by the same thread.
 *
 * Transmit (linkoutput, under the core lock, so one caller at a time):
 * the pbuf chain is copied into one netbuf of the transmit pool and
 * queued; finished frames are reclaimed on the next transmit.
 *
 * ARP requests for our address are answered by etharp_input as they
 * are processed: nothing is deferred.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/assert.h>
#include <uk/netdev.h>
#include <uk/print.h>
#include <uk/sched.h>

#include "lwip/opt.h"
#include "lwip/etharp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/snmp.h"
#include "lwip/tcpip.h"
#include "netif/ethernet.h"
#if LWIP_IPV6
#include "lwip/ethip6.h"
#endif

#include "uknetif.h"

#define RX_BURST	32
#define RX_POLL_NS	200000ULL	/* polled devices: idle sleep */
/* Frames beyond the posted ring that sockets may hold before copying. */
#define RX_EXTRA_BUFS	128
#define TX_EXTRA_BUFS	16

struct rx_pbuf {
	struct pbuf_custom pc;	/* first: lwIP frees &pc.pbuf */
	struct uk_netbuf *nb;
};

static void rx_pbuf_free(struct pbuf *p)
{
	struct rx_pbuf *r = (struct rx_pbuf *)p;

	uk_netdev_buf_free(r->nb);
}

/* The pbuf for a received frame, or NULL (dropped, counted). A frame
 * whose checksum the device verified, or left for the host's own stack
 * to skip (CSUM_PARTIAL: from a peer on the same host), is marked so
 * that lwIP does not check it (patch 0003); others are checked. */
static struct pbuf *rx_wrap(struct uk_lwip_netif *ni, struct uk_netbuf *nb)
{
	struct rx_pbuf *r = nb->priv;
	struct pbuf *p;
	uint32_t len = nb->len;
	u8_t ok = (nb->flags & (UK_NETBUF_F_CSUM_VALID |
				UK_NETBUF_F_CSUM_PARTIAL)) ?
		  PBUF_FLAG_CSUM_OK : 0;

	if (nb->next || len == 0 || len > 0xffff) {
		uk_netdev_buf_free(nb);
		return NULL;
	}
	if (uk_netdev_pool_nfree(ni->rxpool) > ni->rx_low) {
		r->nb = nb;
		r->pc.custom_free_function = rx_pbuf_free;
		p = pbuf_alloced_custom(PBUF_RAW, (u16_t)len, PBUF_REF,
					&r->pc, nb->data, (u16_t)len);
		if (p)
			p->flags |= ok;
		return p;
	}
	ni->rx_copied++;
	p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
	if (p) {
		pbuf_take(p, nb->data, (u16_t)len);
		p->flags |= ok;
	}
	uk_netdev_buf_free(nb);
	return p;
}

static void rx_ready(struct uk_netdev *d __uk_unused, unsigned int q __uk_unused,
		     void *arg)
{
	struct uk_lwip_netif *ni = arg;
	struct uk_thread *t = ni->rx_thread;

	ni->rx_irqs++;
	/* Before the thread is known it has not drained yet: it will. */
	if (t)
		uk_sched_thread_wake(t);
}

/* Take what is there, burst by burst; the number of frames taken, or
 * -errno (the device failed). */
static int rx_drain(struct uk_lwip_netif *ni)
{
	struct uk_netbuf *pkts[RX_BURST];
	int n, i, total = 0;
	struct pbuf *p;

	do {
		n = uk_netdev_rx_burst(ni->dev, 0, pkts, RX_BURST);
		if (n <= 0)
			return n < 0 ? n : total;
		LOCK_TCPIP_CORE();
		for (i = 0; i < n; i++) {
			p = rx_wrap(ni, pkts[i]);
			if (!p) {
				LINK_STATS_INC(link.drop);
				continue;
			}
			LINK_STATS_INC(link.recv);
			if (ni->netif.input(p, &ni->netif) != ERR_OK)
				pbuf_free(p);
		}
		UNLOCK_TCPIP_CORE();
		total += n;
	} while (n == RX_BURST);
	return total;
}

/*
 * An interrupt-driven queue is also drained every RX_RESCUE_NS while
 * idle: frames that wait without their interrupt are taken within that
 * time instead of never (a NIC that stops receiving answers nothing,
 * ARP included). A rescue is counted (rx_rescued), and the first is said
 * on the console, when frames were found with no receive interrupt from
 * before the wait to the end of the drain. Seen thousands of times a
 * minute under QEMU 7.2's TCG with one vCPU, which drops the guest's
 * memory barriers (support/scripts/run-qemu gives it room for a second
 * vCPU so that it keeps them); with them kept, test/cases/net.sh checks
 * that it never happens.
 */
#define RX_RESCUE_NS	50000000ULL

static void *rx_thread(void *arg)
{
	struct uk_lwip_netif *ni = arg;
	unsigned long irqs = ni->rx_irqs;
	int r, timed_out = 0;

	for (;;) {
		r = rx_drain(ni);
		if (timed_out && r > 0 && ni->rx_irqs == irqs && !ni->rx_rescued++)
			uk_pr_warn("%s: %d frames waited without a receive interrupt (taken by the idle poll)\n",
				   uk_netdev_name(ni->dev), r);
		timed_out = 0;
		if (r < 0) {
			uk_pr_err("%s: receive failed (%d): interface down\n",
				  uk_netdev_name(ni->dev), r);
			LOCK_TCPIP_CORE();
			netif_set_link_down(&ni->netif);
			UNLOCK_TCPIP_CORE();
			return NULL;
		}
		if (ni->polling) {
			if (r == 0)
				uk_sched_sleep_ns(RX_POLL_NS);
		} else {
			irqs = ni->rx_irqs;
			timed_out = uk_sched_thread_block_until(
				uk_sched_deadline_in(RX_RESCUE_NS)) == -ETIMEDOUT;
		}
	}
}

static err_t tx_output(struct netif *netif, struct pbuf *p)
{
	struct uk_lwip_netif *ni = netif->state;
	struct uk_netbuf *nb;
	int tries;

	if (p->tot_len > ni->tx_max) {
		LINK_STATS_INC(link.lenerr);
		return ERR_BUF;
	}
	nb = uk_netdev_buf_alloc(ni->txpool);
	if (!nb) {
		uk_netdev_tx_reclaim(ni->dev, 0);
		nb = uk_netdev_buf_alloc(ni->txpool);
	}
	if (!nb) {
		LINK_STATS_INC(link.memerr);
		return ERR_MEM;
	}
	nb->len = pbuf_copy_partial(p, nb->data, p->tot_len, 0);
	for (tries = 0; tries < 2; tries++) {
		if (uk_netdev_tx_burst(ni->dev, 0, &nb, 1) == 1) {
			LINK_STATS_INC(link.xmit);
			return ERR_OK;
		}
		uk_netdev_tx_reclaim(ni->dev, 0);
	}
	uk_netdev_buf_free(nb);
	LINK_STATS_INC(link.drop);
	return ERR_IF;
}

/* netif_add's init: what lwIP needs to know of the device. */
static err_t netif_setup(struct netif *netif)
{
	struct uk_lwip_netif *ni = netif->state;

	netif->name[0] = 'e';
	netif->name[1] = 'n';
	netif->hwaddr_len = ETH_HWADDR_LEN;
	memcpy(netif->hwaddr, ni->info.mac, ETH_HWADDR_LEN);
	netif->mtu = ni->info.mtu;
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET | NETIF_FLAG_IGMP | NETIF_FLAG_MLD6;
	netif->output = etharp_output;
#if LWIP_IPV6
	netif->output_ip6 = ethip6_output;
#endif
	netif->linkoutput = tx_output;
	return ERR_OK;
}

/* Configure the device's queues and pools and start it. */
static int dev_start(struct uk_lwip_netif *ni)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev_conf c = { .nb_rx_queues = 1, .nb_tx_queues = 1 };
	struct uk_netdev_rxq_conf rc = { 0 };
	struct uk_netdev_txq_conf tc = { 0 };
	unsigned int nrx, ntx;
	int r;

	uk_netdev_info_get(ni->dev, &ni->info);
	nrx = ni->info.max_rx_desc;
	ntx = ni->info.max_tx_desc;
	ni->tx_max = ni->info.mtu + 18;	/* Ethernet header and a VLAN tag */
	ni->rxpool = uk_netdev_pool_create(a, nrx + RX_EXTRA_BUFS,
					   ni->info.rx_headroom +
					   ni->info.rx_min_room,
					   ni->info.rx_headroom,
					   sizeof(struct rx_pbuf));
	ni->txpool = uk_netdev_pool_create(a, ntx + TX_EXTRA_BUFS,
					   64 + ni->tx_max, 64, 0);
	if (!ni->rxpool || !ni->txpool)
		return -ENOMEM;
	ni->rx_low = RX_EXTRA_BUFS / 4;
	/* Checksums the device verified are not checked again (rx_wrap). */
	c.offloads = ni->info.offloads & UK_NETDEV_OFF_RX_CSUM;
	r = uk_netdev_configure(ni->dev, &c);
	if (r < 0)
		return r;
	rc.pool = ni->rxpool;
	rc.nb_desc = nrx;
	ni->polling = !ni->info.rx_intr;
	if (!ni->polling) {
		rc.callback = rx_ready;
		rc.arg = ni;
	}
	r = uk_netdev_rxq_configure(ni->dev, 0, &rc);
	if (r < 0)
		return r;
	tc.nb_desc = ntx;
	r = uk_netdev_txq_configure(ni->dev, 0, &tc);
	if (r < 0)
		return r;
	return uk_netdev_start(ni->dev);
}

int uk_lwip_netif_add(struct uk_lwip_netif *ni, struct uk_netdev *dev,
		      const ip4_addr_t *ip, const ip4_addr_t *mask,
		      const ip4_addr_t *gw)
{
	struct uk_thread_attr attr = { .stack_size = 16384,
				       .prio = UK_THREAD_PRIO_MAX - 4 };
	int r;

	ni->dev = dev;
	r = dev_start(ni);
	if (r < 0) {
		uk_pr_err("%s: cannot start the device: %d\n",
			  uk_netdev_name(dev), r);
		return r;
	}
	LOCK_TCPIP_CORE();
	if (!netif_add(&ni->netif, ip, mask, gw, ni, netif_setup,
		       ethernet_input)) {
		UNLOCK_TCPIP_CORE();
		return -ENOMEM;
	}
	if (!netif_default)
		netif_set_default(&ni->netif);
#if LWIP_IPV6
	netif_create_ip6_linklocal_address(&ni->netif, 1);
	netif_set_ip6_autoconfig_enabled(&ni->netif, 1);
#endif
	netif_set_up(&ni->netif);
	if (uk_netdev_link_up(dev))
		netif_set_link_up(&ni->netif);
	UNLOCK_TCPIP_CORE();

	ni->rx_thread = uk_sched_thread_create_attr("lwip-rx", &attr,
						    rx_thread, ni);
	if (uk_is_err(ni->rx_thread))
		return (int)uk_ptr_err(ni->rx_thread);
	return 0;
}
