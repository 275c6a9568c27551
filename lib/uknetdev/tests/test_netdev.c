/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev on a device of the tests' own ("tnet": a loopback whose
 * transmit queue holds up to 4 frames that its receive burst hands
 * back): the netbuf pools, the state machine and the checks made
 * before a driver op is reached, and the ownership rule of tx_burst.
 */
#include <uk/alloc.h>
#include <uk/netdev_driver.h>
#include <uk/test.h>

#define EINVAL		22
#define EIO		5
#define EBUSY		16
#define ENOTSUP		95
#define ENETDOWN	100

struct tnet {
	struct uk_netdev nd;
	struct uk_netbuf *ring[4];
	unsigned int n, ops;
};

static int t_configure(struct uk_netdev *d, const struct uk_netdev_conf *c)
{
	(void)c;
	((struct tnet *)d->priv)->ops++;
	return 0;
}

static int t_rxq(struct uk_netdev *d, unsigned int q,
		 const struct uk_netdev_rxq_conf *c)
{
	(void)q, (void)c;
	((struct tnet *)d->priv)->ops++;
	return 0;
}

static int t_txq(struct uk_netdev *d, unsigned int q,
		 const struct uk_netdev_txq_conf *c)
{
	(void)q, (void)c;
	((struct tnet *)d->priv)->ops++;
	return 0;
}

static int t_start(struct uk_netdev *d)
{
	((struct tnet *)d->priv)->ops++;
	return 0;
}

static void t_stop(struct uk_netdev *d)
{
	((struct tnet *)d->priv)->ops++;
}

static int t_rx(struct uk_netdev *d, unsigned int q, struct uk_netbuf **pkts,
		unsigned int n)
{
	struct tnet *t = d->priv;
	unsigned int i;

	(void)q;
	for (i = 0; i < n && i < t->n; i++)
		pkts[i] = t->ring[i];
	for (unsigned int j = i; j < t->n; j++)
		t->ring[j - i] = t->ring[j];
	t->n -= i;
	d->rx_stats[0].packets += i;
	return i;
}

static int t_tx(struct uk_netdev *d, unsigned int q, struct uk_netbuf **pkts,
		unsigned int n)
{
	struct tnet *t = d->priv;
	unsigned int i;

	(void)q;
	for (i = 0; i < n && t->n < 4; i++)
		t->ring[t->n++] = pkts[i];
	d->tx_stats[0].packets += i;
	return i;
}

static int t_reclaim(struct uk_netdev *d, unsigned int q)
{
	(void)d, (void)q;
	return 0;
}

static const struct uk_netdev_ops t_ops = {
	.configure = t_configure, .rxq_configure = t_rxq,
	.txq_configure = t_txq, .start = t_start, .stop = t_stop,
	.rx_burst = t_rx, .tx_burst = t_tx, .tx_reclaim = t_reclaim,
};

static struct tnet tn = {
	.nd = {
		.info = {
			.mac = { 2, 0, 0, 0, 0, 0x42 }, .mtu = 1500,
			.offloads = UK_NETDEV_OFF_TX_CSUM |
				    UK_NETDEV_OFF_TSO4 |
				    UK_NETDEV_OFF_RX_MERGE,
			.max_rx_queues = 1, .max_tx_queues = 1,
			.max_rx_desc = 64, .max_tx_desc = 64,
			.max_tx_parts = 4, .rx_headroom = 12,
			.rx_min_room = 1518, .max_frame = 1518,
			.rx_intr = 0,
		},
		.ops = &t_ops,
		.priv = &tn,
	},
};

static void nop_cb(struct uk_netdev *d, unsigned int q, void *arg)
{
	(void)d, (void)q, (void)arg;
}

UK_TESTCASE(uknetdev, pool_allocates_each_buffer_once)
{
	struct uk_netbuf_pool *p;
	struct uk_netbuf *nb[5];
	unsigned int i;

	p = uk_netdev_pool_create(uk_alloc_get_default(), 4, 256, 32, 16);
	UK_TEST_ASSERT_NOT_NULL(p);
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_pool_count(p), 4);
	for (i = 0; i < 4; i++) {
		nb[i] = uk_netdev_buf_alloc(p);
		UK_TEST_ASSERT_NOT_NULL(nb[i]);
		UK_TEST_EXPECT_UINT_EQ(nb[i]->headroom, 32);
		UK_TEST_EXPECT_PTR_EQ(nb[i]->data, (char *)nb[i]->buf + 32);
		UK_TEST_EXPECT_UINT_EQ(nb[i]->len, 0);
		UK_TEST_EXPECT_UINT_EQ(nb[i]->buflen, 256);
		UK_TEST_EXPECT_UINT_EQ((uintptr_t)nb[i]->buf % 64, 0);
		UK_TEST_EXPECT_NOT_NULL(nb[i]->priv);
		if (i)
			UK_TEST_EXPECT((char *)nb[i]->buf + 256 <=
				       (char *)nb[i - 1]->buf ||
				       (char *)nb[i - 1]->buf + 256 <=
				       (char *)nb[i]->buf);
	}
	UK_TEST_EXPECT_NULL(uk_netdev_buf_alloc(p));
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_pool_nfree(p), 0);
	nb[0]->next = nb[1];	/* a chain goes back whole */
	uk_netdev_buf_free(nb[0]);
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_pool_nfree(p), 2);
	nb[4] = uk_netdev_buf_alloc(p);
	UK_TEST_EXPECT(nb[4] == nb[0] || nb[4] == nb[1]);
	UK_TEST_EXPECT_NULL(nb[4]->next);
	uk_netdev_buf_free(nb[4]);
	uk_netdev_buf_free(nb[2]);
	uk_netdev_buf_free(nb[3]);
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_pool_nfree(p), 4);
}

UK_TESTCASE(uknetdev, pool_refuses_bad_sizes)
{
	struct uk_alloc *a = uk_alloc_get_default();

	UK_TEST_EXPECT_NULL(uk_netdev_pool_create(a, 0, 256, 32, 0));
	UK_TEST_EXPECT_NULL(uk_netdev_pool_create(a, 4, 256, 256, 0));
	UK_TEST_EXPECT_NULL(uk_netdev_pool_create(a, 4, 0, 0, 0));
	UK_TEST_EXPECT_NULL(uk_netdev_pool_create(NULL, 4, 256, 0, 0));
}

static int dtor_calls;

static void t_dtor(struct uk_netbuf *nb)
{
	(void)nb;
	dtor_calls++;
}

UK_TESTCASE(uknetdev, push_pull_and_dtor)
{
	struct uk_netbuf_pool *p;
	struct uk_netbuf *a, ext = { 0 };

	p = uk_netdev_pool_create(uk_alloc_get_default(), 2, 128, 16, 0);
	UK_TEST_ASSERT_NOT_NULL(p);
	a = uk_netdev_buf_alloc(p);
	UK_TEST_ASSERT_NOT_NULL(a);
	a->len = 100;
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_buf_tailroom(a), 12);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_buf_push(a, 17), -1);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_buf_push(a, 16), 0);
	UK_TEST_EXPECT_PTR_EQ(a->data, a->buf);
	UK_TEST_EXPECT_UINT_EQ(a->len, 116);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_buf_pull(a, 117), -1);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_buf_pull(a, 14), 0);
	UK_TEST_EXPECT_UINT_EQ(a->headroom, 14);
	ext.len = 7;
	ext.dtor = t_dtor;	/* someone else's memory: not the pool's */
	a->next = &ext;
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_buf_frame_len(a), 109);
	dtor_calls = 0;
	uk_netdev_buf_free(a);
	UK_TEST_EXPECT_INT_EQ(dtor_calls, 1);
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_pool_nfree(p), 2);
}

UK_TESTCASE(uknetdev, order_and_arguments_checked)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_netdev *d = &tn.nd;
	struct uk_netdev_conf c = { .nb_rx_queues = 1, .nb_tx_queues = 1 };
	struct uk_netdev_rxq_conf rc = { 0 };
	struct uk_netdev_txq_conf tc = { 0 };
	struct uk_netbuf *pk[1];
	unsigned int ops;

	if (!uk_netdev_find("tnet0") && !uk_netdev_find("tnet1"))
		UK_TEST_ASSERT_INT_EQ(uk_netdev_register(d, "tnet"), 0);
	UK_TEST_EXPECT_PTR_EQ(uk_netdev_find(uk_netdev_name(d)), d);
	UK_TEST_EXPECT_NULL(uk_netdev_find("tnet"));
	ops = tn.ops;
	UK_TEST_EXPECT_INT_EQ(uk_netdev_start(d), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rx_burst(d, 0, pk, 1), -ENETDOWN);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), -EINVAL);
	c.nb_rx_queues = 2;
	UK_TEST_EXPECT_INT_EQ(uk_netdev_configure(d, &c), -EINVAL);
	c.nb_rx_queues = 1;
	c.offloads = UK_NETDEV_OFF_RX_CSUM;	/* not offered */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_configure(d, &c), -ENOTSUP);
	c.offloads = UK_NETDEV_OFF_TSO4;	/* without TX_CSUM */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_configure(d, &c), -EINVAL);
	UK_TEST_EXPECT_UINT_EQ(tn.ops, ops);	/* no op reached yet */
	c.offloads = 0;
	UK_TEST_ASSERT_INT_EQ(uk_netdev_configure(d, &c), 0);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_configure(d, &c), -EBUSY);
	ops = tn.ops;
	rc.pool = uk_netdev_pool_create(a, 8, 2048, 8, 0);	/* headroom < 12 */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), -EINVAL);
	rc.pool = uk_netdev_pool_create(a, 8, 512, 64, 0);	/* < a frame */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), -EINVAL);
	rc.pool = uk_netdev_pool_create(a, 8, 2048, 64, 0);
	UK_TEST_ASSERT_NOT_NULL(rc.pool);
	rc.nb_desc = 65;
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), -EINVAL);
	rc.nb_desc = 0;
	rc.callback = nop_cb;	/* the device has no interrupt */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), -ENOTSUP);
	rc.callback = NULL;
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 1, &rc), -EINVAL);
	UK_TEST_EXPECT_UINT_EQ(tn.ops, ops);
	UK_TEST_ASSERT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), 0);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rxq_configure(d, 0, &rc), -EBUSY);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_start(d), -EINVAL);	/* no txq */
	UK_TEST_ASSERT_INT_EQ(uk_netdev_txq_configure(d, 0, &tc), 0);
	UK_TEST_ASSERT_INT_EQ(uk_netdev_start(d), 0);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_start(d), -EBUSY);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_state(d), UK_NETDEV_RUNNING);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rx_burst(d, 1, pk, 1), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_stop(d), 0);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_tx_burst(d, 0, pk, 1), -ENETDOWN);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_start(d), 0);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_link_up(d), 1);	/* no op: up */
}

UK_TESTCASE(uknetdev, tx_burst_takes_a_prefix)
{
	struct uk_netdev *d = &tn.nd;
	struct uk_netbuf_pool *p;
	struct uk_netbuf *pk[6], *rx[8];
	struct uk_netdev_stats s;
	unsigned int i;

	if (uk_netdev_state(d) != UK_NETDEV_RUNNING)
		UK_TEST_SKIP("order_and_arguments_checked did not start tnet");
	p = uk_netdev_pool_create(uk_alloc_get_default(), 6, 256, 16, 0);
	UK_TEST_ASSERT_NOT_NULL(p);
	for (i = 0; i < 6; i++)
		pk[i] = uk_netdev_buf_alloc(p);
	/* The loopback holds 4: pkts[0..4) are taken, [4..6) stay ours. */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_tx_burst(d, 0, pk, 6), 4);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_tx_burst(d, 0, pk + 4, 2), 0);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rx_burst(d, 0, rx, 8), 4);
	for (i = 0; i < 4; i++)
		UK_TEST_EXPECT_PTR_EQ(rx[i], pk[i]);	/* in order */
	UK_TEST_EXPECT_INT_EQ(uk_netdev_txq_stats(d, 0, &s), 0);
	UK_TEST_EXPECT_UINT_EQ(s.packets, 4);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_txq_stats(d, 1, &s), -EINVAL);
	for (i = 0; i < 4; i++)
		uk_netdev_buf_free(rx[i]);
	uk_netdev_buf_free(pk[4]);
	uk_netdev_buf_free(pk[5]);
	UK_TEST_EXPECT_UINT_EQ(uk_netdev_pool_nfree(p), 6);
	uk_netdev_failed(d);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_rx_burst(d, 0, rx, 8), -EIO);
	UK_TEST_EXPECT_INT_EQ(uk_netdev_start(d), -EIO);
}
