/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target virtio-net-rx (support/scripts/fuzz): a hostile device on
 * the receive path. The real virtqueue code (drivers/virtio), the real
 * receive path (../rxtx.c) and the real netbuf pools and uknetdev
 * checks (lib/uknetdev) run on the host; the input plays the device:
 * which posted buffer it completes, the bytes it writes there (the
 * virtio-net header with num_buffers, flags and checksum offsets, then
 * the frame), the used length and id it reports, used-index jumps,
 * interleaved with receive bursts and frees by the "netif" above.
 *
 * Besides ASan/UBSan errors it aborts when a promise breaks: every
 * frame handed out lies inside its netbufs, its chain has as many bytes
 * as its netbufs say, a partial checksum it carries is inside it; a
 * failed device stays failed and its bursts return -EIO; no netbuf is
 * lost or counted twice (pool free + posted + held by the netif = all).
 *
 * Input: features[1] nb_desc[1] bufsize[1], then ops of 1 byte each,
 * some followed by arguments (see LLVMFuzzerTestOneInput).
 */
// fuzz-cflags: -I../../virtio -I../../virtio/include -I../../../lib/uknetdev/include -I../../../lib/ukalloc/include -DCONFIG_LIBUKDEBUG=1
// fuzz-max-len: 65536
// fuzz-runs: 20000
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../virtio/virtqueue.c"
#include "../../virtio/core.c"
#include "../../../lib/uknetdev/netbuf.c"
#include "../../../lib/uknetdev/netdev.c"
#include "../rxtx.c"

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "virtio-net-rx fuzz: broken promise: %s\n", #c); \
	abort(); } } while (0)

/* The platform and the allocator, on the host. */
unsigned long ukplat_irq_save(void) { return 0; }
void ukplat_irq_restore(unsigned long f) { (void)f; }
void ukplat_idle(void) { }
void uk_debug_printk(int level, const char *lib, const char *fmt, ...)
{
	(void)level, (void)lib, (void)fmt;	/* the messages: not checked */
}

static void *h_malloc(struct uk_alloc *a, size_t n) { (void)a; return malloc(n); }
static void h_free(struct uk_alloc *a, void *p) { (void)a; free(p); }
static const struct uk_alloc_ops h_ops = { .malloc = h_malloc, .free = h_free };
static struct uk_alloc h_alloc = { .ops = &h_ops };
struct uk_alloc *uk_alloc_get_default(void) { return &h_alloc; }
void *uk_alloc_memalign_(struct uk_alloc *a, size_t al, size_t n)
{
	(void)a;
	return aligned_alloc(al, (n + al - 1) / al * al);
}
void *uk_alloc_calloc(struct uk_alloc *a, size_t n, size_t s)
{
	(void)a;
	return calloc(n, s);
}
void *uk_alloc_palloc_(struct uk_alloc *a, size_t n)
{
	(void)a;
	return aligned_alloc(4096, n * 4096);
}
void uk_alloc_pfree_(struct uk_alloc *a, void *p, size_t n)
{
	(void)a, (void)n;
	free(p);
}
void uk_alloc_free_(struct uk_alloc *a, void *p) { (void)a; free(p); }

/* The transport: a device whose rings we write ourselves. */
static uint64_t offered;
static uint64_t t_features_get(struct uk_virtio_dev *d) { (void)d; return offered; }
static void t_features_set(struct uk_virtio_dev *d, uint64_t f) { (void)d, (void)f; }
static uint8_t status;
static uint8_t t_status_get(struct uk_virtio_dev *d) { (void)d; return status; }
static void t_status_set(struct uk_virtio_dev *d, uint8_t s) { (void)d; status = s; }
static void t_reset(struct uk_virtio_dev *d) { (void)d; status = 0; }
static unsigned int t_vq_max(struct uk_virtio_dev *d, unsigned int i) { (void)d, (void)i; return 256; }
static int t_vq_enable(struct uk_virtio_dev *d, struct uk_virtqueue *q) { (void)d, (void)q; return 0; }
static void t_notify(struct uk_virtio_dev *d, struct uk_virtqueue *q) { (void)d, (void)q; }
static int t_irq(struct uk_virtio_dev *d) { (void)d; return 0; }
static const struct uk_virtio_transport tr = {
	.features_get = t_features_get, .features_set = t_features_set,
	.status_get = t_status_get, .status_set = t_status_set,
	.reset = t_reset, .vq_max = t_vq_max, .vq_enable = t_vq_enable,
	.notify = t_notify, .irq_enable = t_irq,
};

/* Input reader. */
static const uint8_t *in;
static size_t left;

static unsigned int next(unsigned int bytes)
{
	unsigned int v = 0;

	while (bytes--) {
		v = v << 8 | (left ? *in : 0);
		if (left)
			in++, left--;
	}
	return v;
}

#define HELD_MAX 64

static void check_frame(struct uk_netbuf_pool *p, struct uk_netbuf *nb)
{
	uint32_t total = 0;
	struct uk_netbuf *s;
	unsigned int parts = 0;

	for (s = nb; s; s = s->next) {
		CHECK(s->pool == p);
		CHECK((char *)s->data >= (char *)s->buf);
		CHECK((char *)s->data + s->len <= (char *)s->buf + s->buflen);
		CHECK(s->headroom == (uint32_t)((char *)s->data - (char *)s->buf));
		total += s->len;
		CHECK(++parts <= 256);
	}
	CHECK(total >= 14 && total <= 65535 + 14);
	CHECK(total == uk_netdev_buf_frame_len(nb));
	if (nb->flags & UK_NETBUF_F_CSUM_PARTIAL)
		CHECK(nb->csum_start < total &&
		      nb->csum_offset + 2U <= total - nb->csum_start);
	/* Touch every byte: ASan sees a frame pointing outside its buffers. */
	for (s = nb; s; s = s->next)
		for (uint32_t i = 0; i < s->len; i++)
			total += ((volatile uint8_t *)s->data)[i];
}

int LLVMFuzzerTestOneInput(const uint8_t *buf, size_t len)
{
	static struct uk_virtio_dev d;
	static struct vnet v;
	struct vnet_rxq *r = &v.rxq[0];
	struct uk_netbuf *held[HELD_MAX], *pk[32];
	struct uk_virtqueue *vq;
	unsigned int nheld = 0, feat, i, k, dev_avail = 0, pool_n = 96;
	uint16_t used_idx = 0;
	int n;

	in = buf;
	left = len;
	memset(&d, 0, sizeof(d));
	memset(&v, 0, sizeof(v));
	nall = 0;
	ndevs = 0;
	feat = next(1);
	offered = (feat & 1 ? 1ULL << F_MRG_RXBUF : 0) |
		  (feat & 2 ? 1ULL << F_GUEST_CSUM : 0) |
		  (feat & 4 ? 1ULL << UK_VIRTIO_F_EVENT_IDX : 0) |
		  (feat & 8 ? 1ULL << UK_VIRTIO_F_INDIRECT_DESC : 0) |
		  1ULL << UK_VIRTIO_F_VERSION_1;
	d.t = &tr;
	strcpy(d.name, "fuzz");
	d.device_id = UK_VIRTIO_ID_NET;
	d.legacy = !!(feat & 32);
	if (uk_virtio_negotiate(&d, 1ULL << F_MRG_RXBUF | 1ULL << F_GUEST_CSUM) < 0)
		return 0;
	v.vdev = &d;
	v.hdr_len = !d.legacy || uk_virtio_has(&d, F_MRG_RXBUF) ? 12 : 10;
	v.nd.conf.offloads = feat & 16 ? UK_NETDEV_OFF_RX_CSUM : 0;
	v.nd.info.max_rx_queues = v.nd.info.max_tx_queues = 1;
	v.nd.priv = &v;
	v.nd.state = UK_NETDEV_RUNNING;
	v.nd.conf.nb_rx_queues = v.nd.conf.nb_tx_queues = 1;
	r->v = &v;
	vq = r->vq = uk_virtio_vq_setup(&d, 0, 256, vnet_rx_done, r);
	CHECK(vq);
	r->nb_desc = next(1) + 1;
	/* Buffers of 64..2048 bytes: small ones only work merged. */
	r->pool = uk_netdev_pool_create(&h_alloc, pool_n, 64 + next(1) * 8, 32, 0);
	CHECK(r->pool);
	vnet_rx_refill(r);

	while (left) {
		unsigned int op = next(1);

		if (d.failed) {
			CHECK(vnet_rx_burst(&v.nd, 0, pk, 32) == -EIO);
			break;
		}
		switch (op & 3) {
		case 0: {	/* the device fills the next posted buffer */
			unsigned int nw = next(2), id, ulen;
			struct uk_vring_desc *de;
			uint8_t *p;

			if ((uint16_t)(vq->avail->idx - dev_avail) == 0)
				break;	/* nothing posted */
			id = vq->avail->ring[dev_avail++ & (vq->size - 1)];
			CHECK(id < vq->size);
			de = &vq->desc[id];
			CHECK(de->flags == VRING_DESC_F_WRITE);
			p = (uint8_t *)(uintptr_t)de->addr;
			if (nw > de->len)
				nw = de->len;
			for (i = 0; i < nw; i++)
				p[i] = next(1);
			ulen = op & 4 ? next(4) : nw;	/* a lie, sometimes */
			if (op & 8)
				id = next(2);		/* a wrong id, sometimes */
			vq->used->ring[used_idx & (vq->size - 1)].id = id;
			vq->used->ring[used_idx & (vq->size - 1)].len = ulen;
			vq->used->idx = ++used_idx;
			break;
		}
		case 1:		/* the used index jumps */
			if (op & 4) {
				used_idx += next(2);
				vq->used->idx = used_idx;
			}
			break;
		case 2:		/* the netif takes frames */
			k = next(1) % 33;
			n = vnet_rx_burst(&v.nd, 0, pk, k);
			if (n < 0) {
				CHECK(n == -EIO && d.failed);
				break;
			}
			CHECK((unsigned int)n <= k);
			for (i = 0; i < (unsigned int)n; i++) {
				check_frame(r->pool, pk[i]);
				if (nheld < HELD_MAX && (op & 4))
					held[nheld++] = pk[i];
				else
					uk_netdev_buf_free(pk[i]);
			}
			break;
		case 3:		/* and gives some back */
			for (k = next(1) % (nheld + 1); k; k--)
				uk_netdev_buf_free(held[--nheld]);
			break;
		}
		if (!d.failed)	/* descriptors in use = buffers posted */
			CHECK(vq->size - vq->nfree == r->posted);
	}
	{
		unsigned int held_bufs = 0;
		struct uk_netbuf *s;

		for (i = 0; i < nheld; i++)
			for (s = held[i]; s; s = s->next)
				held_bufs++;
		if (!d.failed)
			CHECK(uk_netdev_pool_nfree(r->pool) + r->posted +
			      held_bufs == pool_n);
		for (i = 0; i < nheld; i++)
			uk_netdev_buf_free(held[i]);
	}
	free(r->pool);
	vq_free(vq);
	return 0;
}
