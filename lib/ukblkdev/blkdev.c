/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukblkdev: the device list, and the checks every request passes before
 * a driver sees it (so drivers need not repeat them): op known, length
 * non-zero and within max_sectors, the range inside the device, writes
 * and flushes refused on read-only devices; and waiting for a request:
 * on uksched, blocking the calling thread on the device's wait queue
 * (see <uk/blkdev.h>), else through the driver's wait op.
 */
#include <errno.h>
#include <uk/blkdev.h>
#include <uk/plat/irq.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#ifndef CONFIG_LIBUKBLKDEV_MAX
#define CONFIG_LIBUKBLKDEV_MAX 8
#endif

static struct uk_blkdev *devs[CONFIG_LIBUKBLKDEV_MAX];
static unsigned int ndevs;

int uk_blkdev_register(struct uk_blkdev *d, const char *prefix)
{
	unsigned int i;

	if (ndevs == CONFIG_LIBUKBLKDEV_MAX)
		return -ENOSPC;
	for (i = 0; prefix[i] && i < sizeof(d->name) - 2; i++)
		d->name[i] = prefix[i];
	d->name[i++] = '0' + ndevs % 10;	/* its index among all */
	d->name[i] = 0;
	d->failed = 0;
#if CONFIG_LIBUKSCHED
	uk_sched_waitq_init(&d->waiters);
#endif
	devs[ndevs++] = d;
	return 0;
}

unsigned int uk_blkdev_count(void)
{
	return ndevs;
}

struct uk_blkdev *uk_blkdev_get(unsigned int i)
{
	return i < ndevs ? devs[i] : NULL;
}

void uk_blkdev_complete(struct uk_blkdev *d, struct uk_blkreq *r, int result)
{
	unsigned long flags = ukplat_irq_save();

	d->inflight--;
	r->result = result;
	__asm__ __volatile__("" ::: "memory");
	r->finished = 1;
	ukplat_irq_restore(flags);
	if (r->done)
		r->done(r);
#if CONFIG_LIBUKSCHED
	/* Every waiter checks its own request; woken, they run after the
	 * interrupt handler returns. */
	uk_sched_waitq_wake_all(&d->waiters);
#endif
}

void uk_blkdev_fail(struct uk_blkdev *d)
{
	d->failed = 1;
#if CONFIG_LIBUKSCHED
	uk_sched_waitq_wake_all(&d->waiters);
#endif
}

int uk_blkdev_submit(struct uk_blkdev *d, struct uk_blkreq *r)
{
	unsigned long flags;
	int rc;

	r->finished = 0;
	r->result = 0;
	switch (r->op) {
	case UK_BLKREQ_FLUSH:
		if (d->info.read_only)
			return -EROFS;
		if (!d->info.flush)
			return -ENOTSUP;
		break;
	case UK_BLKREQ_WRITE:
		if (d->info.read_only)
			return -EROFS;
		/* fall through */
	case UK_BLKREQ_READ:
		if (!r->nsectors || r->nsectors > d->info.max_sectors ||
		    r->sector >= d->info.sectors ||
		    r->nsectors > d->info.sectors - r->sector || !r->buf)
			return -EINVAL;
		break;
	default:
		return -EINVAL;
	}
	flags = ukplat_irq_save();
	rc = d->ops->submit(d, r);
	if (!rc)
		d->inflight++;
	ukplat_irq_restore(flags);
	return rc;
}

#if CONFIG_LIBUKSCHED
/*
 * The calling thread waits for r; the others run. Interrupt mode: the
 * condition is checked with interrupts off and the thread queued in the
 * same breath, so a completion between the two cannot be lost (see
 * <uk/wait.h>). Polled: the thread itself takes completions, yielding
 * to the others between polls.
 */
static void sched_wait(struct uk_blkdev *d, struct uk_blkreq *r)
{
	unsigned long fl;

	if (d->info.polled) {
		while (!r->finished && !d->failed) {
			d->ops->poll(d);
			if (!r->finished)
				uk_sched_yield();
		}
		return;
	}
	fl = ukplat_irq_save();
	uk_sched_waitq_wait_cond_irqoff(&d->waiters, r->finished || d->failed,
					0);
	ukplat_irq_restore(fl);
}
#endif

int uk_blkdev_wait(struct uk_blkdev *d, struct uk_blkreq *r)
{
	int rc = 0;

#if CONFIG_LIBUKSCHED
	if (uk_sched_thread_current())
		sched_wait(d, r);
	else
#endif
		rc = d->ops->wait(d, &r->finished);
	if (!r->finished)
		return rc < 0 ? rc : -EIO;	/* the device failed */
	return r->result;
}

void uk_blkdev_poll(struct uk_blkdev *d)
{
	d->ops->poll(d);
}

int uk_blkdev_io(struct uk_blkdev *d, int op, uint64_t sector,
		 uint32_t nsectors, void *buf)
{
	struct uk_blkreq r = { .op = op, .sector = sector,
			       .nsectors = nsectors, .buf = buf };
	int rc;

	while ((rc = uk_blkdev_submit(d, &r)) == -EBUSY)
		d->ops->poll(d);	/* full: take what has finished */
	if (rc < 0)
		return rc;
	return uk_blkdev_wait(d, &r);
}
