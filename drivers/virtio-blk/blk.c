/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * virtio-blk (virtio 1.2 section 5.2) behind ukblkdev. One request
 * queue; each request is three buffers (section 5.2.6): a header the
 * device reads (type, sector in 512-byte units), the data (read by the
 * device for writes, written for reads), and one status byte it
 * writes. With INDIRECT_DESC (QEMU offers it) each takes one ring slot,
 * so the queue holds as many requests as it has entries.
 *
 * Features used (section 5.2.3): RO (the device refuses writes:
 * ukblkdev returns -EROFS first), BLK_SIZE (the sector size the
 * device reports; capacity stays in 512-byte units), FLUSH (a write
 * cache, emptied by UK_BLKREQ_FLUSH), SEG_MAX/SIZE_MAX (ignored: one
 * data segment, at most max_sectors).
 */
#include <errno.h>
#include <uk/alloc.h>
#include <uk/blkdev.h>
#include <uk/print.h>
#include <uk/virtio.h>

#define F_SIZE_MAX	1
#define F_SEG_MAX	2
#define F_RO		5
#define F_BLK_SIZE	6
#define F_FLUSH		9

#define T_IN		0
#define T_OUT		1
#define T_FLUSH		4

#define S_OK		0
#define S_IOERR		1
#define S_UNSUPP	2

#define CFG_CAPACITY	0
#define CFG_BLK_SIZE	20

/* What each request carries for the device, in ukblkdev's drv[]. */
struct vblk_hdr {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;	/* 512-byte units */
	uint8_t status;
};

struct vblk {
	struct uk_blkdev bd;
	struct uk_virtio_dev *vdev;
	struct uk_virtqueue *vq;
	unsigned int shift;	/* log2(sector_size / 512) */
};

static void vblk_done(struct uk_virtqueue *vq, void *arg)
{
	struct vblk *v = arg;
	struct uk_blkreq *r;
	struct vblk_hdr *h;
	void *token;
	uint32_t len;
	int rc;

	while ((rc = uk_virtio_vq_get(vq, &token, &len)) == 1) {
		r = token;
		h = (struct vblk_hdr *)r->drv;
		/* The status byte is the last the device writes: len
		 * counts it (section 5.2.6.1); without it, no status. */
		if (len < 1)
			uk_blkdev_complete(&v->bd, r, -EIO);
		else
			uk_blkdev_complete(&v->bd, r, h->status == S_OK ? 0 :
					   h->status == S_UNSUPP ? -ENOTSUP :
					   -EIO);
	}
	/* The device broke the protocol and was failed: nothing in flight
	 * will complete; wake whoever waits. */
	if (rc < 0)
		uk_blkdev_fail(&v->bd);
}

static int vblk_submit(struct uk_blkdev *bd, struct uk_blkreq *r)
{
	struct vblk *v = bd->priv;
	struct vblk_hdr *h = (struct vblk_hdr *)r->drv;
	struct uk_sg sg[3];
	unsigned int n = 0, nout;
	int rc;

	_Static_assert(sizeof(struct vblk_hdr) <= sizeof(r->drv), "drv[]");
	h->type = r->op == UK_BLKREQ_READ ? T_IN :
		  r->op == UK_BLKREQ_WRITE ? T_OUT : T_FLUSH;
	h->reserved = 0;
	h->sector = r->op == UK_BLKREQ_FLUSH ? 0 : r->sector << v->shift;
	h->status = 0xff;
	sg[n].buf = h;
	sg[n++].len = 16;
	if (r->op != UK_BLKREQ_FLUSH) {
		sg[n].buf = r->buf;
		sg[n++].len = r->nsectors * bd->info.sector_size;
	}
	nout = r->op == UK_BLKREQ_READ ? 1 : n;
	sg[n].buf = &h->status;
	sg[n++].len = 1;
	rc = uk_virtio_vq_add(v->vq, sg, nout, n - nout, r);
	if (rc == -ENOSPC)
		return -EBUSY;
	if (rc < 0)
		return -EIO;
	uk_virtio_vq_kick(v->vq);
	return 0;
}

static int vblk_wait(struct uk_blkdev *bd, volatile int *done)
{
	struct vblk *v = bd->priv;

	return uk_virtio_vq_wait(v->vq, done);
}

static void vblk_poll(struct uk_blkdev *bd)
{
	struct vblk *v = bd->priv;

	uk_virtio_vq_poll(v->vq);
}

static const struct uk_blkdev_ops vblk_ops = {
	.submit = vblk_submit,
	.wait = vblk_wait,
	.poll = vblk_poll,
};

static int vblk_probe(struct uk_virtio_dev *d)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct vblk *v;
	uint64_t cap;
	uint32_t bs = 512;
	int rc;

	if (!a || !(v = uk_alloc_calloc(a, 1, sizeof(*v))))
		return -ENOMEM;
	if (uk_virtio_negotiate(d, 1ULL << F_RO | 1ULL << F_BLK_SIZE |
				   1ULL << F_FLUSH) < 0)
		return -EIO;
	uk_virtio_config_read(d, CFG_CAPACITY, &cap, 8);
	if (uk_virtio_has(d, F_BLK_SIZE))
		uk_virtio_config_read(d, CFG_BLK_SIZE, &bs, 4);
	if (bs < 512 || bs > 65536 || (bs & (bs - 1))) {
		uk_virtio_fail(d, "block size not a power of 2 in 512..65536");
		return -EIO;
	}
	v->vdev = d;
	v->vq = uk_virtio_vq_setup(d, 0, 128, vblk_done, v);
	if (!v->vq)
		return -EIO;
	while ((512U << v->shift) < bs)
		v->shift++;
	v->bd.info.sector_size = bs;
	v->bd.info.sectors = cap >> v->shift;
	v->bd.info.max_sectors = (1U << 20) / bs;	/* 1 MiB a request */
	v->bd.info.max_inflight = v->vq->size;
	v->bd.info.read_only = uk_virtio_has(d, F_RO);
	v->bd.info.flush = uk_virtio_has(d, F_FLUSH);
	v->bd.ops = &vblk_ops;
	v->bd.priv = v;
	d->priv = v;
	if (uk_blkdev_register(&v->bd, "vblk") < 0)
		return -ENOSPC;
	rc = uk_virtio_ready(d);
	/* Known once the interrupt is routed (or not). */
	v->bd.info.polled = d->poll;
	return rc;
}

static struct uk_virtio_driver vblk_drv = {
	.name = "virtio-blk",
	.device_id = UK_VIRTIO_ID_BLK,
	.probe = vblk_probe,
};
UK_VIRTIO_DRIVER(vblk_drv);
