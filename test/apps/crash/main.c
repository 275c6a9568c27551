/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * crash: fault on purpose, a few calls deep, so that tests can check the
 * exception report and its backtrace through named functions:
 *
 *	run-qemu --append "-- pf" crash_kvm-x86_64   ->  #PF ..., status 125
 *
 * Arguments: pf (read an unmapped address), ud (ud2), de (divide by
 * zero), gp (non-canonical address), fp (ud2 with a frame pointer to
 * unmapped memory: the backtrace itself faults). Page protection:
 * wtext (write into crash_fault's own code), xdata (call code copied
 * into .data), null (read address 0), stack (recurse until the stack's
 * guard page stops it). Anything else: return 0.
 */
#include <uk/essentials.h>
#include <uk/plat/console.h>

static int eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* Beyond kvm's 4 GiB boot map, canonical. */
#define UNMAPPED_ADDR 0x0000100000000000UL
#define NONCANONICAL_ADDR 0x8000000000000000UL

/* "mov $42, %eax; ret": code in .data, which must not run. */
static unsigned char data_code[] = { 0xb8, 0x2a, 0, 0, 0, 0xc3 };

/* Each frame keeps 256 bytes live, so the recursion cannot become a loop. */
__attribute__((noinline)) static int crash_recurse(int n)
{
	volatile char pad[256];

	pad[0] = (char)n;
	if (n == 1 << 30)	/* never: 256 GiB of stack */
		return 0;
	return crash_recurse(n + 1) + pad[0];
}

__attribute__((noinline)) static int crash_fault(const char *how)
{
	if (eq(how, "wtext")) {
		*(volatile unsigned char *)(uintptr_t)crash_fault = 0xcc;
		return 0;
	}
	if (eq(how, "xdata"))
		return ((int (*)(void))(uintptr_t)data_code)();
	if (eq(how, "null"))
		return *(volatile int *)(uintptr_t)0;
	if (eq(how, "stack"))
		return crash_recurse(0);
	if (eq(how, "pf"))
		return *(volatile int *)UNMAPPED_ADDR;
	if (eq(how, "gp"))
		return *(volatile int *)NONCANONICAL_ADDR;
	if (eq(how, "ud"))
		__builtin_trap();
	if (eq(how, "fp"))
		__asm__ __volatile__("mov %0, %%rbp; ud2" : : "r"(UNMAPPED_ADDR));
	if (eq(how, "de")) {
		int q = 0;

		/* Not in C: the compiler may assume division by 0 away. */
		__asm__ __volatile__("cltd; idivl %1" : "+a"(q) : "r"(0) : "rdx");
		return q;
	}
	return 0;
}

__attribute__((noinline)) static int crash_level2(const char *how)
{
	return crash_fault(how) + 1;
}

__attribute__((noinline)) static int crash_level1(const char *how)
{
	return crash_level2(how) + 1;
}

int main(int argc, char *argv[])
{
	ukplat_console_puts("crash: about to fault\n");
	if (argc < 2)
		return 0;
	return crash_level1(argv[1]) == 2 ? 0 : 1;
}
