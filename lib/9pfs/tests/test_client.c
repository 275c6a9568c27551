/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The 9P client: against a scripted transport (every image), where each
 * reply is crafted, and against the server tagged "share" when QEMU
 * gave the image one (test/cases/9pfs.sh; skipped otherwise). There the
 * host created "from-host.txt" holding "hello from the host\n"; the
 * session creates "from-guest/" with a file, a symlink, a node and a
 * renamed hard link, which the case checks on the host afterwards.
 */
#include <errno.h>
#include <string.h>
#include <uk/test.h>
#include "../9p_client.h"

/* A transport that answers each request with the next scripted reply. */
struct script {
	struct uk_9pdev dev;
	const uint8_t *reply;
	size_t len;
	int fix_tag;		/* give the reply the request's tag */
	uint8_t last[64];	/* the request, as far as it fits */
};

static uint8_t rbuf[256];

static int script_request(struct uk_9pdev *d, const void *req, size_t reqlen,
			  void *reply, size_t replymax, size_t *replylen)
{
	struct script *s = (struct script *)d;

	memcpy(s->last, req, reqlen < sizeof(s->last) ? reqlen : sizeof(s->last));
	if (s->len > replymax)
		return -EIO;
	memcpy(reply, s->reply, s->len);
	if (s->fix_tag)
		memcpy((uint8_t *)reply + 5, (const uint8_t *)req + 5, 2);
	*replylen = s->len;
	return 0;
}

static const struct uk_9pdev_ops script_ops = { .request = script_request };

static struct script sc = {
	.dev = { .tag = "fake", .max_msize = 65536, .ops = &script_ops },
};

static void script(const void *reply, size_t len, int fix_tag)
{
	sc.reply = reply;
	sc.len = len;
	sc.fix_tag = fix_tag;
}

/* Rversion msize "9P2000.L" (or ver) into rbuf, tag NOTAG. */
static size_t rversion(uint32_t msize, const char *ver)
{
	struct p9_writer w;

	p9_begin(&w, rbuf, sizeof(rbuf), P9_RVERSION, P9_NOTAG);
	p9_put32(&w, msize);
	p9_putstr(&w, ver, strlen(ver));
	return (size_t)p9_end(&w);
}

UK_TESTCASE(9pfs, client_rversion_checked)
{
	struct p9_client c;

	script(rbuf, rversion(8192, "9P2000.L"), 0);
	UK_TEST_ASSERT_INT_EQ(p9_connect(&c, &sc.dev, 65536), 0);
	UK_TEST_EXPECT_INT_EQ(c.msize, 8192);
	UK_TEST_EXPECT_INT_EQ(p9_iosize(&c), 8192 - P9_IOHDR);
	/* the request asked for 65536, tag NOTAG */
	UK_TEST_EXPECT_INT_EQ(sc.last[4], P9_TVERSION);
	UK_TEST_EXPECT_INT_EQ(sc.last[5] | sc.last[6] << 8, P9_NOTAG);
	UK_TEST_EXPECT_INT_EQ(sc.last[9], 1);	/* 65536 = 0x10000 */
	p9_disconnect(&c);

	/* the server may only lower msize */
	script(rbuf, rversion(1 << 20, "9P2000.L"), 0);
	UK_TEST_EXPECT_INT_EQ(p9_connect(&c, &sc.dev, 65536), -EPROTO);
	script(rbuf, rversion(8192, "unknown"), 0);
	UK_TEST_EXPECT_INT_EQ(p9_connect(&c, &sc.dev, 65536),
			      -EPROTONOSUPPORT);
}

UK_TESTCASE(9pfs, client_refuses_stale_tag_and_frees_fids)
{
	static const uint8_t rclunk[7] = { 7, 0, 0, 0, P9_RCLUNK, 0, 0 };
	static const uint8_t enoent[11] = { 11, 0, 0, 0, P9_RLERROR, 0, 0,
					    ENOENT, 0, 0, 0 };
	struct p9_client c;
	struct p9_qid q;
	uint32_t fid, fid2;

	script(rbuf, rversion(8192, "9P2000.L"), 0);
	UK_TEST_ASSERT_INT_EQ(p9_connect(&c, &sc.dev, 8192), 0);
	/* The first request after Tversion has tag 0; the second tag 1:
	 * a reply repeating tag 0 is stale. */
	script(rclunk, sizeof(rclunk), 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&c, 5), 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&c, 5), -EPROTO);
	/* a failed walk gives its fid back; the next walk gets it again */
	script(enoent, sizeof(enoent), 1);
	UK_TEST_EXPECT_INT_EQ(p9_walk1(&c, 0, "x", 1, &fid, &q), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(p9_walk1(&c, 0, "x", 1, &fid2, &q), -ENOENT);
	UK_TEST_EXPECT_INT_EQ(fid, fid2);
	p9_disconnect(&c);
}

/* The live session: skipped without the "share" device. */
static struct p9_client live;
static uint32_t root;

static int live_start(void)
{
	struct uk_9pdev *d = uk_9pdev_find("share");
	struct p9_qid q;
	int rc;

	if (!d)
		return 1;
	rc = p9_connect(&live, d, 65536);
	if (rc == 0)
		rc = p9_attach(&live, "", &root, &q);
	return rc;
}

UK_TESTCASE(9pfs, live_host_file_reads)
{
	static const char want[] = "hello from the host\n";
	struct p9_attr a;
	uint32_t fid;
	char buf[64];
	struct p9_qid q;
	int rc = live_start();

	if (rc == 1)
		UK_TEST_SKIP("no 9P device tagged \"share\"");
	UK_TEST_ASSERT_INT_EQ(rc, 0);
	UK_TEST_EXPECT_INT_LE(live.msize, 65536);
	UK_TEST_ASSERT_INT_EQ(p9_walk1(&live, root, "from-host.txt", 13, &fid,
				       &q), 0);
	UK_TEST_ASSERT_INT_EQ(p9_getattr(&live, fid, &a), 0);
	UK_TEST_EXPECT_INT_EQ(a.size, sizeof(want) - 1);
	UK_TEST_EXPECT_INT_EQ(a.mode & 0170000, 0100000);
	UK_TEST_EXPECT_INT_EQ(a.qid.path, q.path);
	UK_TEST_ASSERT_INT_EQ(p9_lopen(&live, fid, 0 /* O_RDONLY */, NULL,
				       NULL), 0);
	UK_TEST_ASSERT_INT_EQ(p9_read(&live, fid, 0, buf, sizeof(buf)),
			      sizeof(want) - 1);
	UK_TEST_EXPECT_MEM_EQ(buf, want, sizeof(want) - 1);
	UK_TEST_EXPECT_INT_EQ(p9_read(&live, fid, 6, buf, 4), 4);
	UK_TEST_EXPECT_MEM_EQ(buf, "from", 4);
	UK_TEST_EXPECT_INT_EQ(p9_read(&live, fid, 100, buf, 4), 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, fid), 0);
	UK_TEST_EXPECT_INT_EQ(p9_walk1(&live, root, "none", 4, &fid, &q),
			      -ENOENT);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, root), 0);
	p9_disconnect(&live);
}

/* Does directory fid list name? 1, 0, or -errno. */
static int listed(uint32_t dir, const char *name)
{
	static uint8_t ents[2048];
	struct p9_dirent e;
	uint64_t off = 0;
	uint32_t pos;
	long n;
	int found = 0;

	while ((n = p9_readdir(&live, dir, off, ents, sizeof(ents))) > 0) {
		for (pos = 0; p9_dirent_next(ents, n, &pos, &e);) {
			if (e.namelen == strlen(name) &&
			    !memcmp(e.name, name, e.namelen))
				found = 1;
			off = e.offset;
		}
	}
	return n < 0 ? (int)n : found;
}

/* Fids in use (the kernel has no libgcc for __builtin_popcount). */
static unsigned int fids_used(void)
{
	unsigned int i, n = 0;
	uint32_t v;

	for (i = 0; i < CONFIG_LIB9PFS_MAXFIDS / 32; i++)
		for (v = live.fids[i]; v; v &= v - 1)
			n++;
	return n;
}

UK_TESTCASE(9pfs, live_guest_writes_a_tree)
{
	static const char text[] = "written by the guest\n";
	uint32_t dir, fid, fid2, before;
	struct p9_qid q;
	struct p9_attr a;
	struct p9_statfs st;
	char buf[64];
	int rc = live_start();

	if (rc == 1)
		UK_TEST_SKIP("no 9P device tagged \"share\"");
	UK_TEST_ASSERT_INT_EQ(rc, 0);
	before = fids_used();
	UK_TEST_ASSERT_INT_EQ(p9_mkdir(&live, root, "from-guest", 10, 0755,
				       0, &q), 0);
	UK_TEST_EXPECT_INT_EQ(q.type & P9_QID_DIR, P9_QID_DIR);
	UK_TEST_EXPECT_INT_EQ(p9_mkdir(&live, root, "from-guest", 10, 0755,
				       0, &q), -EEXIST);
	UK_TEST_ASSERT_INT_EQ(p9_walk1(&live, root, "from-guest", 10, &dir,
				       &q), 0);
	/* a file: create, write, read back, truncate, size */
	UK_TEST_ASSERT_INT_EQ(p9_clone(&live, dir, &fid), 0);
	UK_TEST_ASSERT_INT_EQ(p9_lcreate(&live, fid, "a.txt", 5,
					 02 /* O_RDWR */, 0644, 0, &q, NULL),
			      0);
	UK_TEST_EXPECT_INT_EQ(p9_write(&live, fid, 0, text, sizeof(text) - 1),
			      sizeof(text) - 1);
	UK_TEST_EXPECT_INT_EQ(p9_fsync(&live, fid, 0), 0);
	UK_TEST_EXPECT_INT_EQ(p9_read(&live, fid, 0, buf, sizeof(buf)),
			      sizeof(text) - 1);
	UK_TEST_EXPECT_MEM_EQ(buf, text, sizeof(text) - 1);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, fid), 0);
	UK_TEST_ASSERT_INT_EQ(p9_walk1(&live, dir, "a.txt", 5, &fid, &q), 0);
	memset(&a, 0, sizeof(a));
	a.size = 7;
	a.mode = 0100600;
	UK_TEST_EXPECT_INT_EQ(p9_setattr(&live, fid, P9_SETATTR_SIZE |
					 P9_SETATTR_MODE, &a), 0);
	UK_TEST_ASSERT_INT_EQ(p9_getattr(&live, fid, &a), 0);
	UK_TEST_EXPECT_INT_EQ(a.size, 7);
	UK_TEST_EXPECT_INT_EQ(a.mode, 0100600);
	/* a hard link, a symlink, a rename, a node, an unlink (a node:
	 * mknod of a regular file; QEMU 7.2 with security_model=none
	 * fails a fifo's Tmknod with ENXIO, opening it to set its mode) */
	UK_TEST_EXPECT_INT_EQ(p9_link(&live, dir, fid, "hard", 4), 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, fid), 0);
	UK_TEST_EXPECT_INT_EQ(p9_symlink(&live, dir, "link", 4, "a.txt", 0,
					 &q), 0);
	UK_TEST_EXPECT_INT_EQ(q.type & P9_QID_SYMLINK, P9_QID_SYMLINK);
	UK_TEST_ASSERT_INT_EQ(p9_walk1(&live, dir, "link", 4, &fid, &q), 0);
	UK_TEST_EXPECT_INT_EQ(p9_readlink(&live, fid, buf, sizeof(buf)), 5);
	UK_TEST_EXPECT_MEM_EQ(buf, "a.txt", 5);
	UK_TEST_EXPECT_INT_EQ(p9_readlink(&live, fid, buf, 2), 2);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, fid), 0);
	UK_TEST_EXPECT_INT_EQ(p9_renameat(&live, dir, "hard", 4, root,
					  "renamed", 7), 0);
	UK_TEST_EXPECT_INT_EQ(p9_mknod(&live, dir, "node", 4, 0100640, 0, 0, 0,
				       &q), 0);
	UK_TEST_EXPECT_INT_EQ(p9_mkdir(&live, dir, "gone", 4, 0755, 0, &q), 0);
	UK_TEST_EXPECT_INT_EQ(p9_unlinkat(&live, dir, "gone", 4, 0), -EISDIR);
	UK_TEST_EXPECT_INT_EQ(p9_unlinkat(&live, dir, "gone", 4,
					  P9_AT_REMOVEDIR), 0);
	/* the directory's listing */
	UK_TEST_ASSERT_INT_EQ(p9_clone(&live, dir, &fid2), 0);
	UK_TEST_ASSERT_INT_EQ(p9_lopen(&live, fid2, 0200000 /* O_DIRECTORY */,
				       NULL, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(listed(fid2, "a.txt"), 1);
	UK_TEST_EXPECT_INT_EQ(listed(fid2, "link"), 1);
	UK_TEST_EXPECT_INT_EQ(listed(fid2, "node"), 1);
	UK_TEST_EXPECT_INT_EQ(listed(fid2, "hard"), 0);
	UK_TEST_EXPECT_INT_EQ(listed(fid2, "gone"), 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, fid2), 0);
	UK_TEST_EXPECT_INT_EQ(p9_statfs(&live, dir, &st), 0);
	UK_TEST_EXPECT_INT_GT(st.bsize, 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, dir), 0);
	/* every fid but root given back */
	UK_TEST_EXPECT_INT_EQ(fids_used(), before);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, root), 0);
	p9_disconnect(&live);
}

#if CONFIG_LIBUKSCHED
#include <uk/essentials.h>
#include <uk/sched.h>

static volatile int spin_stop;
static volatile unsigned long spins;

static void *spinner(void *arg)
{
	(void)arg;
	while (!spin_stop) {
		spins++;
		uk_sched_yield();
	}
	return NULL;
}

/*
 * A thread waiting for a 9P reply lets the others run: with the
 * cooperative scheduler this thread yields nowhere but in the waits, so
 * the spinner counts only if a wait blocks (a halting wait leaves it at
 * 0). 256 round trips: a reply the server had ready before the wait
 * began (it runs on other host threads) makes that one wait not block;
 * on an idle host that happened for all of 16 (microvm, mapped-xattr:
 * 1 run in 6 of the fresh-machine check), so many are needed for some
 * to block.
 */
UK_TESTCASE(9pfs, live_request_lets_other_threads_run)
{
	struct uk_9pdev *d = uk_9pdev_find("share");
	struct uk_thread *t;
	struct p9_attr a;
	struct p9_qid q;
	unsigned long before;
	uint32_t fid;
	int i, rc;

	if (!d)
		UK_TEST_SKIP("no 9P device tagged \"share\"");
	UK_TEST_ASSERT_INT_EQ(p9_connect(&live, d, 65536), 0);
	rc = p9_attach(&live, "", &fid, &q);
	UK_TEST_ASSERT_INT_EQ(rc, 0);
	spin_stop = 0;
	t = uk_sched_thread_create("9p-spinner", spinner, NULL);
	UK_TEST_ASSERT(!uk_is_err(t));
	before = spins;
	for (i = 0; i < 256 && rc == 0; i++)
		rc = p9_getattr(&live, fid, &a);
	UK_TEST_EXPECT_INT_EQ(rc, 0);
	UK_TEST_EXPECT_INT_GT(spins, before);
	spin_stop = 1;
	UK_TEST_EXPECT_INT_EQ(uk_sched_thread_join(t, NULL), 0);
	UK_TEST_EXPECT_INT_EQ(p9_clunk(&live, fid), 0);
	p9_disconnect(&live);
}
#endif
