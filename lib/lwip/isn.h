/* SPDX-License-Identifier: BSD-3-Clause */
/* lib/lwip's own: what isn.c offers its tests. */
#ifndef UK_LWIP_ISN_H
#define UK_LWIP_ISN_H

#include <stddef.h>
#include <stdint.h>

/* SipHash-2-4 (Aumasson and Bernstein) of m[0..len) under key k. */
uint64_t uk_lwip_siphash24(const uint8_t k[16], const void *m, size_t len);

#endif /* UK_LWIP_ISN_H */
