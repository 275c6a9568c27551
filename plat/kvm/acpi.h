/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * acpi.c's side of kvm: find and verify the ACPI tables (for
 * <uk/plat/acpi.h>) and read the MADT for ioapic.c. The parsers take
 * their input and output explicitly so that tests/test_acpi.c can feed
 * them crafted tables.
 */
#ifndef KVM_ACPI_H
#define KVM_ACPI_H

#include <stdint.h>
#include <uk/plat/acpi.h>

#define KVM_ACPI_TABLES		32
#define KVM_MADT_IOAPICS	4
#define KVM_MADT_ISOS		16

struct kvm_acpi {
	const struct ukplat_acpi_sdt *t[KVM_ACPI_TABLES];
	unsigned int n;
	const struct ukplat_acpi_sdt *root;	/* the RSDT or XSDT */
};

/* MPS INTI flags of an interrupt source override (ACPI 6.5 table 5.26). */
#define KVM_INTI_POLARITY(f)	((f) & 3)	/* 0 bus default, 1 high, 3 low */
#define KVM_INTI_TRIGGER(f)	(((f) >> 2) & 3) /* 0 bus default, 1 edge, 3 level */

struct kvm_madt {
	unsigned int nioapic, niso;
	struct {
		uint32_t addr;
		uint32_t gsi_base;
		uint8_t id;
	} ioapic[KVM_MADT_IOAPICS];
	struct {
		uint8_t isa;	/* ISA IRQ (bus 0) */
		uint16_t flags;	/* MPS INTI flags */
		uint32_t gsi;
	} iso[KVM_MADT_ISOS];
};

/*
 * The RSDP's physical address: the boot protocol's (PVH rsdp_paddr,
 * kvm_boot_rsdp) if its signature and checksum hold, else the search
 * of ACPI 6.5 section 5.2.5.1 (the EBDA's first KiB, then
 * 0xe0000..0xfffff on 16-byte boundaries). 0 when there is none.
 */
uintptr_t kvm_acpi_find_rsdp(void);
extern uint64_t kvm_boot_rsdp;	/* bootinfo.c: from PVH start_info, or 0 */

/*
 * Fill *a from the RSDP at rsdp: the XSDT (revision >= 2) or RSDT, then
 * each table it lists. A table is kept only when it lies below 4 GiB,
 * is at least a header long, does not overlap the root or a table kept
 * before, and its checksum holds; each one skipped prints one line
 * naming it and why. 0, or -ENOENT (no valid RSDP or root: *a empty).
 */
int kvm_acpi_parse(struct kvm_acpi *a, uintptr_t rsdp);

/* The n-th table with signature sig in *a, or NULL. */
const struct ukplat_acpi_sdt *kvm_acpi_find(const struct kvm_acpi *a,
					    const char *sig, unsigned int n);

/*
 * Read the MADT (ACPI 6.5 section 5.2.12): IOAPICs (type 1) and
 * interrupt source overrides (type 2). An entry that runs past the
 * table's end, or is shorter than its type needs, makes the whole
 * table untrusted: one line, *m left empty, -EINVAL.
 */
int kvm_madt_parse(const struct ukplat_acpi_sdt *t, struct kvm_madt *m);

/* acpi.c, once, on first need (idempotent; not from interrupt
 * handlers): the tables ukplat_acpi_table() serves, and the MADT read
 * from them (nioapic == 0: none; ioapic.c then assumes QEMU's). */
void kvm_acpi_init(void);
extern struct kvm_madt kvm_madt;

#endif /* KVM_ACPI_H */
