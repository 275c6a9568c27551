/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The stack itself, without a device: TCP and UDP between two threads
 * over the loopback interface (127.0.0.1 and ::1) through the netconn
 * API, so the tcpip thread, the core lock, the timers and the pools
 * all take part. The server side runs in a thread of its own.
 */
#include <string.h>
#include <uk/test.h>

#include "lwip/opt.h"
#include "lwip/api.h"
#include "lwip/ip_addr.h"
#include "lwip/sys.h"

#define ECHO_BYTES (256 * 1024)
#define ECHO_CHUNK (16 * 1024)

struct echo_server {
	struct netconn *listener;
	sys_sem_t done;
	size_t echoed;
	err_t err;
};

/* Accept one connection and send back everything it receives. */
static void echo_thread(void *arg)
{
	struct echo_server *s = arg;
	struct netconn *c;
	struct netbuf *nb;
	void *data;
	u16_t len;

	s->err = netconn_accept(s->listener, &c);
	if (s->err == ERR_OK) {
		while ((s->err = netconn_recv(c, &nb)) == ERR_OK) {
			do {
				netbuf_data(nb, &data, &len);
				s->err = netconn_write(c, data, len, NETCONN_COPY);
				s->echoed += len;
			} while (s->err == ERR_OK && netbuf_next(nb) >= 0);
			netbuf_delete(nb);
			if (s->err != ERR_OK)
				break;
		}
		netconn_close(c);
		netconn_delete(c);
	}
	sys_sem_signal(&s->done);
}

static unsigned char pattern(size_t i)
{
	return (unsigned char)(i * 7 + (i >> 9));
}

/* Connect to addr:port, send ECHO_BYTES, read them back; returns how
 * many came back equal to what was sent. */
static size_t echo_roundtrip(const ip_addr_t *addr, u16_t port, int type)
{
	static unsigned char buf[ECHO_BYTES];
	struct echo_server s = { 0 };
	struct netconn *c;
	struct netbuf *nb;
	size_t got = 0, sent, i;
	int bad;
	void *data;
	u16_t len;

	for (i = 0; i < ECHO_BYTES; i++)
		buf[i] = pattern(i);
	sys_sem_new(&s.done, 0);
	s.listener = netconn_new(type);
	if (!s.listener || netconn_bind(s.listener, addr, port) != ERR_OK ||
	    netconn_listen(s.listener) != ERR_OK)
		return 0;
	sys_thread_new("echo", echo_thread, &s, 0, 16);

	/* Send a chunk, then read its echo: neither side ever waits in a
	 * write for a reader that is itself waiting in a write. */
	c = netconn_new(type);
	if (netconn_connect(c, addr, port) != ERR_OK)
		goto out;
	for (sent = 0; sent < ECHO_BYTES && got == sent; ) {
		if (netconn_write(c, buf + sent, ECHO_CHUNK, NETCONN_COPY) != ERR_OK)
			break;
		sent += ECHO_CHUNK;
		while (got < sent && netconn_recv(c, &nb) == ERR_OK) {
			bad = 0;
			do {
				netbuf_data(nb, &data, &len);
				for (i = 0; i < len && !bad; i++, got++)
					bad = ((unsigned char *)data)[i] != pattern(got);
			} while (!bad && netbuf_next(nb) >= 0);
			netbuf_delete(nb);
			if (bad) {
				got--;
				goto out;
			}
		}
	}
out:
	netconn_close(c);
	netconn_delete(c);
	sys_arch_sem_wait(&s.done, 5000);
	netconn_delete(s.listener);
	sys_sem_free(&s.done);
	return got;
}

UK_TESTCASE(lwip, tcp_echo_over_loopback_ipv4)
{
	ip_addr_t lo;

	IP_ADDR4(&lo, 127, 0, 0, 1);
	UK_TEST_EXPECT_UINT_EQ(echo_roundtrip(&lo, 7007, NETCONN_TCP),
			       ECHO_BYTES);
}

UK_TESTCASE(lwip, tcp_echo_over_loopback_ipv6)
{
#if LWIP_IPV6
	ip_addr_t lo = IPADDR6_INIT_HOST(0, 0, 0, 1);

	UK_TEST_EXPECT_UINT_EQ(echo_roundtrip(&lo, 7008, NETCONN_TCP_IPV6),
			       ECHO_BYTES);
#else
	UK_TEST_SKIP("IPv6 is off (CONFIG_LIBLWIP_IPV6)");
#endif
}

UK_TESTCASE(lwip, tcp_connect_refused_without_listener)
{
	struct netconn *c = netconn_new(NETCONN_TCP);
	ip_addr_t lo;

	IP_ADDR4(&lo, 127, 0, 0, 1);
	UK_TEST_ASSERT_NOT_NULL(c);
	UK_TEST_EXPECT_INT_EQ(netconn_connect(c, &lo, 7009), ERR_RST);
	netconn_delete(c);
}

UK_TESTCASE(lwip, udp_roundtrip_over_loopback)
{
	struct netconn *a = netconn_new(NETCONN_UDP);
	struct netconn *b = netconn_new(NETCONN_UDP);
	struct netbuf *out = netbuf_new(), *in = NULL;
	static const char msg[] = "datagram over lo";
	ip_addr_t lo;
	void *data;
	u16_t len = 0;

	IP_ADDR4(&lo, 127, 0, 0, 1);
	UK_TEST_ASSERT(a && b && out);
	UK_TEST_EXPECT_INT_EQ(netconn_bind(a, &lo, 7010), ERR_OK);
	UK_TEST_EXPECT_INT_EQ(netconn_bind(b, &lo, 7011), ERR_OK);
	netconn_set_recvtimeout(a, 2000);
	netbuf_ref(out, msg, sizeof(msg));
	UK_TEST_EXPECT_INT_EQ(netconn_sendto(b, out, &lo, 7010), ERR_OK);
	UK_TEST_EXPECT_INT_EQ(netconn_recv(a, &in), ERR_OK);
	if (in) {
		netbuf_data(in, &data, &len);
		UK_TEST_EXPECT_UINT_EQ(len, sizeof(msg));
		UK_TEST_EXPECT_MEM_EQ(data, msg, sizeof(msg));
		UK_TEST_EXPECT_UINT_EQ(netbuf_fromport(in), 7011);
		netbuf_delete(in);
	}
	/* Nothing more is queued: the receive timeout ends the wait. */
	UK_TEST_EXPECT_INT_EQ(netconn_recv(a, &in), ERR_TIMEOUT);
	netbuf_delete(out);
	netconn_delete(a);
	netconn_delete(b);
}
