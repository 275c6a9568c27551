/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The interface on a real device (test/cases/lwip.sh boots these with
 * QEMU user networking): an IPv4 address and gateway (from DHCP or
 * netdev.*), the link up, ICMP echo to the gateway answered and its
 * ARP entry learnt, and, with lwip.test_peer=a.b.c.d:port (a host echo
 * server the test started; user-net's 10.0.2.2 is the host's
 * 127.0.0.1), a TCP echo and a UDP round trip with it, and IPv6 by
 * SLAAC from user-net's router (ping of fec0::2). Without a device
 * (or a peer) the cases SKIP, saying so.
 */
#include <stdlib.h>
#include <string.h>
#include <uk/param.h>
#include <uk/test.h>

#include "lwip/opt.h"
#include "lwip/api.h"
#include "lwip/etharp.h"
#include "lwip/icmp.h"
#include "lwip/prot/icmp6.h"
#include "lwip/prot/ip6.h"
#include "lwip/raw.h"
#include "lwip/inet_chksum.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/prot/ip.h"
#include "lwip/prot/ip4.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

static const char *test_peer;
UK_PARAM(test_peer, UK_PARAM_STR, &test_peer,
	 "tests: a.b.c.d:port of a TCP and UDP echo server to talk to");

/* The first interface on a device (not loopback), or NULL. */
static struct netif *dev_netif(void)
{
	struct netif *n;

	NETIF_FOREACH(n)
		if (n->name[0] == 'e' && n->name[1] == 'n')
			return n;
	return NULL;
}

UK_TESTCASE(lwip, netif_has_address_and_link)
{
	struct netif *n = dev_netif();

	if (!n)
		UK_TEST_SKIP("no network device");
	UK_TEST_EXPECT(netif_is_up(n));
	UK_TEST_EXPECT(netif_is_link_up(n));
	UK_TEST_EXPECT(!ip4_addr_isany_val(*netif_ip4_addr(n)));
	UK_TEST_EXPECT(!ip4_addr_isany_val(*netif_ip4_gw(n)));
	UK_TEST_EXPECT_PTR_EQ(netif_default, n);
#if LWIP_IPV6
	UK_TEST_EXPECT(ip6_addr_isvalid(netif_ip6_addr_state(n, 0)) ||
		       ip6_addr_istentative(netif_ip6_addr_state(n, 0)));
#endif
}

/* Send one ICMP echo request to dst on a raw netconn and wait for the
 * reply with our id, sequence and payload: 1 when it came. */
static int ping(const ip_addr_t *dst, u16_t seq)
{
	static const char payload[] = "unikit lwip ping payload";
	struct netconn *c = netconn_new_with_proto_and_callback(NETCONN_RAW,
							IP_PROTO_ICMP, NULL);
	struct netbuf *out, *in;
	struct icmp_echo_hdr *h;
	char pkt[sizeof(*h) + sizeof(payload)], got[128];
	u16_t len;
	int ok = 0, tries;

	if (!c)
		return 0;
	netconn_set_recvtimeout(c, 1000);
	h = (struct icmp_echo_hdr *)pkt;
	memset(pkt, 0, sizeof(pkt));
	ICMPH_TYPE_SET(h, ICMP_ECHO);
	h->id = lwip_htons(0x554b);
	h->seqno = lwip_htons(seq);
	memcpy(pkt + sizeof(*h), payload, sizeof(payload));
	h->chksum = inet_chksum(pkt, sizeof(pkt));
	out = netbuf_new();
	netbuf_ref(out, pkt, sizeof(pkt));
	for (tries = 0; tries < 5 && !ok; tries++) {
		if (netconn_sendto(c, out, dst, 0) != ERR_OK)
			break;
		while (!ok && netconn_recv(c, &in) == ERR_OK) {
			/* A raw ICMP netconn gets the IP header too. */
			len = netbuf_copy(in, got, sizeof(got));
			netbuf_delete(in);
			if (len >= IP_HLEN + sizeof(pkt)) {
				h = (struct icmp_echo_hdr *)(got + IP_HLEN);
				ok = ICMPH_TYPE(h) == ICMP_ER &&
				     h->id == lwip_htons(0x554b) &&
				     h->seqno == lwip_htons(seq) &&
				     !memcmp(got + IP_HLEN + sizeof(*h), payload,
					     sizeof(payload));
			}
		}
	}
	netbuf_delete(out);
	netconn_delete(c);
	return ok;
}

UK_TESTCASE(lwip, ping_gateway_and_arp_entry)
{
	struct netif *n = dev_netif();
	struct eth_addr *mac;
	const ip4_addr_t *ip;
	ip_addr_t gw;
	ssize_t r;

	if (!n || ip4_addr_isany_val(*netif_ip4_gw(n)))
		UK_TEST_SKIP("no network device with a gateway");
	ip_addr_copy_from_ip4(gw, *netif_ip4_gw(n));
	UK_TEST_EXPECT(ping(&gw, 1));
	UK_TEST_EXPECT(ping(&gw, 2));
	LOCK_TCPIP_CORE();
	r = etharp_find_addr(n, netif_ip4_gw(n), &mac, &ip);
	UNLOCK_TCPIP_CORE();
	UK_TEST_EXPECT_INT_GE(r, 0);
}

/* lwip.test_peer= as an address and port: 0, or -1 (SKIP). */
static int peer(ip_addr_t *a, u16_t *port)
{
	char host[32];
	const char *colon = test_peer ? strchr(test_peer, ':') : NULL;
	size_t n;

	if (!colon || !dev_netif())
		return -1;
	n = (size_t)(colon - test_peer);
	if (n >= sizeof(host))
		return -1;
	memcpy(host, test_peer, n);
	host[n] = '\0';
	*port = (u16_t)atoi(colon + 1);
	return ipaddr_aton(host, a) && *port ? 0 : -1;
}

#define PEER_BYTES (64 * 1024)

static unsigned char peer_pattern(size_t i)
{
	return (unsigned char)((i * 13) ^ (i >> 8));
}

UK_TESTCASE(lwip, tcp_echo_with_host)
{
	static unsigned char buf[PEER_BYTES];
	struct netconn *c;
	struct netbuf *nb;
	size_t got = 0, i;
	ip_addr_t a;
	u16_t port, len;
	void *data;
	int bad = 0;

	if (peer(&a, &port) < 0)
		UK_TEST_SKIP("no lwip.test_peer=a.b.c.d:port");
	for (i = 0; i < PEER_BYTES; i++)
		buf[i] = peer_pattern(i);
	c = netconn_new(NETCONN_TCP);
	UK_TEST_ASSERT_NOT_NULL(c);
	netconn_set_recvtimeout(c, 10000);
	UK_TEST_ASSERT_INT_EQ(netconn_connect(c, &a, port), ERR_OK);
	UK_TEST_EXPECT_INT_EQ(netconn_write(c, buf, PEER_BYTES, NETCONN_COPY),
			      ERR_OK);
	while (got < PEER_BYTES && !bad && netconn_recv(c, &nb) == ERR_OK) {
		do {
			netbuf_data(nb, &data, &len);
			for (i = 0; i < len && !bad; i++, got++)
				bad = ((unsigned char *)data)[i] != peer_pattern(got);
		} while (!bad && netbuf_next(nb) >= 0);
		netbuf_delete(nb);
	}
	UK_TEST_EXPECT_INT_EQ(bad, 0);
	UK_TEST_EXPECT_UINT_EQ(got, PEER_BYTES);
	netconn_close(c);
	netconn_delete(c);
}

UK_TESTCASE(lwip, udp_roundtrip_with_host)
{
	static const char msg[] = "unikit udp round trip";
	struct netconn *c;
	struct netbuf *out, *in = NULL;
	char got[64];
	ip_addr_t a;
	u16_t port, len = 0;
	int tries;

	if (peer(&a, &port) < 0)
		UK_TEST_SKIP("no lwip.test_peer=a.b.c.d:port");
	c = netconn_new(NETCONN_UDP);
	UK_TEST_ASSERT_NOT_NULL(c);
	netconn_set_recvtimeout(c, 2000);
	out = netbuf_new();
	netbuf_ref(out, msg, sizeof(msg));
	/* UDP may drop: a few tries, each waiting 2 s for the echo. */
	for (tries = 0; tries < 3 && !in; tries++) {
		UK_TEST_EXPECT_INT_EQ(netconn_sendto(c, out, &a, port), ERR_OK);
		if (netconn_recv(c, &in) != ERR_OK)
			in = NULL;
	}
	UK_TEST_ASSERT_NOT_NULL(in);
	len = netbuf_copy(in, got, sizeof(got));
	UK_TEST_EXPECT_UINT_EQ(len, sizeof(msg));
	UK_TEST_EXPECT_MEM_EQ(got, msg, sizeof(msg));
	netbuf_delete(in);
	netbuf_delete(out);
	netconn_delete(c);
}

#if LWIP_IPV6
/* Send one ICMPv6 echo request to dst on a raw netconn; 1 when the
 * reply came (a raw ICMPv6 netconn gets the ICMPv6 message only). */
static int ping6(const ip_addr_t *dst, u16_t seq)
{
	struct netconn *c = netconn_new_with_proto_and_callback(NETCONN_RAW_IPV6,
							IP6_NEXTH_ICMP6, NULL);
	struct icmp6_echo_hdr *h;
	struct netbuf *out, *in;
	char pkt[sizeof(*h) + 8], got[64];
	int ok = 0, tries;
	u16_t len;

	if (!c)
		return 0;
	netconn_set_recvtimeout(c, 1000);
	memset(pkt, 0, sizeof(pkt));
	h = (struct icmp6_echo_hdr *)pkt;
	h->type = ICMP6_TYPE_EREQ;
	h->id = lwip_htons(0x554b);
	h->seqno = lwip_htons(seq);
	memcpy(pkt + sizeof(*h), "unikit6", 8);
	/* lwIP fills the ICMPv6 checksum (it covers the pseudo-header). */
	out = netbuf_new();
	netbuf_ref(out, pkt, sizeof(pkt));
	for (tries = 0; tries < 5 && !ok; tries++) {
		if (netconn_sendto(c, out, dst, 0) != ERR_OK)
			break;
		while (!ok && netconn_recv(c, &in) == ERR_OK) {
			len = netbuf_copy(in, got, sizeof(got));
			netbuf_delete(in);
			/* With or without the IPv6 header in front. */
			h = (struct icmp6_echo_hdr *)(got[0] >> 4 == 6 &&
				len >= IP6_HLEN + sizeof(pkt) ? got + IP6_HLEN : got);
			ok = len >= sizeof(pkt) && h->type == ICMP6_TYPE_EREP &&
			     h->seqno == lwip_htons(seq);
		}
	}
	netbuf_delete(out);
	netconn_delete(c);
	return ok;
}
#endif

/* QEMU user networking advertises fec0::/64 with a router at fec0::2:
 * an address from SLAAC, and the router answers ICMPv6 echo. */
UK_TESTCASE(lwip, ipv6_slaac_address_and_ping_router)
{
#if LWIP_IPV6
	struct netif *n = dev_netif();
	ip_addr_t router;
	int i, j, got = -1;

	if (!n || !test_peer)
		UK_TEST_SKIP("no network device on user-net (lwip.test_peer=)");
	for (i = 0; i < 100 && got < 0; i++) {
		for (j = 1; j < LWIP_IPV6_NUM_ADDRESSES; j++)
			if (ip6_addr_isvalid(netif_ip6_addr_state(n, j)) &&
			    !ip6_addr_islinklocal(netif_ip6_addr(n, j)))
				got = j;
		if (got < 0)
			sys_msleep(100);
	}
	UK_TEST_ASSERT_INT_GE(got, 1);
	UK_TEST_ASSERT(ipaddr_aton("fec0::2", &router));
	UK_TEST_EXPECT(ping6(&router, 1));
#else
	UK_TEST_SKIP("IPv6 is off (CONFIG_LIBLWIP_IPV6)");
#endif
}
