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
 * Blocks until the reply; not from interrupt handlers.
 */
#ifndef UK_9PDEV_H
#define UK_9PDEV_H

#include <stddef.h>
#include <stdint.h>

struct uk_9pdev;

struct uk_9pdev_ops {
	/* Send req, receive into reply (at most replymax bytes); *replylen
	 * gets what the transport received. 0 or -errno. */
	int (*request)(struct uk_9pdev *d, const void *req, size_t reqlen,
		       void *reply, size_t replymax, size_t *replylen);
};

struct uk_9pdev {
	char tag[32];		/* the mount tag: how users find it */
	uint32_t max_msize;	/* largest message the transport carries */
	const struct uk_9pdev_ops *ops;
	void *priv;		/* the driver's */
};

/* Drivers: add a device (tag, max_msize, ops set). 0 or -ENOSPC. */
int uk_9pdev_register(struct uk_9pdev *d);

unsigned int uk_9pdev_count(void);
struct uk_9pdev *uk_9pdev_get(unsigned int i);
struct uk_9pdev *uk_9pdev_find(const char *tag);	/* NULL: none */

int uk_9pdev_request(struct uk_9pdev *d, const void *req, size_t reqlen,
		     void *reply, size_t replymax, size_t *replylen);

#endif /* UK_9PDEV_H */
