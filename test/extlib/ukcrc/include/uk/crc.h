/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ukcrc: CRC-32 checksums (the zlib/gzip/PNG/Ethernet CRC: polynomial
 * 0xedb88320, reflected, initial value and final XOR 0xffffffff).
 *
 *	uint32_t crc = uk_crc_crc32(0, buf, len);		// one buffer
 *	crc = uk_crc_crc32(crc, more, n);			// continue with more
 *
 * uk_crc_crc32("123456789") is 0xcbf43926.
 */
#ifndef UK_CRC_H
#define UK_CRC_H

#include <uk/essentials.h>
#include <uk/init.h>

/*
 * With CONFIG_LIBUKCRC_TABLE, ukcrc fills its table in an init at
 * UK_INIT_LIB with this priority. A library that needs CRCs from its own
 * init at that level declares it with UK_PRIO_AFTER(UK_PRIO_UKCRC); any
 * later level may use uk_crc_crc32() freely.
 */
#define UK_PRIO_UKCRC UK_PRIO_EARLIEST

/*
 * The CRC-32 of len bytes at buf, continuing from crc: pass 0 for the
 * first buffer, and the previous result for each next one. buf may be
 * NULL when len is 0.
 */
uint32_t uk_crc_crc32(uint32_t crc, const void *buf, size_t len);

#endif /* UK_CRC_H */
