/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L client (9p_client.h): a session on one uk9pdev device.
 * Each call is: lock, build the T-message in c->tbuf (9p_codec), one
 * round trip through uk9pdev into c->rbuf, p9_parse_reply() (which
 * checks everything), copy out, unlock. One request is in flight at a
 * time, so the tag only has to change from one request to the next: a
 * reply carrying an old tag is refused as malformed.
 */
#include <errno.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/print.h>
#include "9p_client.h"

static const char *tname(uint8_t t)
{
	switch (t) {
	case P9_TVERSION: return "version";
	case P9_TATTACH: return "attach";
	case P9_TWALK: return "walk";
	case P9_TLOPEN: return "lopen";
	case P9_TLCREATE: return "lcreate";
	case P9_TREAD: return "read";
	case P9_TWRITE: return "write";
	case P9_TCLUNK: return "clunk";
	case P9_TGETATTR: return "getattr";
	case P9_TSETATTR: return "setattr";
	case P9_TREADDIR: return "readdir";
	case P9_TMKDIR: return "mkdir";
	case P9_TUNLINKAT: return "unlinkat";
	case P9_TRENAMEAT: return "renameat";
	case P9_TSYMLINK: return "symlink";
	case P9_TREADLINK: return "readlink";
	case P9_TLINK: return "link";
	case P9_TMKNOD: return "mknod";
	case P9_TSTATFS: return "statfs";
	case P9_TFSYNC: return "fsync";
	}
	return "?";
}

/* Fids: the lowest free number. */
static int fid_get(struct p9_client *c, uint32_t *fid)
{
	unsigned int i, b;

	for (i = 0; i < CONFIG_LIB9PFS_MAXFIDS / 32; i++) {
		if (c->fids[i] == 0xffffffffu)
			continue;
		for (b = 0; c->fids[i] & (1u << b); b++)
			;
		c->fids[i] |= 1u << b;
		*fid = i * 32 + b;
		return 0;
	}
	return -ENFILE;
}

static void fid_put(struct p9_client *c, uint32_t fid)
{
	if (fid < CONFIG_LIB9PFS_MAXFIDS)
		c->fids[fid / 32] &= ~(1u << (fid % 32));
}

/* Lock the session and start a T-message of type t in c->tbuf. */
static void begin(struct p9_client *c, struct p9_writer *w, uint8_t t)
{
	uk_lock_mutex_lock(&c->lock);
	p9_begin(w, c->tbuf, c->msize, t, c->tag);
}

/*
 * Send what w holds and parse the reply into r (want: see
 * p9_parse_reply). The lock stays held: the caller copies out of r
 * (which points into c->rbuf) and then calls end().
 */
static int call(struct p9_client *c, struct p9_writer *w, uint32_t want,
		struct p9_reply *r)
{
	uint8_t ttype = c->tbuf[4];
	uint16_t tag = c->tag;
	size_t rlen;
	long n;
	int rc;

	n = p9_end(w);
	if (n < 0)
		return (int)n;
	c->tag = (uint16_t)(c->tag + 1) == P9_NOTAG ? 0 : c->tag + 1;
	c->requests++;
	rc = uk_9pdev_request(c->dev, c->tbuf, (size_t)n, c->rbuf, c->msize,
			      &rlen);
	if (rc < 0)
		return rc;
	rc = p9_parse_reply(c->rbuf, rlen, ttype, tag, want, r);
	if (rc == -EPROTO && r->why[0])	/* not the server's EPROTO */
		uk_pr_err("%s: malformed R%s: %s\n", c->dev->tag,
			  tname(ttype), r->why);
	return rc;
}

static int end(struct p9_client *c, int rc)
{
	uk_lock_mutex_unlock(&c->lock);
	return rc;
}

int p9_connect(struct p9_client *c, struct uk_9pdev *dev, uint32_t msize)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	memset(c, 0, sizeof(*c));
	uk_lock_mutex_init(&c->lock, 0);
	c->dev = dev;
	if (msize > dev->max_msize)
		msize = dev->max_msize;
	if (msize < 4096)
		msize = 4096;
	c->msize = msize;
	c->tbuf = uk_malloc(a, msize);
	c->rbuf = uk_malloc(a, msize);
	if (!c->tbuf || !c->rbuf) {
		p9_disconnect(c);
		return -ENOMEM;
	}
	c->tag = P9_NOTAG;	/* Tversion's tag (version(5)) */
	begin(c, &w, P9_TVERSION);
	p9_put32(&w, msize);
	p9_putstr(&w, "9P2000.L", 8);
	rc = call(c, &w, 0, &r);
	c->tag = 0;
	if (rc == 0 && (r.u.version.msize > msize ||
			r.u.version.msize < P9_IOHDR + 64)) {
		uk_pr_err("%s: malformed Rversion: msize %u for %u asked\n",
			  dev->tag, (unsigned int)r.u.version.msize,
			  (unsigned int)msize);
		rc = -EPROTO;
	} else if (rc == 0 && (r.u.version.len != 8 ||
			       memcmp(r.u.version.version, "9P2000.L", 8))) {
		uk_pr_err("%s: the server does not speak 9P2000.L\n",
			  dev->tag);
		rc = -EPROTONOSUPPORT;
	} else if (rc == 0) {
		c->msize = r.u.version.msize;
	}
	end(c, rc);
	if (rc < 0)
		p9_disconnect(c);
	return rc;
}

void p9_disconnect(struct p9_client *c)
{
	struct uk_alloc *a = uk_alloc_get_default();

	uk_free(a, c->tbuf);
	uk_free(a, c->rbuf);
	c->tbuf = c->rbuf = NULL;
}

uint32_t p9_iosize(const struct p9_client *c)
{
	return c->msize - P9_IOHDR;
}

int p9_attach(struct p9_client *c, const char *aname, uint32_t *fid,
	      struct p9_qid *qid)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TATTACH);
	rc = fid_get(c, fid);
	if (rc < 0)
		return end(c, rc);
	p9_put32(&w, *fid);
	p9_put32(&w, P9_NOFID);		/* afid: no authentication */
	p9_putstr(&w, "root", 4);
	p9_putstr(&w, aname, strlen(aname));
	p9_put32(&w, 0);		/* n_uname: uid 0 */
	rc = call(c, &w, 0, &r);
	if (rc == 0)
		*qid = r.u.qid;
	else if (rc != -EPROTO)
		fid_put(c, *fid);
	return end(c, rc);
}

/* Twalk fid -> newfid over nwname names (0 or 1 here). */
static int walk(struct p9_client *c, uint32_t fid, const char *name,
		size_t len, uint16_t nwname, uint32_t *newfid,
		struct p9_qid *qid)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TWALK);
	rc = fid_get(c, newfid);
	if (rc < 0)
		return end(c, rc);
	p9_put32(&w, fid);
	p9_put32(&w, *newfid);
	p9_put16(&w, nwname);
	if (nwname)
		p9_putstr(&w, name, len);
	rc = call(c, &w, nwname, &r);
	/* A walk that stops short made no fid (walk(5)). */
	if (rc == 0 && r.u.walk.nwqid < nwname)
		rc = -ENOENT;
	if (rc == 0 && nwname && qid)
		*qid = r.u.walk.qid[0];
	if (rc < 0 && rc != -EPROTO)
		fid_put(c, *newfid);
	return end(c, rc);
}

int p9_walk1(struct p9_client *c, uint32_t fid, const char *name,
	     size_t namelen, uint32_t *newfid, struct p9_qid *qid)
{
	return walk(c, fid, name, namelen, 1, newfid, qid);
}

int p9_clone(struct p9_client *c, uint32_t fid, uint32_t *newfid)
{
	return walk(c, fid, NULL, 0, 0, newfid, NULL);
}

int p9_clunk(struct p9_client *c, uint32_t fid)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TCLUNK);
	p9_put32(&w, fid);
	rc = call(c, &w, 0, &r);
	if (rc != -EPROTO)
		fid_put(c, fid);
	return end(c, rc);
}

int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags,
	     struct p9_qid *qid, uint32_t *iounit)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TLOPEN);
	p9_put32(&w, fid);
	p9_put32(&w, flags);
	rc = call(c, &w, 0, &r);
	if (rc == 0) {
		if (qid)
			*qid = r.u.open.qid;
		if (iounit)
			*iounit = r.u.open.iounit;
	}
	return end(c, rc);
}

int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name,
	       size_t len, uint32_t flags, uint32_t mode, uint32_t gid,
	       struct p9_qid *qid, uint32_t *iounit)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TLCREATE);
	p9_put32(&w, fid);
	p9_putstr(&w, name, len);
	p9_put32(&w, flags);
	p9_put32(&w, mode);
	p9_put32(&w, gid);
	rc = call(c, &w, 0, &r);
	if (rc == 0) {
		if (qid)
			*qid = r.u.open.qid;
		if (iounit)
			*iounit = r.u.open.iounit;
	}
	return end(c, rc);
}

/* Tread or Treaddir: fid[4] offset[8] count[4] -> data into buf. */
static long read_like(struct p9_client *c, uint8_t t, uint32_t fid,
		      uint64_t off, void *buf, uint32_t count)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	if (count > p9_iosize(c))
		count = p9_iosize(c);
	begin(c, &w, t);
	p9_put32(&w, fid);
	p9_put64(&w, off);
	p9_put32(&w, count);
	rc = call(c, &w, count, &r);
	if (rc < 0)
		return end(c, rc);
	memcpy(buf, r.u.io.data, r.u.io.count);
	return end(c, (int)r.u.io.count);
}

long p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf,
	     uint32_t count)
{
	return read_like(c, P9_TREAD, fid, off, buf, count);
}

long p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf,
		uint32_t count)
{
	return read_like(c, P9_TREADDIR, fid, off, buf, count);
}

long p9_write(struct p9_client *c, uint32_t fid, uint64_t off,
	      const void *buf, uint32_t count)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	if (count > p9_iosize(c))
		count = p9_iosize(c);
	begin(c, &w, P9_TWRITE);
	p9_put32(&w, fid);
	p9_put64(&w, off);
	p9_put32(&w, count);
	p9_putdata(&w, buf, count);
	rc = call(c, &w, count, &r);
	return end(c, rc < 0 ? rc : (int)r.u.io.count);
}

int p9_fsync(struct p9_client *c, uint32_t fid, int datasync)
{
	struct p9_writer w;
	struct p9_reply r;

	begin(c, &w, P9_TFSYNC);
	p9_put32(&w, fid);
	p9_put32(&w, datasync ? 1 : 0);
	return end(c, call(c, &w, 0, &r));
}

int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TGETATTR);
	p9_put32(&w, fid);
	p9_put64(&w, P9_GETATTR_BASIC);
	rc = call(c, &w, 0, &r);
	if (rc == 0)
		*a = r.u.attr;
	return end(c, rc);
}

int p9_setattr(struct p9_client *c, uint32_t fid, uint32_t valid,
	       const struct p9_attr *a)
{
	struct p9_writer w;
	struct p9_reply r;

	begin(c, &w, P9_TSETATTR);
	p9_put32(&w, fid);
	p9_put32(&w, valid);
	p9_put32(&w, a->mode);
	p9_put32(&w, a->uid);
	p9_put32(&w, a->gid);
	p9_put64(&w, a->size);
	p9_put64(&w, a->atime_sec);
	p9_put64(&w, a->atime_nsec);
	p9_put64(&w, a->mtime_sec);
	p9_put64(&w, a->mtime_nsec);
	return end(c, call(c, &w, 0, &r));
}

int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *st)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TSTATFS);
	p9_put32(&w, fid);
	rc = call(c, &w, 0, &r);
	if (rc == 0)
		*st = r.u.statfs;
	return end(c, rc);
}

/* Send w and take the qid of an Rmkdir/Rsymlink/Rmknod. */
static int call_qid(struct p9_client *c, struct p9_writer *w,
		    struct p9_qid *qid)
{
	struct p9_reply r;
	int rc = call(c, w, 0, &r);

	if (rc == 0 && qid)
		*qid = r.u.qid;
	return end(c, rc);
}

int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name,
	     size_t len, uint32_t mode, uint32_t gid, struct p9_qid *qid)
{
	struct p9_writer w;

	begin(c, &w, P9_TMKDIR);
	p9_put32(&w, dfid);
	p9_putstr(&w, name, len);
	p9_put32(&w, mode);
	p9_put32(&w, gid);
	return call_qid(c, &w, qid);
}

int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name,
	       size_t len, const char *target, uint32_t gid,
	       struct p9_qid *qid)
{
	struct p9_writer w;

	begin(c, &w, P9_TSYMLINK);
	p9_put32(&w, dfid);
	p9_putstr(&w, name, len);
	p9_putstr(&w, target, strlen(target));
	p9_put32(&w, gid);
	return call_qid(c, &w, qid);
}

int p9_mknod(struct p9_client *c, uint32_t dfid, const char *name,
	     size_t len, uint32_t mode, uint32_t major, uint32_t minor,
	     uint32_t gid, struct p9_qid *qid)
{
	struct p9_writer w;

	begin(c, &w, P9_TMKNOD);
	p9_put32(&w, dfid);
	p9_putstr(&w, name, len);
	p9_put32(&w, mode);
	p9_put32(&w, major);
	p9_put32(&w, minor);
	p9_put32(&w, gid);
	return call_qid(c, &w, qid);
}

int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid,
	    const char *name, size_t len)
{
	struct p9_writer w;
	struct p9_reply r;

	begin(c, &w, P9_TLINK);
	p9_put32(&w, dfid);
	p9_put32(&w, fid);
	p9_putstr(&w, name, len);
	return end(c, call(c, &w, 0, &r));
}

long p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len)
{
	struct p9_writer w;
	struct p9_reply r;
	int rc;

	begin(c, &w, P9_TREADLINK);
	p9_put32(&w, fid);
	rc = call(c, &w, 0, &r);
	if (rc < 0)
		return end(c, rc);
	if (len > r.u.str.len)
		len = r.u.str.len;
	memcpy(buf, r.u.str.s, len);
	return end(c, (int)len);
}

int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name,
		size_t len, uint32_t flags)
{
	struct p9_writer w;
	struct p9_reply r;

	begin(c, &w, P9_TUNLINKAT);
	p9_put32(&w, dfid);
	p9_putstr(&w, name, len);
	p9_put32(&w, flags);
	return end(c, call(c, &w, 0, &r));
}

int p9_renameat(struct p9_client *c, uint32_t odfid, const char *oname,
		size_t olen, uint32_t ndfid, const char *nname, size_t nlen)
{
	struct p9_writer w;
	struct p9_reply r;

	begin(c, &w, P9_TRENAMEAT);
	p9_put32(&w, odfid);
	p9_putstr(&w, oname, olen);
	p9_put32(&w, ndfid);
	p9_putstr(&w, nname, nlen);
	return end(c, call(c, &w, 0, &r));
}
