/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-rng: one request queue (requestq, section 5.4.2); each request
 * is one device-writable buffer the device fills with entropy. No
 * feature bits, no configuration (sections 5.4.3, 5.4.4). Requests are
 * made one at a time by uk_virtio_rng_read(), under a lock-free
 * "busy" flag (single CPU: irq_save is the lock).
 */
#include <uk/plat/irq.h>
#include <uk/print.h>
#include <uk/virtio.h>
#include <uk/virtio_rng.h>
#if CONFIG_LIBUKRANDOM
#include <uk/random.h>
#endif

#define ENODEV	19
#define EIO	5
#define EBUSY	16

#define CHUNK 4096	/* most bytes asked for at once */

static struct uk_virtqueue *rq;
static volatile int done;
static uint32_t got;

static void rng_done(struct uk_virtqueue *vq, void *arg __uk_unused)
{
	void *token;
	uint32_t len;

	while (uk_virtio_vq_get(vq, &token, &len) == 1) {
		got = len;
		done = 1;
	}
}

long uk_virtio_rng_read(void *buf, size_t len)
{
	struct uk_sg sg;
	int rc;

	if (!rq)
		return -ENODEV;
	if (!len)
		return 0;
	sg.buf = buf;
	sg.len = len > CHUNK ? CHUNK : len;
	done = 0;
	got = 0;
	rc = uk_virtio_vq_add(rq, &sg, 0, 1, buf);
	if (rc < 0)
		return rc == -5 ? -EIO : -EBUSY;
	uk_virtio_vq_kick(rq);
	if (uk_virtio_vq_wait(rq, &done) < 0)
		return -EIO;
	return got ? (long)got : -EIO;
}

#if CONFIG_LIBUKRANDOM
/* ukrandom's source: it reseeds from us at registration and later. */
static long source_read(struct uk_random_source *src __uk_unused, void *buf,
			size_t len)
{
	return uk_virtio_rng_read(buf, len);
}

static struct uk_random_source source = {
	.name = "virtio-rng",
	.read = source_read,
};
#endif

static int rng_probe(struct uk_virtio_dev *d)
{
	int rc;

	if (rq)
		return -ENODEV;	/* one device is enough */
	if (uk_virtio_negotiate(d, 0) < 0)
		return -EIO;
	rq = uk_virtio_vq_setup(d, 0, 8, rng_done, NULL);
	if (!rq)
		return -EIO;
	rc = uk_virtio_ready(d);
#if CONFIG_LIBUKRANDOM
	if (!rc && uk_random_source_register(&source) < 0)
		uk_pr_err("not registered with ukrandom\n");
#endif
	return rc;
}

static struct uk_virtio_driver rng_drv = {
	.name = "virtio-rng",
	.device_id = UK_VIRTIO_ID_RNG,
	.probe = rng_probe,
};
UK_VIRTIO_DRIVER(rng_drv);
