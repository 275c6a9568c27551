/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * 9P2000.L codec (9p_codec.h): the writer for T-messages, and the reader
 * that checks every R-message before anybody looks inside it. Each reader
 * step checks that the bytes it takes are there; the first failure sticks
 * and names itself, so a decoder is a straight list of fields.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "9p_codec.h"

/* Writer */

void p9_begin(struct p9_writer *w, void *buf, uint32_t cap, uint8_t type,
	      uint16_t tag)
{
	w->buf = buf;
	w->cap = cap;
	w->pos = 0;
	w->overflow = 0;
	p9_put32(w, 0);		/* size, set by p9_end() */
	p9_put8(w, type);
	p9_put16(w, tag);
}

static uint8_t *room(struct p9_writer *w, uint32_t n)
{
	uint8_t *p;

	if (w->overflow || n > w->cap - w->pos) {
		w->overflow = 1;
		return NULL;
	}
	p = w->buf + w->pos;
	w->pos += n;
	return p;
}

static void put_le(struct p9_writer *w, uint64_t v, unsigned int n)
{
	uint8_t *p = room(w, n);
	unsigned int i;

	for (i = 0; p && i < n; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

void p9_put8(struct p9_writer *w, uint8_t v) { put_le(w, v, 1); }
void p9_put16(struct p9_writer *w, uint16_t v) { put_le(w, v, 2); }
void p9_put32(struct p9_writer *w, uint32_t v) { put_le(w, v, 4); }
void p9_put64(struct p9_writer *w, uint64_t v) { put_le(w, v, 8); }

void p9_putstr(struct p9_writer *w, const char *s, size_t len)
{
	if (len > 0xffff) {
		w->overflow = 1;
		return;
	}
	p9_put16(w, (uint16_t)len);
	p9_putdata(w, s, (uint32_t)len);
}

void p9_putdata(struct p9_writer *w, const void *data, uint32_t len)
{
	uint8_t *p = room(w, len);

	if (p && len)
		memcpy(p, data, len);
}

long p9_end(struct p9_writer *w)
{
	uint32_t n = w->pos;

	if (w->overflow)
		return -EMSGSIZE;
	w->pos = 0;
	p9_put32(w, n);
	w->pos = n;
	return n;
}

/* Reader */

struct rd {
	const uint8_t *p;
	uint32_t len, pos;
	struct p9_reply *r;
	int bad;
};

/* Mark the reply malformed (the first reason wins). */
__attribute__((format(printf, 2, 3)))
static void bad(struct rd *d, const char *fmt, ...)
{
	va_list ap;

	if (d->bad)
		return;
	d->bad = 1;
	va_start(ap, fmt);
	vsnprintf(d->r->why, sizeof(d->r->why), fmt, ap);
	va_end(ap);
}

/* n bytes from the message, or NULL (and malformed: what = the field). */
static const uint8_t *take(struct rd *d, uint32_t n, const char *what)
{
	const uint8_t *p;

	if (d->bad)
		return NULL;
	if (n > d->len - d->pos) {
		bad(d, "%s: %u bytes past the end of a %u-byte message", what,
		    (unsigned int)(n - (d->len - d->pos)),
		    (unsigned int)d->len);
		return NULL;
	}
	p = d->p + d->pos;
	d->pos += n;
	return p;
}

static uint64_t get_le(struct rd *d, unsigned int n, const char *what)
{
	const uint8_t *p = take(d, n, what);
	uint64_t v = 0;

	while (p && n--)
		v = v << 8 | p[n];
	return v;
}

#define get8(d, w)  ((uint8_t)get_le(d, 1, w))
#define get16(d, w) ((uint16_t)get_le(d, 2, w))
#define get32(d, w) ((uint32_t)get_le(d, 4, w))
#define get64(d, w) get_le(d, 8, w)

static const char *getstr(struct rd *d, uint16_t *len, const char *what)
{
	*len = get16(d, what);
	return (const char *)take(d, *len, what);
}

static void getqid(struct rd *d, struct p9_qid *q)
{
	q->type = get8(d, "qid");
	q->version = get32(d, "qid");
	q->path = get64(d, "qid");
}

/* count[4] data[count], count <= want */
static void getdata(struct rd *d, uint32_t want, const char *what)
{
	struct p9_reply *r = d->r;

	r->u.io.count = get32(d, what);
	if (!d->bad && r->u.io.count > want)
		bad(d, "%s count %u larger than the %u asked", what,
		    (unsigned int)r->u.io.count, (unsigned int)want);
	r->u.io.data = take(d, r->u.io.count, what);
}

static const char *mode_type_ok(uint32_t mode)
{
	switch (mode & 0170000) {
	case 0100000: case 0040000: case 0120000: case 0020000:
	case 0060000: case 0010000: case 0140000:
		return NULL;
	}
	return "mode has no file type";
}

static void getattr(struct rd *d)
{
	struct p9_attr *a = &d->r->u.attr;

	a->valid = get64(d, "getattr");
	getqid(d, &a->qid);
	a->mode = get32(d, "getattr");
	a->uid = get32(d, "getattr");
	a->gid = get32(d, "getattr");
	a->nlink = get64(d, "getattr");
	a->rdev = get64(d, "getattr");
	a->size = get64(d, "getattr");
	a->blksize = get64(d, "getattr");
	a->blocks = get64(d, "getattr");
	a->atime_sec = get64(d, "getattr");
	a->atime_nsec = get64(d, "getattr");
	a->mtime_sec = get64(d, "getattr");
	a->mtime_nsec = get64(d, "getattr");
	a->ctime_sec = get64(d, "getattr");
	a->ctime_nsec = get64(d, "getattr");
	take(d, 8 * 4, "getattr");	/* btime[16] gen[8] data_version[8] */
	if (!d->bad && mode_type_ok(a->mode))
		bad(d, "getattr mode 0%o has no file type",
		    (unsigned int)a->mode);
	if (!d->bad && (a->atime_nsec >= 1000000000 ||
			a->mtime_nsec >= 1000000000 ||
			a->ctime_nsec >= 1000000000))
		bad(d, "getattr nanoseconds past one second");
	if (!d->bad && a->size > INT64_MAX)
		bad(d, "getattr size %llu past off_t",
		    (unsigned long long)a->size);
}

/*
 * One directory entry at *pos of data[count]: qid[13] offset[8] type[1]
 * name[s]. 1 (e filled), 0 at the end, -1 malformed (why set).
 */
static int dirent(struct rd *d, struct p9_dirent *e)
{
	const char *n;
	uint16_t i;

	if (d->pos == d->len)
		return 0;
	getqid(d, &e->qid);
	e->offset = get64(d, "readdir entry");
	e->type = get8(d, "readdir entry");
	n = getstr(d, &e->namelen, "readdir entry name");
	if (d->bad)
		return -1;
	if (!e->namelen) {
		bad(d, "readdir entry with an empty name");
		return -1;
	}
	for (i = 0; i < e->namelen; i++)
		if (n[i] == '/' || !n[i]) {
			bad(d, "readdir entry name with a '%s'",
			    n[i] ? "/" : "\\0");
			return -1;
		}
	e->name = n;
	return 1;
}

int p9_dirent_next(const uint8_t *data, uint32_t count, uint32_t *pos,
		   struct p9_dirent *e)
{
	struct p9_reply scratch;
	struct rd d = { .p = data, .len = count, .pos = *pos, .r = &scratch };
	int rc = dirent(&d, e);

	*pos = d.pos;
	return rc > 0;
}

static void body(struct rd *d, uint8_t ttype, uint32_t want)
{
	struct p9_reply *r = d->r;
	uint16_t i;

	switch (ttype) {
	case P9_TVERSION:
		r->u.version.msize = get32(d, "version");
		r->u.version.version = getstr(d, &r->u.version.len,
					      "version string");
		break;
	case P9_TATTACH: case P9_TMKDIR: case P9_TSYMLINK: case P9_TMKNOD:
		getqid(d, &r->u.qid);
		break;
	case P9_TLOPEN: case P9_TLCREATE:
		getqid(d, &r->u.open.qid);
		r->u.open.iounit = get32(d, "iounit");
		break;
	case P9_TWALK:
		r->u.walk.nwqid = get16(d, "walk");
		if (!d->bad && (r->u.walk.nwqid > want ||
				r->u.walk.nwqid > P9_MAXWELEM))
			bad(d, "walk: %u qids for %u names",
			    r->u.walk.nwqid, (unsigned int)want);
		for (i = 0; !d->bad && i < r->u.walk.nwqid; i++)
			getqid(d, &r->u.walk.qid[i]);
		break;
	case P9_TREAD:
		getdata(d, want, "read");
		break;
	case P9_TREADDIR: {
		struct rd in;
		struct p9_dirent e;

		getdata(d, want, "readdir");
		if (d->bad)
			break;
		in = (struct rd){ .p = r->u.io.data, .len = r->u.io.count,
				  .r = r };
		while (dirent(&in, &e) > 0)
			;
		d->bad = in.bad;
		break;
	}
	case P9_TWRITE:
		r->u.io.count = get32(d, "write");
		r->u.io.data = NULL;
		if (!d->bad && r->u.io.count > want)
			bad(d, "write count %u larger than the %u sent",
			    (unsigned int)r->u.io.count, (unsigned int)want);
		break;
	case P9_TGETATTR:
		getattr(d);
		break;
	case P9_TSTATFS:
		r->u.statfs.type = get32(d, "statfs");
		r->u.statfs.bsize = get32(d, "statfs");
		r->u.statfs.blocks = get64(d, "statfs");
		r->u.statfs.bfree = get64(d, "statfs");
		r->u.statfs.bavail = get64(d, "statfs");
		r->u.statfs.files = get64(d, "statfs");
		r->u.statfs.ffree = get64(d, "statfs");
		r->u.statfs.fsid = get64(d, "statfs");
		r->u.statfs.namelen = get32(d, "statfs");
		break;
	case P9_TREADLINK:
		r->u.str.s = getstr(d, &r->u.str.len, "readlink target");
		break;
	default:	/* empty replies: clunk, setattr, fsync, link, ... */
		break;
	}
}

static int known_rtype(uint8_t t)
{
	switch (t) {
	case P9_RLERROR: case P9_RSTATFS: case P9_RLOPEN: case P9_RLCREATE:
	case P9_RSYMLINK: case P9_RMKNOD: case P9_RRENAME: case P9_RREADLINK:
	case P9_RGETATTR: case P9_RSETATTR: case P9_RREADDIR: case P9_RFSYNC:
	case P9_RLINK: case P9_RMKDIR: case P9_RRENAMEAT: case P9_RUNLINKAT:
	case P9_RVERSION: case P9_RATTACH: case P9_RWALK: case P9_RREAD:
	case P9_RWRITE: case P9_RCLUNK:
		return 1;
	}
	return 0;
}

int p9_parse_reply(const void *msg, size_t len, uint8_t ttype, uint16_t tag,
		   uint32_t want, struct p9_reply *r)
{
	struct rd d = { .p = msg, .r = r };
	uint32_t size;

	r->why[0] = 0;
	if (len < P9_HDR || len > UINT32_MAX) {
		snprintf(r->why, sizeof(r->why), "reply of %lu bytes",
			 (unsigned long)len);
		return -EPROTO;
	}
	d.len = (uint32_t)len;
	size = get32(&d, "size");
	r->type = get8(&d, "type");
	r->tag = get16(&d, "tag");
	if (size != len)
		bad(&d, "size field %u, %u bytes received", (unsigned int)size,
		    (unsigned int)len);
	else if (r->tag != tag)
		bad(&d, "reply tag %u for request tag %u", r->tag, tag);
	else if (r->type == P9_RERROR)
		bad(&d, "Rerror (9P2000) in a 9P2000.L session");
	else if (!known_rtype(r->type))
		bad(&d, "unknown message type %u", r->type);
	else if (r->type == P9_RLERROR) {
		uint32_t e = get32(&d, "Rlerror");

		if (!d.bad && d.pos != d.len)
			bad(&d, "Rlerror with %u bytes left over",
			    (unsigned int)(d.len - d.pos));
		if (!d.bad && (e == 0 || e > P9_ERRNO_MAX))
			bad(&d, "Rlerror errno %u is not an errno",
			    (unsigned int)e);
		return d.bad ? -EPROTO : -(int)e;
	} else if (r->type != ttype + 1)
		bad(&d, "reply type %u to request type %u", r->type, ttype);
	body(&d, ttype, want);
	if (!d.bad && d.pos != d.len)
		bad(&d, "type %u reply with %u bytes left over", r->type,
		    (unsigned int)(d.len - d.pos));
	return d.bad ? -EPROTO : 0;
}
