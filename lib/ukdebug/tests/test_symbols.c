/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * uk_debug_symbol_lookup (symbols.c) against the table the build embedded
 * (support/build/gensymtab): only with CONFIG_DEBUG_SYMBOLS; without it,
 * the lookup finds nothing.
 */
#include <stdint.h>
#include <uk/print.h>
#include <uk/symbols.h>
#include <uk/test.h>
#include <uk/arch/backtrace.h>

/* A function of known name; not static, so no clone renames it. */
__attribute__((noinline)) int ukdebug_test_symbol_target(int x);
__attribute__((noinline)) int ukdebug_test_symbol_target(int x)
{
	__asm__ __volatile__("" : "+r"(x));
	return x * 3 + 1;
}

#if CONFIG_DEBUG_SYMBOLS
UK_TESTCASE(ukdebug, symbol_lookup_finds_function)
{
	uintptr_t f = (uintptr_t)ukdebug_test_symbol_target, off = 99;

	UK_TEST_EXPECT_INT_EQ(ukdebug_test_symbol_target(1), 4);
	UK_TEST_EXPECT_STR_EQ(uk_debug_symbol_lookup(f, &off),
			      "ukdebug_test_symbol_target");
	UK_TEST_EXPECT_UINT_EQ(off, 0);
	UK_TEST_EXPECT_STR_EQ(uk_debug_symbol_lookup(f + 3, &off),
			      "ukdebug_test_symbol_target");
	UK_TEST_EXPECT_UINT_EQ(off, 3);
	/* Exported functions of other libraries are named too. */
	UK_TEST_EXPECT_STR_EQ(uk_debug_symbol_lookup((uintptr_t)uk_debug_printk + 1, &off),
			      "uk_debug_printk");
	UK_TEST_EXPECT_UINT_EQ(off, 1);
	/* offset may be NULL. */
	UK_TEST_EXPECT_STR_EQ(uk_debug_symbol_lookup(f, NULL),
			      "ukdebug_test_symbol_target");
}

/* The arch code (backtraces, fault reports) reaches it through the
 * UKARCH_SYMBOLIZER registration, not by calling ukdebug. */
UK_TESTCASE(ukdebug, symbol_lookup_registered_with_arch)
{
	uintptr_t f = (uintptr_t)ukdebug_test_symbol_target, off = 99;

	UK_TEST_EXPECT_STR_EQ(ukarch_symbol_lookup(f + 2, &off),
			      "ukdebug_test_symbol_target");
	UK_TEST_EXPECT_UINT_EQ(off, 2);
}

UK_TESTCASE(ukdebug, symbol_lookup_misses_outside_code)
{
	static int data;
	uintptr_t off = 99;

	UK_TEST_EXPECT_NULL(uk_debug_symbol_lookup(0, &off));
	UK_TEST_EXPECT_NULL(uk_debug_symbol_lookup(1, &off));
	UK_TEST_EXPECT_NULL(uk_debug_symbol_lookup((uintptr_t)&data, &off));
	UK_TEST_EXPECT_NULL(uk_debug_symbol_lookup(UINTPTR_MAX, &off));
	UK_TEST_EXPECT_UINT_EQ(off, 99);
}
#else
UK_TESTCASE(ukdebug, symbol_lookup_without_table)
{
	UK_TEST_EXPECT_NULL(uk_debug_symbol_lookup((uintptr_t)uk_debug_printk, NULL));
	UK_TEST_EXPECT_NULL(ukarch_symbol_lookup((uintptr_t)uk_debug_printk, NULL));
}
#endif
