/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The frame-pointer walker (see <uk/arch/backtrace.h>). Shared by every
 * x86_64 platform: kvm prints it from its exception handler, linuxu from
 * its signal handler.
 */
#include <uk/essentials.h>
#include <uk/arch/backtrace.h>
#include <uk/arch/print.h>

/* The section's bounds: both NULL when no library registered. */
extern const ukarch_symbolizer_t __start_uk_symbolizer[] __uk_weak;
extern const ukarch_symbolizer_t __stop_uk_symbolizer[] __uk_weak;

const char *ukarch_symbol_lookup(uintptr_t addr, uintptr_t *offset)
{
	if (&__start_uk_symbolizer[0] == &__stop_uk_symbolizer[0])
		return NULL;
	return __start_uk_symbolizer[0](addr, offset);
}

/*
 * Print addr and its symbol. A return address is looked up one byte
 * earlier (bias 1): after a call to a noreturn function it points past
 * the caller's end, at the next function.
 */
static void print_symbol(uintptr_t addr, uintptr_t bias)
{
	uintptr_t off = 0;
	const char *name;

	ukarch_print_hex(addr, 16);
	name = ukarch_symbol_lookup(addr - bias, &off);
	if (!name)
		return;
	ukarch_print(" ");
	ukarch_print(name);
	ukarch_print("+");
	ukarch_print_hex(off + bias, 1);
}

void ukarch_print_symbol(uintptr_t addr)
{
	print_symbol(addr, 0);
}

void ukarch_backtrace_print(uintptr_t fp)
{
	const uintptr_t *frame;
	uintptr_t ret;
	int depth;

	for (depth = 0; depth < UKARCH_BACKTRACE_MAX; depth++) {
		if (!fp || (fp & (sizeof(uintptr_t) - 1)))
			return;
		frame = (const uintptr_t *)fp;
		ret = frame[1];
		if (!ret)
			return;
		ukarch_print("  #");
		ukarch_print_dec(depth);
		ukarch_print(" ");
		print_symbol(ret, 1);
		ukarch_print("\n");
		/* Stacks grow down: callers' frames sit strictly higher. */
		if (frame[0] <= fp)
			return;
		fp = frame[0];
	}
	ukarch_print("  ... (more frames)\n");
}
