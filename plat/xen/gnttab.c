/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Grant tables (v1), the way a guest lets another domain map or copy
 * one of its pages: frontends (netfront, blkfront) share their rings
 * and buffers through them. At UK_INIT_PLAT the table's first frames
 * are mapped over pages of .bss with XENMEM_add_to_physmap
 * (XENMAPSPACE_grant_table; as many as GNTTABOP_query_size allows, up
 * to PLAT_XEN_GNTTAB_FRAMES); refs from GNTTAB_NR_RESERVED_ENTRIES on
 * are handed out in order, then ended ones again from a free list (no
 * list to build at boot).
 *
 * A grant is written domid and frame first, flags last (after a
 * barrier): the other side may use it as soon as flags says so. Ending
 * it clears flags only while neither GTF_reading nor GTF_writing is
 * set (a compare-and-swap against the hypervisor's updates).
 */
#define EINVAL	22	/* errno values are ABI: no libc needed */
#define ENOMEM	12
#define EBUSY	16
#define ENODEV	19
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include <uk/essentials.h>
#include <uk/init.h>
#include <xen/memory.h>
#include <xen/grant_table.h>
#include "hypercall.h"
#include "xenplat.h"

#ifndef CONFIG_PLAT_XEN_GNTTAB_FRAMES
#define CONFIG_PLAT_XEN_GNTTAB_FRAMES 1
#endif
#define FRAMES		CONFIG_PLAT_XEN_GNTTAB_FRAMES
#define PER_FRAME	(4096 / sizeof(grant_entry_v1_t))
#define REFS		(FRAMES * PER_FRAME)

static grant_entry_v1_t table[REFS] __uk_align(4096);
static uint16_t next_free[REFS];	/* free list of ended refs, 0: end */
static unsigned int free_head, unused, nrefs;	/* unused: first never used */

int xen_gnttab_grant(domid_t domid, uint64_t pfn, int ro)
{
	unsigned long flags;
	unsigned int ref;

	if (pfn >> 32)
		return -EINVAL;			/* v1 frames are 32 bits */
	flags = ukarch_irq_save();
	ref = free_head;
	if (ref)
		free_head = next_free[ref];
	else if (unused < nrefs)
		ref = unused++;
	ukarch_irq_restore(flags);
	if (!ref)
		return nrefs ? -ENOMEM : -ENODEV;
	table[ref].domid = domid;
	table[ref].frame = (uint32_t)pfn;
	__atomic_thread_fence(__ATOMIC_RELEASE);
	table[ref].flags = GTF_permit_access | (ro ? GTF_readonly : 0);
	return (int)ref;
}

int xen_gnttab_end(unsigned int ref)
{
	unsigned long flags;
	uint16_t f;

	if (ref < GNTTAB_NR_RESERVED_ENTRIES || ref >= unused ||
	    !(table[ref].flags & GTF_permit_access))
		return -EINVAL;
	f = table[ref].flags;
	do {
		if (f & (GTF_reading | GTF_writing))
			return -EBUSY;
	} while (!__atomic_compare_exchange_n(&table[ref].flags, &f, 0, 0,
					      __ATOMIC_SEQ_CST,
					      __ATOMIC_SEQ_CST));
	flags = ukarch_irq_save();
	next_free[ref] = (uint16_t)free_head;
	free_head = ref;
	ukarch_irq_restore(flags);
	return 0;
}

static int xen_gnttab_init(void)
{
	struct gnttab_query_size q = { .dom = DOMID_SELF };
	struct xen_add_to_physmap xatp = {
		.domid = DOMID_SELF,
		.space = XENMAPSPACE_grant_table,
	};
	unsigned int frames = FRAMES, i;

	if (hc_grant_table_op(GNTTABOP_query_size, &q, 1) == 0 &&
	    q.status == GNTST_okay && q.max_nr_frames < frames)
		frames = q.max_nr_frames;
	for (i = 0; i < frames; i++) {
		xatp.idx = i;
		xatp.gpfn = ((uintptr_t)table >> 12) + i;
		if (hc_memory_op(XENMEM_add_to_physmap, &xatp))
			break;
	}
	if (!i) {
		ukarch_print("[warn] ukplatxen: cannot map the grant table: "
			     "no grants\n");
		return 0;
	}
	nrefs = i * PER_FRAME;
	unused = GNTTAB_NR_RESERVED_ENTRIES;
	return 0;
}

uk_init(UK_INIT_PLAT, UK_PRIO_AFTER(UK_PRIO_EARLIEST), xen_gnttab_init, NULL);
