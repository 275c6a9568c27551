/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9pdev: the device list and the framing checks of <uk/9pdev.h>
 * (9P2000's message header, "size[4] type[1] tag[2]", intro(5)).
 */
#include <uk/9pdev.h>
#include <uk/print.h>

#define EINVAL	22
#define ENOSPC	28
#define EPROTO	71

#ifndef CONFIG_LIBUK9PDEV_MAX
#define CONFIG_LIBUK9PDEV_MAX 4
#endif

static struct uk_9pdev *devs[CONFIG_LIBUK9PDEV_MAX];
static unsigned int ndevs;

int uk_9pdev_register(struct uk_9pdev *d)
{
	if (ndevs == CONFIG_LIBUK9PDEV_MAX)
		return -ENOSPC;
	devs[ndevs++] = d;
	return 0;
}

unsigned int uk_9pdev_count(void)
{
	return ndevs;
}

struct uk_9pdev *uk_9pdev_get(unsigned int i)
{
	return i < ndevs ? devs[i] : NULL;
}

struct uk_9pdev *uk_9pdev_find(const char *tag)
{
	unsigned int i, k;

	for (i = 0; i < ndevs; i++) {
		for (k = 0; tag[k] && tag[k] == devs[i]->tag[k]; k++)
			;
		if (!tag[k] && !devs[i]->tag[k])
			return devs[i];
	}
	return NULL;
}

static uint32_t le32(const void *p)
{
	const uint8_t *b = p;

	return b[0] | b[1] << 8 | b[2] << 16 | (uint32_t)b[3] << 24;
}

int uk_9pdev_request(struct uk_9pdev *d, const void *req, size_t reqlen,
		     void *reply, size_t replymax, size_t *replylen)
{
	size_t got = 0;
	uint32_t size;
	int rc;

	if (!d || !req || !reply || reqlen < 7 || le32(req) != reqlen ||
	    reqlen > d->max_msize || replymax < 7)
		return -EINVAL;
	rc = d->ops->request(d, req, reqlen, reply, replymax, &got);
	if (rc < 0)
		return rc;
	size = got >= 4 ? le32(reply) : 0;
	if (got < 7 || got > replymax || size < 7 || size > got) {
		uk_pr_err("%s: malformed 9P reply (%lu bytes, size field %u)\n",
			  d->tag, (unsigned long)got, size);
		return -EPROTO;
	}
	*replylen = size;
	return 0;
}
