/* SPDX-License-Identifier: BSD-3-Clause */
/* ukcrc's private interfaces between its files (and its tests). */
#ifndef UKCRC_PRIVATE_H
#define UKCRC_PRIVATE_H

#include <uk/essentials.h>

#define UKCRC_POLY 0xedb88320U	/* CRC-32, bit-reversed */

/*
 * The CRC register, one bit per step (the reference; no table). Works on
 * the raw register: uk_crc_crc32() does the initial and final inversion.
 */
uint32_t ukcrc_update_bitwise(uint32_t reg, const unsigned char *p,
			      size_t len);

#if CONFIG_LIBUKCRC_TABLE
/* The same, one byte per step, with the table (crc32_table.c). */
uint32_t ukcrc_update_table(uint32_t reg, const unsigned char *p,
			    size_t len);
/* 1 once the table is filled (after ukcrc's init). */
extern int ukcrc_table_ready;
#endif

#endif
