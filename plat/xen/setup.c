/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * xen's C entry, called by the shared PVH entry (plat/common/x86/
 * entry32.S) in long mode on the boot stack. Xen starts a PVH guest
 * like any PVH loader (ebx = hvm_start_info); what differs is that
 * everything else is asked of Xen, in this order:
 *
 *   the hypercall page first (nothing can be reported before it), the
 *   console, the exception handlers, shared_info (the clock and the
 *   event channels live in it), the clock's zero, the command line and
 *   modules from start_info, the memory map from XENMEM_memory_map (the
 *   domain's own map; start_info's copy is not read), the final page
 *   tables (as on kvm: plat/common/x86/paging.c), then ukboot.
 */
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include <uk/plat/entry.h>
#include <uk/plat/bootinfo.h>
#include <x86/boot.h>
#include <x86/paging.h>
#include <xen/memory.h>
#include <xen/arch-x86/hvm/start_info.h>
#include "hypercall.h"
#include "xenplat.h"

/* Xen's E820 entries (XENMEM_memory_map), as its e820.h lays them out. */
struct e820entry {
	uint64_t addr;
	uint64_t size;
	uint32_t type;
} __attribute__((packed));

#define E820_RAM	1
#define E820_MAX	64

static union {
	struct shared_info si;
	char page[4096];
} shared_info_page __uk_align(4096);

struct shared_info *xen_shared_info;
int xen_is_hwdom;

/* Map shared_info over a page of .bss (the RAM page behind it goes back
 * to Xen; the image is never FREE memory). Fatal without: no clock, no
 * events. */
static void shared_info_init(void)
{
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_shared_info,
		.idx = 0,
		.gpfn = (uintptr_t)&shared_info_page >> 12,
	};
	long rc = hc_memory_op(XENMEM_add_to_physmap, &xatp);

	if (rc) {
		ukarch_print("[xen] cannot map shared_info: error ");
		ukarch_print_dec(-rc);
		ukarch_print("\n");
		for (;;)
			ukarch_halt();
	}
	xen_shared_info = &shared_info_page.si;
}

static void memmap_init(void)
{
	static struct e820entry map[E820_MAX];
	struct xen_memory_map mm = { .nr_entries = E820_MAX };
	unsigned int i;
	long rc;

	set_xen_guest_handle(mm.buffer, map);
	rc = hc_memory_op(XENMEM_memory_map, &mm);
	if (rc) {
		ukarch_print("[xen] warning: XENMEM_memory_map failed (error ");
		ukarch_print_dec(-rc);
		ukarch_print("): no free memory\n");
		return;
	}
	for (i = 0; i < mm.nr_entries && i < E820_MAX; i++)
		ukplat_x86_memmap_add(map[i].addr, map[i].size,
			       map[i].type == E820_RAM ? UKPLAT_MEMR_FREE :
			       UKPLAT_MEMR_RESERVED);
}

void ukplat_x86_plat_entry(uint32_t magic, uint32_t info)
{
	const struct hvm_start_info *si = ukplat_x86_phys(info);

	if (xen_hypercall_init())
		for (;;)
			ukarch_halt();	/* not on Xen: no console either */
	if (magic == XEN_HVM_START_MAGIC_VALUE && si &&
	    si->magic == XEN_HVM_START_MAGIC_VALUE)
		xen_is_hwdom = !!(si->flags & SIF_INITDOMAIN);
	xen_console_init();
	ukplat_x86_cpu_init();
	shared_info_init();
	xen_time_init();
	if (ukplat_x86_bootinfo_pvh(info, 0))
		ukarch_print("[xen] warning: no PVH start_info: no command "
			     "line\n");
	memmap_init();
	ukplat_x86_memmap_finish();
	ukplat_x86_paging_init();
	ukplat_enter();
}
