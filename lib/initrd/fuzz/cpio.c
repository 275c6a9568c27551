/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fuzz target initrd-cpio (support/scripts/fuzz): the newc parser on
 * arbitrary bytes, under ASan and UBSan. Besides memory errors it checks
 * the parser's promises and aborts when one is broken: every entry lies
 * inside the buffer, names are clean (no "..", no empty component),
 * symlink targets have no NUL, an error names an offset inside the
 * buffer and a reason, the walk ends (one entry per 110 bytes at most)
 * and stays ended.
 */
// fuzz-runs: 200000
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uk/initrd.h>
#include "../cpio.c"

#define CHECK(c) do { if (!(c)) { \
	fprintf(stderr, "cpio fuzz: broken promise: %s\n", #c); abort(); } \
} while (0)

static void check_entry(const unsigned char *buf, size_t len,
			const struct uk_initrd_entry *e)
{
	const unsigned char *n = (const unsigned char *)e->name;
	const unsigned char *d = e->data;
	size_t i, c;

	CHECK(e->offset < len);
	CHECK(e->name_len > 0);
	if (strcmp(e->name, ".")) {
		CHECK(n >= buf && n + e->name_len < buf + len);
		CHECK(n[e->name_len] == '\0');
	}
	CHECK(d >= buf && e->size <= (size_t)(buf + len - d));
	CHECK(e->name[0] != '/');
	for (i = 0; i <= e->name_len && strcmp(e->name, "."); i = c + 1) {
		for (c = i; c < e->name_len && n[c] != '/'; c++)
			CHECK(n[c] != '\0');
		CHECK(c > i);
		CHECK(!(c - i == 2 && n[i] == '.' && n[i + 1] == '.'));
		CHECK(!(c - i == 1 && n[i] == '.'));
	}
	if ((e->mode & T_MASK) == T_LNK)
		CHECK(e->size > 0 && !memchr(d, '\0', e->size));
	if ((e->mode & T_MASK) == T_DIR)
		CHECK(e->size == 0);
}

int LLVMFuzzerTestOneInput(const unsigned char *buf, size_t len)
{
	struct uk_initrd_cpio it;
	struct uk_initrd_entry e;
	size_t n = 0;
	int r;

	uk_initrd_cpio_start(&it, buf, len);
	while ((r = uk_initrd_cpio_next(&it, &e)) > 0) {
		check_entry(buf, len, &e);
		CHECK(++n <= len / HDR_LEN);
	}
	if (r < 0) {
		CHECK(r == -EINVAL);
		CHECK(it.err_what && it.err_what[0]);
		CHECK(it.err_off <= len);
		CHECK(it.err_entry_len <= 255);
	} else {
		CHECK(it.done);
	}
	CHECK(uk_initrd_cpio_next(&it, &e) == r);
	return 0;
}
