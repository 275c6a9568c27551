/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L message codec: T-messages built into a buffer, R-messages
 * checked and decoded out of one. No allocation, no device, no kit
 * header: the same file builds for the host (the fuzz target, the
 * codec's tests) and for the kernel.
 *
 * Wire format (9P2000 intro(5), the 9P2000.L additions as Linux's
 * net/9p and QEMU's hw/9pfs implement them): little-endian integers,
 * "size[4] type[1] tag[2]" then the body; a string is len[2] bytes
 * (no NUL); a qid is type[1] version[4] path[8].
 *
 * The contract of p9_parse_reply(): whatever bytes it is given, it
 * reads nothing outside [msg, msg + len), writes nothing but *r, and either returns 0 with every field of *r checked (strings
 * and data inside the message, counts within what was asked, readdir
 * entries well formed, no byte left over), or returns
 *	-errno		the server's Rlerror (1 <= errno <= P9_ERRNO_MAX),
 *			with r->why empty: a server may answer EPROTO too
 *	-EPROTO		anything else, with r->why one line naming what was
 *			wrong ("reply tag 7 for request tag 3")
 * So a malformed reply is -EPROTO with r->why[0] != 0, and nothing else.
 * Pointers in *r point into msg.
 */
#ifndef P9_CODEC_H
#define P9_CODEC_H

#include <stddef.h>
#include <stdint.h>

/* Message types (T = request, R = T + 1) */
enum {
	P9_TLERROR = 6, P9_RLERROR,
	P9_TSTATFS = 8, P9_RSTATFS,
	P9_TLOPEN = 12, P9_RLOPEN,
	P9_TLCREATE = 14, P9_RLCREATE,
	P9_TSYMLINK = 16, P9_RSYMLINK,
	P9_TMKNOD = 18, P9_RMKNOD,
	P9_TRENAME = 20, P9_RRENAME,
	P9_TREADLINK = 22, P9_RREADLINK,
	P9_TGETATTR = 24, P9_RGETATTR,
	P9_TSETATTR = 26, P9_RSETATTR,
	P9_TREADDIR = 40, P9_RREADDIR,
	P9_TFSYNC = 50, P9_RFSYNC,
	P9_TLINK = 70, P9_RLINK,
	P9_TMKDIR = 72, P9_RMKDIR,
	P9_TRENAMEAT = 74, P9_RRENAMEAT,
	P9_TUNLINKAT = 76, P9_RUNLINKAT,
	P9_TVERSION = 100, P9_RVERSION,
	P9_TATTACH = 104, P9_RATTACH,
	P9_RERROR = 107,	/* 9P2000's, never valid in a .L session */
	P9_TWALK = 110, P9_RWALK,
	P9_TREAD = 116, P9_RREAD,
	P9_TWRITE = 118, P9_RWRITE,
	P9_TCLUNK = 120, P9_RCLUNK,
};

#define P9_HDR		7	/* size[4] type[1] tag[2] */
#define P9_IOHDR	23	/* Twrite's header: hdr fid[4] off[8] count[4] */
#define P9_NOTAG	0xffff
#define P9_NOFID	0xffffffffu
#define P9_NONUNAME	0xffffffffu
#define P9_MAXWELEM	16	/* names in one Twalk */
#define P9_ERRNO_MAX	133	/* Linux's last errno (EHWPOISON) */
#define P9_QID_DIR	0x80
#define P9_QID_SYMLINK	0x02

/* Tgetattr request_mask / Rgetattr valid */
#define P9_GETATTR_BASIC	0x7ffull	/* mode..blocks */
/* Tsetattr valid */
#define P9_SETATTR_MODE		0x001
#define P9_SETATTR_UID		0x002
#define P9_SETATTR_GID		0x004
#define P9_SETATTR_SIZE		0x008
#define P9_SETATTR_ATIME	0x010
#define P9_SETATTR_MTIME	0x020
#define P9_SETATTR_CTIME	0x040
#define P9_SETATTR_ATIME_SET	0x080
#define P9_SETATTR_MTIME_SET	0x100
/* Tunlinkat flags */
#define P9_AT_REMOVEDIR		0x200

struct p9_qid {
	uint8_t type;
	uint32_t version;
	uint64_t path;
};

struct p9_attr {
	uint64_t valid;
	struct p9_qid qid;
	uint32_t mode, uid, gid;
	uint64_t nlink, rdev, size, blksize, blocks;
	uint64_t atime_sec, atime_nsec, mtime_sec, mtime_nsec;
	uint64_t ctime_sec, ctime_nsec;
};

struct p9_statfs {
	uint32_t type, bsize;
	uint64_t blocks, bfree, bavail, files, ffree, fsid;
	uint32_t namelen;
};

struct p9_dirent {
	struct p9_qid qid;
	uint64_t offset;	/* the cookie of the entry after this one */
	uint8_t type;		/* DT_REG, DT_DIR, ... */
	const char *name;	/* not NUL-terminated */
	uint16_t namelen;
};

struct p9_reply {
	uint8_t type;
	uint16_t tag;
	char why[96];		/* after -EPROTO: what was wrong */
	union {
		struct {
			uint32_t msize;
			const char *version;
			uint16_t len;
		} version;
		/* attach, mkdir, symlink, mknod */
		struct p9_qid qid;
		/* lopen, lcreate */
		struct {
			struct p9_qid qid;
			uint32_t iounit;
		} open;
		struct {
			uint16_t nwqid;
			struct p9_qid qid[P9_MAXWELEM];
		} walk;
		/* read, readdir: data[count]; write: count */
		struct {
			uint32_t count;
			const uint8_t *data;
		} io;
		struct p9_attr attr;
		struct p9_statfs statfs;
		/* readlink */
		struct {
			const char *s;
			uint16_t len;
		} str;
	} u;
};

/*
 * Building a T-message: p9_begin(), the p9_put*() of its fields in
 * order, p9_end() (writes the size field). A message that outgrows the
 * buffer sets w->overflow and p9_end() returns -EMSGSIZE; nothing is
 * written past cap.
 */
struct p9_writer {
	uint8_t *buf;
	uint32_t cap, pos;
	int overflow;
};

void p9_begin(struct p9_writer *w, void *buf, uint32_t cap, uint8_t type,
	      uint16_t tag);
void p9_put8(struct p9_writer *w, uint8_t v);
void p9_put16(struct p9_writer *w, uint16_t v);
void p9_put32(struct p9_writer *w, uint32_t v);
void p9_put64(struct p9_writer *w, uint64_t v);
void p9_putstr(struct p9_writer *w, const char *s, size_t len);
void p9_putdata(struct p9_writer *w, const void *data, uint32_t len);
/* The message's length, or -EMSGSIZE. */
long p9_end(struct p9_writer *w);

/*
 * Check and decode the reply to a request of type ttype sent with tag.
 * want: for Tread/Treaddir the count asked, for Twrite the count sent,
 * for Twalk the names sent (a reply claiming more is malformed); 0
 * otherwise. See the contract at the top.
 */
int p9_parse_reply(const void *msg, size_t len, uint8_t ttype, uint16_t tag,
		   uint32_t want, struct p9_reply *r);

/*
 * Rreaddir's entries, one at a time from data[count] that
 * p9_parse_reply() checked: 1 and *e filled, or 0 at the end.
 */
int p9_dirent_next(const uint8_t *data, uint32_t count, uint32_t *pos,
		   struct p9_dirent *e);

#endif /* P9_CODEC_H */
