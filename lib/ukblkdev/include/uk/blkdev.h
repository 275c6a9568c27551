/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukblkdev: block devices, driver-neutral. A request names an operation,
 * a place in sectors of the device's sector size, a buffer, and what to
 * do when it finishes; many may be in flight at once:
 *
 *	struct uk_blkreq r = { .op = UK_BLKREQ_READ, .sector = 8,
 *			       .nsectors = 2, .buf = buf, .done = cb };
 *	rc = uk_blkdev_submit(dev, &r);	// 0: queued; -EBUSY: queue full
 *	...				// cb(&r) runs on completion
 *	rc = uk_blkdev_wait(dev, &r);	// or wait: 0 or r.result
 *
 * or in one call, uk_blkdev_io(dev, op, sector, n, buf). Completion
 * callbacks run in the driver's interrupt handler (interrupts off), or
 * from uk_blkdev_wait()/uk_blkdev_poll() in polling mode. The caller
 * owns the request and its buffer until it finished (r.finished != 0).
 *
 * Waiting: with uksched selected and running, uk_blkdev_wait() blocks
 * only the calling thread on the device's wait queue, which
 * uk_blkdev_complete() (the completion interrupt) and uk_blkdev_fail()
 * wake; other threads run meanwhile. On a polled device (info.polled)
 * it polls and yields between polls. Without a scheduler (or before it
 * started) it calls the driver's wait op, which halts the CPU between
 * interrupts or polls.
 *
 * Errors (never a partial transfer): -EROFS (write or flush to a
 * read-only device: checked before anything is queued), -EINVAL (past
 * the end, zero length, op unknown), -ENOTSUP (flush the device does
 * not offer: it writes through), -EIO (the device reported an error or
 * failed), -EBUSY (no room: wait for one in flight, then resubmit).
 */
#ifndef UK_BLKDEV_H
#define UK_BLKDEV_H

#include <stddef.h>
#include <stdint.h>
#if CONFIG_LIBUKSCHED
#include <uk/wait.h>
#endif

enum uk_blkreq_op {
	UK_BLKREQ_READ,
	UK_BLKREQ_WRITE,
	UK_BLKREQ_FLUSH,	/* everything written so far reaches the medium */
};

struct uk_blkreq {
	int op;			/* enum uk_blkreq_op */
	uint64_t sector;	/* in the device's sectors */
	uint32_t nsectors;
	void *buf;		/* nsectors * sector_size bytes */
	void (*done)(struct uk_blkreq *r);	/* may be NULL */
	void *arg;		/* the caller's */
	volatile int finished;	/* set (after result) when done */
	int result;		/* 0 or -errno */
	uint64_t drv[3];	/* the driver's: virtio-blk's header, status */
};

struct uk_blkdev_info {
	uint64_t sectors;	/* capacity */
	uint32_t sector_size;	/* bytes: 512, 4096, ... */
	uint32_t max_sectors;	/* most in one request */
	unsigned int max_inflight;	/* requests the queue holds */
	int read_only;
	int flush;		/* has a write cache that UK_BLKREQ_FLUSH empties */
	int polled;		/* no completion interrupt: only poll() completes */
};

struct uk_blkdev;

struct uk_blkdev_ops {
	/* Queue r (already checked against info); 0, -EBUSY, -EIO. */
	int (*submit)(struct uk_blkdev *d, struct uk_blkreq *r);
	/* Until *done, or the device failed: 0 or -EIO. Used when no
	 * scheduler runs (it may halt the CPU between interrupts). */
	int (*wait)(struct uk_blkdev *d, volatile int *done);
	/* Take completions now (polling mode). */
	void (*poll)(struct uk_blkdev *d);
};

struct uk_blkdev {
	char name[16];			/* "vblk0": set by register */
	struct uk_blkdev_info info;
	const struct uk_blkdev_ops *ops;
	void *priv;			/* the driver's */
	unsigned int inflight;		/* ukblkdev's count */
	volatile int failed;		/* set by uk_blkdev_fail() */
#if CONFIG_LIBUKSCHED
	struct uk_waitq waiters;	/* threads in uk_blkdev_wait() */
#endif
};

/* Drivers: add a device (info and ops filled in). 0 or -ENOSPC. */
int uk_blkdev_register(struct uk_blkdev *d, const char *prefix);
/* Drivers: r finished with result (0 or -errno). From any context. */
void uk_blkdev_complete(struct uk_blkdev *d, struct uk_blkreq *r, int result);
/* Drivers: the device failed; what is in flight never completes.
 * Waiters return -EIO. From any context. */
void uk_blkdev_fail(struct uk_blkdev *d);

unsigned int uk_blkdev_count(void);
struct uk_blkdev *uk_blkdev_get(unsigned int i);

int uk_blkdev_submit(struct uk_blkdev *d, struct uk_blkreq *r);
int uk_blkdev_wait(struct uk_blkdev *d, struct uk_blkreq *r);
void uk_blkdev_poll(struct uk_blkdev *d);
/* Submit (retrying while busy) and wait. 0 or -errno. */
int uk_blkdev_io(struct uk_blkdev *d, int op, uint64_t sector,
		 uint32_t nsectors, void *buf);

#endif /* UK_BLKDEV_H */
