/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's compiler and platform hooks (lwip/arch.h includes this): the
 * kit's console for diagnostics, UK_CRASH for assertions, the
 * compiler's byte swaps. The C library (nolibc or musl) gives the
 * standard headers lwIP includes.
 */
#ifndef UK_LWIP_ARCH_CC_H
#define UK_LWIP_ARCH_CC_H

#include <uk/assert.h>
#include <uk/print.h>

void uk_lwip_diag(const char *fmt, ...) __uk_printf(1, 2);

#define LWIP_PLATFORM_DIAG(x)	do { uk_lwip_diag x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)	UK_CRASH("lwIP: assertion \"%s\" failed", x)

#define lwip_htons(x)		((u16_t)__builtin_bswap16((u16_t)(x)))
#define lwip_htonl(x)		((u32_t)__builtin_bswap32((u32_t)(x)))

#define LWIP_NO_UNISTD_H	0
#define LWIP_TIMEVAL_PRIVATE	0

#endif /* UK_LWIP_ARCH_CC_H */
