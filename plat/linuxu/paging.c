/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu page protection: <uk/plat/paging.h> on the process's own
 * address space, through mprotect, mmap(MAP_FIXED) and munmap, so that
 * thread stack guards and protection tests work here too.
 *
 * The differences from kvm, which the contract allows: there are no
 * physical addresses, so ukplat_page_map() with paddr == vaddr changes
 * the protection of what is there (or maps fresh zeroed memory where
 * nothing is), and with paddr != vaddr maps fresh zeroed memory at
 * vaddr (no aliases); UKPLAT_MAP_UNCACHED is ignored; the kernel
 * allocates its own page tables (its -ENOMEM passes through).
 * The stack guard registry is the same as kvm's; crash.c searches it.
 */
#include <uk/essentials.h>
#include <uk/plat/paging.h>
#include <uk/plat/irq.h>
#include "syscall.h"

#define ENOENT	2
#define ENOMEM	12
#define EINVAL	22
#define SYS_mprotect	10
#define SYS_munmap	11
#define MAP_PRIVATE_ANON_FIXED 0x32	/* PRIVATE | FIXED | ANONYMOUS */
#define PROT_MASK	(UKPLAT_PROT_READ | UKPLAT_PROT_WRITE | UKPLAT_PROT_EXEC)


static int range_ok(uintptr_t va, size_t len)
{
	return !(va & (UKPLAT_PAGE_SIZE - 1)) &&
	       !(len & (UKPLAT_PAGE_SIZE - 1)) && va + len >= va;
}

int ukplat_page_map(uintptr_t va, uintptr_t pa, size_t len, unsigned int prot)
{
	long rc;

	if (!range_ok(va, len) || (pa & (UKPLAT_PAGE_SIZE - 1)))
		return -EINVAL;
	if (pa == va && !linuxu_syscall3(SYS_mprotect, va, len,
					  prot & PROT_MASK))
		return 0;
	rc = linuxu_syscall6(SYS_mmap, va, len, prot & PROT_MASK,
			     MAP_PRIVATE_ANON_FIXED, -1, 0);
	if (rc < 0 && rc > -4096)
		return rc == -ENOMEM ? -ENOMEM : -EINVAL;
	return 0;
}

int ukplat_page_protect(uintptr_t va, size_t len, unsigned int prot)
{
	long rc;

	if (!range_ok(va, len))
		return -EINVAL;
	rc = linuxu_syscall3(SYS_mprotect, va, len, prot & PROT_MASK);
	/* Linux says ENOMEM for a range with unmapped pages. */
	return rc == -ENOMEM ? -ENOENT : (int)rc;
}

int ukplat_page_unmap(uintptr_t va, size_t len)
{
	if (!range_ok(va, len))
		return -EINVAL;
	return (int)linuxu_syscall3(SYS_munmap, va, len, 0);
}

