/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TCP initial sequence numbers as RFC 6528 has them: ISN = M + F, M a
 * clock that ticks every 4 us, F a keyed hash (SipHash-2-4) of the
 * connection's addresses and ports under 128 bits drawn from ukrandom
 * on first use. lwIP's own (a counter plus its slow-timer ticks) can be
 * guessed from one connection by anyone who wants to inject into
 * another, and a new connection on the ports of one in TIME-WAIT may
 * start below where the old one ended: reopening TIME-WAIT on a new SYN
 * (patch 0002) needs it past that end, which this gives for any
 * connection that moved fewer than 250,000 bytes per second of its life
 * (the same rule as on BSD and Linux).
 */
#include <string.h>
#include <uk/assert.h>
#include <uk/plat/time.h>
#include <uk/random.h>

#include "lwip/opt.h"
#include "lwip/ip_addr.h"
#include "uk_lwip_hooks.h"
#include "isn.h"

#define ROTL(x, b)	(uint64_t)(((x) << (b)) | ((x) >> (64 - (b))))

static uint64_t le64(const uint8_t *p)
{
	uint64_t w = 0;
	int i;

	for (i = 7; i >= 0; i--)
		w = w << 8 | p[i];
	return w;
}

static void sipround(uint64_t v[4])
{
	v[0] += v[1]; v[1] = ROTL(v[1], 13); v[1] ^= v[0]; v[0] = ROTL(v[0], 32);
	v[2] += v[3]; v[3] = ROTL(v[3], 16); v[3] ^= v[2];
	v[0] += v[3]; v[3] = ROTL(v[3], 21); v[3] ^= v[0];
	v[2] += v[1]; v[1] = ROTL(v[1], 17); v[1] ^= v[2]; v[2] = ROTL(v[2], 32);
}

uint64_t uk_lwip_siphash24(const uint8_t k[16], const void *m, size_t len)
{
	const uint8_t *p = m;
	uint64_t k0 = le64(k), k1 = le64(k + 8), w;
	uint64_t v[4] = { k0 ^ 0x736f6d6570736575ULL, k1 ^ 0x646f72616e646f6dULL,
			  k0 ^ 0x6c7967656e657261ULL, k1 ^ 0x7465646279746573ULL };
	size_t i, end = len & ~(size_t)7;

	for (i = 0; i < end; i += 8) {
		w = le64(p + i);
		v[3] ^= w;
		sipround(v);
		sipround(v);
		v[0] ^= w;
	}
	w = (uint64_t)len << 56;
	for (i = 0; i < (len & 7); i++)
		w |= (uint64_t)p[end + i] << (8 * i);
	v[3] ^= w;
	sipround(v);
	sipround(v);
	v[0] ^= w;
	v[2] ^= 0xff;
	for (i = 0; i < 4; i++)
		sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

/* The address's bytes (4 or 16) at p: what identifies it, never the
 * padding of an ip_addr_t. */
static size_t addr_bytes(const ip_addr_t *a, uint8_t *p)
{
#if LWIP_IPV6
	if (IP_IS_V6(a)) {
		memcpy(p, ip_2_ip6(a)->addr, 16);
		return 16;
	}
#endif
	memcpy(p, &ip_2_ip4(a)->addr, 4);
	return 4;
}

/* Called under the core lock (tcp_connect, a SYN for a listener). */
u32_t uk_lwip_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		      const ip_addr_t *remote_ip, u16_t remote_port)
{
	static uint8_t key[16];
	static int keyed;
	uint8_t m[2 * 16 + 4];
	size_t n;

	if (!keyed) {
		if (uk_random_fill(key, sizeof(key)) < 0)
			UK_CRASH("lwIP: no random numbers for TCP sequence numbers (ukrandom)");
		keyed = 1;
	}
	n = addr_bytes(local_ip, m);
	n += addr_bytes(remote_ip, m + n);
	memcpy(m + n, &local_port, 2);
	memcpy(m + n + 2, &remote_port, 2);
	n += 4;
	return (u32_t)(ukplat_monotonic_ns() / 4000) +
	       (u32_t)uk_lwip_siphash24(key, m, n);
}
