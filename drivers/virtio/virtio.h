/* SPDX-License-Identifier: BSD-3-Clause */
/* ukvirtio's files to each other. */
#ifndef UKVIRTIO_VIRTIO_H
#define UKVIRTIO_VIRTIO_H

#include <uk/virtio.h>

#define EINVAL	22
#define EIO	5
#define ENODEV	19
#define ENOSPC	28
#define ENOMEM	12
#define ENOTSUP	95

/* The split virtqueue's rings, section 2.7. */
struct uk_vring_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};
#define VRING_DESC_F_NEXT	1
#define VRING_DESC_F_WRITE	2
#define VRING_DESC_F_INDIRECT	4

struct uk_vring_avail {
	uint16_t flags;
	uint16_t idx;
	uint16_t ring[];	/* size entries, then used_event */
};
#define VRING_AVAIL_F_NO_INTERRUPT 1

struct uk_vring_used_elem {
	uint32_t id;
	uint32_t len;
};

struct uk_vring_used {
	uint16_t flags;
	uint16_t idx;
	struct uk_vring_used_elem ring[];	/* then avail_event */
};
#define VRING_USED_F_NO_NOTIFY 1

/* Most segments in one request through an indirect table. */
#define VQ_INDIRECT_MAX 16

/* Legacy layout (section 2.7.2 legacy interfaces): used ring aligned. */
#define VQ_ALIGN 4096

/* virtqueue.c */
extern int uk_virtio_poll_param;
void vq_free(struct uk_virtqueue *vq);
void vq_process(struct uk_virtqueue *vq);
/* mmio.c: parse <size>@<base>:<irq>[:<id>]; 0 or -EINVAL (tests). */
int uk_virtio_mmio_parse(const char *s, uint64_t *size, uint64_t *base,
			 unsigned int *irq);

/* Full barrier: orders the driver's stores before loads of what the
 * device wrote (section 2.7.13.3's memory barrier). */
static inline void vq_mb(void)
{
	__asm__ __volatile__("lock; addl $0, (%%rsp)" ::: "memory", "cc");
}

static inline void vq_barrier(void)
{
	__asm__ __volatile__("" ::: "memory");
}

#endif
