/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9pdev: a 9P transport. A device (virtio-9p, later others) carries
 * one 9P message to the server and brings its reply back; the 9P client
 * (message building, fids, the file system) sits above and is not here.
 *
 *	struct uk_9pdev *d = uk_9pdev_find("share");	// QEMU's mount_tag
 *	rc = uk_9pdev_request(d, tversion, tlen, buf, sizeof(buf), &rlen);
 *
 * Messages are whole 9P messages, "size[4] type[1] tag[2] ..." (size
 * little-endian, counting itself). uk_9pdev_request() checks both: the
 * request's size field must equal reqlen (-EINVAL); the reply must be
 * at least 7 bytes, its size field must match the bytes the transport
 * received and fit in replymax, else -EPROTO ("malformed 9P reply",
 * said once per device), and nothing past replymax is ever written.
 * Blocks until the reply; not from interrupt handlers. With uksched
 * running and a transport that completes asynchronously (submit op), it
 * blocks the calling thread only: the others run during the round trip
 * (polled transports: the caller polls and yields); before the
 * scheduler, the transport's wait op halts between interrupts.
 */
#ifndef UK_9PDEV_H
#define UK_9PDEV_H

#include <stddef.h>
#include <stdint.h>
#if CONFIG_LIBUKSCHED
#include <uk/wait.h>
#endif

struct uk_9pdev;

struct uk_9pdev_ops {
	/* A transport sets request, or submit and wait (and poll). */

	/* Send req, receive into reply (at most replymax bytes); *replylen
	 * gets what the transport received. 0 or -errno. */
	int (*request)(struct uk_9pdev *d, const void *req, size_t reqlen,
		       void *reply, size_t replymax, size_t *replylen);
	/* Start sending req with reply as the buffer for the answer; the
	 * driver then calls uk_9pdev_complete() (any context) or, when
	 * the device broke, uk_9pdev_fail(). 0 or -errno. */
	int (*submit)(struct uk_9pdev *d, const void *req, size_t reqlen,
		      void *reply, size_t replymax);
	/* Without a scheduler: until *done or the device failed (halting
	 * between interrupts, or polling). 0 or -EIO. */
	int (*wait)(struct uk_9pdev *d, volatile int *done);
	/* Polled transports (polled set): take a completion if there is. */
	void (*poll)(struct uk_9pdev *d);
};

struct uk_9pdev {
	char tag[32];		/* the mount tag: how users find it */
	uint32_t max_msize;	/* largest message the transport carries */
	const struct uk_9pdev_ops *ops;
	void *priv;		/* the driver's */
	int polled;		/* no completion interrupt: only poll() */
	/* uk9pdev's: the request in flight (one at a time) */
	volatile int done, failed;
	size_t got;
#if CONFIG_LIBUKSCHED
	struct uk_waitq waiters;
#endif
};

/* Drivers: add a device (tag, max_msize, ops set). 0 or -ENOSPC. */
int uk_9pdev_register(struct uk_9pdev *d);
/* Drivers (submit transports): the reply is in, got bytes of it. Any
 * context. */
void uk_9pdev_complete(struct uk_9pdev *d, size_t got);
/* Drivers: the device failed; the request in flight never completes. */
void uk_9pdev_fail(struct uk_9pdev *d);

unsigned int uk_9pdev_count(void);
struct uk_9pdev *uk_9pdev_get(unsigned int i);
struct uk_9pdev *uk_9pdev_find(const char *tag);	/* NULL: none */

int uk_9pdev_request(struct uk_9pdev *d, const void *req, size_t reqlen,
		     void *reply, size_t replymax, size_t *replylen);

#endif /* UK_9PDEV_H */
