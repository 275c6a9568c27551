/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ACPI, as far as the platform needs it: find the RSDP, walk the RSDT or
 * XSDT, keep every table that verifies, and read the MADT (IOAPICs and
 * interrupt source overrides) for ioapic.c. Nothing here interprets AML.
 *
 * Trust: the tables come from firmware (QEMU's, via qboot/SeaBIOS or
 * microvm's loader) and are checked before use. A table is used only
 * when all of it lies in the boot identity map (below 4 GiB), it is at
 * least a header long, it does not overlap the root table or a table
 * already kept, and its bytes sum to zero (ACPI 6.5 section 5.2.6). A
 * table that fails prints one line and is left out, as if absent.
 *
 * Runs once, on first need (the first interrupt line routed, the first
 * ukplat_acpi_table() call), so an image that uses neither pays
 * nothing: ~11k instructions on QEMU pc, most of it the RSDP scan. Page
 * 0 is mapped read-only for a moment to read the EBDA pointer.
 */
#include <uk/arch/print.h>
#include <uk/plat/paging.h>
#include "acpi.h"
#include "kvm.h"
#include <x86/boot.h>

#define EINVAL	22
#define ENOENT	2
#define MAX_TABLE_LEN	(16UL << 20)	/* a sanity bound, not a rule */

/* ACPI 6.5 section 5.2.5.3: the RSDP. */
struct rsdp {
	char signature[8];	/* "RSD PTR " */
	uint8_t checksum;	/* over the first 20 bytes */
	char oem_id[6];
	uint8_t revision;	/* 0: ACPI 1.0 (RSDT only); 2: XSDT too */
	uint32_t rsdt;
	uint32_t length;	/* revision >= 2 */
	uint64_t xsdt;
	uint8_t xchecksum;	/* over length bytes */
	uint8_t reserved[3];
} __attribute__((packed));

struct madt_entry {
	uint8_t type;
	uint8_t length;
} __attribute__((packed));

uint64_t kvm_boot_rsdp;
struct kvm_madt kvm_madt;
static struct kvm_acpi tables;

static uint8_t sum(const void *p, uintptr_t len)
{
	const uint8_t *b = p;
	uint8_t s = 0;

	while (len--)
		s += *b++;
	return s;
}

static int in_map(uintptr_t pa, uintptr_t len)
{
	return pa && pa + len > pa && pa + len <= X86_MAP_LIMIT;
}

static void say(const char *sig, uintptr_t pa, const char *why)
{
	char s[5] = { '?', '?', '?', '?', 0 };
	unsigned int i;

	for (i = 0; sig && i < 4; i++)
		s[i] = (sig[i] >= ' ' && sig[i] < 0x7f) ? sig[i] : '?';
	ukarch_print("[warn] ukplatkvm: ACPI table ");
	ukarch_print(s);
	ukarch_print(" at ");
	ukarch_print_hex(pa, 8);
	ukarch_print(": ");
	ukarch_print(why);
	ukarch_print(": skipped\n");
}

#define RSDP_SIG 0x2052545020445352ULL	/* "RSD PTR ", little-endian */

static int rsdp_ok(uintptr_t pa)
{
	const struct rsdp *r = (const struct rsdp *)pa;

	if (!in_map(pa, 20) || *(const uint64_t *)pa != RSDP_SIG)
		return 0;
	if (sum(r, 20))
		return 0;
	if (r->revision >= 2 && (!in_map(pa, sizeof(*r)) ||
				 r->length < sizeof(*r) ||
				 !in_map(pa, r->length) || sum(r, r->length)))
		return 0;
	return 1;
}

/* The signature first, 8 bytes at a time: the scan is most of the
 * cost of ACPI at boot (QEMU's RSDP sits near 0xf35e0 or 0xf59d0). */
static uintptr_t scan(uintptr_t lo, uintptr_t hi)
{
	for (lo = (lo + 15) & ~15UL; lo + 20 <= hi; lo += 16)
		if (*(const volatile uint64_t *)lo == RSDP_SIG && rsdp_ok(lo))
			return lo;
	return 0;
}

uintptr_t kvm_acpi_find_rsdp(void)
{
	uintptr_t ebda = 0, r;

	if (kvm_boot_rsdp && rsdp_ok(kvm_boot_rsdp))
		return kvm_boot_rsdp;
	/* The EBDA's segment is the BIOS data area's word at 0x40e, in the
	 * unmapped page 0: map it read-only just for this read. */
	if (!ukplat_page_map(0, 0, UKPLAT_PAGE_SIZE, UKPLAT_PROT_READ)) {
		uintptr_t bda = 0x40e;	/* hidden from gcc's bounds check */

		__asm__("" : "+r"(bda));
		ebda = (uintptr_t)*(volatile uint16_t *)bda << 4;
		ukplat_page_unmap(0, UKPLAT_PAGE_SIZE);
	}
	if (ebda >= 0x80000 && ebda < 0xa0000 && (r = scan(ebda, ebda + 1024)))
		return r;
	/* ACPI 6.5 section 5.2.5.1: 0xe0000..0xfffff; the F segment first,
	 * where firmware puts it (one RSDP: the order cannot matter). */
	if ((r = scan(0xf0000, 0x100000)))
		return r;
	return scan(0xe0000, 0xf0000);
}

static int overlaps(const struct kvm_acpi *a, uintptr_t pa, uintptr_t len)
{
	uintptr_t b, e;
	unsigned int i;

	for (i = 0; i <= a->n; i++) {
		const struct ukplat_acpi_sdt *t = i < a->n ? a->t[i] : a->root;

		b = (uintptr_t)t;
		e = b + t->length;
		if (pa < e && b < pa + len)
			return 1;
	}
	return 0;
}

/* Is the table at pa whole and sound? NULL (and one line) if not. */
static const struct ukplat_acpi_sdt *check(const struct kvm_acpi *a,
					   uintptr_t pa)
{
	const struct ukplat_acpi_sdt *t = (const void *)pa;

	if (!in_map(pa, sizeof(*t))) {
		say(NULL, pa, "outside the low 4 GiB");
		return NULL;
	}
	if (t->length < sizeof(*t) || t->length > MAX_TABLE_LEN) {
		say(t->signature, pa, "truncated (length below its header)");
		return NULL;
	}
	if (!in_map(pa, t->length)) {
		say(t->signature, pa, "runs past 4 GiB");
		return NULL;
	}
	if (a && overlaps(a, pa, t->length)) {
		say(t->signature, pa, "overlaps another table");
		return NULL;
	}
	if (sum(t, t->length)) {
		say(t->signature, pa, "bad checksum");
		return NULL;
	}
	return t;
}

/*
 * The DSDT is not listed in the RSDT/XSDT: the FADT ("FACP") points at
 * it (ACPI 6.5 section 5.2.9: DSDT at offset 40, X_DSDT at 140 when the
 * table is long enough and it is set). Kept, checked like the others,
 * for readers of its static content (ukvirtio finds microvm's
 * virtio-mmio devices there); its AML is not interpreted.
 */
static void add_dsdt(struct kvm_acpi *a)
{
	const struct ukplat_acpi_sdt *f = kvm_acpi_find(a, "FACP", 0), *t;
	const uint8_t *b = (const uint8_t *)f;
	uint64_t pa = 0;
	int k;

	if (!f || f->length < 44 || a->n == KVM_ACPI_TABLES)
		return;
	if (f->length >= 148)
		for (k = 7; k >= 0; k--)
			pa = pa << 8 | b[140 + k];
	if (!pa)
		pa = b[40] | b[41] << 8 | b[42] << 16 | (uint32_t)b[43] << 24;
	if (pa && (t = check(a, pa)))
		a->t[a->n++] = t;
}

int kvm_acpi_parse(struct kvm_acpi *a, uintptr_t rsdp)
{
	const struct rsdp *r = (const struct rsdp *)rsdp;
	const struct ukplat_acpi_sdt *root, *t;
	uintptr_t entries, pa;
	unsigned int i, n, width;

	a->n = 0;
	a->root = NULL;
	if (!rsdp || !rsdp_ok(rsdp))
		return -ENOENT;
	/* ACPI 6.5 section 5.2.8: use the XSDT when there is one. */
	width = (r->revision >= 2 && r->xsdt) ? 8 : 4;
	pa = width == 8 ? r->xsdt : r->rsdt;
	root = check(NULL, pa);
	if (!root)
		return -ENOENT;
	a->root = root;
	entries = (uintptr_t)root + sizeof(*root);
	n = (root->length - sizeof(*root)) / width;
	for (i = 0; i < n; i++) {
		/* Entries may be unaligned (the XSDT's are, after a 36-byte
		 * header): read them bytewise. */
		const uint8_t *e = (const uint8_t *)entries + i * width;
		uint64_t v = 0;
		int k;

		for (k = width - 1; k >= 0; k--)
			v = v << 8 | e[k];
		if (a->n == KVM_ACPI_TABLES) {
			say(NULL, v, "more than 32 tables");
			continue;
		}
		t = check(a, v);
		if (t)
			a->t[a->n++] = t;
	}
	return 0;
}

static int sig_eq(const char *a, const char *b)
{
	return a[0] == b[0] && a[1] == b[1] && a[2] == b[2] && a[3] == b[3];
}

const struct ukplat_acpi_sdt *kvm_acpi_find(const struct kvm_acpi *a,
					    const char *sig, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < a->n; i++)
		if (sig_eq(a->t[i]->signature, sig) && n-- == 0)
			return a->t[i];
	return NULL;
}

const struct ukplat_acpi_sdt *ukplat_acpi_table(const char *sig,
						unsigned int n)
{
	static int dsdt_done;

	kvm_acpi_init();
	if (!dsdt_done && sig_eq(sig, "DSDT")) {
		dsdt_done = 1;
		add_dsdt(&tables);
	}
	return kvm_acpi_find(&tables, sig, n);
}

static uint32_t rd32(const uint8_t *p)
{
	return p[0] | p[1] << 8 | p[2] << 16 | (uint32_t)p[3] << 24;
}

int kvm_madt_parse(const struct ukplat_acpi_sdt *t, struct kvm_madt *m)
{
	const uint8_t *p = (const uint8_t *)t + sizeof(*t) + 8;
	const uint8_t *end = (const uint8_t *)t + t->length;
	const struct madt_entry *e;

	m->nioapic = m->niso = 0;
	if (t->length < sizeof(*t) + 8)
		goto bad;
	for (; p < end; p += e->length) {
		e = (const struct madt_entry *)p;
		if (p + 2 > end || e->length < 2 || p + e->length > end)
			goto bad;
		switch (e->type) {
		case 1:	/* I/O APIC, section 5.2.12.3 */
			if (e->length < 12)
				goto bad;
			if (m->nioapic == KVM_MADT_IOAPICS)
				break;
			m->ioapic[m->nioapic].id = p[2];
			m->ioapic[m->nioapic].addr = rd32(p + 4);
			m->ioapic[m->nioapic].gsi_base = rd32(p + 8);
			m->nioapic++;
			break;
		case 2:	/* Interrupt Source Override, section 5.2.12.5 */
			if (e->length < 10)
				goto bad;
			if (p[2] != 0 || m->niso == KVM_MADT_ISOS)
				break;	/* bus 0 (ISA) is the only one defined */
			m->iso[m->niso].isa = p[3];
			m->iso[m->niso].gsi = rd32(p + 4);
			m->iso[m->niso].flags = p[8] | p[9] << 8;
			m->niso++;
			break;
		}
	}
	return 0;
bad:
	m->nioapic = m->niso = 0;
	say(t->signature, (uintptr_t)t, "entry runs past its end");
	return -EINVAL;
}

void kvm_acpi_init(void)
{
	static int done;
	const struct ukplat_acpi_sdt *madt;

	if (done)
		return;
	done = 1;
	if (kvm_acpi_parse(&tables, kvm_acpi_find_rsdp()) < 0) {
		ukarch_print("[warn] ukplatkvm: no valid ACPI RSDP/RSDT: "
			     "QEMU's IOAPIC layout assumed\n");
		return;
	}
	madt = kvm_acpi_find(&tables, "APIC", 0);
	if (!madt || kvm_madt_parse(madt, &kvm_madt) < 0 || !kvm_madt.nioapic)
		ukarch_print("[warn] ukplatkvm: no usable MADT: "
			     "QEMU's IOAPIC layout assumed\n");
}
