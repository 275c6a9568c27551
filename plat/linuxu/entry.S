/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process entry point. The kernel leaves argc at (%rsp), then argv[],
 * NULL, envp[], NULL, auxv. No libc runs before us.
 */
	.text
	.globl uk_linuxu_start
	.type uk_linuxu_start, @function
uk_linuxu_start:
	xorl %ebp, %ebp		/* outermost frame: backtraces stop here */
	movq %rsp, %rdi
	andq $-16, %rsp		/* ABI: 16-byte aligned before the call */
	call linuxu_start_c
	hlt			/* not reached */
	.size uk_linuxu_start, . - uk_linuxu_start
