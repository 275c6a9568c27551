/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * malloc stress: a fixed pseudo-random sequence of malloc, calloc,
 * realloc and free over 512 slots, each block filled with a pattern
 * of its slot and checked before it is freed or resized; then large
 * blocks (mmap territory) and alignment.
 */
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 512

static unsigned char *blk[SLOTS];
static size_t len[SLOTS];

static unsigned lcg(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 8;
}

static int check(int i)
{
	size_t k;

	for (k = 0; k < len[i]; k++)
		if (blk[i][k] != (unsigned char)(i + k))
			return 1;
	return 0;
}

static void fill(int i)
{
	size_t k;

	for (k = 0; k < len[i]; k++)
		blk[i][k] = (unsigned char)(i + k);
}

void t_malloc(void)
{
	unsigned s = 12345, r;
	int op, i, bad = 0, failed = 0, misaligned = 0, zero = 1;
	size_t n, k;
	void *p, *q;
	volatile size_t huge;

	for (op = 0; op < 20000; op++) {
		r = lcg(&s);
		i = r % SLOTS;
		n = (r >> 9) % 4 == 0 ? (lcg(&s) % 65536) : (lcg(&s) % 256);
		if (blk[i]) {
			bad += check(i);
			if (r & 0x100) {
				p = realloc(blk[i], n + 1);
				if (!p) {
					failed++;
					continue;
				}
				blk[i] = p;
				if (len[i] > n + 1)
					len[i] = n + 1;
				bad += check(i);
				len[i] = n + 1;
			} else {
				free(blk[i]);
				blk[i] = NULL;
				continue;
			}
		} else if (r & 0x200) {
			blk[i] = calloc(1, n + 1);
			if (!blk[i]) {
				failed++;
				continue;
			}
			for (k = 0; k <= n; k++)
				zero &= blk[i][k] == 0;
			len[i] = n + 1;
		} else {
			blk[i] = malloc(n + 1);
			if (!blk[i]) {
				failed++;
				continue;
			}
			len[i] = n + 1;
		}
		misaligned += ((uintptr_t)blk[i] & 15) != 0;
		fill(i);
	}
	for (i = 0; i < SLOTS; i++) {
		if (blk[i])
			bad += check(i);
		free(blk[i]);
		blk[i] = NULL;
	}
	printf("malloc: 20000 operations, %d corrupted, %d failed, %d misaligned, calloc zeroed %s\n",
	       bad, failed, misaligned, zero ? "yes" : "NO");

	p = malloc(4 << 20);
	if (p) {
		memset(p, 0x5a, 4 << 20);
		q = realloc(p, 8 << 20);
		PROP("malloc: 4 MiB block kept its bytes through realloc to 8 MiB",
		     q && ((unsigned char *)q)[(4 << 20) - 1] == 0x5a);
		free(q ? q : p);
	} else {
		printf("malloc: 4 MiB failed\n");
	}
	p = NULL;
	i = posix_memalign(&p, 4096, 100);
	printf("malloc: posix_memalign(4096) = %d, aligned %s\n", i,
	       p && ((uintptr_t)p & 4095) == 0 ? "yes" : "NO");
	free(p);
	i = posix_memalign(&p, 3, 100);
	printf("malloc: posix_memalign(3) = %d (EINVAL %d)\n", i, EINVAL);
	errno = 0;
	huge = SIZE_MAX / 2;
	p = malloc(huge);
	printf("malloc: SIZE_MAX/2 gives %s, errno %d\n", p ? "a block" : "NULL",
	       errno);
	huge = SIZE_MAX / 8;
	p = calloc(huge, 16);
	printf("malloc: calloc overflow gives %s\n", p ? "a block" : "NULL");
	free(NULL);
	printf("malloc: free(NULL) is fine\n");
}
