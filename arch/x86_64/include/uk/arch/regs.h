/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The register frame an exception entry stub builds on the stack, lowest
 * address first: general registers pushed by the stub, then the vector
 * and error code (0 when the CPU pushes none), then what the CPU pushed.
 * Its layout is shared with the assembly stubs: change both together.
 */
#ifndef UK_ARCH_REGS_H
#define UK_ARCH_REGS_H

#include <stdint.h>

struct ukarch_regs {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss;	/* the CPU's interrupt frame */
};

#define UKARCH_REGS_SIZE (22 * 8)

/*
 * Print every register of r, four a line, and RIP with its symbol name
 * when one is known. Writes through ukplat_console_write() only.
 */
void ukarch_regs_print(const struct ukarch_regs *r);

#endif /* UK_ARCH_REGS_H */
