/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread contexts: the context switch and the extended (FPU/SSE) state.
 *
 * A context is one saved stack pointer. ukarch_ctx_switch() pushes the
 * callee-saved registers the SysV ABI asks a function to preserve (rbx,
 * rbp, r12-r15) and the return address on the old stack, stores rsp in
 * *prev, loads next's and pops the same. Caller-saved registers are the
 * compiler's business (the switch is an ordinary call), so a switch is
 * 16 instructions. Interrupt state and %fs are the caller's (uksched).
 *
 * Extended state (x87/SSE) is not part of a context: kernel code is built
 * with -mgeneral-regs-only and never touches it. A thread that uses it
 * has a 512-byte fxsave area (ukarch_ectx_*) that uksched saves and
 * restores only when the FPU passes from one such thread to another.
 */
#ifndef UK_ARCH_CTX_H
#define UK_ARCH_CTX_H

#include <stdint.h>

struct ukarch_ctx {
	uintptr_t sp;		/* saved stack pointer; 0 while running */
};

/*
 * Save the running context in *prev and resume next. Returns when some
 * other context switches back to prev. Must be called with interrupts
 * disabled (the caller's job: uksched holds them off across it).
 */
void ukarch_ctx_switch(struct ukarch_ctx *prev, struct ukarch_ctx *next);

/*
 * Prepare *ctx so that the first switch to it calls entry(arg) on the
 * stack that ends at stack_top (16-byte aligned), with rbp = 0 (the end
 * of the backtrace). entry must not return.
 */
void ukarch_ctx_init(struct ukarch_ctx *ctx, uintptr_t stack_top,
		     void (*entry)(void *), void *arg);

/* Extended state: fxsave format (x87, MMX, SSE; no AVX yet). */
#define UKARCH_ECTX_SIZE	512
#define UKARCH_ECTX_ALIGN	16

/* Fill area with the reset state (what a fresh thread sees). */
void ukarch_ectx_init(void *area);

static inline void ukarch_ectx_save(void *area)
{
	__asm__ __volatile__("fxsave64 (%0)" : : "r"(area) : "memory");
}

static inline void ukarch_ectx_restore(const void *area)
{
	__asm__ __volatile__("fxrstor64 (%0)" : : "r"(area) : "memory");
}

#endif /* UK_ARCH_CTX_H */
