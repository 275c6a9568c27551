/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukvirtio: the virtio core (virtio 1.2, OASIS, sections 2 and 3) that
 * every virtio driver uses, over any transport: virtio-pci (modern,
 * section 4.1) and virtio-mmio (versions 1 and 2, section 4.2).
 *
 * A transport finds a device and calls uk_virtio_dev_add(); the core
 * resets it, sets ACKNOWLEDGE and DRIVER (section 3.1.1 steps 1-3) and
 * offers it to the driver registered for its device ID:
 *
 *	static struct uk_virtio_driver drv = {
 *		.name = "virtio-rng", .device_id = UK_VIRTIO_ID_RNG,
 *		.probe = rng_probe,
 *	};
 *	UK_VIRTIO_DRIVER(drv);
 *
 * probe() negotiates features (uk_virtio_negotiate), sets up its queues
 * (uk_virtio_vq_setup), reads its configuration and calls
 * uk_virtio_ready() (DRIVER_OK). Requests are scatter lists added with
 * uk_virtio_vq_add(); completions are taken with uk_virtio_vq_get(),
 * from the queue's callback (interrupt mode, the callback runs in the
 * interrupt handler) or from uk_virtio_vq_poll() (polling mode:
 * ukvirtio.poll=1, or a device with no usable interrupt).
 *
 * A device that breaks the protocol (used index moving past the ring,
 * a descriptor id that is out of range or not in flight, a used length
 * larger than the buffers offered) is failed: one line naming the
 * device and the violation, status FAILED (section 2.1), and every
 * later call on it returns -EIO. Nothing the device wrote is trusted
 * before these checks.
 */
#ifndef UK_VIRTIO_H
#define UK_VIRTIO_H

#include <stdint.h>
#include <stddef.h>
#include <uk/essentials.h>

/* Device IDs, section 5. */
#define UK_VIRTIO_ID_NET	1
#define UK_VIRTIO_ID_BLK	2
#define UK_VIRTIO_ID_CONSOLE	3
#define UK_VIRTIO_ID_RNG	4
#define UK_VIRTIO_ID_9P		9

/* Device status bits, section 2.1. */
#define UK_VIRTIO_S_ACK		1
#define UK_VIRTIO_S_DRIVER	2
#define UK_VIRTIO_S_DRIVER_OK	4
#define UK_VIRTIO_S_FEATURES_OK	8
#define UK_VIRTIO_S_NEEDS_RESET	64
#define UK_VIRTIO_S_FAILED	128

/* Reserved feature bits, section 6. */
#define UK_VIRTIO_F_INDIRECT_DESC	28
#define UK_VIRTIO_F_EVENT_IDX		29
#define UK_VIRTIO_F_VERSION_1		32

struct uk_virtio_dev;
struct uk_virtqueue;

/* What a transport provides (virtio-pci, virtio-mmio). */
struct uk_virtio_transport {
	uint64_t (*features_get)(struct uk_virtio_dev *d);
	void (*features_set)(struct uk_virtio_dev *d, uint64_t f);
	uint8_t (*status_get)(struct uk_virtio_dev *d);
	void (*status_set)(struct uk_virtio_dev *d, uint8_t s);
	void (*reset)(struct uk_virtio_dev *d);	/* returns once done */
	void (*config_read)(struct uk_virtio_dev *d, unsigned int off,
			    void *buf, unsigned int len);
	void (*config_write)(struct uk_virtio_dev *d, unsigned int off,
			     const void *buf, unsigned int len);
	/* Largest size queue idx takes; 0: no such queue. */
	unsigned int (*vq_max)(struct uk_virtio_dev *d, unsigned int idx);
	/* Tell the device where queue vq's rings are; enable it. */
	int (*vq_enable)(struct uk_virtio_dev *d, struct uk_virtqueue *vq);
	void (*notify)(struct uk_virtio_dev *d, struct uk_virtqueue *vq);
	/* Route the device's interrupt to uk_virtio_irq(d); -errno when it
	 * has none usable (the core then polls). */
	int (*irq_enable)(struct uk_virtio_dev *d);
};

#define UK_VIRTIO_MAX_VQS 4

struct uk_virtio_dev {
	const struct uk_virtio_transport *t;
	void *tpriv;			/* the transport's */
	char name[24];			/* "pci 00:03.0", "mmio 0xfeb00e00" */
	uint16_t device_id;
	int legacy;			/* pre-1.0 interface (mmio version 1) */
	uint64_t features;		/* negotiated */
	int failed;
	int poll;			/* no interrupts: drivers poll */
	const char *irq_kind;		/* "msix", "intx", "line": the transport's */
	struct uk_virtqueue *vqs[UK_VIRTIO_MAX_VQS];
	unsigned int nvqs;
	const struct uk_virtio_driver *driver;
	void *priv;			/* the driver's */
};

struct uk_virtio_driver {
	const char *name;
	uint16_t device_id;
	int (*probe)(struct uk_virtio_dev *d);	/* 0: bound */
};

#define UK_VIRTIO_DRIVER(drv)						\
	static const struct uk_virtio_driver *const uk_virtio_drv_##drv	\
	__uk_used __uk_section("uk_virtio_drivers") __uk_align(8) = &(drv)

/* One buffer of a request. */
struct uk_sg {
	void *buf;
	uint32_t len;
};

typedef void (*uk_virtio_vq_cb_t)(struct uk_virtqueue *vq, void *arg);

/* The core's view of a queue; drivers only hold the pointer. */
struct uk_virtqueue {
	struct uk_virtio_dev *dev;
	unsigned int idx, size;		/* size: a power of 2 */
	void *mem;			/* the rings' one allocation */
	struct uk_vring_desc *desc;	/* size entries */
	struct uk_vring_avail *avail;
	struct uk_vring_used *used;
	uint64_t desc_pa, avail_pa, used_pa;
	uint16_t free_head, nfree;
	uint16_t avail_idx;		/* next avail->idx to publish */
	uint16_t last_used;		/* next used entry to read */
	uint16_t kicked_idx;		/* avail_idx at the last notify */
	void **token;			/* per head: the caller's; NULL: free */
	uint32_t *inlen;		/* per head: device-writable bytes */
	struct uk_vring_desc *indirect;	/* per head: tables (or NULL) */
	uk_virtio_vq_cb_t cb;
	void *cb_arg;
	uint16_t notify_off;		/* the transport's */
	int intr_off;			/* uk_virtio_vq_intr_disable()d */
};

/* Transports: a device was found. Returns 0 if a driver took it. */
int uk_virtio_dev_add(struct uk_virtio_dev *d);
/* Every device the transports found (the first 16), bound or not. */
unsigned int uk_virtio_count(void);
struct uk_virtio_dev *uk_virtio_get(unsigned int i);

/* Transports: the device interrupted (or a poll): run queue callbacks. */
int uk_virtio_irq(void *d);

/* Section 3.1.1 steps 4-6: accept wanted & offered (VERSION_1 is added
 * for modern devices; INDIRECT_DESC and EVENT_IDX when offered) and
 * check FEATURES_OK. 0, or -EIO (the device refused: failed). */
int uk_virtio_negotiate(struct uk_virtio_dev *d, uint64_t wanted);
static inline int uk_virtio_has(const struct uk_virtio_dev *d, unsigned int f)
{
	return !!(d->features & (1ULL << f));
}

/* Queue idx with at most max_size entries (0: the device's maximum,
 * capped at 256). NULL and a message on failure. */
struct uk_virtqueue *uk_virtio_vq_setup(struct uk_virtio_dev *d,
					unsigned int idx, unsigned int max_size,
					uk_virtio_vq_cb_t cb, void *arg);
/* DRIVER_OK; routes the interrupt (or falls back to polling). */
int uk_virtio_ready(struct uk_virtio_dev *d);
/* Fail the device: FAILED status and one line with why. */
void uk_virtio_fail(struct uk_virtio_dev *d, const char *why);
/* Reset the device (status 0): it stops using every queue. */
void uk_virtio_reset(struct uk_virtio_dev *d);

void uk_virtio_config_read(struct uk_virtio_dev *d, unsigned int off,
			   void *buf, unsigned int len);

/*
 * Add a request: sg[0..nout) the device reads, sg[nout..nout+nin) it
 * writes. token (not NULL) comes back from uk_virtio_vq_get(). Does not
 * notify. 0, -ENOSPC (ring full: wait for completions), -EINVAL, -EIO
 * (device failed).
 */
int uk_virtio_vq_add(struct uk_virtqueue *vq, const struct uk_sg *sg,
		     unsigned int nout, unsigned int nin, void *token);
/* Notify the device of what was added, when it asked for it (event
 * index, section 2.7.10). */
void uk_virtio_vq_kick(struct uk_virtqueue *vq);
/* One completion: 1 and *token, *len (bytes written by the device);
 * 0 when none; -EIO when the device broke the protocol (failed). */
int uk_virtio_vq_get(struct uk_virtqueue *vq, void **token, uint32_t *len);
/* Ask the device not to interrupt for this queue's completions (a
 * hint: with a shared interrupt the callback may still run, see
 * uk_virtio_vq_intr_enable). Any context. */
void uk_virtio_vq_intr_disable(struct uk_virtqueue *vq);
/* Ask for an interrupt at the next completion. Returns 1 when
 * completions are waiting already (no interrupt comes for those: take
 * them with uk_virtio_vq_get), 0 when none. Any context. */
int uk_virtio_vq_intr_enable(struct uk_virtqueue *vq);
/* Polling mode: run the queue's callback if anything completed. */
void uk_virtio_vq_poll(struct uk_virtqueue *vq);
/* Wait until *done is nonzero (set by the queue's callback) or the
 * device failed: halting between interrupts, or polling vq. 0 or -EIO.
 * Not from interrupt handlers. Without a scheduler's wait queue this
 * halts the whole CPU: the caller's thread is the only one running. */
int uk_virtio_vq_wait(struct uk_virtqueue *vq, volatile int *done);

#endif /* UK_VIRTIO_H */
