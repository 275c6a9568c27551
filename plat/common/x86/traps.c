/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The exception report: every CPU exception is fatal for now (vectors
 * from 32 on are interrupts and go to the platform's ukplat_x86_irq_entry()). Print the
 * vector's name, the error code, CR2 for a page fault, every register
 * and a symbolized backtrace, then power off with UKPLAT_EXIT_CRASH.
 * A fault while reporting (say, a corrupted frame chain) prints one line
 * and powers off at once.
 */
#include <uk/arch/backtrace.h>
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include <uk/arch/regs.h>
#include <uk/plat/power.h>
#include <x86/boot.h>
#include <x86/paging.h>

void x86_trap(struct ukarch_regs *r);

static const char *const vector_names[32] = {
	"#DE divide error", "#DB debug", "NMI", "#BP breakpoint",
	"#OF overflow", "#BR bound range exceeded", "#UD invalid opcode",
	"#NM device not available", "#DF double fault",
	"coprocessor segment overrun", "#TS invalid TSS",
	"#NP segment not present", "#SS stack-segment fault",
	"#GP general protection", "#PF page fault", "reserved (15)",
	"#MF x87 floating-point", "#AC alignment check", "#MC machine check",
	"#XM SIMD floating-point", "#VE virtualization",
	"#CP control protection", "reserved (22)", "reserved (23)",
	"reserved (24)", "reserved (25)", "reserved (26)", "reserved (27)",
	"#HV hypervisor injection", "#VC VMM communication",
	"#SX security", "reserved (31)",
};

static void print_pf_error(uint64_t err)
{
	ukarch_print(err & 1 ? " (protection violation," : " (not present,");
	ukarch_print(err & 2 ? " write" : " read");
	if (err & 16)
		ukarch_print(", instruction fetch");
	if (err & 8)
		ukarch_print(", reserved bit set");
	ukarch_print(err & 4 ? ", user)" : ", kernel)");
}

void x86_trap(struct ukarch_regs *r)
{
	static int reporting;

	if (r->vector >= 32) {
		ukplat_x86_irq_entry(r);
		return;
	}
	if (reporting) {
		ukarch_print("\n[plat] exception ");
		ukarch_print_dec(r->vector);
		ukarch_print(" while reporting one at ");
		ukarch_print_hex(r->rip, 1);
		ukarch_print(": powering off\n");
		ukplat_poweroff(UKPLAT_EXIT_CRASH);
	}
	reporting = 1;

	ukarch_print("\n[plat] CRASH: ");
	ukarch_print(vector_names[r->vector & 31]);
	ukarch_print(" (vector ");
	ukarch_print_dec(r->vector);
	ukarch_print("), error code ");
	ukarch_print_hex(r->error, 1);
	if (r->vector == 14)
		print_pf_error(r->error);
	if (r->vector == 14 || r->vector == 8) {
		/* A #DF from a stack overflow: the #PF frame hit the guard. */
		ukarch_print("\n  cr2    ");
		ukarch_print_hex(read_cr2(), 16);
		ukarch_print("\n");
		ukplat_x86_paging_explain(read_cr2());
	} else {
		ukarch_print("\n");
	}
	ukarch_regs_print(r);
	ukarch_print("Backtrace:\n  pc ");
	ukarch_print_symbol(r->rip);
	ukarch_print("\n");
	ukarch_backtrace_print(r->rbp);
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}
