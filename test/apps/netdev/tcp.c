/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The tcp check: checksum offload and TSO seen by a real TCP receiver.
 * One TCP connection by hand (RFC 9293, no retransmission: the path is
 * a host's network namespaces) from appnetdev.ip to
 * appnetdev.server:appnetdev.port through the gateway appnetdev.peer:
 * SYN, SYN-ACK, ACK, then appnetdev.bytes of a pattern the host's
 * server checks (test/cases/netdev-tcp.py), then FIN.
 *
 * Every data frame asks for a partial checksum (UK_NETBUF_F_CSUM_PARTIAL
 * with the pseudo-header sum in the field): the device fills it when
 * checksum offload is on, else the driver does. With TSO enabled the
 * data goes as one frame of up to 15 netbufs cut by the device into
 * MSS-sized segments; without it, the app sends MSS-sized segments.
 * test/cases/netdev.sh routes the frames through a veth whose
 * checksum offload and segmentation are off, so the receiver's kernel
 * verifies every checksum: a wrong one loses data and the check fails.
 *
 * appnetdev.tcp6=1: the same over IPv6 (fd00:9::2 to fd00:10::2, the
 * gateway's MAC from the IPv4 ARP check: one tap carries both), with
 * GSO_TCPV6 frames.
 *
 * Received frames: the TCP checksum is trusted when the device says it
 * is valid or partial (rx-csum enabled), else checked here; the counts
 * of each are printed.
 */
#include <stdio.h>
#include <string.h>
#include <uk/param.h>
#include <uk/plat/time.h>
#include "app.h"

static const char *server_s = "10.0.10.2";
static unsigned long port = 5001, sport = 40000, bytes = 40000, mss;
static int tcp6;
UK_PARAM(server, UK_PARAM_STR, &server_s, "tcp check: the server");
UK_PARAM(port, UK_PARAM_ULONG, &port, "tcp check: the server's port");
UK_PARAM(sport, UK_PARAM_ULONG, &sport, "tcp check: our port");
UK_PARAM(bytes, UK_PARAM_ULONG, &bytes, "tcp check: bytes to send");
UK_PARAM(mss, UK_PARAM_ULONG, &mss, "tcp check: bytes a segment (0: 1448, IPv6 1428)");
UK_PARAM(tcp6, UK_PARAM_BOOL, &tcp6, "tcp check: over IPv6");

#define SPORT sport
#define ISS 1000
#define TCP_FIN 0x01
#define TCP_SYN 0x02
#define TCP_PSH 0x08
#define TCP_ACK 0x10
#define ETH_IP6 0x86dd
#define L3 (tcp6 ? 40 : 20)		/* IP header bytes */
#define HDRS (ETH_HLEN + L3 + 20)

static const uint8_t ip6_me[16] = { 0xfd, 0, 0, 9, [15] = 2 };
static const uint8_t ip6_srv[16] = { 0xfd, 0, 0, 0x10, [15] = 2 };

static uint32_t server;
static uint32_t rcv_nxt, snd_una;	/* what we acknowledge / saw acked */
static int got_synack, got_fin;
static unsigned long rx_valid, rx_partial, rx_sw, rx_bad;

static uint8_t pattern(uint32_t k)
{
	return (uint8_t)(k * 131 + 7);
}

/* The pseudo-header sum (RFC 9293 3.1) folded, not inverted: what a
 * partial checksum's field holds. */
static uint16_t pseudo(uint32_t src, uint32_t dst, uint32_t tcplen)
{
	uint32_t s = (src >> 16) + (src & 0xffff) + (dst >> 16) +
		     (dst & 0xffff) + 6 + tcplen;
	unsigned int i;

	if (tcp6)	/* RFC 8200 8.1: 128-bit addresses, 32-bit length */
		for (i = 0, s = 6 + (tcplen >> 16) + (tcplen & 0xffff);
		     i < 16; i += 2)
			s += get16(ip6_me + i) + get16(ip6_srv + i);

	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)s;
}

/*
 * Send a segment: flags, seq, and len payload bytes from stream offset
 * off (seq - ISS - 1). gso: one frame the device cuts (TSO). The frame
 * is a chain of netbufs from txpool: headers and the first payload in
 * the first, the rest up to 1984 bytes each.
 */
static int tcp_send(uint8_t flags, uint32_t seq, uint32_t off, uint32_t len,
		    int gso)
{
	struct uk_netbuf *head, *nb, *last;
	uint32_t room, n, i, done = 0;
	uint8_t *f, *h, *t;
	int r;

	head = uk_netdev_buf_alloc(txpool);
	if (!head)
		return -1;
	f = head->data;
	memcpy(f, peer_mac, 6);
	memcpy(f + 6, info.mac, 6);
	h = f + ETH_HLEN;
	t = h + L3;
	if (tcp6) {
		put16(f + 12, ETH_IP6);
		put32(h, 0x60000000);
		put16(h + 4, 20 + len);
		h[6] = 6;
		h[7] = 64;
		memcpy(h + 8, ip6_me, 16);
		memcpy(h + 24, ip6_srv, 16);
	} else {
		put16(f + 12, ETH_IP);
		h[0] = 0x45;
		h[1] = 0;
		put16(h + 2, 40 + len);
		put16(h + 4, (uint16_t)seq);
		put16(h + 6, 0x4000);
		h[8] = 64;
		h[9] = 6;
		put16(h + 10, 0);
		put32(h + 12, ip);
		put32(h + 16, server);
		put16(h + 10, inet_csum(h, 20, 0));
	}
	put16(t, SPORT);
	put16(t + 2, port);
	put32(t + 4, seq);
	put32(t + 8, (flags & TCP_ACK) ? rcv_nxt : 0);
	t[12] = 5 << 4;
	t[13] = flags;
	put16(t + 14, 65535);
	put16(t + 16, pseudo(ip, server, 20 + len));
	put16(t + 18, 0);
	head->len = HDRS;
	head->flags = UK_NETBUF_F_CSUM_PARTIAL;
	head->csum_start = ETH_HLEN + L3;
	head->csum_offset = 16;
	if (gso) {
		head->flags |= tcp6 ? UK_NETBUF_F_GSO_TCPV6 :
				      UK_NETBUF_F_GSO_TCPV4;
		head->gso_size = mss;
		head->hdr_len = HDRS;
	}
	last = head;
	nb = head;
	while (done < len) {
		room = uk_netdev_buf_tailroom(nb);
		n = len - done < room ? len - done : room;
		for (i = 0; i < n; i++)
			((uint8_t *)nb->data)[nb->len + i] =
				pattern(off + done + i);
		nb->len += n;
		done += n;
		if (done < len) {
			nb = uk_netdev_buf_alloc(txpool);
			if (!nb) {
				uk_netdev_buf_free(head);
				return -1;
			}
			last->next = nb;
			last = nb;
		}
	}
	while ((r = uk_netdev_tx_burst(dev, 0, &head, 1)) == 0)
		;
	return r < 0 ? -1 : 0;
}

/* A frame from the server: checksum, then the connection's state. */
static void tcp_input(struct uk_netbuf *nb)
{
	static uint8_t flat[2048];
	const uint8_t *f = nb->data, *h, *t;
	uint32_t len = uk_netdev_buf_frame_len(nb), tot, tl;
	struct uk_netbuf *p;

	if (nb->next) {	/* chained (mergeable): flatten a copy */
		if (len > sizeof(flat))
			return;
		for (tot = 0, p = nb; p; tot += p->len, p = p->next)
			memcpy(flat + tot, p->data, p->len);
		f = flat;
	}
	h = f + ETH_HLEN;
	t = h + L3;
	if (len < HDRS || get16(t) != port || get16(t + 2) != SPORT)
		return;
	if (tcp6) {
		if (get16(f + 12) != ETH_IP6 || (h[0] >> 4) != 6 || h[6] != 6 ||
		    memcmp(h + 8, ip6_srv, 16) || memcmp(h + 24, ip6_me, 16))
			return;
		tot = 40 + get16(h + 4);
	} else {
		if (get16(f + 12) != ETH_IP || h[0] != 0x45 || h[9] != 6 ||
		    get32(h + 12) != server || get32(h + 16) != ip ||
		    !inet_csum_ok(h, 20))
			return;
		tot = get16(h + 2);
	}
	if (tot < (uint32_t)L3 + 20 || ETH_HLEN + tot > len)
		return;
	tl = tot - L3;
	if (nb->flags & UK_NETBUF_F_CSUM_VALID) {
		rx_valid++;
	} else if (nb->flags & UK_NETBUF_F_CSUM_PARTIAL) {
		rx_partial++;
	} else if (inet_csum(t, tl, pseudo(ip, server, tl)) == 0) {
		rx_sw++;
	} else {
		rx_bad++;
		return;
	}
	if ((t[13] & (TCP_SYN | TCP_ACK)) == (TCP_SYN | TCP_ACK) &&
	    get32(t + 8) == ISS + 1) {
		got_synack = 1;
		rcv_nxt = get32(t + 4) + 1;
		snd_una = ISS + 1;
		return;
	}
	if (t[13] & TCP_ACK) {
		uint32_t a = get32(t + 8);

		if ((int32_t)(a - snd_una) > 0)
			snd_una = a;
	}
	if ((t[13] & TCP_FIN) && got_synack) {
		rcv_nxt = get32(t + 4) + (tl - (t[12] >> 4) * 4) + 1;
		got_fin = 1;
	}
}

/* Take frames until *cond or ms passed; 1 when *cond, 0, -1 (error). */
static int tcp_wait(volatile int *cond, unsigned long ms)
{
	uint64_t deadline = ukplat_monotonic_ns() + ms * 1000000ULL;
	struct uk_netbuf *pkts[BURST];
	int n, i;

	while (!*cond && ukplat_monotonic_ns() < deadline) {
		n = uk_netdev_rx_burst(dev, 0, pkts, BURST);
		if (n < 0) {
			printf("tcp: rx_burst: %d\n", n);
			return -1;
		}
		for (i = 0; i < n; i++) {
			tcp_input(pkts[i]);
			uk_netdev_buf_free(pkts[i]);
		}
		if (n < BURST && !*cond)
			rx_wait(deadline);
	}
	return *cond;
}

static volatile int acked;

static int all_acked(uint32_t end)
{
	acked = (int32_t)(snd_una - end) >= 0;
	return acked;
}

int tcp_check(void)
{
	uint32_t end, off, n, seg;
	int tso, r, i;
	volatile int *c;

	if (!mss)
		mss = tcp6 ? 1428 : 1448;
	if ((!tcp6 && parse_ip(server_s, &server) < 0) ||
	    mss > (tcp6 ? 1440U : 1460U) ||
	    bytes > 60000) {
		printf("tcp: appnetdev.server=%s mss=%lu bytes=%lu: bad\n",
		       server_s, mss, bytes);
		return 1;
	}
	if (arp_check())
		return 1;
	for (i = 0; i < 5 && !got_synack; i++) {
		if (tcp_send(TCP_SYN, ISS, 0, 0, 0) < 0)
			return 1;
		c = &got_synack;
		if (tcp_wait(c, 1000) < 0)
			return 1;
	}
	if (!got_synack) {
		printf("tcp: no SYN-ACK from %s:%lu\n", server_s, port);
		return 1;
	}
	printf("tcp: connected\n");
	tso = !!(enabled & (tcp6 ? UK_NETDEV_OFF_TSO6 : UK_NETDEV_OFF_TSO4));
	/* With TSO: frames of up to 15 netbufs (1984 bytes each, less the
	 * headers in the first); without: one segment each. */
	seg = tso ? 15 * 1984 - HDRS : mss;
	if (tcp6)
		printf("tcp: over IPv6\n");
	for (off = 0; off < bytes; off += n) {
		n = bytes - off < seg ? bytes - off : seg;
		r = tcp_send(TCP_ACK | TCP_PSH, ISS + 1 + off, off, n,
			     tso && n > mss);
		if (r < 0) {
			printf("tcp: send failed at %u\n", off);
			return 1;
		}
	}
	end = ISS + 1 + bytes + 1;
	if (tcp_send(TCP_ACK | TCP_FIN, ISS + 1 + bytes, 0, 0, 0) < 0)
		return 1;
	{
		uint64_t deadline = ukplat_monotonic_ns() + 10000000000ULL;

		while (!all_acked(end) && ukplat_monotonic_ns() < deadline)
			if (tcp_wait(&acked, 100) < 0)
				return 1;
	}
	tcp_wait(&got_fin, 2000);
	if (got_fin)
		tcp_send(TCP_ACK, end, 0, 0, 0);
	n = snd_una - (ISS + 1);
	printf("tcp: %lu bytes in %s, %u acknowledged%s%s\n", bytes,
	       tso ? "TSO frames" : "segments", n > bytes ? (uint32_t)bytes : n,
	       all_acked(end) ? " and the FIN" : "",
	       got_fin ? ", server closed" : "");
	printf("tcp: rx checksums: %lu valid, %lu partial, %lu checked here, %lu bad\n",
	       rx_valid, rx_partial, rx_sw, rx_bad);
	return all_acked(end) ? 0 : 1;
}
