/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * devices: what the device stack found, and checks on it.
 *
 *	pci bb:dd.f vvvv:dddd class cc.ss.pp [msix N] [intx PIN]
 *	virtio <transport name> id <n> <driver or "unbound"> <msix|intx|line|poll>
 *	blk <name> sectors N size S [ro] [flush]
 *
 * then each check named in appdevices.run=<check>[,<check>...]: rng
 * (64 KiB from virtio-rng; a monobit and a chi-square byte-frequency
 * test; prints "rng: ok" or why not), random (the same tests on 64 KiB
 * from ukrandom, which virtio-rng seeds), blk-write, blk-read, blk-ro (see
 * blk_check), blk-thread (with uksched: another thread runs while one
 * waits for a request, see blk_thread_check), 9p (Tversion/Rversion
 * through the device tagged "share", see p9_check). It prints its
 * arguments first ("args: a b"): QEMU microvm appends virtio_mmio.device=
 * words after the user's "-- a b", and they must not land in argv.
 * Returns 0 when every check passed.
 */
#include <stdio.h>
#include <string.h>
#include <uk/param.h>
#include <uk/plat/time.h>
#if CONFIG_LIBUKPCI
#include <uk/pci.h>
#endif
#include <uk/virtio.h>
#if CONFIG_LIBUKVIRTIO_RNG
#include <uk/virtio_rng.h>
#endif
#if CONFIG_LIBUKRANDOM
#include <uk/random.h>
#endif
#if CONFIG_LIBUKBLKDEV
#include <uk/blkdev.h>
#endif
#if CONFIG_LIBUK9PDEV
#include <uk/9pdev.h>
#endif
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

static void list(void)
{
	unsigned int i;

#if CONFIG_LIBUKPCI
	for (i = 0; i < uk_pci_count(); i++) {
		struct uk_pci_dev *d = uk_pci_get(i);

		printf("pci %02x:%02x.%x %04x:%04x class %02x.%02x.%02x",
		       d->bus, d->dev, d->fn, d->vendor, d->device, d->class,
		       d->subclass, d->progif);
		for (unsigned int b = 0; b < 6; b++)
			if (d->bar[b].size)
				printf(" bar%u %s 0x%llx+0x%llx", b,
				       d->bar[b].io ? "io" : "mem",
				       (unsigned long long)d->bar[b].addr,
				       (unsigned long long)d->bar[b].size);
		if (uk_pci_cap_next(d, UK_PCI_CAP_MSIX, 0))
			printf(" msix");
		if (d->int_pin)
			printf(" intx %c line %u", 'A' + d->int_pin - 1,
			       d->int_line);
		printf("\n");
	}
#endif
	for (i = 0; i < uk_virtio_count(); i++) {
		struct uk_virtio_dev *v = uk_virtio_get(i);

		printf("virtio %s id %u %s %s%s%s\n", v->name, v->device_id,
		       v->driver ? v->driver->name : "unbound",
		       v->poll ? "poll" : v->irq_kind ? v->irq_kind : "-",
		       v->legacy ? " legacy" : "", v->failed ? " FAILED" : "");
	}
}

#if CONFIG_LIBUKVIRTIO_RNG
static unsigned char rbuf[65536];

/*
 * Two simple tests of 64 KiB from the device (not a proof of
 * randomness, a check that bytes are not constant, stuck or biased):
 * the count of one bits within 4.5 sigma of half (monobit, FIPS 140-2
 * style), and the byte histogram's chi-square against uniform within
 * [160, 360] (255 degrees of freedom: mean 255, sd 22.6).
 */
/* The two tests over rbuf; prints "<what>: ok" or why not. */
static int stat_check(const char *what, unsigned long n)
{
	static unsigned int hist[256];
	unsigned long ones = 0, i, bits, chi2x = 0;	/* chi-square * e */
	long e, dev;

	for (i = 0; i < 256; i++)
		hist[i] = 0;
	for (i = 0; i < n; i++) {
		unsigned int b = rbuf[i];

		hist[b]++;
		for (; b; b &= b - 1)
			ones++;
	}
	bits = n * 8;
	dev = (long)ones - (long)(bits / 2);
	/* sigma = sqrt(bits) / 2 = 362 for 524288 bits */
	e = n / 256;
	for (i = 0; i < 256; i++)
		chi2x += (unsigned long)(((long)hist[i] - e) *
					 ((long)hist[i] - e));
	printf("%s: %lu bytes, ones %lu (%+ld), chi2 %lu\n", what, n, ones,
	       dev, chi2x / e);
	if (dev > 1630 || dev < -1630 || chi2x / e < 160 || chi2x / e > 360) {
		printf("%s: not random enough\n", what);
		return 1;
	}
	printf("%s: ok\n", what);
	return 0;
}

static int rng_check(void)
{
	unsigned long n = 0;
	long r;

	while (n < sizeof(rbuf)) {
		r = uk_virtio_rng_read(rbuf + n, sizeof(rbuf) - n);
		if (r <= 0) {
			printf("rng: read failed: %ld\n", r);
			return 1;
		}
		n += r;
	}
	return stat_check("rng", n);
}

#if CONFIG_LIBUKRANDOM
/* ukrandom with virtio-rng registered: says where it draws from. */
static int random_check(void)
{
	printf("random: %s\n", uk_random_method());
	if (uk_random_fill(rbuf, sizeof(rbuf)) < 0) {
		printf("random: uk_random_fill failed\n");
		return 1;
	}
	return stat_check("random", sizeof(rbuf));
}
#endif
#endif

#if CONFIG_LIBUKBLKDEV
/*
 * Block checks on the first block device, 2 MiB from sector 0 with a
 * pattern both sides compute: the 64-bit little-endian word at byte
 * offset 8w is (w + seed) * 0x9e3779b97f4a7c15. blk-write writes it
 * (seed 1) in 32 KiB requests, up to 32 in flight, then flushes;
 * blk-read reads (seed 2, written by the host) in 4 KiB requests, 32 in
 * flight, and compares; blk-ro expects -EROFS from a write.
 */
#define BLK_BYTES	(2UL << 20)
#define INFLIGHT	32

static uint64_t pattern(uint64_t w, uint64_t seed)
{
	return (w + seed) * 0x9e3779b97f4a7c15ULL;
}

static unsigned char bbuf[BLK_BYTES] __attribute__((aligned(4096)));
static struct uk_blkreq reqs[INFLIGHT];
static volatile int errors;

static void on_done(struct uk_blkreq *r)
{
	if (r->result)
		errors++;
}

static void blk_list(void)
{
	unsigned int i;

	for (i = 0; i < uk_blkdev_count(); i++) {
		struct uk_blkdev *d = uk_blkdev_get(i);

		printf("blk %s sectors %llu size %u%s%s\n", d->name,
		       (unsigned long long)d->info.sectors,
		       d->info.sector_size, d->info.read_only ? " ro" : "",
		       d->info.flush ? " flush" : "");
	}
}

/*
 * n requests of chunk bytes, at most qd in flight: sequential through
 * bbuf (wrapping) or, with rnd, at pseudo-random chunk-aligned offsets
 * in it; the same offset on the device. 0 or -errno.
 */
static int blk_run(struct uk_blkdev *d, int op, unsigned long chunk,
		   unsigned long n, unsigned int qd, int rnd)
{
	unsigned long off, issued = 0, oldest = 0, slots = BLK_BYTES / chunk;
	unsigned int ss = d->info.sector_size;
	uint64_t x = 88172645463325252ULL;	/* xorshift64 */
	int rc;

	errors = 0;
	while (oldest < n) {
		while (issued < n && issued - oldest < qd) {
			struct uk_blkreq *r = &reqs[issued % INFLIGHT];

			if (rnd) {
				x ^= x << 13, x ^= x >> 7, x ^= x << 17;
				off = (x % slots) * chunk;
			} else {
				off = (issued % slots) * chunk;
			}
			*r = (struct uk_blkreq){ .op = op, .sector = off / ss,
				.nsectors = chunk / ss, .buf = bbuf + off,
				.done = on_done };
			rc = uk_blkdev_submit(d, r);
			if (rc == -16)	/* EBUSY: the ring is full */
				break;
			if (rc < 0)
				return rc;
			issued++;
		}
		/* Wait for the oldest one in flight. The device may finish
		 * requests in any order: a slot is reused only once the
		 * request in it is done (counting completions instead reused
		 * the slot of a request still in flight: the device then
		 * finished one request twice and another never). */
		rc = uk_blkdev_wait(d, &reqs[oldest % INFLIGHT]);
		if (rc < 0 && errors == 0)
			return rc;
		oldest++;
	}
	return errors ? -5 : 0;
}

/* All of bbuf in requests of chunk bytes, INFLIGHT at once. */
static int blk_stream(struct uk_blkdev *d, int op, unsigned long chunk)
{
	return blk_run(d, op, chunk, BLK_BYTES / chunk, INFLIGHT, 0);
}

/*
 * blk-bench: sequential write and read (32 KiB requests, 32 in flight,
 * 8 MiB), 4 KiB random reads with 1 and 32 in flight (2048 each), timed
 * on the platform's monotonic clock; one line each:
 *	blk-bench <name> <ops> ops <bytes> bytes <ns> ns
 */
static int blk_bench(struct uk_blkdev *d)
{
	static const struct {
		const char *name;
		int op;
		unsigned long chunk, n;
		unsigned int qd;
		int rnd;
	} t[] = {
		{ "seq-write-32k-qd32", UK_BLKREQ_WRITE, 32768, 256, 32, 0 },
		{ "seq-read-32k-qd32", UK_BLKREQ_READ, 32768, 256, 32, 0 },
		{ "rand-read-4k-qd1", UK_BLKREQ_READ, 4096, 2048, 1, 1 },
		{ "rand-read-4k-qd32", UK_BLKREQ_READ, 4096, 2048, 32, 1 },
	};
	unsigned int i;
	uint64_t t0, dt;
	int rc;

	for (i = 0; i < UK_ARRAY_SIZE(t); i++) {
		t0 = ukplat_monotonic_ns();
		rc = blk_run(d, t[i].op, t[i].chunk, t[i].n, t[i].qd, t[i].rnd);
		dt = ukplat_monotonic_ns() - t0;
		if (rc < 0) {
			printf("blk-bench %s: %d\n", t[i].name, rc);
			return 1;
		}
		printf("blk-bench %s %lu ops %lu bytes %llu ns\n", t[i].name,
		       t[i].n, t[i].n * t[i].chunk, (unsigned long long)dt);
	}
	printf("blk-bench: ok\n");
	return 0;
}

#if CONFIG_LIBUKSCHED
/*
 * blk-thread: 16 rounds of a 4 KiB write at 3 MiB + 4 KiB * round and a
 * flush (the host's fdatasync: milliseconds, so the wait surely waits),
 * each through uk_blkdev_io, while a second thread counts and yields
 * after each count. The scheduler is expected cooperative (the
 * defconfig's ukschedcoop), so the counter only moves when this thread
 * gives the CPU up: a wait that blocks the thread lets it count, a wait
 * that halts the CPU cannot. Prints
 *	blk-thread: <k> of 32 waits let the other thread run
 * and "ok" when at least a quarter did (interrupts: nearly all do;
 * polled, a request the device finished before the first poll does
 * not) and every request succeeded.
 */
static volatile unsigned long spins;
static volatile int spin_stop;

static void *spinner(void *arg __uk_unused)
{
	while (!spin_stop) {
		spins++;
		uk_sched_yield();
	}
	return NULL;
}

static int blk_thread_check(struct uk_blkdev *d)
{
	uint32_t ss = d->info.sector_size;
	struct uk_thread *t;
	unsigned long before;
	unsigned int i, ran = 0;
	int rc = 0;

	if (!d->info.flush || d->info.sectors * ss < (4UL << 20)) {
		printf("blk-thread: needs a 4 MiB drive with a write cache\n");
		return 1;
	}
	spins = 0;
	spin_stop = 0;
	t = uk_sched_thread_create("spinner", spinner, NULL);
	if (uk_is_err(t)) {
		printf("blk-thread: no thread: %d\n", (int)uk_ptr_err(t));
		return 1;
	}
	for (i = 0; i < 16 && !rc; i++) {
		memset(bbuf, i, 4096);
		before = spins;
		rc = uk_blkdev_io(d, UK_BLKREQ_WRITE,
				  ((3UL << 20) + i * 4096) / ss, 4096 / ss, bbuf);
		ran += spins != before;
		before = spins;
		if (!rc)
			rc = uk_blkdev_io(d, UK_BLKREQ_FLUSH, 0, 0, NULL);
		ran += spins != before;
	}
	spin_stop = 1;
	uk_sched_thread_join(t, NULL);
	if (rc) {
		printf("blk-thread: request failed: %d\n", rc);
		return 1;
	}
	printf("blk-thread: %u of 32 waits let the other thread run\n", ran);
	if (ran < 8)
		return 1;
	printf("blk-thread: ok\n");
	return 0;
}
#endif

static int blk_check(const char *what)
{
	struct uk_blkdev *d = uk_blkdev_get(0);
	uint64_t *w = (uint64_t *)bbuf;
	unsigned long i;
	int rc;

	if (!d) {
		printf("%s: no block device\n", what);
		return 1;
	}
	if (!strcmp(what, "blk-ro")) {
		rc = uk_blkdev_io(d, UK_BLKREQ_WRITE, 0, 1, bbuf);
		printf("blk-ro: write returned %d%s\n", rc,
		       rc == -30 ? ", ok" : "");
		return rc != -30;
	}
	if (d->info.sectors * d->info.sector_size < BLK_BYTES) {
		printf("%s: device smaller than 2 MiB\n", what);
		return 1;
	}
	if (!strcmp(what, "blk-bench"))
		return blk_bench(d);
#if CONFIG_LIBUKSCHED
	if (!strcmp(what, "blk-thread"))
		return blk_thread_check(d);
#endif
	if (!strcmp(what, "blk-write")) {
		for (i = 0; i < BLK_BYTES / 8; i++)
			w[i] = pattern(i, 1);
		rc = blk_stream(d, UK_BLKREQ_WRITE, 32768);
		if (!rc && d->info.flush)
			rc = uk_blkdev_io(d, UK_BLKREQ_FLUSH, 0, 0, NULL);
		printf("blk-write: %d%s\n", rc, rc ? "" : ", ok");
		return rc != 0;
	}
	for (i = 0; i < BLK_BYTES / 8; i++)
		w[i] = 0;
	rc = blk_stream(d, UK_BLKREQ_READ, 4096);
	for (i = 0; !rc && i < BLK_BYTES / 8; i++)
		if (w[i] != pattern(i, 2)) {
			printf("blk-read: word %lu differs\n", i);
			return 1;
		}
	printf("blk-read: %d%s\n", rc, rc ? "" : ", ok");
	return rc != 0;
}
#endif

#if CONFIG_LIBUK9PDEV
/*
 * 9p: through the device with mount tag "share", Tversion (msize 8192,
 * "9P2000.L") and its Rversion (type 101, tag 0xffff, the version
 * echoed); then a request whose size field lies, refused with -EINVAL.
 */
static int p9_check(void)
{
	static const char ver[] = "9P2000.L";
	unsigned char t[32], r[64];
	struct uk_9pdev *d = uk_9pdev_find("share");
	size_t n = 0, rlen = 0, vl = sizeof(ver) - 1, i;
	int rc;

	if (!d) {
		printf("9p: no device with mount tag 'share'\n");
		return 1;
	}
	n = 4 + 1 + 2 + 4 + 2 + vl;
	t[0] = n; t[1] = t[2] = t[3] = 0;
	t[4] = 100;				/* Tversion */
	t[5] = t[6] = 0xff;			/* NOTAG */
	t[7] = 0; t[8] = 0x20; t[9] = t[10] = 0;	/* msize 8192 */
	t[11] = vl; t[12] = 0;
	for (i = 0; i < vl; i++)
		t[13 + i] = ver[i];
	rc = uk_9pdev_request(d, t, n, r, sizeof(r), &rlen);
	if (rc < 0) {
		printf("9p: Tversion failed: %d\n", rc);
		return 1;
	}
	if (rlen < 13 + vl || r[4] != 101 || r[5] != 0xff || r[6] != 0xff ||
	    r[11] != vl || memcmp(r + 13, ver, vl)) {
		printf("9p: unexpected Rversion (%lu bytes, type %u)\n",
		       (unsigned long)rlen, r[4]);
		return 1;
	}
	printf("9p %s: Rversion msize %u %.*s\n", d->tag,
	       r[7] | r[8] << 8 | r[9] << 16 | (unsigned int)r[10] << 24,
	       (int)vl, (const char *)r + 13);
	t[0] = n + 1;				/* size field lies */
	rc = uk_9pdev_request(d, t, n, r, sizeof(r), &rlen);
	printf("9p: bad size field: %d\n", rc);
	if (rc != -22)
		return 1;
	printf("9p: ok\n");
	return 0;
}
#endif

static const char *run = "";
UK_PARAM(run, UK_PARAM_STR, &run, "checks to run, comma-separated");

/* Is the check at s (up to a comma or the end) named name? */
static int is(const char *s, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(s, name, n) && (s[n] == ',' || s[n] == '\0');
}

int main(int argc, char *argv[])
{
	const char *c;
	int fails = 0, i;

	printf("Hello from test/apps/devices\n");	/* bench/boottrace's marker */
	printf("args:");
	for (i = 1; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\n");
	list();
#if CONFIG_LIBUKBLKDEV
	blk_list();
#endif
	for (c = run; *c; c = strchr(c, ',') ? strchr(c, ',') + 1 : "") {
#if CONFIG_LIBUKVIRTIO_RNG
		if (is(c, "rng")) {
			fails += rng_check();
			continue;
		}
#if CONFIG_LIBUKRANDOM
		if (is(c, "random")) {
			fails += random_check();
			continue;
		}
#endif
#endif
#if CONFIG_LIBUKBLKDEV
		if (is(c, "blk-write") || is(c, "blk-read") || is(c, "blk-ro") ||
		    is(c, "blk-bench") || is(c, "blk-thread")) {
			char name[16];
			size_t n = strchr(c, ',') ? (size_t)(strchr(c, ',') - c) :
				   strlen(c);

			memcpy(name, c, n);
			name[n] = 0;
			fails += blk_check(name);
			continue;
		}
#endif
#if CONFIG_LIBUK9PDEV
		if (is(c, "9p")) {
			fails += p9_check();
			continue;
		}
#endif
		printf("devices: unknown check at '%s'\n", c);
		fails++;
	}
	return fails ? 1 : 0;
}
