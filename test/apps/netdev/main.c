/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * netdev: uknetdev and virtio-net checked with frames built by hand.
 * Prints what the first device offers:
 *
 *	netdev vnet0 mac 52:54:00:12:34:56 mtu 1500 link up offloads ...
 *
 * then runs the checks named in appnetdev.run=<check>[,<check>...]:
 *   arp   ARP request for appnetdev.peer (10.0.2.2: QEMU user
 *         networking's gateway) answered
 *   ping  appnetdev.frames ICMP echo requests to the peer, up to
 *         appnetdev.window in flight, each answered with its payload
 *   echo  appnetdev.frames frames of 60..1514 bytes to the host's echo
 *         script (test/cases/netdev-echo.py behind -netdev dgram), up to
 *         appnetdev.window in flight; each must come back in order with
 *         its pattern inverted; then the queue counters must equal the
 *         app's own counts
 *   restart  stop (bursts return -ENETDOWN) and start again
 *   link  the link goes down and comes up again (the echo script
 *         toggles it through QEMU's monitor on a trigger frame)
 *   tcp   see tcp.c
 * and prints each queue's counters. appnetdev.poll=1 polls (no receive
 * callback); appnetdev.rxbuf=<bytes> sizes the receive buffers (small
 * ones need mergeable buffers); appnetdev.offloads=<mask> limits the
 * offloads enabled. Returns 0 when every check passed.
 */
#include <stdio.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/netdev.h>
#include <uk/param.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include "app.h"

static const char *run = "";
static int poll;
static unsigned long frames = 2000, window = 128, rxbuf = 2048;
static unsigned long offloads = ~0UL;
static const char *ip_s = "10.0.2.15", *peer_s = "10.0.2.2";
UK_PARAM(run, UK_PARAM_STR, &run, "checks to run, comma-separated");
UK_PARAM(poll, UK_PARAM_BOOL, &poll, "poll instead of rx callbacks");
UK_PARAM(frames, UK_PARAM_ULONG, &frames, "frames per check");
UK_PARAM(window, UK_PARAM_ULONG, &window, "most frames in flight");
UK_PARAM(rxbuf, UK_PARAM_ULONG, &rxbuf, "receive buffer bytes");
UK_PARAM(offloads, UK_PARAM_ULONG, &offloads, "offloads to enable (mask)");
UK_PARAM(ip, UK_PARAM_STR, &ip_s, "our IPv4 address");
UK_PARAM(peer, UK_PARAM_STR, &peer_s, "the peer's IPv4 address");

struct uk_netdev *dev;
struct uk_netdev_info info;
struct uk_netbuf_pool *rxpool, *txpool;
uint32_t ip, peer;
uint8_t peer_mac[6];
uint32_t enabled;
static volatile int rx_ready;
static volatile unsigned long callbacks;

int is(const char *s, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(s, name, n) && (s[n] == ',' || !s[n]);
}

int parse_ip(const char *s, uint32_t *out)
{
	unsigned long v = 0, part;
	int i;

	for (i = 0; i < 4; i++) {
		for (part = 0; *s >= '0' && *s <= '9'; s++)
			part = part * 10 + (unsigned long)(*s - '0');
		if (part > 255 || (i < 3 && *s++ != '.'))
			return -1;
		v = v << 8 | part;
	}
	*out = v;
	return *s ? -1 : 0;
}

/* Interrupt context: the receive queue has frames. */
static void rx_cb(struct uk_netdev *d, unsigned int q, void *arg)
{
	(void)d, (void)q, (void)arg;
	callbacks++;
	rx_ready = 1;
}

/* Until the callback fired or the deadline passed; polling: at once. */
void rx_wait(uint64_t deadline)
{
	unsigned long flags;
	uint64_t now;

	if (poll)
		return;
	flags = ukplat_irq_save();
	while (!rx_ready && (now = ukplat_monotonic_ns()) < deadline) {
		ukplat_timer_arm(now + 10000000 < deadline ? now + 10000000 :
							     deadline);
		ukplat_idle();
	}
	rx_ready = 0;
	ukplat_irq_restore(flags);
}

static void print_stats(void)
{
	struct uk_netdev_stats s;

	uk_netdev_rxq_stats(dev, 0, &s);
	printf("rxq0 packets %llu bytes %llu drops %llu errors %llu nobuf %llu\n",
	       (unsigned long long)s.packets, (unsigned long long)s.bytes,
	       (unsigned long long)s.drops, (unsigned long long)s.errors,
	       (unsigned long long)s.nobuf);
	uk_netdev_txq_stats(dev, 0, &s);
	printf("txq0 packets %llu bytes %llu drops %llu errors %llu\n",
	       (unsigned long long)s.packets, (unsigned long long)s.bytes,
	       (unsigned long long)s.drops, (unsigned long long)s.errors);
	printf("rx callbacks %lu\n", callbacks);
}

static int setup(void)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev_conf c = { .nb_rx_queues = 1, .nb_tx_queues = 1 };
	struct uk_netdev_rxq_conf rc = { 0 };
	struct uk_netdev_txq_conf tc = { 0 };
	static const char *const names[] = { "tx-csum", "rx-csum", "tso4",
					     "tso6", "rx-merge" };
	unsigned int i;
	int r;

	if (!uk_netdev_count()) {
		printf("netdev: no device\n");
		return -1;
	}
	dev = uk_netdev_get(0);
	uk_netdev_info_get(dev, &info);
	printf("netdev %s mac %02x:%02x:%02x:%02x:%02x:%02x mtu %u link %s offloads",
	       uk_netdev_name(dev), info.mac[0], info.mac[1], info.mac[2],
	       info.mac[3], info.mac[4], info.mac[5], info.mtu,
	       uk_netdev_link_up(dev) ? "up" : "down");
	for (i = 0; i < 5; i++)
		if (info.offloads & (1U << i))
			printf(" %s", names[i]);
	printf(" queues %u/%u of %u rx %u tx %u parts %u %s\n",
	       info.max_rx_queues, info.max_tx_queues, info.dev_queue_pairs,
	       info.max_rx_desc, info.max_tx_desc,
	       info.max_tx_parts, info.rx_intr ? "intr" : "no-intr");
	if (!info.rx_intr)
		poll = 1;
	c.offloads = enabled = info.offloads & offloads;
	r = uk_netdev_configure(dev, &c);
	if (r < 0) {
		printf("netdev: configure: %d\n", r);
		return -1;
	}
	rxpool = uk_netdev_pool_create(a, 2 * info.max_rx_desc, rxbuf,
				       HEADROOM, 0);
	txpool = uk_netdev_pool_create(a, info.max_tx_desc + BURST, 2048,
				       HEADROOM, 0);
	if (!rxpool || !txpool) {
		printf("netdev: no memory for the pools\n");
		return -1;
	}
	rc.pool = rxpool;
	rc.callback = poll ? NULL : rx_cb;
	r = uk_netdev_rxq_configure(dev, 0, &rc);
	if (r < 0) {
		printf("netdev: rxq_configure: %d\n", r);
		return -1;
	}
	r = uk_netdev_txq_configure(dev, 0, &tc);
	if (r == 0)
		r = uk_netdev_start(dev);
	if (r < 0) {
		printf("netdev: txq_configure/start: %d\n", r);
		return -1;
	}
	printf("netdev: started, %s\n", poll ? "polling" : "rx callbacks");
	return 0;
}

/* Send one frame of len bytes built by fill; 0 or -1 (reported). */
int send_one(const char *what, const uint8_t *f, unsigned int len)
{
	struct uk_netbuf *nb = uk_netdev_buf_alloc(txpool);
	int r;

	if (!nb) {
		uk_netdev_tx_reclaim(dev, 0);
		nb = uk_netdev_buf_alloc(txpool);
	}
	if (!nb) {
		printf("%s: tx pool empty\n", what);
		return -1;
	}
	memcpy(nb->data, f, len);
	nb->len = len;
	while ((r = uk_netdev_tx_burst(dev, 0, &nb, 1)) == 0)
		;	/* ring full: the burst reclaims what was sent */
	if (r < 0) {
		printf("%s: tx_burst: %d\n", what, r);
		uk_netdev_buf_free(nb);
		return -1;
	}
	return 0;
}

/* Receive frames until match() says done (1) or timeout ms passed; -1
 * on a receive error. The frames are freed after match() saw them. */
int recv_until(const char *what, unsigned long ms,
		      int (*match)(const uint8_t *f, unsigned int len, void *a),
		      void *arg)
{
	uint64_t deadline = ukplat_monotonic_ns() + ms * 1000000ULL;
	struct uk_netbuf *pkts[BURST];
	uint8_t frame[1600];
	int n, i, done = 0;
	unsigned int len;

	while (!done && ukplat_monotonic_ns() < deadline) {
		n = uk_netdev_rx_burst(dev, 0, pkts, BURST);
		if (n < 0) {
			printf("%s: rx_burst: %d\n", what, n);
			return -1;
		}
		for (i = 0; i < n; i++) {
			len = uk_netdev_buf_frame_len(pkts[i]);
			if (!pkts[i]->next) {
				done |= match(pkts[i]->data, len, arg);
			} else if (len <= sizeof(frame)) {
				struct uk_netbuf *p;
				unsigned int off = 0;

				for (p = pkts[i]; p; off += p->len, p = p->next)
					memcpy(frame + off, p->data, p->len);
				done |= match(frame, len, arg);
			}
			uk_netdev_buf_free(pkts[i]);
		}
		if (n < BURST && !done)
			rx_wait(deadline);
	}
	return done;
}

static int arp_match(const uint8_t *f, unsigned int len, void *a)
{
	(void)a;
	return arp_reply(f, len, ip, peer, peer_mac);
}

int arp_check(void)
{
	uint8_t f[64];
	unsigned int len = arp_request(f, info.mac, ip, peer);
	int r;

	if (send_one("arp", f, len) < 0)
		return 1;
	r = recv_until("arp", 5000, arp_match, NULL);
	if (r <= 0) {
		printf("arp: %s\n", r < 0 ? "failed" : "no answer in 5 s");
		return 1;
	}
	printf("arp: %s is at %02x:%02x:%02x:%02x:%02x:%02x\n", peer_s,
	       peer_mac[0], peer_mac[1], peer_mac[2], peer_mac[3],
	       peer_mac[4], peer_mac[5]);
	return 0;
}

#define PING_ID 0x4e44
#define PING_PAYLOAD 56

struct ping_state {
	unsigned long answered;
	uint8_t seen[65536 / 8];
};

static int ping_match(const uint8_t *f, unsigned int len, void *a)
{
	struct ping_state *s = a;
	uint16_t seq;

	if (!icmp_reply(f, len, ip, peer, PING_ID, &seq, PING_PAYLOAD) ||
	    (s->seen[seq / 8] & (1 << (seq % 8))))
		return 0;
	s->seen[seq / 8] |= 1 << (seq % 8);
	s->answered++;
	return 1;	/* one more: the window opens */
}

static int ping_check(void)
{
	static struct ping_state s;
	unsigned long sent = 0, n = frames > 65535 ? 65535 : frames;
	uint8_t f[128];
	unsigned int len;
	int r;

	if (!peer_mac[0] && !peer_mac[1] && arp_check())
		return 1;
	while (s.answered < n) {
		while (sent < n && sent - s.answered < window) {
			len = icmp_echo(f, info.mac, peer_mac, ip, peer,
					PING_ID, sent, PING_PAYLOAD);
			if (send_one("ping", f, len) < 0)
				return 1;
			sent++;
		}
		r = recv_until("ping", 5000, ping_match, &s);
		if (r <= 0)
			break;
	}
	printf("ping: %lu sent, %lu answered\n", sent, s.answered);
	return s.answered == n ? 0 : 1;
}

/* The echo check's state: what was sent and what came back. */
struct echo_state {
	unsigned long sent, back, bad, max_inflight, chained;
	uint64_t sent_bytes, back_bytes;
};

static unsigned int echo_len(uint32_t seq)
{
	return 60 + (seq * 37) % (1514 - 60 + 1);
}

static int echo_take(struct echo_state *s, struct uk_netbuf *nb)
{
	unsigned int len = uk_netdev_buf_frame_len(nb), off = 0, i;
	uint32_t seq = 0;
	const uint8_t *p;
	int hdr_ok = 0;

	if (nb->next)
		s->chained++;
	/* Walk the chain (mergeable buffers split frames anywhere). */
	for (; nb; nb = nb->next) {
		p = nb->data;
		if (!hdr_ok) {
			if (nb->len < ECHO_HLEN ||
			    get16(p + 12) != ETH_ECHO)
				return 0;	/* not ours: ignore */
			seq = get32(p + ETH_HLEN);
			if (seq != s->back || get16(p + ETH_HLEN + 4) != len ||
			    len != echo_len(seq)) {
				printf("echo: frame %lu: got seq %u length %u\n",
				       s->back, seq, len);
				s->bad++;
				return 1;
			}
			hdr_ok = 1;
			i = ECHO_HLEN;
		} else {
			i = 0;
		}
		for (; i < nb->len; i++)
			if (p[i] != (echo_byte(seq, off + i) ^ 0x5a)) {
				printf("echo: frame %u: byte %u is 0x%02x\n",
				       seq, off + i, p[i]);
				s->bad++;
				return 1;
			}
		off += nb->len;
	}
	s->back++;
	s->back_bytes += len;
	return 1;
}

static int echo_send(struct echo_state *s)
{
	struct uk_netbuf *pkts[BURST];
	unsigned int k = 0, i, len[BURST];
	int r;

	while (k < BURST && s->sent + k < frames &&
	       s->sent + k - s->back < window) {
		pkts[k] = uk_netdev_buf_alloc(txpool);
		if (!pkts[k])
			break;
		len[k] = echo_len(s->sent + k);
		echo_frame(pkts[k]->data, info.mac, s->sent + k, len[k]);
		pkts[k]->len = len[k];
		k++;
	}
	if (!k) {
		r = uk_netdev_tx_reclaim(dev, 0);
		return r < 0 ? r : 0;
	}
	r = uk_netdev_tx_burst(dev, 0, pkts, k);
	if (r < 0)
		return r;
	for (i = 0; i < (unsigned int)r; i++)
		s->sent_bytes += len[i];	/* pkts[i] is the driver's now */
	for (i = r; i < k; i++)
		uk_netdev_buf_free(pkts[i]);	/* not taken: ring full */
	s->sent += r;
	if (s->sent - s->back > s->max_inflight)
		s->max_inflight = s->sent - s->back;
	return 0;
}

static int echo_check(void)
{
	static struct echo_state s;
	uint64_t deadline = ukplat_monotonic_ns() + 60000000000ULL;
	struct uk_netbuf *pkts[BURST];
	struct uk_netdev_stats rx, tx, rx0, tx0;
	int n, i, r;

	uk_netdev_rxq_stats(dev, 0, &rx0);	/* what came before: not ours */
	uk_netdev_txq_stats(dev, 0, &tx0);
	while (s.back < frames && !s.bad) {
		if (ukplat_monotonic_ns() > deadline) {
			printf("echo: %lu of %lu back after 60 s\n", s.back,
			       frames);
			return 1;
		}
		r = echo_send(&s);
		if (r < 0) {
			printf("echo: tx_burst: %d\n", r);
			return 1;
		}
		n = uk_netdev_rx_burst(dev, 0, pkts, BURST);
		if (n < 0) {
			printf("echo: rx_burst: %d\n", n);
			return 1;
		}
		for (i = 0; i < n; i++) {
			echo_take(&s, pkts[i]);
			uk_netdev_buf_free(pkts[i]);
		}
		if (n < BURST && s.sent - s.back >= window)
			rx_wait(deadline);	/* nothing to send: wait */
	}
	while (uk_netdev_tx_reclaim(dev, 0) > 0)
		;
	printf("echo: %lu sent, %lu back, %lu bad, at most %lu in flight, %lu in chains\n",
	       s.sent, s.back, s.bad, s.max_inflight, s.chained);
	uk_netdev_rxq_stats(dev, 0, &rx);
	uk_netdev_txq_stats(dev, 0, &tx);
	rx.packets -= rx0.packets, rx.bytes -= rx0.bytes;
	tx.packets -= tx0.packets, tx.bytes -= tx0.bytes;
	rx.drops -= rx0.drops, tx.drops -= tx0.drops;
	rx.errors -= rx0.errors, tx.errors -= tx0.errors;
	if (s.bad)
		return 1;
	/* The queues counted what the app counted (the echo frames are
	 * the only traffic on this link). */
	if (tx.packets != s.sent || tx.bytes != s.sent_bytes ||
	    rx.packets != s.back || rx.bytes != s.back_bytes || rx.drops ||
	    tx.drops || rx.errors || tx.errors) {
		printf("echo: counters differ: tx %llu/%llu rx %llu/%llu (app: %lu/%llu %lu/%llu)\n",
		       (unsigned long long)tx.packets,
		       (unsigned long long)tx.bytes,
		       (unsigned long long)rx.packets,
		       (unsigned long long)rx.bytes, s.sent,
		       (unsigned long long)s.sent_bytes, s.back,
		       (unsigned long long)s.back_bytes);
		return 1;
	}
	printf("echo: counters ok, %llu bytes each way\n",
	       (unsigned long long)tx.bytes);
	return 0;
}

/* The host's echo of restart_check's frame. */
static int restart_match(const uint8_t *f, unsigned int len, void *a)
{
	(void)a;
	return len >= ECHO_HLEN && get16(f + 12) == ETH_ECHO &&
	       get32(f + ETH_HLEN) == 0xfffffffe;
}

/* Stop: bursts refused; start again: frames flow (the echo after it). */
static int restart_check(void)
{
	struct uk_netbuf *nb, *pk[1];
	unsigned long before;
	uint8_t f[60];
	int t, r, s;

	if (uk_netdev_stop(dev) < 0) {
		printf("restart: stop failed\n");
		return 1;
	}
	nb = uk_netdev_buf_alloc(txpool);
	if (!nb)
		return 1;
	echo_frame(f, info.mac, 0xfffffffe, 60);	/* not an echo seq */
	memcpy(nb->data, f, 60);
	nb->len = 60;
	t = uk_netdev_tx_burst(dev, 0, &nb, 1);
	r = uk_netdev_rx_burst(dev, 0, pk, 1);
	uk_netdev_buf_free(nb);	/* not taken: still ours */
	s = uk_netdev_start(dev);
	printf("restart: stopped (tx %d, rx %d), started again: %d\n", t, r, s);
	if (t != -100 || r != -100 || s != 0)
		return 1;
	if (poll)
		return 0;
	/* Armed by start: a frame brings the callback before any burst. */
	before = callbacks;
	rx_ready = 0;
	if (send_one("restart", f, 60) < 0)
		return 1;
	rx_wait(ukplat_monotonic_ns() + 2000000000ULL);
	printf("restart: %s\n", callbacks > before ? "callback after start" :
		"no callback in 2 s");
	if (callbacks == before)
		return 1;
	return recv_until("restart", 2000, restart_match, NULL) == 1 ? 0 : 1;
}

/* The link goes down and up again: the host's echo script toggles it
 * through QEMU's monitor when it sees the trigger frame. */
static int link_check(void)
{
	uint64_t t0 = ukplat_monotonic_ns(), now, down_at = 0, up_at = 0;
	uint8_t f[64];

	if (!uk_netdev_link_up(dev)) {
		printf("link: down at the start\n");
		return 1;
	}
	echo_frame(f, info.mac, 0xffffffff, 60);
	if (send_one("link", f, 60) < 0)
		return 1;
	while ((now = ukplat_monotonic_ns()) - t0 < 10000000000ULL && !up_at) {
		if (!down_at && !uk_netdev_link_up(dev))
			down_at = now;
		else if (down_at && uk_netdev_link_up(dev))
			up_at = now;
	}
	if (!up_at) {
		printf("link: %s after 10 s\n", down_at ? "still down" :
							     "never went down");
		return 1;
	}
	printf("link: up, down, up again (down for %llu ms)\n",
	       (unsigned long long)((up_at - down_at) / 1000000));
	return 0;
}

int main(int argc __uk_unused, char *argv[] __uk_unused)
{
	const char *c;
	int fails = 0;

	printf("Hello from test/apps/netdev\n");	/* bench/boottrace's marker */
	if (parse_ip(ip_s, &ip) < 0 || parse_ip(peer_s, &peer) < 0) {
		printf("netdev: appnetdev.ip=%s / appnetdev.peer=%s: not an IPv4 address\n",
		       ip_s, peer_s);
		return 1;
	}
	if (setup() < 0)
		return 1;
	for (c = run; *c; c = strchr(c, ',') ? strchr(c, ',') + 1 : "") {
		if (is(c, "arp"))
			fails += arp_check();
		else if (is(c, "ping"))
			fails += ping_check();
		else if (is(c, "echo"))
			fails += echo_check();
		else if (is(c, "restart"))
			fails += restart_check();
		else if (is(c, "link"))
			fails += link_check();
		else if (is(c, "tcp"))
			fails += tcp_check();
		else {
			printf("netdev: unknown check at '%s'\n", c);
			fails++;
		}
	}
	print_stats();
	return fails ? 1 : 0;
}
