/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-environ's private interface (environ.c and its tests). */
#ifndef POSIX_ENVIRON_PRIVATE_H
#define POSIX_ENVIRON_PRIVATE_H

/*
 * Build a NULL-terminated environment in out[0..max] (max + 1 slots)
 * from defaults (space-separated NAME=value words, copied into dbuf of
 * dlen bytes) and then words[0..n) (pointers kept); a word for a NAME
 * already there replaces it in place. Returns the number of variables,
 * or -EINVAL after printing "posix_environ: ..." naming a bad word,
 * -ENOSPC when more than max variables or defaults longer than dlen.
 */
int posix_environ_build(char **out, int max, const char *defaults,
			char *dbuf, int dlen, const char *const *words,
			int n);

#endif
