/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TCP initial sequence numbers (isn.c): SipHash-2-4 against the
 * reference vectors of its authors (key 00..0f, message 00..len-1), and
 * RFC 6528's two properties: one connection's ports move forward with
 * time, other ports start elsewhere.
 */
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/test.h>

#include "lwip/opt.h"
#include "lwip/ip_addr.h"
#include "../port/uk_lwip_hooks.h"
#include "../isn.h"

UK_TESTCASE(lwip, siphash24_reference_vectors)
{
	uint8_t k[16], m[15];
	unsigned int i;

	for (i = 0; i < 16; i++)
		k[i] = (uint8_t)i;
	for (i = 0; i < 15; i++)
		m[i] = (uint8_t)i;
	UK_TEST_EXPECT(uk_lwip_siphash24(k, m, 0) == 0x726fdb47dd0e0e31ULL);
	UK_TEST_EXPECT(uk_lwip_siphash24(k, m, 1) == 0x74f839c593dc67fdULL);
	UK_TEST_EXPECT(uk_lwip_siphash24(k, m, 15) == 0xa129ca6149be45e5ULL);
}

UK_TESTCASE(lwip, tcp_isn_moves_forward_per_connection)
{
	ip_addr_t a = IPADDR4_INIT_BYTES(10, 0, 2, 15);
	ip_addr_t b = IPADDR4_INIT_BYTES(10, 0, 2, 2);
	u32_t first, again, other;
	int32_t step;

	first = uk_lwip_tcp_isn(&a, 80, &b, 40000);
	uk_sched_sleep_ns(2000000);		/* 2 ms: 500 ticks of 4 us */
	again = uk_lwip_tcp_isn(&a, 80, &b, 40000);
	other = uk_lwip_tcp_isn(&a, 80, &b, 40001);
	step = (int32_t)(again - first);
	UK_TEST_EXPECT_INT_GE(step, 500);
	UK_TEST_EXPECT_INT_LT(step, 1 << 30);
	UK_TEST_EXPECT((int32_t)(other - again) > 1 << 20 ||
		       (int32_t)(other - again) < -(1 << 20));
}
