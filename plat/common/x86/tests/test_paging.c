/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * paging.c in the image: the boot map's permissions, the page
 * protection calls (splits, aliases, errors, running out of page
 * tables) and the stack guard registry. Faults themselves are checked
 * by test/cases/paging.sh through test/apps/crash (a fault ends the
 * image). Every case restores what it changed.
 */
#include <uk/test.h>
#include <uk/param.h>
#include <uk/arch/cpu.h>
#include <uk/arch/paging.h>
#include <uk/plat/bootinfo.h>
#include <uk/plat/paging.h>
#include <x86/boot.h>
#include <x86/paging.h>

#define PAGE	UKPLAT_PAGE_SIZE
#define RW	(UKPLAT_PROT_READ | UKPLAT_PROT_WRITE)
/* In the boot map but no RAM at any -m the tests use: never touched. */
#define HOLE	(0xc0000000UL + 0x200000UL)
/* Beyond the boot map: a fresh PML4 slot (512 GiB). */
#define FAR	0x8000000000UL

extern char __uk_text_end[], __uk_rodata_end[], ukplat_x86_boot_stack_guard[];

static char buf[2 * PAGE] __uk_align(4096);

static uint64_t pte_of(uintptr_t va, int *level)
{
	uint64_t e = 0;

	*level = ukplat_x86_paging_lookup(va, &e);
	return e;
}

UK_TESTCASE(x86paging, boot_map_permissions)
{
	uint64_t e;
	int l;

	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_lookup(0, &e), -2);	/* page 0 */
	e = pte_of((uintptr_t)__uk_image_start, &l);
	UK_TEST_EXPECT_INT_EQ(l, 0);
	UK_TEST_EXPECT(e & X86_PTE_P);
	UK_TEST_EXPECT(!(e & X86_PTE_RW));
	UK_TEST_EXPECT(!(e & X86_PTE_NX));			/* text RX */
	e = pte_of((uintptr_t)__uk_text_end, &l);
	UK_TEST_EXPECT(!(e & X86_PTE_RW));			/* rodata R */
	e = pte_of((uintptr_t)buf, &l);
	UK_TEST_EXPECT(e & X86_PTE_RW);				/* bss RW */
	UK_TEST_EXPECT_UINT_EQ(e & X86_PTE_ADDR, (uintptr_t)buf);
	e = pte_of(HOLE, &l);
	UK_TEST_EXPECT_INT_GE(l, 1);				/* large page */
	UK_TEST_EXPECT(e & X86_PTE_RW);
	/* The boot stack's guard: registered, and unmapped. */
	UK_TEST_EXPECT_NOT_NULL(ukplat_stack_guard_find(
		(uintptr_t)ukplat_x86_boot_stack_guard));
	UK_TEST_EXPECT(!(pte_of((uintptr_t)ukplat_x86_boot_stack_guard, &l) &
			 X86_PTE_P));
}

/*
 * The boot map's large pages are 1 GiB ones when the CPU has them (CPUID
 * 0x80000001 EDX bit 26, pdpe1gb: QEMU's -cpu max), else 2 MiB ones.
 * ukplatcommon.test_gib=1 (or 0) says which the run expects, so that a
 * run with -cpu max shows 1 GiB pages were used, not only that it booted
 * (test/cases/unittests.sh); without it the case skips.
 */
static long test_gib = -1;
UK_PARAM(test_gib, UK_PARAM_INT, &test_gib,
	 "test only: 1 if the boot map must use 1 GiB pages, 0 if 2 MiB");

UK_TESTCASE(x86paging, boot_map_uses_1gib_pages_when_cpu_has_them)
{
	uint32_t a, b, c, d;
	uint64_t e;
	int l, gib;

	if (test_gib < 0)
		UK_TEST_SKIP("ukplatcommon.test_gib not given: no page size to expect");
	cpuid(X86_CPUID_EXT_FEATURES, 0, &a, &b, &c, &d);
	gib = !!(d & (1u << 26));
	UK_TEST_EXPECT_INT_EQ(gib, test_gib);	/* the CPU the run asked for */
	e = pte_of(HOLE, &l);
	UK_TEST_EXPECT_INT_EQ(l, gib ? 2 : 1);
	UK_TEST_EXPECT(e & X86_PTE_PS);
}

UK_TESTCASE(x86paging, protect_and_restore)
{
	uint64_t e;
	int l;

	buf[0] = 1;
	UK_TEST_ASSERT_INT_EQ(ukplat_page_protect((uintptr_t)buf, PAGE,
						  UKPLAT_PROT_READ), 0);
	e = pte_of((uintptr_t)buf, &l);
	UK_TEST_EXPECT(e & X86_PTE_P);
	UK_TEST_EXPECT(!(e & X86_PTE_RW));
	UK_TEST_EXPECT_INT_EQ(buf[0], 1);			/* still readable */
	UK_TEST_ASSERT_INT_EQ(ukplat_page_protect((uintptr_t)buf, PAGE,
						  UKPLAT_PROT_NONE), 0);
	e = pte_of((uintptr_t)buf, &l);
	UK_TEST_EXPECT(!(e & X86_PTE_P));
	UK_TEST_EXPECT_UINT_EQ(e & X86_PTE_ADDR, (uintptr_t)buf);
	UK_TEST_ASSERT_INT_EQ(ukplat_page_protect((uintptr_t)buf, PAGE, RW), 0);
	buf[0] = 2;
	UK_TEST_EXPECT_INT_EQ(buf[0], 2);
}

UK_TESTCASE(x86paging, protect_splits_large_page)
{
	uint64_t before, e;
	int l, l0;

	before = pte_of(HOLE + PAGE, &l0);
	UK_TEST_ASSERT_INT_GE(l0, 1);
	UK_TEST_ASSERT_INT_EQ(ukplat_page_protect(HOLE, PAGE, UKPLAT_PROT_READ),
			      0);
	e = pte_of(HOLE, &l);
	UK_TEST_EXPECT_INT_EQ(l, 0);
	UK_TEST_EXPECT(!(e & X86_PTE_RW));
	e = pte_of(HOLE + PAGE, &l);				/* neighbour */
	UK_TEST_EXPECT_INT_EQ(l, 0);
	UK_TEST_EXPECT_UINT_EQ(e & X86_PTE_ADDR, HOLE + PAGE);
	UK_TEST_EXPECT_UINT_EQ(e & (X86_PTE_RW | X86_PTE_NX | X86_PTE_P),
			       before & (X86_PTE_RW | X86_PTE_NX | X86_PTE_P));
	UK_TEST_EXPECT_INT_EQ(ukplat_page_protect(HOLE, PAGE, RW), 0);
}

UK_TESTCASE(x86paging, map_alias_and_unmap)
{
	volatile char *alias = (volatile char *)FAR;
	uint64_t e;
	int l;

	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_lookup(FAR, &e), -2);
	UK_TEST_ASSERT_INT_EQ(ukplat_page_map(FAR, (uintptr_t)buf, 2 * PAGE,
					      RW), 0);
	/* Same frames; barriers: the compiler knows nothing of aliases. */
	buf[PAGE + 5] = 42;
	__asm__ __volatile__("" : : : "memory");
	UK_TEST_EXPECT_INT_EQ(alias[PAGE + 5], 42);
	alias[7] = 9;
	__asm__ __volatile__("" : : : "memory");
	UK_TEST_EXPECT_INT_EQ(buf[7], 9);
	e = pte_of(FAR + PAGE, &l);
	UK_TEST_EXPECT_INT_EQ(l, 0);
	UK_TEST_EXPECT(e & X86_PTE_NX);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_unmap(FAR, 2 * PAGE), 0);
	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_lookup(FAR, &e), -2);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_unmap(FAR, 2 * PAGE), 0); /* twice */
}

UK_TESTCASE(x86paging, large_map_uses_large_pages)
{
	uint64_t e;
	int l;

	/* 2 MiB-aligned both sides: one PD entry, no page table. */
	UK_TEST_ASSERT_INT_EQ(ukplat_page_map(FAR + 0x200000, 0x200000,
					      0x200000, UKPLAT_PROT_READ), 0);
	e = pte_of(FAR + 0x200000 + 5 * PAGE, &l);
	UK_TEST_EXPECT_INT_EQ(l, 1);
	UK_TEST_EXPECT_UINT_EQ(e & X86_PTE_ADDR, 0x200000);
	/* A protect in the middle splits it; unmap the whole. */
	UK_TEST_EXPECT_INT_EQ(ukplat_page_protect(FAR + 0x200000 + PAGE, PAGE,
						  UKPLAT_PROT_NONE), 0);
	e = pte_of(FAR + 0x200000 + 2 * PAGE, &l);
	UK_TEST_EXPECT_INT_EQ(l, 0);
	UK_TEST_EXPECT_UINT_EQ(e & X86_PTE_ADDR, 0x200000 + 2 * PAGE);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_unmap(FAR + 0x200000, 0x200000), 0);
	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_lookup(FAR + 0x200000, &e), -2);
}

UK_TESTCASE(x86paging, errors)
{
	UK_TEST_EXPECT_INT_EQ(ukplat_page_map(FAR + 1, 0, PAGE, RW), -22);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_map(FAR, 1, PAGE, RW), -22);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_map(FAR, 0, 100, RW), -22);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_map(X86_VA_LIMIT, 0, PAGE, RW), -22);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_protect(FAR, PAGE, RW), -2);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_protect(0, PAGE, RW), -2);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_unmap(3, PAGE), -22);
}

UK_TESTCASE(x86paging, out_of_page_tables_is_enomem)
{
	unsigned int left = ukplat_x86_paging_spare();
	void *pool;
	uint64_t e;
	int rc = 0;

	/* With the pool taken away, a map that needs a new table fails
	 * cleanly and changes nothing. Then the pool is put back for the
	 * rest of the image. */
	pool = ukplat_x86_paging_pool_swap(NULL);
	UK_TEST_ASSERT(pool != NULL);
	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_spare(), 0);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_map(FAR * 2, (uintptr_t)buf, PAGE,
					      RW), -12);
	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_lookup(FAR * 2, &e), -2);
	/* A protect that must split with no table left changes nothing. */
	rc = ukplat_page_protect(HOLE + 0x200000, PAGE, UKPLAT_PROT_NONE);
	UK_TEST_EXPECT_INT_EQ(rc, -12);
	UK_TEST_EXPECT(pte_of(HOLE + 0x200000, &rc) & X86_PTE_P);
	ukplat_x86_paging_pool_swap(pool);
	UK_TEST_EXPECT_INT_EQ(ukplat_x86_paging_spare(), left);
	/* And with the pool back, the same calls work. */
	UK_TEST_EXPECT_INT_EQ(ukplat_page_map(FAR * 2, (uintptr_t)buf, PAGE,
					      RW), 0);
	UK_TEST_EXPECT_INT_EQ(ukplat_page_unmap(FAR * 2, PAGE), 0);
}

/* The pool is the platform's own: a page table per 2 MiB of the free RAM
 * the memory map had, taken out of it (reported KERNEL, not FREE), so
 * page mappings work with no allocator in the image. */
UK_TESTCASE(x86paging, pool_sized_from_memory_map)
{
	struct ukplat_memregion r;
	uint64_t free = 0;
	uintptr_t base;
	unsigned int n;
	int i, found = 0;

	base = ukplat_x86_paging_pool_ram(&n);
	UK_TEST_ASSERT(n > 0);
	for (i = 0; ukplat_memregion_get(i, &r) == 0; i++) {
		if (r.flags == UKPLAT_MEMR_FREE) {
			free += r.len;
			UK_TEST_EXPECT(r.base + r.len <= base ||
				       r.base >= base + n * PAGE);
		}
		if (r.base <= base && r.base + r.len >= base + n * PAGE)
			found = r.flags == UKPLAT_MEMR_KERNEL;
	}
	UK_TEST_EXPECT(found);
	/* Enough to split every 2 MiB of free RAM (and no more). */
	UK_TEST_EXPECT((uint64_t)n * 0x200000 >= free);
	UK_TEST_EXPECT((uint64_t)(n - 1) * 0x200000 < free + n * PAGE);
}

UK_TESTCASE(x86paging, stack_guard_registry)
{
	static struct ukplat_stack_guard g;
	const struct ukplat_stack_guard *boot;
	uint64_t e;
	int l;

	boot = ukplat_stack_guard_find((uintptr_t)__uk_image_end);
	UK_TEST_EXPECT_NULL(boot);
	UK_TEST_ASSERT_INT_EQ(ukplat_stack_guard_register(&g, (uintptr_t)buf,
							  PAGE, "test"), 0);
	UK_TEST_EXPECT_PTR_EQ(ukplat_stack_guard_find((uintptr_t)buf + 8), &g);
	UK_TEST_EXPECT_NULL(ukplat_stack_guard_find((uintptr_t)buf + PAGE));
	e = pte_of((uintptr_t)buf, &l);
	UK_TEST_EXPECT(!(e & X86_PTE_P));
	UK_TEST_EXPECT_INT_EQ(ukplat_stack_guard_unregister(&g), 0);
	UK_TEST_EXPECT_NULL(ukplat_stack_guard_find((uintptr_t)buf + 8));
	UK_TEST_EXPECT_INT_EQ(ukplat_stack_guard_unregister(&g), -2);
	buf[0] = 3;						/* RW again */
	UK_TEST_EXPECT_INT_EQ(buf[0], 3);
}
