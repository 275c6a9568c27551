/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The random-operation exerciser: ops operations, chosen by a seeded
 * generator (xorshift64*, so every platform draws the same ones), on one
 * file and an in-memory model of what it must hold: write and pwrite at
 * random offsets (holes included), read and pread compared with the
 * model, truncate and ftruncate down and up, stores and loads through
 * shared mmaps of random page ranges (use_mmap), fsync. The first
 * difference from the model is printed with the operation that showed
 * it; a line every 500 operations and the end line carry the size and
 * an FNV-1a hash of the model, so the host's run (the oracle) and the
 * kit's must print the same lines.
 */
#include "oracle.h"
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#define MAXSIZE	(256 * 1024)
#define MAXIO	8192
#define PG	4096

static uint64_t rng;

static uint64_t next(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static size_t below(size_t n)
{
	return n ? (size_t)(next() % n) : 0;
}

static uint32_t fnv(const unsigned char *p, size_t n)
{
	uint32_t h = 2166136261u;

	while (n--)
		h = (h ^ *p++) * 16777619u;
	return h;
}

struct ex {
	int fd, op, bad, use_mmap;
	size_t size;
	unsigned char *model, *buf;
};

static void differs(struct ex *x, const char *what, size_t off, size_t len,
		    const unsigned char *got)
{
	size_t i;

	if (x->bad++)
		return;
	for (i = 0; i < len && got[i] == x->model[off + i]; i++)
		;
	printf("exercise: op %d: %s at %zu+%zu: byte %zu is %u, the model "
	       "has %u\n", x->op, what, off, len, off + i,
	       i < len ? got[i] : 0, i < len ? x->model[off + i] : 0);
}

static void fail(struct ex *x, const char *what, long r)
{
	if (!x->bad++)
		printf("exercise: op %d: %s returned %ld (%s)\n", x->op, what, r,
		       r < 0 ? ename(errno) : "short");
}

static void do_write(struct ex *x, int positioned)
{
	size_t len = 1 + below(MAXIO), off = below(MAXSIZE - len), i;
	ssize_t r;

	for (i = 0; i < len; i++)
		x->buf[i] = (unsigned char)next();
	if (positioned) {
		r = pwrite(x->fd, x->buf, len, off);
	} else {
		lseek(x->fd, off, SEEK_SET);
		r = write(x->fd, x->buf, len);
	}
	if (r != (ssize_t)len)
		return fail(x, positioned ? "pwrite" : "write", r);
	if (off > x->size)
		memset(x->model + x->size, 0, off - x->size);
	memcpy(x->model + off, x->buf, len);
	if (off + len > x->size)
		x->size = off + len;
}

static void do_read(struct ex *x, int positioned)
{
	size_t len = 1 + below(MAXIO), off = below(x->size + 100), want;
	ssize_t r;

	want = off >= x->size ? 0 : (x->size - off < len ? x->size - off : len);
	if (positioned) {
		r = pread(x->fd, x->buf, len, off);
	} else {
		lseek(x->fd, off, SEEK_SET);
		r = read(x->fd, x->buf, len);
	}
	if (r != (ssize_t)want)
		return fail(x, positioned ? "pread" : "read", r);
	if (memcmp(x->buf, x->model + off, want))
		differs(x, positioned ? "pread" : "read", off, want, x->buf);
}

static void do_truncate(struct ex *x, int by_fd)
{
	size_t to = below(MAXSIZE);
	int r = by_fd ? ftruncate(x->fd, to) : truncate("exercise.dat", to);

	if (r)
		return fail(x, by_fd ? "ftruncate" : "truncate", r);
	if (to > x->size)
		memset(x->model + x->size, 0, to - x->size);
	x->size = to;
}

/* Stores and loads through a shared mapping of whole pages in the file. */
static void do_mmap(struct ex *x)
{
	size_t pages = x->size / PG, first, n, off, len, i;
	unsigned char *m;

	if (!pages)
		return;
	first = below(pages);
	n = 1 + below(pages - first < 4 ? pages - first : 4);
	m = mmap(NULL, n * PG, PROT_READ | PROT_WRITE, MAP_SHARED, x->fd,
		 first * PG);
	if (m == MAP_FAILED)
		return fail(x, "mmap", -1);
	if (memcmp(m, x->model + first * PG, n * PG))
		differs(x, "mmap load", first * PG, n * PG, m);
	len = 1 + below(n * PG);
	off = below(n * PG - len + 1);
	for (i = 0; i < len; i++)
		m[off + i] = x->model[first * PG + off + i] = (unsigned char)next();
	if (next() & 1)
		msync(m, n * PG, MS_SYNC);
	munmap(m, n * PG);
}

void exercise(unsigned long seed, int ops, int use_mmap)
{
	struct ex x = { .use_mmap = use_mmap };
	unsigned int pick;

	printf("exercise: seed %lu, %d operations%s\n", seed, ops,
	       use_mmap ? ", with mmap" : "");
	rng = seed * 0x9e3779b97f4a7c15ULL + 1;
	x.model = calloc(1, MAXSIZE);
	x.buf = malloc(MAXIO);
	x.fd = open("exercise.dat", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (!x.model || !x.buf || x.fd < 0) {
		printf("exercise: cannot start: %s\n", ename(errno));
		return;
	}
	for (x.op = 1; x.op <= ops; x.op++) {
		pick = below(100);
		if (pick < 25)
			do_write(&x, pick & 1);
		else if (pick < 55)
			do_read(&x, pick & 1);
		else if (pick < 62)
			do_truncate(&x, pick & 1);
		else if (pick < 80 && use_mmap)
			do_mmap(&x);
		else if (pick < 82 && fsync(x.fd))
			fail(&x, "fsync", -1);
		if (x.op % 500 == 0)
			printf("exercise: op %d: size %zu, hash %08x\n", x.op,
			       x.size, fnv(x.model, x.size));
	}
	/* The whole file against the model, and its size */
	{
		unsigned char *all = malloc(MAXSIZE + 1);
		struct stat st;
		ssize_t r = all ? pread(x.fd, all, MAXSIZE + 1, 0) : -1;

		if (fstat(x.fd, &st) || (size_t)st.st_size != x.size)
			fail(&x, "fstat size", (long)st.st_size);
		if (r != (ssize_t)x.size)
			fail(&x, "the final pread", r);
		else if (memcmp(all, x.model, x.size))
			differs(&x, "the final pread", 0, x.size, all);
		free(all);
	}
	printf("exercise: end: size %zu, hash %08x, %d differences from the "
	       "model\n", x.size, fnv(x.model, x.size), x.bad);
	close(x.fd);
	unlink("exercise.dat");
	free(x.model);
	free(x.buf);
}
