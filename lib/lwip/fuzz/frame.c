/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target lwip-frame (support/scripts/fuzz): Ethernet frames into
 * the interface input path (ethernet_input: ARP, IPv4 with reassembly,
 * ICMP, UDP, TCP, DHCP's client, IPv6 with ND, MLD and fragments), on
 * the host, lwIP from the pinned Debian source as the build fetches it,
 * patched the same way. An input is a sequence of frames, each a 2-byte
 * big-endian length and that many bytes. The stack answers as it would
 * (a TCP listener on port 80 that reads everything, a UDP echo on port
 * 7, DHCP running); what it sends is dropped. After each input every
 * connection is aborted and the clock is run on by two minutes, so
 * an input starts from the same state and a saved crash reproduces.
 * lwIP's own assertions abort; ASan and UBSan watch the rest.
 */
// fuzz-deb: LIBLWIP
// fuzz-max-len: 16384
// fuzz-runs: 10000
// fuzz-srcs: @/src/core/init.c @/src/core/def.c @/src/core/dns.c @/src/core/inet_chksum.c @/src/core/ip.c @/src/core/mem.c @/src/core/memp.c @/src/core/netif.c @/src/core/pbuf.c @/src/core/raw.c @/src/core/stats.c @/src/core/sys.c @/src/core/tcp.c @/src/core/tcp_in.c @/src/core/tcp_out.c @/src/core/timeouts.c @/src/core/udp.c @/src/core/ipv4/dhcp.c @/src/core/ipv4/etharp.c @/src/core/ipv4/icmp.c @/src/core/ipv4/ip4.c @/src/core/ipv4/ip4_addr.c @/src/core/ipv4/ip4_frag.c @/src/core/ipv6/ethip6.c @/src/core/ipv6/icmp6.c @/src/core/ipv6/inet6.c @/src/core/ipv6/ip6.c @/src/core/ipv6/ip6_addr.c @/src/core/ipv6/ip6_frag.c @/src/core/ipv6/mld6.c @/src/core/ipv6/nd6.c @/src/netif/ethernet.c
// fuzz-cflags: -Ihost -I@/src/include -Wno-error -Wno-unused-parameter -Wno-sign-compare -Wno-missing-field-initializers
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/init.h"
#include "lwip/etharp.h"
#include "lwip/dhcp.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"
#include "netif/ethernet.h"
#if LWIP_IPV6
#include "lwip/ethip6.h"
#endif

static u32_t now_ms;
static struct netif nif;

u32_t sys_now(void)
{
	return now_ms;
}

static err_t drop_output(struct netif *n, struct pbuf *p)
{
	(void)n;
	(void)p;
	return ERR_OK;
}

static err_t nif_setup(struct netif *n)
{
	static const u8_t mac[6] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };

	n->name[0] = 'e';
	n->name[1] = 'n';
	n->hwaddr_len = 6;
	memcpy(n->hwaddr, mac, 6);
	n->mtu = 1500;
	n->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		   NETIF_FLAG_ETHERNET | NETIF_FLAG_MLD6;
	n->output = etharp_output;
#if LWIP_IPV6
	n->output_ip6 = ethip6_output;
#endif
	n->linkoutput = drop_output;
	return ERR_OK;
}

static err_t srv_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	(void)arg;
	(void)err;
	if (!p) {
		tcp_close(pcb);
		return ERR_OK;
	}
	tcp_recved(pcb, p->tot_len);
	/* Answer something, so the output path runs too. */
	tcp_write(pcb, "HTTP/1.1 200 OK\r\n\r\n", 19, TCP_WRITE_FLAG_COPY);
	pbuf_free(p);
	return ERR_OK;
}

static err_t srv_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	if (err != ERR_OK || !pcb)
		return ERR_VAL;
	tcp_recv(pcb, srv_recv);
	return ERR_OK;
}

static void udp_echo(void *arg, struct udp_pcb *pcb, struct pbuf *p,
		     const ip_addr_t *addr, u16_t port)
{
	(void)arg;
	udp_sendto(pcb, p, addr, port);
	pbuf_free(p);
}

static void setup(void)
{
	ip4_addr_t ip, mask, gw;
	struct tcp_pcb *l;
	struct udp_pcb *u;

	lwip_init();
	IP4_ADDR(&ip, 10, 0, 2, 15);
	IP4_ADDR(&mask, 255, 255, 255, 0);
	IP4_ADDR(&gw, 10, 0, 2, 2);
	netif_add(&nif, &ip, &mask, &gw, NULL, nif_setup, ethernet_input);
	netif_set_default(&nif);
	netif_set_up(&nif);
	netif_set_link_up(&nif);
#if LWIP_IPV6
	netif_create_ip6_linklocal_address(&nif, 1);
	netif_set_ip6_autoconfig_enabled(&nif, 1);
#endif
	l = tcp_new_ip_type(IPADDR_TYPE_ANY);
	tcp_bind(l, IP_ANY_TYPE, 80);
	l = tcp_listen_with_backlog(l, 4);
	tcp_accept(l, srv_accept);
	u = udp_new_ip_type(IPADDR_TYPE_ANY);
	udp_bind(u, IP_ANY_TYPE, 7);
	udp_recv(u, udp_echo, NULL);
}

/* Back to the state after setup: no connection, nothing learnt, every
 * timer (reassembly, ARP, ND, TIME_WAIT) run out. */
static void reset(void)
{
	int i;

	while (tcp_active_pcbs)
		tcp_abort(tcp_active_pcbs);
	while (tcp_tw_pcbs)
		tcp_abort(tcp_tw_pcbs);
	etharp_cleanup_netif(&nif);
	for (i = 0; i < 130; i++) {
		now_ms += 1000;
		sys_check_timeouts();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct pbuf *p;
	size_t len;

	if (!ready) {
		setup();
		ready = 1;
	}
	while (size >= 2) {
		len = (size_t)data[0] << 8 | data[1];
		data += 2;
		size -= 2;
		if (len > size)
			len = size;
		p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
		if (p) {
			pbuf_take(p, data, (u16_t)len);
			if (nif.input(p, &nif) != ERR_OK)
				pbuf_free(p);
		}
		data += len;
		size -= len;
		now_ms += 10;
		sys_check_timeouts();
	}
	reset();
	return 0;
}
