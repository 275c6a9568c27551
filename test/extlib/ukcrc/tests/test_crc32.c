/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcrc's tests: the published check values of CRC-32, incremental use,
 * and (with the table) the table against the bitwise reference, which
 * the tests may call although exportsyms.uk hides it from other
 * libraries.
 */
#include <uk/crc.h>
#include <uk/test.h>
#include "../crc32.h"

static size_t len(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

#define CRC(s) uk_crc_crc32(0, (s), len(s))

UK_TESTCASE(ukcrc, check_values)
{
	UK_TEST_EXPECT_UINT_EQ(CRC("123456789"), 0xcbf43926);
	UK_TEST_EXPECT_UINT_EQ(CRC(""), 0);
	UK_TEST_EXPECT_UINT_EQ(CRC("a"), 0xe8b7be43);
	UK_TEST_EXPECT_UINT_EQ(CRC("The quick brown fox jumps over the lazy dog"),
			       0x414fa339);
	UK_TEST_EXPECT_UINT_EQ(uk_crc_crc32(0, NULL, 0), 0);
}

UK_TESTCASE(ukcrc, incremental_equals_whole)
{
	const char *s = "123456789";
	uint32_t crc = 0;
	size_t i;

	for (i = 0; i < 9; i++)
		crc = uk_crc_crc32(crc, s + i, 1);
	UK_TEST_EXPECT_UINT_EQ(crc, 0xcbf43926);
	crc = uk_crc_crc32(uk_crc_crc32(0, s, 4), s + 4, 5);
	UK_TEST_EXPECT_UINT_EQ(crc, 0xcbf43926);
	UK_TEST_EXPECT_UINT_EQ(uk_crc_crc32(crc, "", 0), crc);
}

UK_TESTCASE(ukcrc, all_zero_and_all_ones)
{
	static unsigned char z[32], o[32];
	size_t i;

	for (i = 0; i < sizeof(o); i++)
		o[i] = 0xff;
	/* Published values for 32 bytes of 0x00 and of 0xff. */
	UK_TEST_EXPECT_UINT_EQ(uk_crc_crc32(0, z, sizeof(z)), 0x190a55ad);
	UK_TEST_EXPECT_UINT_EQ(uk_crc_crc32(0, o, sizeof(o)), 0xff6cab0b);
}

#if CONFIG_LIBUKCRC_TABLE
UK_TESTCASE(ukcrc, table_matches_bitwise)
{
	unsigned char buf[300];
	uint32_t x = 12345;
	size_t i, n;

	/* ukcrc's init ran before any test (UK_INIT_LIB < UK_INIT_LATE). */
	UK_TEST_ASSERT(ukcrc_table_ready);
	for (i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245 + 12345;
		buf[i] = x >> 16;
	}
	for (n = 0; n <= sizeof(buf); n += 37)
		UK_TEST_EXPECT_UINT_EQ(ukcrc_update_table(~0U, buf, n),
				       ukcrc_update_bitwise(~0U, buf, n));
}
#endif
