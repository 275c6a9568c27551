/* SPDX-License-Identifier: BSD-3-Clause */
/* netdev test app: frames built and parsed by hand (no network stack). */
#ifndef APPNETDEV_FRAMES_H
#define APPNETDEV_FRAMES_H

#include <stdint.h>

#define ETH_HLEN	14
#define ETH_ARP		0x0806
#define ETH_IP		0x0800
#define ETH_ECHO	0x88b5	/* IEEE local experimental: the host echo */
#define ECHO_HLEN	(ETH_HLEN + 6)	/* + seq (4), length (2) */

static inline void put16(uint8_t *p, uint16_t v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, v >> 16);
	put16(p + 2, v);
}

static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)get16(p) << 16 | get16(p + 2);
}

/* The Internet checksum of len bytes (RFC 1071), starting from sum. */
uint16_t inet_csum(const uint8_t *p, uint32_t len, uint32_t sum);
/* 1 when len bytes check out to 0 (a header with its checksum). */
int inet_csum_ok(const uint8_t *p, uint32_t len);

/* Each writes a frame at f and returns its length. */
unsigned int arp_request(uint8_t *f, const uint8_t mac[6], uint32_t ip,
			 uint32_t target);
unsigned int icmp_echo(uint8_t *f, const uint8_t mac[6],
		       const uint8_t dst[6], uint32_t ip, uint32_t peer,
		       uint16_t id, uint16_t seq, unsigned int payload);
/* Echo frame seq of len bytes (>= ECHO_HLEN): a pattern the host's
 * echo script inverts (each pattern byte XOR 0x5a). */
void echo_frame(uint8_t *f, const uint8_t mac[6], uint32_t seq,
		unsigned int len);
/* The byte at off (>= ECHO_HLEN) of echo frame seq, as sent. */
static inline uint8_t echo_byte(uint32_t seq, unsigned int off)
{
	return (uint8_t)(seq * 7 + off);
}

/* Parsers: 1 when f (len bytes) is the answer, else 0. */
int arp_reply(const uint8_t *f, unsigned int len, uint32_t ip,
	      uint32_t target, uint8_t mac_out[6]);
int icmp_reply(const uint8_t *f, unsigned int len, uint32_t ip,
	       uint32_t peer, uint16_t id, uint16_t *seq_out,
	       unsigned int payload);

#endif
