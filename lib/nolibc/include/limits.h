/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <limits.h>.
 *
 * gcc's own limits.h, used freestanding with -nostdinc, pulls in
 * syslimits.h, which #include_next's a C library's limits.h that does not
 * exist, and fails. Defining _LIBC_LIMITS_H_ tells gcc's header that a C
 * library is present (us), so it defines CHAR_BIT, INT_MAX, LONG_MAX, ...
 * and stops there. We then add the few POSIX limits the kit uses.
 */
#ifndef _LIBC_LIMITS_H_
#define _LIBC_LIMITS_H_

#include_next <limits.h>

#define SSIZE_MAX	__PTRDIFF_MAX__
#define PATH_MAX	4096
#define NAME_MAX	255

#endif /* _LIBC_LIMITS_H_ */
