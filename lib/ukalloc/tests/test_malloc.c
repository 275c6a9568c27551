/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The C functions on the default allocator, and fault injection seen
 * through them: the Nth allocation fails, its caller gets -ENOMEM and
 * cleans up, and the heap's statistics show nothing leaked.
 */
#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/test.h>

#if CONFIG_LIBUKALLOC_MALLOC

UK_TESTCASE(ukalloc, malloc_family)
{
	void *p = NULL, *q;
	char *s;
	int i;

	q = calloc(100, 10);
	UK_TEST_ASSERT(q != NULL);
	for (i = 0; i < 1000; i++)
		UK_TEST_EXPECT_INT_EQ(((unsigned char *)q)[i], 0);
	free(q);
	errno = 0;
	UK_TEST_EXPECT(calloc(SIZE_MAX / 2, 3) == NULL);
	UK_TEST_EXPECT_INT_EQ(errno, ENOMEM);
	errno = 0;
	UK_TEST_EXPECT(malloc(SIZE_MAX) == NULL);
	UK_TEST_EXPECT_INT_EQ(errno, ENOMEM);

	q = realloc(NULL, 10);		/* = malloc */
	UK_TEST_ASSERT(q != NULL);
	memcpy(q, "abcdefghi", 10);
	q = realloc(q, 100000);
	UK_TEST_ASSERT(q != NULL);
	UK_TEST_EXPECT_STR_EQ((char *)q, "abcdefghi");
	UK_TEST_EXPECT_INT_GE(malloc_usable_size(q), 100000);
	UK_TEST_EXPECT(realloc(q, 0) == NULL);	/* frees */

	UK_TEST_EXPECT_INT_EQ(posix_memalign(&p, 4096, 10), 0);
	UK_TEST_EXPECT_INT_EQ((uintptr_t)p % 4096, 0);
	free(p);
	UK_TEST_EXPECT_INT_EQ(posix_memalign(&p, 24, 10), EINVAL);
	UK_TEST_EXPECT_INT_EQ(posix_memalign(&p, 4, 10), EINVAL);
	UK_TEST_EXPECT_INT_EQ(posix_memalign(&p, 64, SIZE_MAX - 64), ENOMEM);
	p = aligned_alloc(256, 256);
	UK_TEST_EXPECT_INT_EQ((uintptr_t)p % 256, 0);
	free(p);
	errno = 0;
	UK_TEST_EXPECT(memalign(100, 10) == NULL);
	UK_TEST_EXPECT_INT_EQ(errno, EINVAL);
	free(NULL);

	s = strdup("unikit");
	UK_TEST_EXPECT_STR_EQ(s, "unikit");
	free(s);
	s = strndup("unikit", 3);
	UK_TEST_EXPECT_STR_EQ(s, "uni");
	free(s);
}

#if CONFIG_LIBUKALLOC_FAULTINJ
struct node {
	struct node *next;
	char data[40];
};

/* What a careful caller does: build n nodes, or free them and fail. */
static int make_list(int n, struct node **out)
{
	struct node *head = NULL, *nd;

	while (n--) {
		nd = malloc(sizeof(*nd));
		if (!nd) {
			while (head) {
				nd = head->next;
				free(head);
				head = nd;
			}
			return -ENOMEM;
		}
		nd->next = head;
		head = nd;
	}
	*out = head;
	return 0;
}

static void free_list(struct node *head)
{
	struct node *nd;

	while (head) {
		nd = head->next;
		free(head);
		head = nd;
	}
}

UK_TESTCASE(ukalloc, faultinj_nth_fails_once)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_alloc_stats st0, st;
	struct node *list = NULL;
	void *p[4];
	int n;

	uk_alloc_stats(a, &st0);
	UK_TEST_ASSERT_INT_EQ(uk_alloc_faultinj_set(3, 0, 0), 0);
	p[0] = malloc(10);
	p[1] = malloc(10);
	errno = 0;
	p[2] = malloc(10);
	UK_TEST_EXPECT_INT_EQ(errno, ENOMEM);
	p[3] = malloc(10);
	UK_TEST_EXPECT(p[0] && p[1] && !p[2] && p[3]);
	free(p[0]), free(p[1]), free(p[3]);
	uk_alloc_stats(a, &st);
	UK_TEST_EXPECT_INT_EQ(st.nb_failures, st0.nb_failures + 1);

	/* Every allocation of the caller fails in turn: no leak. */
	for (n = 1; n <= 20; n++) {
		uk_alloc_faultinj_set(n, 0, 0);
		UK_TEST_EXPECT_INT_EQ(make_list(20, &list), -ENOMEM);
		uk_alloc_stats(a, &st);
		UK_TEST_EXPECT_INT_EQ(st.cur_bytes, st0.cur_bytes);
		UK_TEST_EXPECT_INT_EQ(st.cur_blocks, st0.cur_blocks);
	}
	uk_alloc_faultinj_set(0, 0, 0);
	UK_TEST_EXPECT_INT_EQ(make_list(20, &list), 0);
	free_list(list);
	/* realloc, memalign and calloc count too. */
	p[0] = malloc(8);
	uk_alloc_faultinj_set(1, 0, 0);
	UK_TEST_EXPECT(realloc(p[0], 5000) == NULL);
	uk_alloc_faultinj_set(1, 0, 0);
	UK_TEST_EXPECT(memalign(64, 10) == NULL);
	uk_alloc_faultinj_set(1, 0, 0);
	UK_TEST_EXPECT(calloc(2, 2) == NULL);
	free(p[0]);
}

static unsigned int fail_pattern(unsigned long seed, uint64_t *bits)
{
	unsigned int fails = 0, i;
	void *p;

	uk_alloc_faultinj_set(0, seed, 300);
	for (i = 0; i < 1000; i++) {
		p = malloc(16);
		if (!p) {
			fails++;
			bits[i / 64] |= 1ULL << (i % 64);
		}
		free(p);
	}
	uk_alloc_faultinj_set(0, 0, 0);
	return fails;
}

UK_TESTCASE(ukalloc, faultinj_permille_is_seeded)
{
	uint64_t a[16] = { 0 }, b[16] = { 0 }, c[16] = { 0 };
	unsigned int fa, fb, fc;

	fa = fail_pattern(42, a);
	fb = fail_pattern(42, b);
	fc = fail_pattern(43, c);
	UK_TEST_EXPECT_INT_GE(fa, 230);
	UK_TEST_EXPECT_INT_LE(fa, 370);
	UK_TEST_EXPECT_INT_EQ(fa, fb);
	UK_TEST_EXPECT_MEM_EQ(a, b, sizeof(a));
	UK_TEST_EXPECT_INT_GE(fc, 230);
	UK_TEST_EXPECT(memcmp(a, c, sizeof(a)) != 0);
}
#endif /* CONFIG_LIBUKALLOC_FAULTINJ */
#endif /* CONFIG_LIBUKALLOC_MALLOC */
