/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukrandom's cases: the ChaCha20 block (RFC 8439, 2.3.2), the generator,
 * sources, and uk_random_fill() on whatever method this machine gives
 * (RDRAND on most hosts and -cpu max; the generator on QEMU's default
 * CPU or with ukrandom.nohw=1).
 */
#include <errno.h>
#include <string.h>
#include <uk/test.h>
#include "../random.h"

static const uint8_t rfc_out[64] = {
	0x10, 0xf1, 0xe7, 0xe4, 0xd1, 0x3b, 0x59, 0x15, 0x50, 0x0f, 0xdd,
	0x1f, 0xa3, 0x20, 0x71, 0xc4, 0xc7, 0xd1, 0xf4, 0xc7, 0x33, 0xc0,
	0x68, 0x03, 0x04, 0x22, 0xaa, 0x9a, 0xc3, 0xd4, 0x6c, 0x4e, 0xd2,
	0x82, 0x64, 0x46, 0x07, 0x9f, 0xaa, 0x09, 0x14, 0xc2, 0xd7, 0x05,
	0xd9, 0x8b, 0x02, 0xa2, 0xb5, 0x12, 0x9c, 0xd1, 0xde, 0x16, 0x4e,
	0xb9, 0xcb, 0xd0, 0x83, 0xe8, 0xa2, 0x50, 0x3c, 0x4e,
};

UK_TESTCASE(ukrandom, chacha20_block_rfc8439)
{
	uint8_t key[32], out[64];
	static const uint8_t nonce[12] = { 0, 0, 0, 0x09, 0, 0, 0, 0x4a };
	int i;

	for (i = 0; i < 32; i++)
		key[i] = i;
	uk_random_chacha20_block(key, 1, nonce, out);
	UK_TEST_EXPECT_MEM_EQ(out, rfc_out, 64);
}

static int popcount8(uint8_t b)
{
	int n = 0;

	for (; b; b &= b - 1)
		n++;
	return n;
}

/* No two 16-byte pieces equal, about half the bits set. */
static int looks_random(const uint8_t *p, size_t len)
{
	size_t i, j, ones = 0;

	for (i = 0; i < len; i++)
		ones += popcount8(p[i]);
	if (ones < len * 8 * 45 / 100 || ones > len * 8 * 55 / 100)
		return 0;
	for (i = 0; i + 16 <= len; i += 16)
		for (j = i + 16; j + 16 <= len; j += 16)
			if (!memcmp(p + i, p + j, 16))
				return 0;
	return 1;
}

static uint8_t big[4096], big2[4096];

UK_TESTCASE(ukrandom, generator_output_and_key_erasure)
{
	struct uk_random_gen g = { .seed_nonce = { 1 } };
	uint8_t key_before[32];

	uk_random_gen_absorb(&g, "fixed seed", 10);
	memcpy(key_before, g.key, 32);
	uk_random_gen_fill(&g, big, sizeof(big));
	UK_TEST_EXPECT(looks_random(big, sizeof(big)));
	/* the key changed: the same state never yields the same bytes */
	UK_TEST_EXPECT(memcmp(key_before, g.key, 32) != 0);
	uk_random_gen_fill(&g, big2, sizeof(big2));
	UK_TEST_EXPECT(memcmp(big, big2, sizeof(big)) != 0);
	UK_TEST_EXPECT_UINT_EQ(g.since_reseed, 8192);
}

UK_TESTCASE(ukrandom, generator_is_deterministic_for_a_seed)
{
	struct uk_random_gen a = { .seed_nonce = { 1 } };
	struct uk_random_gen b = { .seed_nonce = { 1 } };
	uint8_t x[100], y[100];

	uk_random_gen_absorb(&a, "same", 4);
	uk_random_gen_absorb(&b, "same", 4);
	uk_random_gen_fill(&a, x, sizeof(x));
	uk_random_gen_fill(&b, y, sizeof(y));
	UK_TEST_EXPECT_MEM_EQ(x, y, sizeof(x));
	uk_random_gen_absorb(&b, "more", 4);	/* a seed changes the output */
	uk_random_gen_fill(&a, x, sizeof(x));
	uk_random_gen_fill(&b, y, sizeof(y));
	UK_TEST_EXPECT(memcmp(x, y, sizeof(x)) != 0);
}

UK_TESTCASE(ukrandom, fill_arguments_and_bounds)
{
	uint8_t buf[20];
	int i, bad = 0;

	UK_TEST_EXPECT_INT_EQ(uk_random_fill(NULL, 0), 0);
	UK_TEST_EXPECT_INT_EQ(uk_random_fill(NULL, 1), -EINVAL);
	for (i = 0; i < 20; i++)
		buf[i] = 0xa5;
	UK_TEST_EXPECT_INT_EQ(uk_random_fill(buf, 13), 0);
	for (i = 13; i < 20; i++)
		bad += buf[i] != 0xa5;
	UK_TEST_EXPECT_INT_EQ(bad, 0);	/* nothing written past len */
}

UK_TESTCASE(ukrandom, fill_looks_random)
{
	UK_TEST_ASSERT_INT_EQ(uk_random_fill(big, sizeof(big)), 0);
	UK_TEST_EXPECT(looks_random(big, sizeof(big)));
	UK_TEST_ASSERT_INT_EQ(uk_random_fill(big2, sizeof(big2)), 0);
	UK_TEST_EXPECT(memcmp(big, big2, sizeof(big)) != 0);
	UK_TEST_EXPECT(uk_random_method()[0] != '\0');
}

UK_TESTCASE(ukrandom, hardware_when_offered)
{
	uint64_t a = 0, b = 0;

	if (uk_random_cpu_has_rdrand()) {
		UK_TEST_EXPECT_INT_EQ(uk_random_rdrand64(&a), 0);
		UK_TEST_EXPECT_INT_EQ(uk_random_rdrand64(&b), 0);
		UK_TEST_EXPECT_UINT_NE(a, b);
	}
	if (uk_random_cpu_has_rdseed()) {
		UK_TEST_EXPECT_INT_EQ(uk_random_rdseed64(&a), 0);
		UK_TEST_EXPECT_INT_EQ(uk_random_rdseed64(&b), 0);
		UK_TEST_EXPECT_UINT_NE(a, b);
	}
}

static int src_reads;
static long src_read(struct uk_random_source *s, void *buf, size_t len)
{
	(void)s;
	src_reads++;
	memset(buf, 0x42, len > 7 ? 7 : len);	/* short reads on purpose */
	return len > 7 ? 7 : (long)len;
}

static long src_fail(struct uk_random_source *s, void *buf, size_t len)
{
	(void)s, (void)buf, (void)len;
	src_reads++;
	return -EIO;
}

UK_TESTCASE(ukrandom, sources_register_and_reseed)
{
	struct uk_random_source ok = { .name = "test-ok", .read = src_read };
	struct uk_random_source bad = { .name = "test-bad", .read = src_fail };
	struct uk_random_source noname = { .read = src_read };
	uint8_t b[64];

	UK_TEST_EXPECT_INT_EQ(uk_random_source_register(NULL), -EINVAL);
	UK_TEST_EXPECT_INT_EQ(uk_random_source_register(&noname), -EINVAL);
	/* the method is chosen and the generator seeded by now */
	UK_TEST_ASSERT_INT_EQ(uk_random_fill(b, sizeof(b)), 0);
	src_reads = 0;
	UK_TEST_ASSERT_INT_EQ(uk_random_source_register(&ok), 0);
	UK_TEST_EXPECT_INT_EQ(uk_random_source_register(&ok), -EEXIST);
	UK_TEST_ASSERT_INT_EQ(uk_random_source_register(&bad), 0);
	if (strncmp(uk_random_method(), "ChaCha20", 8) == 0) {
		/* the generator took 32 bytes from ok in 7-byte reads */
		UK_TEST_EXPECT_INT_EQ(src_reads, 5 + 1);
		/* a failing source does not stop fill */
		UK_TEST_EXPECT_INT_EQ(uk_random_fill(b, sizeof(b)), 0);
	}
	uk_random_source_unregister(&bad);
	uk_random_source_unregister(&ok);
	/* registering again after removal works */
	UK_TEST_EXPECT_INT_EQ(uk_random_source_register(&ok), 0);
	uk_random_source_unregister(&ok);
}
