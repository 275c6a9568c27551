/* SPDX-License-Identifier: BSD-3-Clause */
/* Formatting a register frame for crash reports (see <uk/arch/regs.h>). */
#include <uk/essentials.h>
#include <uk/arch/backtrace.h>
#include <uk/arch/print.h>
#include <uk/arch/regs.h>

struct reg_name {
	const char *name;	/* padded to 6 columns */
	unsigned int off;	/* byte offset in struct ukarch_regs */
};

#define REG(n, r) { n, __builtin_offsetof(struct ukarch_regs, r) }

static const struct reg_name reg_names[] = {
	REG("rax   ", rax), REG("rbx   ", rbx), REG("rcx   ", rcx),
	REG("rdx   ", rdx), REG("rsi   ", rsi), REG("rdi   ", rdi),
	REG("rbp   ", rbp), REG("rsp   ", rsp), REG("r8    ", r8),
	REG("r9    ", r9),  REG("r10   ", r10), REG("r11   ", r11),
	REG("r12   ", r12), REG("r13   ", r13), REG("r14   ", r14),
	REG("r15   ", r15), REG("rflags", rflags), REG("cs    ", cs),
	REG("ss    ", ss),
};

void ukarch_regs_print(const struct ukarch_regs *r)
{
	const char *base = (const char *)r;
	unsigned int i;

	ukarch_print("  rip    ");
	ukarch_print_symbol(r->rip);
	ukarch_print("\n");
	for (i = 0; i < UK_ARRAY_SIZE(reg_names); i++) {
		ukarch_print("  ");
		ukarch_print(reg_names[i].name);
		ukarch_print(" ");
		ukarch_print_hex(*(const uint64_t *)(base + reg_names[i].off),
				 16);
		if (i % 3 == 2 || i == UK_ARRAY_SIZE(reg_names) - 1)
			ukarch_print("\n");
	}
}
