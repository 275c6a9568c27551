/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <inttypes.h>, the printf format macros for <stdint.h> types.
 * The length prefix follows the compiler's own choice of type for
 * int64_t, intmax_t and intptr_t, so -Wformat agrees on every target.
 */
#ifndef _NOLIBC_INTTYPES_H
#define _NOLIBC_INTTYPES_H

#include <stdint.h>

#if __INT64_MAX__ == __LONG_MAX__
#define __NOLIBC_PRI64		"l"
#else
#define __NOLIBC_PRI64		"ll"
#endif
#if __INTMAX_MAX__ == __LONG_MAX__
#define __NOLIBC_PRIMAX		"l"
#else
#define __NOLIBC_PRIMAX		"ll"
#endif
#if __INTPTR_MAX__ == __LONG_MAX__
#define __NOLIBC_PRIPTR		"l"
#else
#define __NOLIBC_PRIPTR		""
#endif

#define PRId8		"d"
#define PRId16		"d"
#define PRId32		"d"
#define PRId64		__NOLIBC_PRI64 "d"
#define PRIdMAX		__NOLIBC_PRIMAX "d"
#define PRIdPTR		__NOLIBC_PRIPTR "d"
#define PRIi8		"i"
#define PRIi16		"i"
#define PRIi32		"i"
#define PRIi64		__NOLIBC_PRI64 "i"
#define PRIiMAX		__NOLIBC_PRIMAX "i"
#define PRIiPTR		__NOLIBC_PRIPTR "i"
#define PRIu8		"u"
#define PRIu16		"u"
#define PRIu32		"u"
#define PRIu64		__NOLIBC_PRI64 "u"
#define PRIuMAX		__NOLIBC_PRIMAX "u"
#define PRIuPTR		__NOLIBC_PRIPTR "u"
#define PRIo8		"o"
#define PRIo16		"o"
#define PRIo32		"o"
#define PRIo64		__NOLIBC_PRI64 "o"
#define PRIoMAX		__NOLIBC_PRIMAX "o"
#define PRIoPTR		__NOLIBC_PRIPTR "o"
#define PRIx8		"x"
#define PRIx16		"x"
#define PRIx32		"x"
#define PRIx64		__NOLIBC_PRI64 "x"
#define PRIxMAX		__NOLIBC_PRIMAX "x"
#define PRIxPTR		__NOLIBC_PRIPTR "x"
#define PRIX8		"X"
#define PRIX16		"X"
#define PRIX32		"X"
#define PRIX64		__NOLIBC_PRI64 "X"
#define PRIXMAX		__NOLIBC_PRIMAX "X"
#define PRIXPTR		__NOLIBC_PRIPTR "X"

#endif /* _NOLIBC_INTTYPES_H */
