/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <sys/types.h>. The POSIX scalar types, sized as on Linux for
 * LP64 targets (x86_64, arm64): ssize_t and off_t are 64 bits.
 */
#ifndef _NOLIBC_SYS_TYPES_H
#define _NOLIBC_SYS_TYPES_H

#include <stddef.h>
#include <stdint.h>

typedef __PTRDIFF_TYPE__ ssize_t;	/* signed twin of size_t */
typedef int64_t off_t;
typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef unsigned int mode_t;

#endif /* _NOLIBC_SYS_TYPES_H */
