/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: <string.h>. The standard semantics; in particular, memcpy's
 * buffers must not overlap (use memmove), and every str* function takes
 * NUL-terminated strings and never checks for NULL.
 *
 * strdup/strndup are missing on purpose: they need malloc, which comes
 * with an allocator library, not with nolibc.
 */
#ifndef _NOLIBC_STRING_H
#define _NOLIBC_STRING_H

#include <stddef.h>

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memchr(const void *s, int c, size_t n);
void *memrchr(const void *s, int c, size_t n);

size_t strlen(const char *s);
size_t strnlen(const char *s, size_t maxlen);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strcpy(char *restrict dst, const char *restrict src);
char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
char *strstr(const char *haystack, const char *needle);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);

/*
 * Split s at any byte of delim. *saveptr holds the position between
 * calls: pass s on the first call and NULL afterwards.
 */
char *strtok_r(char *restrict s, const char *restrict delim,
	       char **restrict saveptr);

/*
 * A short English message for errnum (positive errno value). Never NULL:
 * an unknown number gives "Unknown error". The string is constant.
 */
char *strerror(int errnum);

/*
 * Copies in memory from malloc (NULL and errno ENOMEM when it fails);
 * defined only when ukalloc provides malloc (CONFIG_LIBUKALLOC_MALLOC).
 * strndup copies at most n bytes and always adds a NUL.
 */
char *strdup(const char *s);
char *strndup(const char *s, size_t n);

#endif /* _NOLIBC_STRING_H */
