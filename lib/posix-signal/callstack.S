/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * void posix_signal_call_on(void *top, void (*fn)(int, void *, void *),
 *                           int sig, void *info, void *uc)
 * Call fn(sig, info, uc) with the stack pointer at top (16-aligned
 * here), for handlers that asked for the alternate stack. %rbp keeps
 * the caller's frame (callee-saved, so fn keeps it too) and links the
 * frame chain, so backtraces from a handler reach the signal call.
 */
	.text
	.globl posix_signal_call_on
	.type posix_signal_call_on, @function
posix_signal_call_on:
	push	%rbp
	mov	%rsp, %rbp
	and	$-16, %rdi
	mov	%rdi, %rsp
	mov	%rsi, %rax
	mov	%edx, %edi
	mov	%rcx, %rsi
	mov	%r8, %rdx
	call	*%rax
	mov	%rbp, %rsp
	pop	%rbp
	ret
	.size posix_signal_call_on, . - posix_signal_call_on
