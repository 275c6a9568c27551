/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uknetdev: the device list, the state machine (unconfigured ->
 * configured -> running <-> stopped; failed from anywhere) and the
 * checks every call passes before a driver sees it.
 */
#include <uk/netdev_driver.h>
#include <uk/print.h>

#define EINVAL		22
#define EIO		5
#define EBUSY		16
#define ENOSPC		28
#define ENOTSUP		95
#define ENETDOWN	100

#ifndef CONFIG_LIBUKNETDEV_MAX
#define CONFIG_LIBUKNETDEV_MAX 4
#endif

static struct uk_netdev *devs[CONFIG_LIBUKNETDEV_MAX];
static unsigned int ndevs;

int uk_netdev_register(struct uk_netdev *d, const char *prefix)
{
	unsigned int i;

	if (ndevs == CONFIG_LIBUKNETDEV_MAX)
		return -ENOSPC;
	for (i = 0; prefix[i] && i < sizeof(d->name) - 2; i++)
		d->name[i] = prefix[i];
	d->name[i++] = '0' + ndevs % 10;	/* its index among all */
	d->name[i] = 0;
	d->state = UK_NETDEV_UNCONFIGURED;
	devs[ndevs++] = d;
	return 0;
}

void uk_netdev_failed(struct uk_netdev *d)
{
	d->state = UK_NETDEV_FAILED;
}

unsigned int uk_netdev_count(void)
{
	return ndevs;
}

struct uk_netdev *uk_netdev_get(unsigned int i)
{
	return i < ndevs ? devs[i] : NULL;
}

struct uk_netdev *uk_netdev_find(const char *name)
{
	unsigned int i, j;

	for (i = 0; i < ndevs; i++) {
		for (j = 0; name[j] && name[j] == devs[i]->name[j]; j++)
			;
		if (name[j] == devs[i]->name[j])
			return devs[i];
	}
	return NULL;
}

const char *uk_netdev_name(const struct uk_netdev *d)
{
	return d->name;
}

enum uk_netdev_state uk_netdev_state(const struct uk_netdev *d)
{
	return d->state;
}

void uk_netdev_info_get(struct uk_netdev *d, struct uk_netdev_info *info)
{
	*info = d->info;
}

int uk_netdev_configure(struct uk_netdev *d, const struct uk_netdev_conf *c)
{
	int rc;

	if (d->state == UK_NETDEV_FAILED)
		return -EIO;
	if (d->state != UK_NETDEV_UNCONFIGURED)
		return -EBUSY;
	if (!c->nb_rx_queues || c->nb_rx_queues > d->info.max_rx_queues ||
	    !c->nb_tx_queues || c->nb_tx_queues > d->info.max_tx_queues) {
		uk_pr_err("%s: %u rx and %u tx queues asked for, %u and %u there\n",
			  d->name, c->nb_rx_queues, c->nb_tx_queues,
			  d->info.max_rx_queues, d->info.max_tx_queues);
		return -EINVAL;
	}
	if (c->offloads & ~d->info.offloads) {
		uk_pr_err("%s: offloads 0x%x not offered (offered 0x%x)\n",
			  d->name, c->offloads & ~d->info.offloads,
			  d->info.offloads);
		return -ENOTSUP;
	}
	if ((c->offloads & (UK_NETDEV_OFF_TSO4 | UK_NETDEV_OFF_TSO6)) &&
	    !(c->offloads & UK_NETDEV_OFF_TX_CSUM)) {
		uk_pr_err("%s: TSO without TX_CSUM\n", d->name);
		return -EINVAL;
	}
	rc = d->ops->configure(d, c);
	if (rc < 0)
		return rc;
	d->conf = *c;
	d->state = UK_NETDEV_CONFIGURED;
	return 0;
}

/* Queue set-up is allowed between configure and the first start. */
static int queue_ok(struct uk_netdev *d, unsigned int q, unsigned int nq)
{
	if (d->state == UK_NETDEV_FAILED)
		return -EIO;
	if (d->state != UK_NETDEV_CONFIGURED)
		return d->state == UK_NETDEV_UNCONFIGURED ? -EINVAL : -EBUSY;
	return q < nq ? 0 : -EINVAL;
}

int uk_netdev_rxq_configure(struct uk_netdev *d, unsigned int q,
			    const struct uk_netdev_rxq_conf *c)
{
	uint32_t bs, hr;
	int rc = queue_ok(d, q, d->conf.nb_rx_queues);

	if (rc < 0)
		return rc;
	if (d->rxq_ready[q])
		return -EBUSY;
	if (!c->pool || c->nb_desc > d->info.max_rx_desc)
		return -EINVAL;
	bs = uk_netdev_pool_bufsize(c->pool);
	hr = uk_netdev_pool_headroom(c->pool);
	if (hr < d->info.rx_headroom) {
		uk_pr_err("%s: rx pool headroom %u, needs %u\n", d->name, hr,
			  d->info.rx_headroom);
		return -EINVAL;
	}
	if (!(d->conf.offloads & UK_NETDEV_OFF_RX_MERGE) &&
	    bs - hr < d->info.rx_min_room) {
		uk_pr_err("%s: rx pool buffers %u bytes after the headroom, need %u (a whole frame without RX_MERGE)\n",
			  d->name, bs - hr, d->info.rx_min_room);
		return -EINVAL;
	}
	if (c->callback && !d->info.rx_intr) {
		uk_pr_err("%s: no interrupts (polling): rx callback refused\n",
			  d->name);
		return -ENOTSUP;
	}
	rc = d->ops->rxq_configure(d, q, c);
	if (rc == 0)
		d->rxq_ready[q] = 1;
	return rc;
}

int uk_netdev_txq_configure(struct uk_netdev *d, unsigned int q,
			    const struct uk_netdev_txq_conf *c)
{
	int rc = queue_ok(d, q, d->conf.nb_tx_queues);

	if (rc < 0)
		return rc;
	if (d->txq_ready[q])
		return -EBUSY;
	if (c->nb_desc > d->info.max_tx_desc)
		return -EINVAL;
	rc = d->ops->txq_configure(d, q, c);
	if (rc == 0)
		d->txq_ready[q] = 1;
	return rc;
}

int uk_netdev_start(struct uk_netdev *d)
{
	unsigned int q;
	int rc;

	if (d->state == UK_NETDEV_FAILED)
		return -EIO;
	if (d->state == UK_NETDEV_RUNNING)
		return -EBUSY;
	if (d->state == UK_NETDEV_UNCONFIGURED)
		return -EINVAL;
	for (q = 0; q < d->conf.nb_rx_queues; q++)
		if (!d->rxq_ready[q])
			return -EINVAL;
	for (q = 0; q < d->conf.nb_tx_queues; q++)
		if (!d->txq_ready[q])
			return -EINVAL;
	rc = d->ops->start(d);
	if (rc < 0)
		return rc;
	if (d->state != UK_NETDEV_FAILED)
		d->state = UK_NETDEV_RUNNING;
	return d->state == UK_NETDEV_FAILED ? -EIO : 0;
}

int uk_netdev_stop(struct uk_netdev *d)
{
	if (d->state == UK_NETDEV_FAILED)
		return -EIO;
	if (d->state != UK_NETDEV_RUNNING)
		return -EINVAL;
	d->state = UK_NETDEV_STOPPED;
	d->ops->stop(d);
	return 0;
}

static int burst_ok(struct uk_netdev *d, unsigned int q, unsigned int nq)
{
	if (d->state == UK_NETDEV_RUNNING)
		return q < nq ? 0 : -EINVAL;
	return d->state == UK_NETDEV_FAILED ? -EIO : -ENETDOWN;
}

int uk_netdev_rx_burst(struct uk_netdev *d, unsigned int q,
		       struct uk_netbuf **pkts, unsigned int n)
{
	int rc = burst_ok(d, q, d->conf.nb_rx_queues);

	return rc < 0 ? rc : d->ops->rx_burst(d, q, pkts, n);
}

int uk_netdev_tx_burst(struct uk_netdev *d, unsigned int q,
		       struct uk_netbuf **pkts, unsigned int n)
{
	int rc = burst_ok(d, q, d->conf.nb_tx_queues);

	return rc < 0 ? rc : d->ops->tx_burst(d, q, pkts, n);
}

int uk_netdev_tx_reclaim(struct uk_netdev *d, unsigned int q)
{
	if (d->state == UK_NETDEV_FAILED)
		return -EIO;
	if (d->state == UK_NETDEV_UNCONFIGURED || q >= d->conf.nb_tx_queues ||
	    !d->txq_ready[q])
		return -EINVAL;
	return d->ops->tx_reclaim(d, q);
}

int uk_netdev_link_up(struct uk_netdev *d)
{
	return d->ops->link_up ? d->ops->link_up(d) : 1;
}

int uk_netdev_rxq_stats(struct uk_netdev *d, unsigned int q,
			struct uk_netdev_stats *s)
{
	if (q >= d->info.max_rx_queues || q >= UK_NETDEV_MAX_QUEUES)
		return -EINVAL;
	*s = d->rx_stats[q];
	return 0;
}

int uk_netdev_txq_stats(struct uk_netdev *d, unsigned int q,
			struct uk_netdev_stats *s)
{
	if (q >= d->info.max_tx_queues || q >= UK_NETDEV_MAX_QUEUES)
		return -EINVAL;
	*s = d->tx_stats[q];
	return 0;
}
