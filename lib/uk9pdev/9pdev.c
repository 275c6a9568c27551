/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9pdev: the device list and the framing checks of <uk/9pdev.h>
 * (9P2000's message header, "size[4] type[1] tag[2]", intro(5)).
 */
#include <uk/9pdev.h>
#include <uk/plat/irq.h>
#include <uk/print.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define EIO	5
#define EINVAL	22
#define ENOSPC	28
#define EPROTO	71

#ifndef CONFIG_LIBUK9PDEV_MAX
#define CONFIG_LIBUK9PDEV_MAX 4
#endif

static struct uk_9pdev *devs[CONFIG_LIBUK9PDEV_MAX];
static unsigned int ndevs;

int uk_9pdev_register(struct uk_9pdev *d)
{
	if (ndevs == CONFIG_LIBUK9PDEV_MAX)
		return -ENOSPC;
#if CONFIG_LIBUKSCHED
	uk_sched_waitq_init(&d->waiters);
#endif
	devs[ndevs++] = d;
	return 0;
}

unsigned int uk_9pdev_count(void)
{
	return ndevs;
}

struct uk_9pdev *uk_9pdev_get(unsigned int i)
{
	return i < ndevs ? devs[i] : NULL;
}

struct uk_9pdev *uk_9pdev_find(const char *tag)
{
	unsigned int i, k;

	for (i = 0; i < ndevs; i++) {
		for (k = 0; tag[k] && tag[k] == devs[i]->tag[k]; k++)
			;
		if (!tag[k] && !devs[i]->tag[k])
			return devs[i];
	}
	return NULL;
}

static uint32_t le32(const void *p)
{
	const uint8_t *b = p;

	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

void uk_9pdev_complete(struct uk_9pdev *d, size_t got)
{
	d->got = got;
	d->done = 1;
#if CONFIG_LIBUKSCHED
	uk_sched_waitq_wake_all(&d->waiters);
#endif
}

void uk_9pdev_fail(struct uk_9pdev *d)
{
	d->failed = 1;
#if CONFIG_LIBUKSCHED
	uk_sched_waitq_wake_all(&d->waiters);
#endif
}

/*
 * Wait for the request submitted: a thread blocks on the wait queue
 * (the condition checked with interrupts off and the thread queued in
 * the same breath, so a completion in between is not lost), or polls
 * and yields; before the scheduler, the driver's wait op.
 */
static int wait_reply(struct uk_9pdev *d)
{
#if CONFIG_LIBUKSCHED
	unsigned long fl;

	if (uk_sched_thread_current()) {
		if (d->polled && d->ops->poll) {
			/* the others first: a reply is rarely there at once */
			while (!d->done && !d->failed) {
				uk_sched_yield();
				d->ops->poll(d);
			}
		} else {
			fl = ukplat_irq_save();
			uk_sched_waitq_wait_cond_irqoff(&d->waiters,
							d->done || d->failed, 0);
			ukplat_irq_restore(fl);
		}
		return d->done ? 0 : -EIO;
	}
#endif
	if (d->ops->wait(d, &d->done) < 0 || !d->done)
		return -EIO;
	return 0;
}

/* One round trip through the transport's ops; got: bytes received. */
static int round_trip(struct uk_9pdev *d, const void *req, size_t reqlen,
		      void *reply, size_t replymax, size_t *got)
{
	int rc;

	if (d->ops->request)
		return d->ops->request(d, req, reqlen, reply, replymax, got);
	if (d->failed)
		return -EIO;
	d->done = 0;
	rc = d->ops->submit(d, req, reqlen, reply, replymax);
	if (rc < 0)
		return rc;
	rc = wait_reply(d);
	*got = d->got;
	return rc;
}

int uk_9pdev_request(struct uk_9pdev *d, const void *req, size_t reqlen,
		     void *reply, size_t replymax, size_t *replylen)
{
	size_t got = 0;
	uint32_t size;
	int rc;

	if (!d || !req || !reply || reqlen < 7 || le32(req) != reqlen ||
	    reqlen > d->max_msize || replymax < 7)
		return -EINVAL;
	rc = round_trip(d, req, reqlen, reply, replymax, &got);
	if (rc < 0)
		return rc;
	size = got >= 4 ? le32(reply) : 0;
	if (got < 7 || got > replymax || size < 7 || size > got) {
		uk_pr_err("%s: malformed 9P reply (%lu bytes, size field %u)\n",
			  d->tag, (unsigned long)got, size);
		return -EPROTO;
	}
	*replylen = size;
	return 0;
}
