/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A DNS server for test_socket.c's getaddrinfo case, on lwIP's netconn
 * API in a thread of its own: on 127.0.0.1:53 it answers every A query
 * with 10.1.2.3 and anything else with no answer, until stopped.
 */
#include <string.h>

#include "lwip/opt.h"
#include "lwip/api.h"
#include "lwip/ip_addr.h"
#include "lwip/sys.h"

#include "test_dns.h"

static struct netconn *dns_conn;
static volatile int dns_answered;

/* The answer to the query q of len bytes, in a (room bytes): its
 * length, or 0 (not a query we understand). */
static u16_t answer(const u8_t *q, u16_t len, u8_t *a, u16_t room)
{
	u16_t i = 12, qend, n;
	int is_a;

	if (len < 17 || (q[2] & 0x80) || q[4] || q[5] != 1)
		return 0;
	while (i < len && q[i])
		i += q[i] + 1;
	if (i + 5 > len)
		return 0;
	qend = i + 5;
	is_a = q[i + 1] == 0 && q[i + 2] == 1;
	n = qend + (is_a ? 16 : 0);
	if (n > room)
		return 0;
	memcpy(a, q, qend);
	a[2] = 0x81;		/* response, recursion desired */
	a[3] = 0x80;		/* recursion available, no error */
	a[6] = 0;
	a[7] = is_a;		/* answers */
	memset(a + 8, 0, 4);
	if (is_a) {
		static const u8_t rr[16] = { 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60,
					     0, 4, 10, 1, 2, 3 };
		memcpy(a + qend, rr, sizeof(rr));
	}
	return n;
}

static void dns_thread(void *arg)
{
	struct netconn *c = arg;
	struct netbuf *in, *out;
	u8_t q[512], a[512];
	u16_t len, n;

	while (netconn_recv(c, &in) == ERR_OK) {
		len = netbuf_copy(in, q, sizeof(q));
		n = answer(q, len, a, sizeof(a));
		if (n) {
			out = netbuf_new();
			netbuf_ref(out, a, n);
			netconn_sendto(c, out, netbuf_fromaddr(in),
				       netbuf_fromport(in));
			netbuf_delete(out);
			dns_answered++;
		}
		netbuf_delete(in);
	}
}

int uk_lwip_test_dns_start(void)
{
	ip_addr_t lo;

	IP_ADDR4(&lo, 127, 0, 0, 1);
	dns_conn = netconn_new(NETCONN_UDP);
	if (!dns_conn || netconn_bind(dns_conn, &lo, 53) != ERR_OK)
		return -1;
	dns_answered = 0;
	sys_thread_new("dns", dns_thread, dns_conn, 0, 16);
	return 0;
}

int uk_lwip_test_dns_answered(void)
{
	return dns_answered;
}

