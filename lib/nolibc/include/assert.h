/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <assert.h>. A failed assert() prints
 *   "file:line: func: Assertion `expr' failed."
 * on the console and calls abort(). With NDEBUG defined before this header
 * is included, assert() compiles to nothing (its argument is not
 * evaluated). Like every <assert.h>, this one may be included again after
 * changing NDEBUG, so it has no include guard around assert().
 */
#undef assert

#ifdef NDEBUG
#define assert(expr) ((void)0)
#else
#define assert(expr) \
	((expr) ? (void)0 : __assert_fail(#expr, __FILE__, __LINE__, __func__))
#endif

#ifndef _NOLIBC_ASSERT_H
#define _NOLIBC_ASSERT_H

#ifndef __cplusplus
#define static_assert _Static_assert
#endif

void __assert_fail(const char *expr, const char *file, int line,
		   const char *func) __attribute__((noreturn));

#endif /* _NOLIBC_ASSERT_H */
