/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * nolibc: qsort() as heapsort, and bsearch().
 *
 * Heapsort: O(n log n) comparisons in the worst case, no recursion and no
 * memory beyond the array, a few dozen bytes of code. Not stable; about
 * twice the comparisons of a good quicksort on random input, a fair
 * price in a kernel that must not overflow its stack on adversarial input.
 */
#include <stdlib.h>

typedef int (*cmp_fn)(const void *, const void *);

static void swap(char *a, char *b, size_t size)
{
	char t;

	while (size--) {
		t = *a;
		*a++ = *b;
		*b++ = t;
	}
}

/* Restore the max-heap below root, in the first n elements of base. */
static void sift_down(char *base, size_t root, size_t n, size_t size,
		      cmp_fn cmp)
{
	size_t child;

	while ((child = 2 * root + 1) < n) {
		if (child + 1 < n &&
		    cmp(base + child * size, base + (child + 1) * size) < 0)
			child++;
		if (cmp(base + root * size, base + child * size) >= 0)
			return;
		swap(base + root * size, base + child * size, size);
		root = child;
	}
}

void qsort(void *base, size_t n, size_t size, cmp_fn cmp)
{
	char *b = base;
	size_t i;

	if (n < 2 || !size)
		return;
	for (i = n / 2; i-- > 0;)
		sift_down(b, i, n, size, cmp);
	for (i = n - 1; i > 0; i--) {
		swap(b, b + i * size, size);	/* largest to the end */
		sift_down(b, 0, i, size, cmp);
	}
}

/* base must be sorted by cmp; returns any element equal to key, or NULL. */
void *bsearch(const void *key, const void *base, size_t n, size_t size,
	      cmp_fn cmp)
{
	const char *b = base, *mid;
	int r;

	while (n) {
		mid = b + (n / 2) * size;
		r = cmp(key, mid);
		if (!r)
			return (void *)mid;
		if (r > 0) {
			b = mid + size;
			n -= n / 2 + 1;
		} else {
			n /= 2;
		}
	}
	return NULL;
}
