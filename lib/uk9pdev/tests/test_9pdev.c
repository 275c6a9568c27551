/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk9pdev's framing checks, on a transport of the tests' own that
 * answers with a scripted reply: a reply shorter than a header, one
 * whose size field is larger than what arrived or smaller than a
 * header, and one longer than the caller's buffer are -EPROTO; a
 * request whose size field lies is -EINVAL and never reaches the
 * transport; a good reply gets through with its length.
 */
#include <errno.h>
#include <string.h>
#include <uk/9pdev.h>
#include <uk/test.h>

static uint8_t reply[16];
static size_t reply_len, sent;

static int fake_request(struct uk_9pdev *d, const void *req, size_t reqlen,
			void *out, size_t replymax, size_t *replylen)
{
	(void)d;
	(void)req;
	(void)reqlen;
	sent++;
	memcpy(out, reply, reply_len < replymax ? reply_len : replymax);
	*replylen = reply_len;	/* may claim more than replymax: a liar */
	return 0;
}

static const struct uk_9pdev_ops fake_ops = { .request = fake_request };
static struct uk_9pdev fake = { .tag = "fake", .max_msize = 64,
				.ops = &fake_ops };

/* Tclunk fid 0, tag 1 */
static const uint8_t tclunk[11] = { 11, 0, 0, 0, 120, 1, 0, 0, 0, 0, 0 };

/* Script the reply: len bytes arrive, the size field says size. */
static int ask(uint32_t size, size_t len, size_t max)
{
	uint8_t out[16];
	size_t got = 99;
	int rc;

	memset(reply, 0, sizeof(reply));
	reply[0] = (uint8_t)size;
	reply[1] = (uint8_t)(size >> 8);
	reply[4] = 121;		/* Rclunk */
	reply[5] = 1;
	reply_len = len;
	rc = uk_9pdev_request(&fake, tclunk, sizeof(tclunk), out, max, &got);
	if (rc == 0 && got != size)
		return -1000;
	return rc;
}

UK_TESTCASE(uk9pdev, malformed_replies_are_eproto)
{
	UK_TEST_EXPECT_INT_EQ(ask(7, 7, 16), 0);	/* the control */
	UK_TEST_EXPECT_INT_EQ(ask(7, 9, 16), 0);	/* padding after it */
	UK_TEST_EXPECT_INT_EQ(ask(7, 6, 16), -EPROTO);	/* short */
	UK_TEST_EXPECT_INT_EQ(ask(12, 9, 16), -EPROTO);	/* size > arrived */
	UK_TEST_EXPECT_INT_EQ(ask(6, 9, 16), -EPROTO);	/* size < header */
	UK_TEST_EXPECT_INT_EQ(ask(0x107, 16, 16), -EPROTO); /* 263 > 16 */
	UK_TEST_EXPECT_INT_EQ(ask(9, 16, 8), -EPROTO);	/* past the buffer */
}

UK_TESTCASE(uk9pdev, lying_request_never_sent)
{
	uint8_t bad[11], out[16];
	size_t got, before = sent;

	memcpy(bad, tclunk, sizeof(bad));
	bad[0] = 12;
	UK_TEST_EXPECT_INT_EQ(uk_9pdev_request(&fake, bad, sizeof(bad), out,
					       sizeof(out), &got), -EINVAL);
	bad[0] = 11;
	UK_TEST_EXPECT_INT_EQ(uk_9pdev_request(&fake, bad, sizeof(bad), out,
					       6, &got), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(sent, before);
}
