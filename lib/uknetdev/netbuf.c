/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Netbuf pools: one allocation holding the pool, its netbufs, their
 * private areas and their buffers; a LIFO free list (the most recently
 * freed buffer is the warmest in the cache) changed with interrupts
 * off, so that drivers refill from interrupt handlers while threads
 * free.
 */
#include <uk/alloc.h>
#include <uk/netbuf.h>
#include <uk/plat/irq.h>

struct uk_netbuf_pool {
	struct uk_netbuf *free;		/* through next */
	unsigned int count, nfree;
	uint32_t bufsize, headroom;
};

#define ALIGN_UP(x, a) (((x) + (a) - 1) & ~(size_t)((a) - 1))

struct uk_netbuf_pool *uk_netdev_pool_create(struct uk_alloc *a,
					     unsigned int count,
					     uint32_t bufsize,
					     uint32_t headroom,
					     size_t priv_size)
{
	size_t head = ALIGN_UP(sizeof(struct uk_netbuf_pool), 64);
	size_t each = ALIGN_UP(sizeof(struct uk_netbuf) + priv_size, 64);
	size_t bsz = ALIGN_UP(bufsize, 64);
	struct uk_netbuf_pool *p;
	struct uk_netbuf *nb;
	char *mem, *bufs;
	unsigned int i;

	if (!a || !count || !bufsize || headroom >= bufsize ||
	    count > (1U << 20) || bufsize > (1U << 20))
		return NULL;
	mem = uk_memalign(a, 64, head + count * (each + bsz));
	if (!mem)
		return NULL;
	p = (struct uk_netbuf_pool *)mem;
	p->free = NULL;
	p->count = p->nfree = count;
	p->bufsize = bufsize;
	p->headroom = headroom;
	bufs = mem + head + count * each;
	for (i = count; i-- > 0;) {
		nb = (struct uk_netbuf *)(mem + head + i * each);
		nb->buf = bufs + i * bsz;
		nb->buflen = bufsize;
		nb->pool = p;
		nb->dtor = NULL;
		nb->priv = priv_size ? (char *)(nb + 1) : NULL;
		nb->next = p->free;
		p->free = nb;
	}
	return p;
}

uint32_t uk_netdev_pool_bufsize(const struct uk_netbuf_pool *p)
{
	return p->bufsize;
}

uint32_t uk_netdev_pool_headroom(const struct uk_netbuf_pool *p)
{
	return p->headroom;
}

unsigned int uk_netdev_pool_count(const struct uk_netbuf_pool *p)
{
	return p->count;
}

unsigned int uk_netdev_pool_nfree(const struct uk_netbuf_pool *p)
{
	return p->nfree;
}

struct uk_netbuf *uk_netdev_buf_alloc(struct uk_netbuf_pool *p)
{
	unsigned long flags = ukplat_irq_save();
	struct uk_netbuf *nb = p->free;

	if (nb) {
		p->free = nb->next;
		p->nfree--;
	}
	ukplat_irq_restore(flags);
	if (!nb)
		return NULL;
	nb->next = NULL;
	nb->headroom = p->headroom;
	nb->data = (char *)nb->buf + p->headroom;
	nb->len = 0;
	nb->flags = 0;
	nb->csum_start = nb->csum_offset = 0;
	nb->gso_size = nb->hdr_len = 0;
	nb->drv = NULL;
	return nb;
}

void uk_netdev_buf_free(struct uk_netbuf *nb)
{
	struct uk_netbuf *next;
	struct uk_netbuf_pool *p;
	unsigned long flags;

	for (; nb; nb = next) {
		next = nb->next;
		if (nb->dtor) {
			nb->dtor(nb);
			continue;
		}
		p = nb->pool;
		flags = ukplat_irq_save();
		nb->next = p->free;
		p->free = nb;
		p->nfree++;
		ukplat_irq_restore(flags);
	}
}
