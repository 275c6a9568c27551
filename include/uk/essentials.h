/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compiler helpers every library may use. No dependencies beyond the
 * compiler's own freestanding headers.
 */
#ifndef UK_ESSENTIALS_H
#define UK_ESSENTIALS_H

#include <stddef.h>
#include <stdint.h>

#define __uk_unused	__attribute__((unused))
#define __uk_used	__attribute__((used))
#define __uk_noreturn	__attribute__((noreturn))
#define __uk_packed	__attribute__((packed))
#define __uk_weak	__attribute__((weak))
#define __uk_section(s)	__attribute__((section(s)))
#define __uk_align(a)	__attribute__((aligned(a)))
#define __uk_printf(f, a) __attribute__((format(printf, f, a)))

#define uk_likely(x)	__builtin_expect(!!(x), 1)
#define uk_unlikely(x)	__builtin_expect(!!(x), 0)

#define UK_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define UK_ALIGN_UP(v, a)   (((v) + (a) - 1) & ~((__typeof__(v))(a) - 1))
#define UK_ALIGN_DOWN(v, a) ((v) & ~((__typeof__(v))(a) - 1))
#define UK_MIN(a, b) ((a) < (b) ? (a) : (b))
#define UK_MAX(a, b) ((a) > (b) ? (a) : (b))

#define uk_container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

#define UK_STRINGIFY_(x) #x
#define UK_STRINGIFY(x) UK_STRINGIFY_(x)

/*
 * The build passes -DUK_LIBNAME=<name> (the library's name without the
 * "lib" prefix, e.g. ukboot) to every object of a library.
 */
#ifndef UK_LIBNAME
#define UK_LIBNAME unknown
#endif
#define UK_LIBNAME_STR UK_STRINGIFY(UK_LIBNAME)

/* Error pointers: a pointer-returning call encodes -errno in the pointer. */
#define UK_MAX_ERRNO 4095
static inline void *uk_err_ptr(long err) { return (void *)err; }
static inline long uk_ptr_err(const void *p) { return (long)p; }
static inline int uk_is_err(const void *p)
{
	return (uintptr_t)p >= (uintptr_t)-UK_MAX_ERRNO;
}

#endif /* UK_ESSENTIALS_H */
