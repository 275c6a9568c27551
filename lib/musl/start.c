/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * musl's start-up and exit, as ukboot's init and term at UK_INIT_SYS
 * (after the allocator and the scheduler, before uktest and main()).
 *
 * On Linux, musl's __libc_start_main() reads the environment and the
 * auxiliary vector the kernel put on the stack, sets up the main
 * thread's TLS and thread control block (through arch_prctl and
 * set_tid_address, both shim calls here), runs the constructors, then
 * calls exit(main()). ukboot calls main() itself, so this file does the
 * same set-up before it, with an auxiliary vector made here: the image's
 * own program headers (so musl finds the PT_TLS template) and the page
 * size. The term does what exit() does before _Exit: atexit handlers,
 * destructors, and flushing stdio, so output buffered by printf reaches
 * the console whether main() returns or calls exit().
 *
 * With a scheduler, the boot thread's x87/SSE state is saved at switches
 * from here on: musl code uses SSE. The environment starts empty;
 * posix-environ fills it later.
 */
#include <elf.h>
#include <errno.h>
#include <uk/init.h>
#include <uk/essentials.h>
#include <uk/plat/paging.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif
#include "musl_internal.h"

int uk_musl_started;

int atexit(void (*fn)(void));

static int exit_ran;	/* musl's exit() is past its atexit handlers */

static void mark_exit_ran(void)
{
	exit_ran = 1;
}

/* musl's internal start-up and exit steps (hidden, in libc.a). */
void __init_libc(char **envp, char *pn);
void __libc_start_init(void);
void __funcs_on_exit(void);
void __libc_exit_fini(void);
void __stdio_exit(void);

/* Defined by the linker when the ELF headers are loaded (kvm's link.lds,
 * linuxu's default script); weak so a platform without them links, and
 * musl then finds no TLS template. */
extern const Elf64_Ehdr __ehdr_start __uk_weak;

/* envp (empty), then the auxiliary vector, as Linux lays them out. */
static size_t startvec[] = {
	0,			/* envp[0] = NULL */
	AT_PHDR, 0,
	AT_PHNUM, 0,
	AT_PHENT, sizeof(Elf64_Phdr),
	AT_PAGESZ, UKPLAT_PAGE_SIZE,
	AT_NULL, 0,
};

static int musl_init(void)
{
#if CONFIG_LIBUKSCHED
	/* musl code uses SSE: the boot thread's state must survive
	 * switches to other threads that use it. */
	int r = uk_sched_thread_use_fpu(uk_sched_thread_current());

	if (r < 0)
		return r;
#endif
	if (&__ehdr_start) {
		startvec[2] = (size_t)&__ehdr_start + __ehdr_start.e_phoff;
		startvec[4] = __ehdr_start.e_phnum;
	}
	__init_libc((char **)startvec, UK_APP_NAME);
	uk_musl_started = 1;
	if (atexit(mark_exit_ran))
		return -ENOMEM;
	__libc_start_init();
	return 0;
}

static void musl_term(void)
{
	if (exit_ran)
		return;
	__funcs_on_exit();
	__libc_exit_fini();
	__stdio_exit();
}

uk_init(UK_INIT_SYS, UK_PRIO_EARLIEST, musl_init, musl_term);
