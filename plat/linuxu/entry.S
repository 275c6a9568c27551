/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process entry point. The kernel leaves argc at (%rsp), then argv[],
 * NULL, envp[], NULL, auxv. No libc runs before us.
 */
	.text
	.globl ukplat_linuxu_start
	.type ukplat_linuxu_start, @function
ukplat_linuxu_start:
	xorl %ebp, %ebp		/* outermost frame: backtraces stop here */
	movq %rsp, %rdi
	andq $-16, %rsp		/* ABI: 16-byte aligned before the call */
	call linuxu_start_c
	hlt			/* not reached */
	.size ukplat_linuxu_start, . - ukplat_linuxu_start
