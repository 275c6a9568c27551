/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The hypercall page: one page of text that Xen overwrites with its
 * hypercall stubs when xen_hypercall_init() names its address. It sits
 * in .text, so the page tables map it read-only and executable (W^X):
 * Xen writes it by its guest-physical address, not through our mapping.
 * Until then it is int3 throughout, so a hypercall made too early traps
 * instead of running zeros.
 */
	.section .text.xen_hypercall_page, "ax"
	.align 4096
	.globl xen_hypercall_page
xen_hypercall_page:
	.fill 4096, 1, 0xcc
