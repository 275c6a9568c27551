/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcrc's API: uk_crc_crc32() over the table (CONFIG_LIBUKCRC_TABLE, once its
 * init has filled it) or bit by bit.
 */
#include <uk/crc.h>
#include "crc32.h"

uint32_t ukcrc_update_bitwise(uint32_t reg, const unsigned char *p,
			      size_t len)
{
	int k;

	while (len--) {
		reg ^= *p++;
		for (k = 0; k < 8; k++)
			reg = (reg >> 1) ^ (UKCRC_POLY & -(reg & 1));
	}
	return reg;
}

uint32_t uk_crc_crc32(uint32_t crc, const void *buf, size_t len)
{
	uint32_t reg = ~crc;

#if CONFIG_LIBUKCRC_TABLE
	/* Before ukcrc's init (an earlier init's call), fall back. */
	if (uk_likely(ukcrc_table_ready))
		return ~ukcrc_update_table(reg, buf, len);
#endif
	return ~ukcrc_update_bitwise(reg, buf, len);
}
