/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu crash reports: a fault (SIGSEGV, SIGBUS, SIGILL, SIGFPE) prints
 * what and where, with the function name and a backtrace when the image
 * has them, then exits with UKPLAT_EXIT_CRASH, like a kvm image does.
 * Handlers run on their own stack so a stack overflow is reported too.
 * Under gdb the debugger still sees the signal first.
 */
#include <uk/fmt.h>
#include <uk/essentials.h>
#include <uk/arch/backtrace.h>
#include <uk/plat/console.h>
#include <uk/plat/paging.h>
#include <uk/plat/power.h>
#include "syscall.h"

#define SYS_sigaltstack 131
#define SA_SIGINFO	0x4
#define SA_ONSTACK	0x08000000
#define SA_RESTORER	0x04000000
#define UC_GREGS_OFF	40		/* offsetof(ucontext_t, uc_mcontext) */
#define REG_RBP		10
#define REG_RSP		15
#define REG_ERR		19		/* the page-fault error code */
#define REG_RIP		16


struct k_sigaction {
	void (*handler)(int, void *, void *);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long mask;
};

static char altstack[16384] __uk_align(16);

static void puthex(uintptr_t v)
{
	char buf[19], *p = buf + sizeof(buf) - 1;

	*p = '\0';
	p = uk_fmt_uint(p, v, 16, 0);
	*--p = 'x';
	*--p = '0';
	ukplat_console_puts(p);
}

static const char *signame(int sig)
{
	switch (sig) {
	case 4: return "SIGILL (invalid opcode)";
	case 7: return "SIGBUS (bus error)";
	case 8: return "SIGFPE (arithmetic fault)";
	case 11: return "SIGSEGV (page fault)";
	}
	return "fatal signal";
}

/* A registered guard page (thread stacks), or a fault next to the stack
 * pointer: the process stack ran into its limit. */
static void explain(uintptr_t addr, uintptr_t sp)
{
	const struct ukplat_stack_guard *g = ukplat_stack_guard_find(addr);

	if (g) {
		ukplat_console_puts("  stack overflow: the address is in the guard page of "
		      "the \"");
		ukplat_console_puts(g->name);
		ukplat_console_puts("\" stack\n");
	} else if (addr + 65536 >= sp && addr < sp + 4096) {
		ukplat_console_puts("  stack overflow: the address is at the stack pointer "
		      "(the process stack's limit)\n");
	} else if (addr < 4096) {
		ukplat_console_puts("  NULL pointer dereference\n");
	}
}

static void on_fault(int sig, void *info, void *uctx)
{
	uintptr_t addr = *(uintptr_t *)((char *)info + 16);
	uint64_t *gregs = (uint64_t *)((char *)uctx + UC_GREGS_OFF);
	uintptr_t rip = gregs[REG_RIP], off;
	const char *fn = ukarch_symbol_lookup(rip, &off);

	ukplat_console_puts("CRASH: ");
	ukplat_console_puts(signame(sig));
	ukplat_console_puts(" at address ");
	puthex(addr);
	ukplat_console_puts("\n  rip ");
	puthex(rip);
	if (fn) {
		ukplat_console_puts(" ");
		ukplat_console_puts(fn);
		ukplat_console_puts("+");
		puthex(off);
	}
	ukplat_console_puts("\n");
	if (sig == 11) {
		uint64_t err = gregs[REG_ERR];

		ukplat_console_puts(err & 1 ? "  (protection violation," : "  (not present,");
		ukplat_console_puts(err & 2 ? " write" : " read");
		ukplat_console_puts(err & 16 ? ", instruction fetch)\n" : ")\n");
	}
	explain(addr, gregs[REG_RSP]);
	ukarch_backtrace_print(gregs[REG_RBP]);
	ukplat_poweroff(UKPLAT_EXIT_CRASH);
}

/* The kernel returns from a handler through this; ours never return. */
__asm__(".text\n linuxu_sigreturn:\n mov $15, %eax\n syscall\n hlt\n");
void linuxu_sigreturn(void);

void linuxu_crash_init(void)
{
	static const int sigs[] = { 4, 7, 8, 11 };
	struct { void *sp; int flags; size_t size; } ss = {
		altstack, 0, sizeof(altstack)
	};
	struct k_sigaction sa = {
		.handler = on_fault,
		.flags = SA_SIGINFO | SA_ONSTACK | SA_RESTORER,
		.restorer = linuxu_sigreturn,
		.mask = 0,
	};
	unsigned int i;

	linuxu_syscall3(SYS_sigaltstack, (long)&ss, 0, 0);
	for (i = 0; i < UK_ARRAY_SIZE(sigs); i++)
		linuxu_syscall6(SYS_rt_sigaction, sigs[i], (long)&sa, 0, 8, 0,
				0);
}
