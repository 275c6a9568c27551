/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Frames for the netdev checks: ARP (RFC 826) and ICMP echo (RFC 792)
 * for QEMU user networking's 10.0.2.2, and the echo frames of
 * test/cases/netdev-echo.py. Everything checks what it parses.
 */
#include <string.h>
#include "frames.h"

uint16_t inet_csum(const uint8_t *p, uint32_t len, uint32_t sum)
{
	uint32_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += get16(p + i);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

int inet_csum_ok(const uint8_t *p, uint32_t len)
{
	return inet_csum(p, len, 0) == 0;
}

static void eth(uint8_t *f, const uint8_t *dst, const uint8_t *src,
		uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
}

unsigned int arp_request(uint8_t *f, const uint8_t mac[6], uint32_t ip,
			 uint32_t target)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	uint8_t *a = f + ETH_HLEN;

	eth(f, bcast, mac, ETH_ARP);
	put16(a, 1);		/* Ethernet */
	put16(a + 2, ETH_IP);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, 1);	/* request */
	memcpy(a + 8, mac, 6);
	put32(a + 14, ip);
	memset(a + 18, 0, 6);
	put32(a + 24, target);
	memset(a + 28, 0, 60 - ETH_HLEN - 28);	/* pad to 60 bytes */
	return 60;
}

int arp_reply(const uint8_t *f, unsigned int len, uint32_t ip,
	      uint32_t target, uint8_t mac_out[6])
{
	const uint8_t *a = f + ETH_HLEN;

	if (len < ETH_HLEN + 28 || get16(f + 12) != ETH_ARP ||
	    get16(a) != 1 || get16(a + 2) != ETH_IP || a[4] != 6 ||
	    a[5] != 4 || get16(a + 6) != 2 || get32(a + 14) != target ||
	    get32(a + 24) != ip)
		return 0;
	memcpy(mac_out, a + 8, 6);
	return 1;
}

unsigned int icmp_echo(uint8_t *f, const uint8_t mac[6],
		       const uint8_t dst[6], uint32_t ip, uint32_t peer,
		       uint16_t id, uint16_t seq, unsigned int payload)
{
	uint8_t *h = f + ETH_HLEN, *c = h + 20;
	unsigned int i;

	eth(f, dst, mac, ETH_IP);
	h[0] = 0x45;
	h[1] = 0;
	put16(h + 2, 20 + 8 + payload);
	put16(h + 4, seq);	/* identification */
	put16(h + 6, 0x4000);	/* don't fragment */
	h[8] = 64;
	h[9] = 1;		/* ICMP */
	put16(h + 10, 0);
	put32(h + 12, ip);
	put32(h + 16, peer);
	put16(h + 10, inet_csum(h, 20, 0));
	c[0] = 8;		/* echo request */
	c[1] = 0;
	put16(c + 2, 0);
	put16(c + 4, id);
	put16(c + 6, seq);
	for (i = 0; i < payload; i++)
		c[8 + i] = (uint8_t)(seq + i);
	put16(c + 2, inet_csum(c, 8 + payload, 0));
	return ETH_HLEN + 20 + 8 + payload;
}

int icmp_reply(const uint8_t *f, unsigned int len, uint32_t ip,
	       uint32_t peer, uint16_t id, uint16_t *seq_out,
	       unsigned int payload)
{
	const uint8_t *h = f + ETH_HLEN, *c = h + 20;
	unsigned int i, tot;
	uint16_t seq;

	if (len < ETH_HLEN + 28 || get16(f + 12) != ETH_IP || h[0] != 0x45 ||
	    h[9] != 1 || get32(h + 12) != peer || get32(h + 16) != ip ||
	    !inet_csum_ok(h, 20))
		return 0;
	tot = get16(h + 2);
	if (tot != 28 + payload || ETH_HLEN + tot > len || c[0] != 0 ||
	    get16(c + 4) != id || !inet_csum_ok(c, tot - 20))
		return 0;
	seq = get16(c + 6);
	for (i = 0; i < payload; i++)
		if (c[8 + i] != (uint8_t)(seq + i))
			return 0;
	*seq_out = seq;
	return 1;
}

void echo_frame(uint8_t *f, const uint8_t mac[6], uint32_t seq,
		unsigned int len)
{
	static const uint8_t host[6] = { 0x02, 0, 0, 0, 0, 0xfe };
	unsigned int i;

	eth(f, host, mac, ETH_ECHO);
	put32(f + ETH_HLEN, seq);
	put16(f + ETH_HLEN + 4, len);
	for (i = ECHO_HLEN; i < len; i++)
		f[i] = echo_byte(seq, i);
}
