/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Multiboot header and entry (QEMU -kernel on pc/q35, GRUB):
 * eax = 0x2badb002, ebx = multiboot_info, 32-bit protected mode, paging
 * and interrupts off. The header uses the a.out kludge (load addresses
 * in the header), because QEMU refuses Multiboot from an ELF64 file
 * otherwise; the kludge works because the image is a single PT_LOAD
 * segment whose file layout equals its memory layout (link.lds). The
 * entry joins the shared boot path (plat/common/x86/entry32.S), which
 * also holds the PVH entry.
 */
#include "multiboot.h"

#define MB_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO | \
		  MULTIBOOT_AOUT_KLUDGE)

/* Without Kconfig (hand builds, tests), carry the header. */
#if defined(CONFIG_PLAT_KVM_MULTIBOOT) || !defined(CONFIG_PLAT_KVM)
	.section .uk.multiboot, "a"
	.align 4
multiboot_header:
	.long MULTIBOOT_HEADER_MAGIC
	.long MB_FLAGS
	.long -(MULTIBOOT_HEADER_MAGIC + MB_FLAGS)
	.long multiboot_header		/* header_addr */
	.long __uk_image_start		/* load_addr */
	.long __uk_load_end		/* load_end_addr: end of .data */
	.long __uk_bss_end		/* bss_end_addr: zeroed by loader */
	.long ukplat_multiboot_entry		/* entry_addr */
#endif

	.section .text.boot32, "ax"
	.code32
	.globl ukplat_multiboot_entry
ukplat_multiboot_entry:
	movl %eax, %edi			/* ukplat_x86_plat_entry(magic, info) */
	movl %ebx, %esi
	jmp ukplat_x86_boot32
