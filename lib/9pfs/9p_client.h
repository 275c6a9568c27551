/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P2000.L client: one session on a uk9pdev device, fids, and one
 * call per message. The file system (9pfs.c) is its only user besides
 * the tests.
 *
 * Locking: c->lock is held for the whole of each call (building the
 * T-message, the transport's round trip, copying the reply out); the
 * transport carries one request at a time. Calls block; never from an
 * interrupt handler.
 *
 * Errors: 0 or a count, the server's errno (negative), -EPROTO for a
 * malformed reply (one line "<tag>: malformed R<op>: <why>"),
 * -ENFILE when every fid is in use, -EMSGSIZE for a request that does
 * not fit msize (a name past 64 KiB: the VFS refuses long names first).
 *
 * Fids: p9_walk*, p9_attach hand out a new fid the caller owns and
 * gives back with p9_clunk (also when the clunk fails: the fid is free
 * again either way, as the protocol says). A fid-making call whose reply
 * was malformed keeps the fid number reserved: the server may hold it.
 */
#ifndef P9_CLIENT_H
#define P9_CLIENT_H

#include <stddef.h>
#include <stdint.h>
#include <uk/9pdev.h>
#include <uk/lock.h>
#include "9p_codec.h"

#ifndef CONFIG_LIB9PFS_MAXFIDS
#define CONFIG_LIB9PFS_MAXFIDS 1024
#endif

struct p9_client {
	struct uk_9pdev *dev;
	uint32_t msize;		/* negotiated by p9_connect() */
	struct uk_mutex lock;
	uint16_t tag;		/* the next request's */
	uint8_t *tbuf, *rbuf;	/* msize bytes each */
	uint32_t fids[CONFIG_LIB9PFS_MAXFIDS / 32];	/* in-use bitmap */
	unsigned long requests;	/* for the tests */
};

/*
 * Start a session on dev: Tversion "9P2000.L" with msize (the smaller
 * of msize and what the transport carries); the server's msize, never
 * larger, is kept. 0, -ENOMEM, -EPROTONOSUPPORT (the server does not
 * speak 9P2000.L), -EPROTO.
 */
int p9_connect(struct p9_client *c, struct uk_9pdev *dev, uint32_t msize);
void p9_disconnect(struct p9_client *c);

/* Most data one Tread/Twrite carries in this session. */
uint32_t p9_iosize(const struct p9_client *c);

int p9_attach(struct p9_client *c, const char *aname, uint32_t *fid,
	      struct p9_qid *qid);
/* A new fid for the entry name of directory fid (namelen bytes). */
int p9_walk1(struct p9_client *c, uint32_t fid, const char *name,
	     size_t namelen, uint32_t *newfid, struct p9_qid *qid);
/* A new fid for the same file as fid. */
int p9_clone(struct p9_client *c, uint32_t fid, uint32_t *newfid);
int p9_clunk(struct p9_client *c, uint32_t fid);

/* flags are Linux open(2) flags. */
int p9_lopen(struct p9_client *c, uint32_t fid, uint32_t flags,
	     struct p9_qid *qid, uint32_t *iounit);
/* Create name in directory fid; fid becomes the new file, open. */
int p9_lcreate(struct p9_client *c, uint32_t fid, const char *name,
	       size_t len, uint32_t flags, uint32_t mode, uint32_t gid,
	       struct p9_qid *qid, uint32_t *iounit);
/* At most p9_iosize() bytes; bytes done. */
long p9_read(struct p9_client *c, uint32_t fid, uint64_t off, void *buf,
	     uint32_t count);
long p9_write(struct p9_client *c, uint32_t fid, uint64_t off,
	      const void *buf, uint32_t count);
/*
 * Directory entries from cookie off into buf (count bytes at most, as
 * the server packed them: walk them with p9_dirent_next(), already
 * checked). Bytes filled; 0 at the end.
 */
long p9_readdir(struct p9_client *c, uint32_t fid, uint64_t off, void *buf,
		uint32_t count);
int p9_fsync(struct p9_client *c, uint32_t fid, int datasync);

int p9_getattr(struct p9_client *c, uint32_t fid, struct p9_attr *a);
/* valid: P9_SETATTR_*; times only with their *_SET bit. */
int p9_setattr(struct p9_client *c, uint32_t fid, uint32_t valid,
	       const struct p9_attr *a);
int p9_statfs(struct p9_client *c, uint32_t fid, struct p9_statfs *st);

int p9_mkdir(struct p9_client *c, uint32_t dfid, const char *name,
	     size_t len, uint32_t mode, uint32_t gid, struct p9_qid *qid);
int p9_symlink(struct p9_client *c, uint32_t dfid, const char *name,
	       size_t len, const char *target, uint32_t gid,
	       struct p9_qid *qid);
int p9_mknod(struct p9_client *c, uint32_t dfid, const char *name,
	     size_t len, uint32_t mode, uint32_t major, uint32_t minor,
	     uint32_t gid, struct p9_qid *qid);
int p9_link(struct p9_client *c, uint32_t dfid, uint32_t fid,
	    const char *name, size_t len);
/* The target into buf (not NUL-terminated, cut at len); its length. */
long p9_readlink(struct p9_client *c, uint32_t fid, char *buf, size_t len);
/* flags: 0 or P9_AT_REMOVEDIR */
int p9_unlinkat(struct p9_client *c, uint32_t dfid, const char *name,
		size_t len, uint32_t flags);
int p9_renameat(struct p9_client *c, uint32_t odfid, const char *oname,
		size_t olen, uint32_t ndfid, const char *nname, size_t nlen);

#endif /* P9_CLIENT_H */
