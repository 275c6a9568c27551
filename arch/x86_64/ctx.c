/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Building a new context's first frame for ctx_switch.S, and the reset
 * state of the extended registers.
 */
#include <uk/arch/ctx.h>
#include <uk/essentials.h>

void ukarch_ctx_start(void);

void ukarch_ctx_init(struct ukarch_ctx *ctx, uintptr_t stack_top,
		     void (*entry)(void *), void *arg)
{
	/* 7 words popped by the switch (6 registers, the return address)
	 * leave rsp at stack_top - 16: aligned for ukarch_ctx_start's call. */
	uintptr_t *sp = (uintptr_t *)(UK_ALIGN_DOWN(stack_top, 16) - 16) - 7;

	sp[0] = 0;			/* r15 */
	sp[1] = 0;			/* r14 */
	sp[2] = (uintptr_t)arg;		/* r13 */
	sp[3] = (uintptr_t)entry;	/* r12 */
	sp[4] = 0;			/* rbx */
	sp[5] = 0;			/* rbp: end of the backtrace */
	sp[6] = (uintptr_t)ukarch_ctx_start;
	ctx->sp = (uintptr_t)sp;
}

void ukarch_ectx_init(void *area)
{
	uint8_t *b = area;
	unsigned int i;

	for (i = 0; i < UKARCH_ECTX_SIZE; i++)
		b[i] = 0;
	*(uint16_t *)(b + 0) = 0x037f;		/* FCW: x87 reset value */
	*(uint32_t *)(b + 24) = 0x1f80;		/* MXCSR: reset value */
}
