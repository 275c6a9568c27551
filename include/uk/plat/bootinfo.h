/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: what the boot protocol told us. Valid from the first
 * init level on; the platform copies what it needs out of the loader's
 * structures before anything may overwrite them.
 */
#ifndef UK_PLAT_BOOTINFO_H
#define UK_PLAT_BOOTINFO_H

#include <stddef.h>
#include <stdint.h>

/*
 * The kernel command line without the image path the loader may prepend:
 * "<lib>.<param>=<value> ... -- <app args>". Never NULL; "" when empty.
 * The buffer is writable and owned by the platform for the image's life
 * (the parser splits it in place).
 */
char *ukplat_cmdline(void);

/* Kinds of memory region. */
#define UKPLAT_MEMR_FREE	0x1	/* RAM nobody uses: for allocators */
#define UKPLAT_MEMR_KERNEL	0x2	/* the image: text, data, bss */
#define UKPLAT_MEMR_RESERVED	0x4	/* firmware, MMIO, ACPI, ... */
#define UKPLAT_MEMR_INITRD	0x8	/* initial ramdisk, if any */

struct ukplat_memregion {
	uintptr_t base;
	size_t len;
	unsigned int flags;	/* one UKPLAT_MEMR_* */
};

/*
 * Memory regions, sorted by base, not overlapping. FREE regions exclude
 * the image, the page tables, the boot stack and anything the loader
 * handed over (command line, initrd). Returns the number of regions;
 * ukplat_memregion_get() returns 0 and fills *r, or -EINVAL for i out
 * of range.
 */
int ukplat_memregion_count(void);
int ukplat_memregion_get(int i, struct ukplat_memregion *r);

/*
 * The initial ramdisk the loader handed over: QEMU's -initrd, the first
 * Multiboot module (pc, q35) or the first PVH module (pc, microvm); on
 * linuxu the file named by the environment variable UKPLAT_INITRD,
 * mapped read-only. 0 with *base and *len set (len may be 0), or -ENOENT
 * when there is none (or it lies beyond the boot identity map). The
 * bytes stay where the loader put them, readable for the image's life:
 * the memory map keeps them UKPLAT_MEMR_INITRD, no allocator gets them.
 */
int ukplat_initrd(const void **base, size_t *len);

#endif /* UK_PLAT_BOOTINFO_H */
