/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P codec on crafted replies: the wire format pinned by literal
 * bytes, well-formed replies decoded field by field, and each kind of
 * malformed reply (a string or count past the message, a count past
 * what was asked, an unknown type, an Rlerror that is not an errno, a
 * tag that does not match, bytes left over, every truncation of a
 * good reply) refused with -EPROTO and its reason.
 */
#include <errno.h>
#include <string.h>
#include <uk/test.h>
#include "../9p_codec.h"

static uint8_t msg[512];

/* Start a reply of type t, tag tag, in msg. */
static void rbegin(struct p9_writer *w, uint8_t t, uint16_t tag)
{
	p9_begin(w, msg, sizeof(msg), t, tag);
}

static void putqid(struct p9_writer *w, uint8_t type, uint64_t path)
{
	p9_put8(w, type);
	p9_put32(w, 7);
	p9_put64(w, path);
}

UK_TESTCASE(9pfs, tversion_wire_format)
{
	static const uint8_t want[] = {
		21, 0, 0, 0, 100, 0xff, 0xff, 0x00, 0x20, 0, 0,
		8, 0, '9', 'P', '2', '0', '0', '0', '.', 'L',
	};
	struct p9_writer w;

	p9_begin(&w, msg, sizeof(msg), P9_TVERSION, P9_NOTAG);
	p9_put32(&w, 8192);
	p9_putstr(&w, "9P2000.L", 8);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 21);
	UK_TEST_EXPECT_MEM_EQ(msg, want, sizeof(want));
}

UK_TESTCASE(9pfs, rversion_literal_decodes)
{
	static const uint8_t in[] = {
		19, 0, 0, 0, 101, 0xff, 0xff, 0x00, 0x10, 0, 0,
		8, 0, '9', 'P', '2', '0', '0', '0', '.', 'L',
	};
	struct p9_reply r;

	/* 21 bytes sent, size field says 19: refused */
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(in, sizeof(in), P9_TVERSION,
					     P9_NOTAG, 0, &r), -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "size field 19, 21 bytes received");
	memcpy(msg, in, sizeof(in));
	msg[0] = 21;
	UK_TEST_ASSERT_INT_EQ(p9_parse_reply(msg, sizeof(in), P9_TVERSION,
					     P9_NOTAG, 0, &r), 0);
	UK_TEST_EXPECT_INT_EQ(r.u.version.msize, 4096);
	UK_TEST_EXPECT_INT_EQ(r.u.version.len, 8);
	UK_TEST_EXPECT_MEM_EQ(r.u.version.version, "9P2000.L", 8);
}

UK_TESTCASE(9pfs, writer_never_writes_past_its_buffer)
{
	uint8_t buf[16];
	struct p9_writer w;

	memset(buf, 0xaa, sizeof(buf));
	p9_begin(&w, buf, 12, P9_TWALK, 1);
	p9_putstr(&w, "abcdefgh", 8);	/* 7 + 10 > 12 */
	UK_TEST_EXPECT_INT_EQ(p9_end(&w), -EMSGSIZE);
	UK_TEST_EXPECT_INT_EQ(buf[12], 0xaa);
	UK_TEST_EXPECT_INT_EQ(buf[15], 0xaa);
}

UK_TESTCASE(9pfs, rgetattr_decodes)
{
	struct p9_writer w;
	struct p9_reply r;
	int i;

	rbegin(&w, P9_RGETATTR, 3);
	p9_put64(&w, P9_GETATTR_BASIC);
	putqid(&w, 0, 0x1234);
	p9_put32(&w, 0100644);
	p9_put32(&w, 1000);
	p9_put32(&w, 100);
	p9_put64(&w, 2);		/* nlink */
	p9_put64(&w, 0);		/* rdev */
	p9_put64(&w, 5000);		/* size */
	p9_put64(&w, 4096);
	p9_put64(&w, 16);
	for (i = 0; i < 6; i++)
		p9_put64(&w, i * 1000);	/* a/m/ctime sec, nsec */
	for (i = 0; i < 4; i++)
		p9_put64(&w, 0);	/* btime, gen, data_version */
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 160);
	UK_TEST_ASSERT_INT_EQ(p9_parse_reply(msg, 160, P9_TGETATTR, 3, 0,
					     &r), 0);
	UK_TEST_EXPECT_INT_EQ(r.u.attr.qid.path, 0x1234);
	UK_TEST_EXPECT_INT_EQ(r.u.attr.mode, 0100644);
	UK_TEST_EXPECT_INT_EQ(r.u.attr.uid, 1000);
	UK_TEST_EXPECT_INT_EQ(r.u.attr.size, 5000);
	UK_TEST_EXPECT_INT_EQ(r.u.attr.mtime_nsec, 3000);
	/* a mode without a file type */
	msg[7 + 8 + 13] = 4;		/* mode 0100644 -> 04 */
	msg[7 + 8 + 13 + 1] = 0;
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 160, P9_TGETATTR, 3, 0,
					     &r), -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "getattr mode 04 has no file type");
}

UK_TESTCASE(9pfs, string_longer_than_the_message)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RREADLINK, 9);
	p9_put16(&w, 200);		/* a 200-byte target ... */
	p9_putdata(&w, "abc", 3);	/* ... of which 3 arrived */
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 12);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 12, P9_TREADLINK, 9, 0, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "readlink target: 197 bytes past the "
			      "end of a 12-byte message");
}

UK_TESTCASE(9pfs, count_past_the_buffer)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RREAD, 1);
	p9_put32(&w, 100);
	p9_putdata(&w, "0123456789", 10);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 21);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 21, P9_TREAD, 1, 4096, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "read: 90 bytes past the end of a "
			      "21-byte message");
	/* 10 bytes that are there, but only 8 were asked */
	msg[7] = 10;
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 21, P9_TREAD, 1, 8, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "read count 10 larger than the 8 asked");
	UK_TEST_ASSERT_INT_EQ(p9_parse_reply(msg, 21, P9_TREAD, 1, 10, &r), 0);
	UK_TEST_EXPECT_INT_EQ(r.u.io.count, 10);
	UK_TEST_EXPECT(r.u.io.data == msg + 11);
}

UK_TESTCASE(9pfs, write_count_past_what_was_sent)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RWRITE, 1);
	p9_put32(&w, 4097);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 11);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TWRITE, 1, 4096, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why,
			      "write count 4097 larger than the 4096 sent");
}

UK_TESTCASE(9pfs, unknown_and_unexpected_types)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, 200, 5);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 7);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 7, P9_TCLUNK, 5, 0, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "unknown message type 200");
	/* a T-message back */
	rbegin(&w, P9_TCLUNK, 5);
	p9_end(&w);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 7, P9_TCLUNK, 5, 0, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "unknown message type 120");
	/* an Rclunk to a Tremove-less Twalk */
	rbegin(&w, P9_RCLUNK, 5);
	p9_end(&w);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 7, P9_TWALK, 5, 1, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "reply type 121 to request type 110");
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 7, P9_TCLUNK, 5, 0, &r), 0);
	/* 9P2000's Rerror */
	rbegin(&w, P9_RERROR, 5);
	p9_putstr(&w, "no", 2);
	p9_end(&w);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TCLUNK, 5, 0, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "Rerror (9P2000) in a 9P2000.L session");
}

UK_TESTCASE(9pfs, rlerror_errno_checked)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RLERROR, 2);
	p9_put32(&w, ENOENT);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 11);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TWALK, 2, 1, &r),
			      -ENOENT);
	UK_TEST_EXPECT_STR_EQ(r.why, "");
	/* the server's EPROTO is its errno, no reason: not malformed */
	msg[7] = EPROTO;
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TWALK, 2, 1, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "");
	msg[7] = 0;
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TWALK, 2, 1, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "Rlerror errno 0 is not an errno");
	msg[7] = 0x88;
	msg[8] = 0x13;		/* 5000 */
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TWALK, 2, 1, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "Rlerror errno 5000 is not an errno");
	msg[7] = 0xff;
	msg[8] = msg[9] = msg[10] = 0xff;	/* -1 */
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TWALK, 2, 1, &r),
			      -EPROTO);
	/* short */
	msg[0] = 9;
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 9, P9_TWALK, 2, 1, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "Rlerror: 2 bytes past the end of a "
			      "9-byte message");
}

UK_TESTCASE(9pfs, reply_tag_must_match)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RCLUNK, 7);
	p9_end(&w);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 7, P9_TCLUNK, 3, 0, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "reply tag 7 for request tag 3");
	/* an Rlerror with the wrong tag is not the server's error either */
	rbegin(&w, P9_RLERROR, 7);
	p9_put32(&w, EIO);
	p9_end(&w);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 11, P9_TCLUNK, 3, 0, &r),
			      -EPROTO);
}

UK_TESTCASE(9pfs, bytes_left_over_refused)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RCLUNK, 1);
	p9_put8(&w, 0);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 8);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 8, P9_TCLUNK, 1, 0, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "type 121 reply with 1 bytes left over");
}

UK_TESTCASE(9pfs, walk_more_qids_than_names)
{
	struct p9_writer w;
	struct p9_reply r;

	rbegin(&w, P9_RWALK, 1);
	p9_put16(&w, 2);
	putqid(&w, P9_QID_DIR, 10);
	putqid(&w, 0, 11);
	UK_TEST_ASSERT_INT_EQ(p9_end(&w), 35);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 35, P9_TWALK, 1, 1, &r),
			      -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "walk: 2 qids for 1 names");
	UK_TEST_ASSERT_INT_EQ(p9_parse_reply(msg, 35, P9_TWALK, 1, 2, &r), 0);
	UK_TEST_EXPECT_INT_EQ(r.u.walk.qid[1].path, 11);
	UK_TEST_EXPECT_INT_EQ(r.u.walk.qid[0].type, P9_QID_DIR);
	/* 17 claimed qids never overflow the 16 the reply holds */
	rbegin(&w, P9_RWALK, 1);
	p9_put16(&w, 17);
	p9_end(&w);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, 9, P9_TWALK, 1, P9_MAXWELEM,
					     &r), -EPROTO);
}

/* Rreaddir with entries "a" (cookie 1) and name (cookie 2). */
static long readdir_reply(const char *name, uint16_t len)
{
	struct p9_writer w;
	uint32_t n = 2 * (13 + 8 + 1 + 2) + 1 + len;

	rbegin(&w, P9_RREADDIR, 4);
	p9_put32(&w, n);
	putqid(&w, 0, 1);
	p9_put64(&w, 1);
	p9_put8(&w, 8);		/* DT_REG */
	p9_putstr(&w, "a", 1);
	putqid(&w, P9_QID_DIR, 2);
	p9_put64(&w, 2);
	p9_put8(&w, 4);		/* DT_DIR */
	p9_putstr(&w, name, len);
	return p9_end(&w);
}

UK_TESTCASE(9pfs, readdir_entries_checked)
{
	struct p9_reply r;
	struct p9_dirent e;
	uint32_t pos = 0;
	long n;

	n = readdir_reply("sub", 3);
	UK_TEST_ASSERT_INT_EQ(n, 7 + 4 + 52);
	UK_TEST_ASSERT_INT_EQ(p9_parse_reply(msg, n, P9_TREADDIR, 4, 4096,
					     &r), 0);
	UK_TEST_ASSERT_INT_EQ(p9_dirent_next(r.u.io.data, r.u.io.count, &pos,
					     &e), 1);
	UK_TEST_EXPECT_INT_EQ(e.namelen, 1);
	UK_TEST_EXPECT_INT_EQ(e.offset, 1);
	UK_TEST_ASSERT_INT_EQ(p9_dirent_next(r.u.io.data, r.u.io.count, &pos,
					     &e), 1);
	UK_TEST_EXPECT_MEM_EQ(e.name, "sub", 3);
	UK_TEST_EXPECT_INT_EQ(e.type, 4);
	UK_TEST_EXPECT_INT_EQ(p9_dirent_next(r.u.io.data, r.u.io.count, &pos,
					     &e), 0);

	n = readdir_reply("x/y", 3);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, n, P9_TREADDIR, 4, 4096,
					     &r), -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "readdir entry name with a '/'");
	n = readdir_reply("", 0);
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, n, P9_TREADDIR, 4, 4096,
					     &r), -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "readdir entry with an empty name");
	/* a name running past the entries (not past the message) */
	n = readdir_reply("sub", 3);
	msg[7 + 4 + 24 + 1 + 22] = 9;	/* second name's length: 3 -> 9 */
	UK_TEST_EXPECT_INT_EQ(p9_parse_reply(msg, n, P9_TREADDIR, 4, 4096,
					     &r), -EPROTO);
	UK_TEST_EXPECT_STR_EQ(r.why, "readdir entry name: 6 bytes past the "
			      "end of a 52-byte message");
}

/*
 * Every truncation of a good reply (size field adjusted to the bytes
 * kept, so only the body is short) is -EPROTO, and nothing is read
 * past what is kept: the bytes after it are poison that would decode.
 */
UK_TESTCASE(9pfs, every_truncation_refused)
{
	static const uint8_t types[] = { P9_TREADDIR, P9_TGETATTR };
	struct p9_reply r;
	uint8_t copy[160];
	unsigned int t;
	long n, k;

	for (t = 0; t < sizeof(types); t++) {
		n = readdir_reply("sub", 3);
		if (types[t] == P9_TGETATTR) {
			struct p9_writer w;
			int i;

			rbegin(&w, P9_RGETATTR, 4);
			p9_put64(&w, P9_GETATTR_BASIC);
			putqid(&w, 0, 1);
			p9_put32(&w, 040755);
			for (i = 0; i < 2; i++)
				p9_put32(&w, 0);
			for (i = 0; i < 15; i++)
				p9_put64(&w, 0);
			n = p9_end(&w);
		}
		UK_TEST_ASSERT_INT_EQ(p9_parse_reply(msg, n, types[t], 4, 4096,
						     &r), 0);
		memcpy(copy, msg, n);
		for (k = P9_HDR; k < n; k++) {
			copy[0] = (uint8_t)k;
			if (p9_parse_reply(copy, k, types[t], 4, 4096, &r) !=
			    -EPROTO || !r.why[0]) {
				UK_TEST_EXPECT_INT_EQ(k, -1);
				break;
			}
		}
	}
}
