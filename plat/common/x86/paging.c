/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 guest page tables (kvm, xen): the final identity map, and the page-protection
 * contract (<uk/plat/paging.h>) on top of it.
 *
 * entry32.S maps [0, 4 GiB) RW with 1 GiB (or 2 MiB) pages. Before any
 * library runs, ukplat_x86_paging_init() turns that into:
 *
 *   [0, 4 KiB)              unmapped (a NULL dereference faults)
 *   [4 KiB, image)          RW NX, 4 KiB pages (BIOS areas, loader data)
 *   [image, __uk_text_end)  RX    (headers, text)
 *   [.., __uk_rodata_end)   R NX  (PVH note, rodata, init tables)
 *   [.., 2 MiB boundary)    RW NX (data, bss), boot stack guard unmapped
 *   rest of [0, 4 GiB)      RW NX, 2 MiB pages in the first GiB, then
 *                           1 GiB pages (or the boot 2 MiB ones) with NX
 *                           set in the PDPT entry
 *
 * All of the low 4 GiB stays mapped whatever the memory map says: MMIO
 * (LAPIC, IOAPIC, virtio-mmio, PCI BARs) lives in its holes and drivers
 * reach it before they map anything, and unreported RAM costs nothing
 * to map with large pages. RAM above 4 GiB is neither mapped nor
 * reported (memmap.c clips it). Cost: one 4 KiB page table per 2 MiB
 * the image touches (one for images under 1 MiB), taken from a static
 * pool, plus one page directory filled for the first GiB.
 *
 * Later changes walk the four levels, split a large page when a change
 * covers only part of it, and take page tables from the platform's own
 * pool: what is left of the static one, the unused boot page directories,
 * and one page per 2 MiB of free RAM taken out of the memory map at boot
 * (enough to split all of RAM into 4 KiB pages, 0.2 % of it). So the
 * contract holds in every configuration, with or without an allocator,
 * and the platform calls no library. A page mapped PROT_NONE keeps its
 * address with the present bit clear and PTE_PROTNONE set, so a later
 * protect restores it. A table a change replaces goes back to the pool.
 */
#include <uk/essentials.h>
#include <uk/arch/backtrace.h>
#include <uk/arch/cpu.h>
#include <uk/arch/paging.h>
#include <uk/arch/print.h>
#include <uk/plat/bootinfo.h>
#include <uk/plat/paging.h>
#include <x86/boot.h>
#include <x86/paging.h>

#define ENOENT	2	/* errno values are ABI: no libc needed */
#define ENOMEM	12
#define EINVAL	22

#define PAGE		4096UL
#define PTE_PROTNONE	X86_PTE_SW0	/* mapped, access faults */
#define TABLE_BITS	(X86_PTE_P | X86_PTE_RW)
#define LSIZE(l)	X86_LEVEL_SIZE(l)
/* More 4 KiB pages than this in one change: reload CR3, not invlpg. */
#define INVLPG_MAX	32

extern uint64_t x86_boot_pml4[X86_ENTRIES];
extern uint64_t x86_boot_pdpt[X86_ENTRIES];
extern uint64_t x86_boot_pd[X86_MAP_GIB][X86_ENTRIES];
extern char ukplat_x86_boot_stack_guard[], ukplat_x86_boot_stack_top[];

static uint64_t pool[CONFIG_PLAT_X86_PT_POOL][X86_ENTRIES] __uk_align(4096);
/* Free page tables: a stack linked through each table's first word. */
static uint64_t *spare;
static unsigned int nspare;
static uintptr_t pool_base;	/* the part taken from the memory map */
static unsigned int pool_ram;
static uint64_t pte_nx;		/* X86_PTE_NX once EFER.NXE is on */
static int max_leaf = 1;	/* 2 with 1 GiB pages */
static struct ukplat_stack_guard boot_guard;

static void table_put(uint64_t *t)
{
	t[0] = (uintptr_t)spare;
	spare = t;
	nspare++;
}

/* A zeroed page table, or NULL when the pool is empty. */
static uint64_t *table_get(void)
{
	uint64_t *t = spare;
	int i;

	if (!t)
		return NULL;
	spare = (uint64_t *)(uintptr_t)t[0];
	nspare--;
	for (i = 0; i < X86_ENTRIES; i++)
		t[i] = 0;
	return t;
}

/*
 * One page table per 2 MiB of free RAM, out of the memory map (the pages
 * become KERNEL there, so no allocator sees them). Without room for them
 * the pool keeps the static part and a warning says so.
 */
static void pool_reserve(void)
{
	struct ukplat_memregion r;
	uint64_t ram = 0, n, base;
	int i;

	for (i = 0; ukplat_memregion_get(i, &r) == 0; i++)
		if (r.flags == UKPLAT_MEMR_FREE)
			ram += r.len;
	n = (ram + LSIZE(1) - 1) / LSIZE(1);
	base = n ? ukplat_x86_memmap_take(n * PAGE) : 0;
	if (n && !base) {
		ukarch_print("[kvm] warning: no room for the page-table pool\n");
		return;
	}
	for (i = 0; (uint64_t)i < n; i++)
		table_put((uint64_t *)(uintptr_t)(base + i * PAGE));
	pool_base = base;
	pool_ram = n;
}

static uint64_t *table_of(uint64_t e)
{
	return (uint64_t *)(uintptr_t)(e & X86_PTE_ADDR);
}

/* A level-l entry is a leaf: a 4 KiB page, or a large one (PS). */
static int is_leaf(uint64_t e, int l)
{
	return l == 0 || (e & X86_PTE_PS);
}

/* Give back a table and the tables below it (a map replaced them). */
static void table_drop(uint64_t *t, int l)
{
	int i;

	for (i = 0; l > 1 && i < X86_ENTRIES; i++)
		if (t[i] && !is_leaf(t[i], l - 1))
			table_drop(table_of(t[i]), l - 1);
	table_put(t);
}

static uint64_t leaf_bits(unsigned int prot, int l)
{
	uint64_t b = X86_PTE_P;

	if (!(prot & (UKPLAT_PROT_READ | UKPLAT_PROT_WRITE | UKPLAT_PROT_EXEC)))
		b = PTE_PROTNONE;
	if (prot & UKPLAT_PROT_WRITE)
		b |= X86_PTE_RW;
	if (!(prot & UKPLAT_PROT_EXEC))
		b |= pte_nx;
	if (prot & UKPLAT_MAP_UNCACHED)
		b |= X86_PTE_PCD | X86_PTE_PWT;
	return l ? b | X86_PTE_PS : b;
}

/* Replace the large leaf *e (level l > 0) by a table of 512 smaller
 * leaves with the same address and bits: no translation changes. */
static int split(uint64_t *e, int l)
{
	uint64_t *t = table_get(), bits, base;
	int i;

	if (!t)
		return -ENOMEM;
	base = *e & X86_PTE_ADDR & ~(LSIZE(l) - 1);
	bits = *e & ~X86_PTE_ADDR;
	if (l == 1)
		bits &= ~(uint64_t)X86_PTE_PS;	/* bit 7 of a PTE is PAT */
	for (i = 0; i < X86_ENTRIES; i++)
		t[i] = (base + i * LSIZE(l - 1)) | bits;
	*e = (uintptr_t)t | TABLE_BITS;
	return 0;
}

/*
 * The level-l entry for va, creating missing tables and splitting large
 * leaves above level l. NULL when a table is needed and none is left.
 */
static uint64_t *entry_at(uintptr_t va, int l)
{
	uint64_t *t = x86_boot_pml4, *e, *n;
	int k;

	for (k = 3; k > l; k--) {
		e = &t[X86_PTE_INDEX(va, k)];
		if (!*e) {
			if (!(n = table_get()))
				return NULL;
			*e = (uintptr_t)n | TABLE_BITS;
		} else if (is_leaf(*e, k) && split(e, k)) {
			return NULL;
		}
		t = table_of(*e);
	}
	return &t[X86_PTE_INDEX(va, l)];
}

/*
 * The leaf mapping va, split until it lies inside [va, end). 0 with *ep
 * and *lp set; -ENOENT with *lp the level of the hole; -ENOMEM.
 */
static int leaf_in(uintptr_t va, uintptr_t end, uint64_t **ep, int *lp)
{
	uint64_t *t = x86_boot_pml4, *e;
	int l, rc;

	for (l = 3;; l--) {
		e = &t[X86_PTE_INDEX(va, l)];
		*lp = l;
		if (!*e)
			return -ENOENT;
		if (is_leaf(*e, l)) {
			if (!(va & (LSIZE(l) - 1)) && end - va >= LSIZE(l)) {
				*ep = e;
				return 0;
			}
			if ((rc = split(e, l)))
				return rc;
		}
		t = table_of(*e);
	}
}

int ukplat_x86_paging_lookup(uintptr_t va, uint64_t *pte)
{
	uint64_t *t = x86_boot_pml4, e;
	int l;

	for (l = 3;; l--) {
		e = t[X86_PTE_INDEX(va, l)];
		if (!e)
			return -ENOENT;
		if (is_leaf(e, l)) {
			*pte = e;
			return l;
		}
		t = table_of(e);
	}
}

uintptr_t ukplat_x86_paging_pool_ram(unsigned int *n)
{
	*n = pool_ram;
	return pool_base;
}

void *ukplat_x86_paging_pool_swap(void *list)
{
	uint64_t *old = spare, *t;

	spare = list;
	for (nspare = 0, t = spare; t; t = (uint64_t *)(uintptr_t)t[0])
		nspare++;
	return old;
}

unsigned int ukplat_x86_paging_spare(void)
{
	return nspare;
}

static void tlb_flush(uintptr_t va, size_t len, int all)
{
	if (all || len > INVLPG_MAX * PAGE) {
		ukarch_tlb_flush_all();
		return;
	}
	for (; len; va += PAGE, len -= PAGE)
		ukarch_invlpg(va);
}

static int range_ok(uintptr_t va, size_t len)
{
	return !(va & (PAGE - 1)) && !(len & (PAGE - 1)) && va + len >= va &&
	       va + len <= X86_VA_LIMIT;
}

int ukplat_page_map(uintptr_t va, uintptr_t pa, size_t len, unsigned int prot)
{
	unsigned long irq;
	uintptr_t end = va + len;
	uint64_t *e;
	int l, rc = 0, big = 0;

	if (!range_ok(va, len) || (pa & (PAGE - 1)))
		return -EINVAL;
	irq = ukarch_irq_save();
	while (va < end) {
		for (l = max_leaf; l > 0; l--)
			if (!((va | pa) & (LSIZE(l) - 1)) && end - va >= LSIZE(l))
				break;
		if (!(e = entry_at(va, l))) {
			rc = -ENOMEM;
			big = 1;
			break;
		}
		if (l && *e && !is_leaf(*e, l))
			table_drop(table_of(*e), l);
		big |= l > 0;
		*e = pa | leaf_bits(prot, l);
		va += LSIZE(l);
		pa += LSIZE(l);
	}
	tlb_flush(end - len, len, big);
	ukarch_irq_restore(irq);
	return rc;
}

/* Pass 1 of protect/unmap: split what the range cuts, find holes. */
static int prepare(uintptr_t va, uintptr_t end, int holes_ok, int *big)
{
	uint64_t *e;
	int l, rc;

	while (va < end) {
		rc = leaf_in(va, end, &e, &l);
		if (rc == -ENOENT && holes_ok) {
			va = (va | (LSIZE(l) - 1)) + 1;
			continue;
		}
		if (rc)
			return rc;
		*big |= l > 0;
		va += LSIZE(l);
	}
	return 0;
}

/* Pass 2: set every leaf of [va, end) to bits (0: unmap), or keep the
 * address and set prot. Cannot fail after prepare(). */
static void apply(uintptr_t va, uintptr_t end, int unmap, unsigned int prot)
{
	uint64_t *e;
	int l;

	while (va < end) {
		if (leaf_in(va, end, &e, &l)) {
			va = (va | (LSIZE(l) - 1)) + 1;
			continue;
		}
		*e = unmap ? 0 : (*e & X86_PTE_ADDR) | leaf_bits(prot, l);
		va += LSIZE(l);
	}
}

static int change(uintptr_t va, size_t len, int unmap, unsigned int prot)
{
	unsigned long irq;
	int rc, big = 0;

	if (!range_ok(va, len))
		return -EINVAL;
	irq = ukarch_irq_save();
	rc = prepare(va, va + len, unmap, &big);
	if (!rc)
		apply(va, va + len, unmap, prot);
	/* Splits alone change no translation, but flush anyway: cheap. */
	tlb_flush(va, len, big);
	ukarch_irq_restore(irq);
	return rc;
}

int ukplat_page_protect(uintptr_t va, size_t len, unsigned int prot)
{
	return change(va, len, 0, prot);
}

int ukplat_page_unmap(uintptr_t va, size_t len)
{
	return change(va, len, 1, 0);
}


/*
 * pte[0..n) = e, e + step, e + 2 step, ...; returns pte + n. Four
 * entries a round: this is most of the boot's page-table cost (about
 * 2.5 instructions an entry at -Os instead of 13 for a plain loop).
 */
static __attribute__((always_inline)) inline uint64_t *
fill(uint64_t *pte, uint64_t e, uintptr_t n, uint64_t step)
{
	for (; n >= 4; n -= 4, pte += 4, e += 4 * step) {
		pte[0] = e;
		pte[1] = e + step;
		pte[2] = e + 2 * step;
		pte[3] = e + 3 * step;
	}
	for (; n; n--, e += step)
		*pte++ = e;
	return pte;
}

void ukplat_x86_paging_init(void)
{
	uintptr_t img = (uintptr_t)__uk_image_start;
	uintptr_t text = (uintptr_t)__uk_text_end;
	uintptr_t ro = (uintptr_t)__uk_rodata_end;
	uintptr_t npt = ((uintptr_t)__uk_image_end + LSIZE(1) - 1) >> 21;
	uintptr_t full = npt, i;
	uint64_t *pt = pool[0], *pd = x86_boot_pd[0], *p;
	uint64_t rw = X86_PTE_P | X86_PTE_RW;
	uint32_t a, b, c, d;

	cpuid(X86_CPUID_EXT_FEATURES, 0, &a, &b, &c, &d);
	if (d & X86_CPUID_EDX_NX) {
		wrmsr(X86_MSR_EFER, rdmsr(X86_MSR_EFER) | X86_EFER_NXE);
		pte_nx = X86_PTE_NX;
	}
	if (npt > CONFIG_PLAT_X86_PT_POOL) {
		ukarch_print("[plat] warning: the image spans more 2 MiB pages "
			     "than PLAT_X86_PT_POOL; its end stays RWX\n");
		npt = CONFIG_PLAT_X86_PT_POOL;
	}

	/*
	 * The 2 MiB pages the image touches become 4 KiB pages, in pool[0..
	 * npt) (one array: .bss, zeroed, so page 0 stays unmapped).
	 */
	p = fill(pt + 1, PAGE | rw | pte_nx, (img >> 12) - 1, PAGE);
	p = fill(p, img | X86_PTE_P, (text - img) >> 12, PAGE);
	p = fill(p, text | X86_PTE_P | pte_nx, (ro - text) >> 12, PAGE);
	fill(p, ro | rw | pte_nx, (npt << 9) - (ro >> 12), PAGE);

	/* The first GiB's PD: those PTs, then 2 MiB pages RW NX. */
	for (i = 0; i < npt; i++)
		pd[i] = (uintptr_t)pool[i] | TABLE_BITS;
	p = fill(pd + npt, (npt << 21) | rw | X86_PTE_PS, full - npt,
		 LSIZE(1));			/* RWX: only if the pool was short */
	fill(p, (full << 21) | rw | X86_PTE_PS | pte_nx, X86_ENTRIES - full,
	     LSIZE(1));
	x86_boot_pdpt[0] = (uintptr_t)pd | TABLE_BITS;
	for (i = 1; i < X86_MAP_GIB; i++)
		x86_boot_pdpt[i] |= pte_nx;
	ukarch_tlb_flush_all();

	/* What is left for later: the pool's rest, unused boot PDs. */
	for (i = CONFIG_PLAT_X86_PT_POOL; i > npt; i--)
		table_put(pool[i - 1]);
	if (x86_boot_pdpt[1] & X86_PTE_PS) {
		max_leaf = 2;			/* 1 GiB pages */
		for (i = 1; i < X86_MAP_GIB; i++)
			table_put(x86_boot_pd[i]);
	}

	pool_reserve();
	ukplat_stack_guard_register(&boot_guard,
				    (uintptr_t)ukplat_x86_boot_stack_guard, PAGE,
				    "boot");
}

static void print_in(const char *what, uintptr_t addr)
{
	uintptr_t off = 0;
	const char *name = ukarch_symbol_lookup(addr, &off);

	ukarch_print("  cr2 is in ");
	ukarch_print(what);
	if (name) {
		ukarch_print(": ");
		ukarch_print(name);
		ukarch_print("+");
		ukarch_print_hex(off, 1);
	}
	ukarch_print("\n");
}

void ukplat_x86_paging_explain(uintptr_t addr)
{
	const struct ukplat_stack_guard *g = ukplat_stack_guard_find(addr);

	if (g) {
		ukarch_print("  stack overflow: cr2 is in the guard page of "
			     "the \"");
		ukarch_print(g->name);
		ukarch_print("\" stack [");
		ukarch_print_hex(g->lo, 1);
		ukarch_print(", ");
		ukarch_print_hex(g->hi, 1);
		ukarch_print(")\n");
	} else if (addr < PAGE) {
		ukarch_print("  NULL pointer dereference: page 0 is unmapped\n");
	} else if (addr >= (uintptr_t)__uk_image_start &&
		   addr < (uintptr_t)__uk_text_end) {
		print_in(".text (read-only, executable)", addr);
	} else if (addr >= (uintptr_t)__uk_text_end &&
		   addr < (uintptr_t)__uk_rodata_end) {
		print_in(".rodata (read-only, not executable)", addr);
	} else if (addr >= (uintptr_t)__uk_rodata_end &&
		   addr < (uintptr_t)__uk_image_end) {
		print_in(".data/.bss (not executable)", addr);
	}
}
