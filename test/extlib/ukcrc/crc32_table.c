/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcrc's lookup table (CONFIG_LIBUKCRC_TABLE): 256 words in .bss, filled
 * by an init at boot rather than stored in the image, so it costs 1 KiB
 * of memory but no bytes of image.
 */
#include <uk/crc.h>
#include <uk/init.h>
#include "crc32.h"

static uint32_t table[256];
int ukcrc_table_ready;

uint32_t ukcrc_update_table(uint32_t reg, const unsigned char *p,
			    size_t len)
{
	while (len--)
		reg = (reg >> 8) ^ table[(reg ^ *p++) & 0xff];
	return reg;
}

static int ukcrc_init(void)
{
	unsigned char b = 0;
	int i;

	/* Entry i is the register after shifting byte i through 8 steps. */
	for (i = 0; i < 256; i++) {
		b = (unsigned char)i;
		table[i] = ukcrc_update_bitwise(0, &b, 1);
	}
	ukcrc_table_ready = 1;
	return 0;
}

uk_init(UK_INIT_LIB, UK_PRIO_UKCRC, ukcrc_init, NULL);
