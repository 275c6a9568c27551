/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target "9pfs-reply" (support/scripts/fuzz): any bytes as the
 * reply to any request. Input: ttype selector[1] want[2] message...
 * The message is copied into a buffer of exactly its length, so ASan
 * sees any read past it. Holds p9_parse_reply()'s contract
 * (9p_codec.h): 0 with every string, data and readdir entry inside
 * the message, the server's errno within 1..P9_ERRNO_MAX (EPROTO
 * included) from a whole Rlerror with no reason, or -EPROTO with a
 * reason; nothing else. reply.corpus/ holds inputs that once failed.
 */
// fuzz-max-len: 70000
// fuzz-runs: 500000
#include <stdlib.h>
#include "../9p_codec.c"

static const uint8_t ttypes[] = {
	P9_TVERSION, P9_TATTACH, P9_TWALK, P9_TLOPEN, P9_TLCREATE, P9_TREAD,
	P9_TWRITE, P9_TCLUNK, P9_TGETATTR, P9_TSETATTR, P9_TREADDIR,
	P9_TMKDIR, P9_TUNLINKAT, P9_TRENAMEAT, P9_TSYMLINK, P9_TREADLINK,
	P9_TLINK, P9_TMKNOD, P9_TSTATFS, P9_TFSYNC,
};

static volatile uint8_t sink;

static void touch(const void *p, size_t n)
{
	const uint8_t *b = p;

	while (n--)
		sink ^= b[n];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct p9_reply r;
	struct p9_dirent e;
	uint8_t ttype, *msg;
	uint16_t tag;
	uint32_t want, pos = 0;
	size_t len;
	int rc;

	if (size < 3)
		return 0;
	ttype = ttypes[data[0] % sizeof(ttypes)];
	want = data[1] | (uint32_t)data[2] << 8;
	len = size - 3;
	msg = malloc(len ? len : 1);
	memcpy(msg, data + 3, len);
	/* mostly the tag the reply carries, so the bodies get reached */
	tag = len >= 7 && !(data[0] & 0x80) ? msg[5] | msg[6] << 8 : 1;
	rc = p9_parse_reply(msg, len, ttype, tag, want, &r);
	if (rc == -EPROTO && r.why[0]) {
		if (!memchr(r.why, 0, sizeof(r.why)))
			__builtin_trap();	/* a reason, NUL-terminated */
	} else if (rc < 0) {
		/* the server's errno (EPROTO too): a whole Rlerror */
		if (rc < -P9_ERRNO_MAX || r.type != P9_RLERROR || len != 11)
			__builtin_trap();
	} else if (rc > 0) {
		__builtin_trap();
	} else {
		switch (ttype) {
		case P9_TVERSION:
			touch(r.u.version.version, r.u.version.len);
			break;
		case P9_TREADLINK:
			touch(r.u.str.s, r.u.str.len);
			break;
		case P9_TREAD:
			if (r.u.io.count > want)
				__builtin_trap();
			touch(r.u.io.data, r.u.io.count);
			break;
		case P9_TREADDIR:
			while (p9_dirent_next(r.u.io.data, r.u.io.count, &pos,
					      &e)) {
				if (!e.namelen || memchr(e.name, '/', e.namelen))
					__builtin_trap();
				touch(e.name, e.namelen);
			}
			if (pos != r.u.io.count)
				__builtin_trap();	/* checked, yet stuck */
			break;
		case P9_TWALK:
			if (r.u.walk.nwqid > want || r.u.walk.nwqid > P9_MAXWELEM)
				__builtin_trap();
			break;
		}
	}
	free(msg);
	return 0;
}
