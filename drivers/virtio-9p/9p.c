/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-9p (the 9P transport: virtio 1.2 section 5.11 names it device
 * 9; its layout is QEMU's and Linux's net/9p/trans_virtio.c): one
 * request queue; a request is one device-readable buffer holding the
 * T-message and one device-writable buffer for the R-message; the used
 * length is what the server wrote. Feature MOUNT_TAG (bit 0): the
 * configuration holds tag_len (le16) then the tag, the name users find
 * the device by. Requests go one at a time (9P tags allow more; the
 * client, lib/9pfs, sends one at a time). Asynchronous behind uk9pdev:
 * submit queues the request, the completion (interrupt, or poll) hands
 * the used length to uk_9pdev_complete(), so with uksched only the
 * calling thread waits.
 */
#include <uk/9pdev.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include <uk/virtio.h>

#define EIO	5
#define ENODEV	19
#define ENOMEM	12
#define EBUSY	16

#define F_MOUNT_TAG	0

struct v9p {
	struct uk_9pdev p9;
	struct uk_virtqueue *vq;
	int busy;		/* a request is in flight */
};

/* Completions (interrupt handler or poll): the reply is in. */
static void v9p_done(struct uk_virtqueue *vq, void *arg)
{
	struct v9p *v = arg;
	void *token;
	uint32_t len;
	int rc;

	while ((rc = uk_virtio_vq_get(vq, &token, &len)) == 1) {
		v->busy = 0;
		uk_9pdev_complete(&v->p9, len);
	}
	/* The device broke the protocol and was failed: the request in
	 * flight never completes; wake whoever waits. */
	if (rc < 0)
		uk_9pdev_fail(&v->p9);
}

static int v9p_submit(struct uk_9pdev *p, const void *req, size_t reqlen,
		      void *reply, size_t replymax)
{
	struct v9p *v = p->priv;
	struct uk_sg sg[2];

	if (v->busy)
		return -EBUSY;
	sg[0].buf = (void *)req;
	sg[0].len = reqlen;
	sg[1].buf = reply;
	sg[1].len = replymax;
	v->busy = 1;
	if (uk_virtio_vq_add(v->vq, sg, 1, 1, v) < 0) {
		v->busy = 0;
		return -EIO;
	}
	uk_virtio_vq_kick(v->vq);
	return 0;
}

static int v9p_wait(struct uk_9pdev *p, volatile int *done)
{
	struct v9p *v = p->priv;

	return uk_virtio_vq_wait(v->vq, done);
}

static void v9p_poll(struct uk_9pdev *p)
{
	struct v9p *v = p->priv;

	uk_virtio_vq_poll(v->vq);
}

static const struct uk_9pdev_ops v9p_ops = {
	.submit = v9p_submit,
	.wait = v9p_wait,
	.poll = v9p_poll,
};

static int v9p_probe(struct uk_virtio_dev *d)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct v9p *v;
	uint16_t len = 0;

	if (!a || !(v = uk_alloc_calloc(a, 1, sizeof(*v))))
		return -ENOMEM;
	if (uk_virtio_negotiate(d, 1ULL << F_MOUNT_TAG) < 0)
		return -EIO;
	if (uk_virtio_has(d, F_MOUNT_TAG)) {
		uk_virtio_config_read(d, 0, &len, 2);
		if (len >= sizeof(v->p9.tag)) {
			uk_virtio_fail(d, "mount tag longer than 31 bytes");
			return -EIO;
		}
		uk_virtio_config_read(d, 2, v->p9.tag, len);
	}
	v->p9.tag[len] = 0;
	v->vq = uk_virtio_vq_setup(d, 0, 16, v9p_done, v);
	if (!v->vq)
		return -EIO;
	v->p9.max_msize = 1U << 20;	/* one buffer each way, 1 MiB */
	v->p9.ops = &v9p_ops;
	v->p9.priv = v;
	v->p9.polled = d->poll;
	d->priv = v;
	if (uk_9pdev_register(&v->p9) < 0)
		return -ENODEV;
	return uk_virtio_ready(d);
}

static struct uk_virtio_driver v9p_drv = {
	.name = "virtio-9p",
	.device_id = UK_VIRTIO_ID_9P,
	.probe = v9p_probe,
};
UK_VIRTIO_DRIVER(v9p_drv);
