/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The context switch (see uk/arch/ctx.h; ctx.c builds first frames). The saved frame, from the
 * saved sp upwards: r15 r14 r13 r12 rbx rbp, return address.
 */
	.text
	.globl ukarch_ctx_switch
	.type ukarch_ctx_switch, @function
ukarch_ctx_switch:		/* rdi = prev, rsi = next */
	pushq %rbp
	pushq %rbx
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
	movq %rsp, (%rdi)
	movq (%rsi), %rsp
	movq $0, (%rsi)
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %rbx
	popq %rbp
	ret
	.size ukarch_ctx_switch, . - ukarch_ctx_switch

/*
 * First code of a new context: ukarch_ctx_init() left entry in r12 and
 * its argument in r13; rbp is 0 and rsp 16-byte aligned.
 */
	.globl ukarch_ctx_start
	.type ukarch_ctx_start, @function
ukarch_ctx_start:
	movq %r13, %rdi
	callq *%r12
	ud2			/* entry must not return */
	.size ukarch_ctx_start, . - ukarch_ctx_start

	.section .note.GNU-stack, "", @progbits
