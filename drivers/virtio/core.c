/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The device side of the core: initialization in the order of virtio
 * 1.2 section 3.1.1, driver binding, failure, reset.
 */
#include <uk/param.h>
#include <uk/print.h>
#include "virtio.h"

extern const struct uk_virtio_driver *const __start_uk_virtio_drivers[] __uk_weak;
extern const struct uk_virtio_driver *const __stop_uk_virtio_drivers[] __uk_weak;

static struct uk_virtio_dev *all[16];
static unsigned int nall;

unsigned int uk_virtio_count(void)
{
	return nall;
}

struct uk_virtio_dev *uk_virtio_get(unsigned int i)
{
	return i < nall ? all[i] : NULL;
}

int uk_virtio_poll_param;
UK_PARAM(poll, UK_PARAM_BOOL, &uk_virtio_poll_param,
	 "poll every virtqueue instead of taking interrupts");

void uk_virtio_fail(struct uk_virtio_dev *d, const char *why)
{
	if (d->failed)
		return;
	d->failed = 1;
	uk_pr_err("%s: device failed: %s\n", d->name, why);
	d->t->status_set(d, d->t->status_get(d) | UK_VIRTIO_S_FAILED);
	/* Section 2.1.2: then reset, so that the device stops using our
	 * queues and buffers (its requests are never completed). */
	d->t->reset(d);
}

void uk_virtio_reset(struct uk_virtio_dev *d)
{
	d->t->reset(d);
}

void uk_virtio_config_read(struct uk_virtio_dev *d, unsigned int off,
			   void *buf, unsigned int len)
{
	d->t->config_read(d, off, buf, len);
}

int uk_virtio_dev_add(struct uk_virtio_dev *d)
{
	const struct uk_virtio_driver *const *dp;
	unsigned int i;
	int rc;

	if (nall < UK_ARRAY_SIZE(all))
		all[nall++] = d;
	/* Steps 1-3: reset, ACKNOWLEDGE, DRIVER. */
	d->t->reset(d);
	d->t->status_set(d, UK_VIRTIO_S_ACK);
	for (dp = __start_uk_virtio_drivers; dp < __stop_uk_virtio_drivers;
	     dp++) {
		if ((*dp)->device_id != d->device_id)
			continue;
		d->t->status_set(d, UK_VIRTIO_S_ACK | UK_VIRTIO_S_DRIVER);
		d->driver = *dp;
		rc = (*dp)->probe(d);
		if (rc == 0) {
			uk_pr_info("%s: %s (%s)\n", d->name, (*dp)->name,
				   d->poll ? "polling" : d->irq_kind);
			return 0;
		}
		/* Undo: the device stops using our queues, then we free.
		 * -ENODEV is "not mine after all": reset, not failed. */
		d->driver = NULL;
		if (rc == -ENODEV && !d->failed)
			d->t->reset(d);
		else if (!d->failed)
			uk_virtio_fail(d, "driver probe failed");
		for (i = 0; i < d->nvqs; i++)
			vq_free(d->vqs[i]);
		d->nvqs = 0;
		return rc;
	}
	uk_pr_info("%s: device id %u: no driver\n", d->name, d->device_id);
	return -ENODEV;
}

int uk_virtio_negotiate(struct uk_virtio_dev *d, uint64_t wanted)
{
	uint64_t offered = d->t->features_get(d);

	wanted |= 1ULL << UK_VIRTIO_F_INDIRECT_DESC |
		  1ULL << UK_VIRTIO_F_EVENT_IDX;
	if (!d->legacy) {
		/* Section 6.1: a modern driver must accept VERSION_1. */
		if (!(offered & (1ULL << UK_VIRTIO_F_VERSION_1))) {
			uk_virtio_fail(d, "VERSION_1 not offered by a modern device");
			return -EIO;
		}
		wanted |= 1ULL << UK_VIRTIO_F_VERSION_1;
	} else {
		wanted &= 0xffffffffULL;	/* legacy: 32 feature bits */
	}
	d->features = offered & wanted;
	d->t->features_set(d, d->features);
	if (d->legacy)
		return 0;	/* no FEATURES_OK before 1.0 */
	/* Steps 5-6: FEATURES_OK, then read it back. */
	d->t->status_set(d, d->t->status_get(d) | UK_VIRTIO_S_FEATURES_OK);
	if (!(d->t->status_get(d) & UK_VIRTIO_S_FEATURES_OK)) {
		uk_virtio_fail(d, "features not accepted (FEATURES_OK cleared)");
		return -EIO;
	}
	return 0;
}

int uk_virtio_ready(struct uk_virtio_dev *d)
{
	if (d->failed)
		return -EIO;
	/* Step 8 (interrupts were routed with the first queue). */
	d->t->status_set(d, d->t->status_get(d) | UK_VIRTIO_S_DRIVER_OK);
	return 0;
}

int uk_virtio_irq(void *arg)
{
	struct uk_virtio_dev *d = arg;
	unsigned int i;

	for (i = 0; i < d->nvqs; i++)
		vq_process(d->vqs[i]);
	return 1;
}
