/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: page protection. The address space is one identity
 * map (virtual == physical) built at boot from the memory map: kernel
 * text RX, rodata R, data/bss RW+NX, free RAM RW+NX, page 0 unmapped.
 * These calls change it afterwards (thread stacks' guard pages, mmap,
 * drivers' MMIO). Addresses and lengths are page-aligned; callers hold
 * no lock (the platform disables interrupts around the update and
 * flushes the TLB). Not callable from interrupt handlers: a page table
 * may come from the default allocator.
 *
 * Each platform says what it maps at boot (plat/kvm/README.md: the low
 * 4 GiB; plat/linuxu: what the process has). Page tables come from a
 * small static pool, then from the default allocator (uk_palloc) when
 * ukalloc is in the image; -ENOMEM when neither has a page.
 */
#ifndef UK_PLAT_PAGING_H
#define UK_PLAT_PAGING_H

#include <stddef.h>
#include <stdint.h>

#define UKPLAT_PAGE_SIZE 4096UL

#define UKPLAT_PROT_NONE	0x0
#define UKPLAT_PROT_READ	0x1
#define UKPLAT_PROT_WRITE	0x2
#define UKPLAT_PROT_EXEC	0x4
#define UKPLAT_MAP_UNCACHED	0x8	/* MMIO */

/* Map [vaddr, vaddr+len) to paddr with prot; replaces what was there.
 * 0, -EINVAL (unaligned, or beyond the address space), -ENOMEM (no
 * page for a page table; part of the range may then be mapped). */
int ukplat_page_map(uintptr_t vaddr, uintptr_t paddr, size_t len,
		    unsigned int prot);

/* Change the protection of mapped pages; PROT_NONE makes them fault
 * (guard pages) but keeps them mapped: a later protect restores them.
 * 0, -EINVAL, -ENOENT (a page was not mapped: nothing changed),
 * -ENOMEM (a large page had to be split and no page table was left:
 * nothing changed). */
int ukplat_page_protect(uintptr_t vaddr, size_t len, unsigned int prot);

/* Unmap; later accesses fault. Pages already unmapped are skipped.
 * 0, -EINVAL, -ENOMEM (a large page had to be split: nothing changed). */
int ukplat_page_unmap(uintptr_t vaddr, size_t len);

/*
 * Stack guards: pages below a stack that fault on access, so that an
 * overflow is reported as "stack overflow" with the stack's name
 * instead of corrupting what lies below. The caller owns *g (it must
 * stay valid until unregistered: put it in the thread structure);
 * register protects [lo, lo+len) with PROT_NONE and links g into the
 * list the fault report searches. lo and len page-aligned.
 *
 *	static struct ukplat_stack_guard g;
 *	rc = ukplat_stack_guard_register(&g, stack_base, 4096, "thread 3");
 *	... the stack is [stack_base + 4096, stack_top) ...
 *	ukplat_stack_guard_unregister(&g);	(RW again before freeing)
 *
 * register: 0, or what ukplat_page_protect returns. unregister: 0,
 * -ENOENT (g was not registered). find: the guard holding addr, NULL
 * if none (safe from the fault path).
 */
struct ukplat_stack_guard {
	uintptr_t lo, hi;		/* the guard: [lo, hi) */
	const char *name;		/* "boot", "thread idle", ... */
	struct ukplat_stack_guard *next;	/* the platform's */
};

int ukplat_stack_guard_register(struct ukplat_stack_guard *g, uintptr_t lo,
				size_t len, const char *name);
int ukplat_stack_guard_unregister(struct ukplat_stack_guard *g);
const struct ukplat_stack_guard *ukplat_stack_guard_find(uintptr_t addr);

#endif /* UK_PLAT_PAGING_H */
