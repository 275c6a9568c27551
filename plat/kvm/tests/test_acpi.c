/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * acpi.c and ioapic.c against crafted tables (a bad checksum, a table
 * shorter than its header, one overlapping another, a MADT entry running
 * past the table, a bad RSDP) and against what QEMU really gives: a MADT
 * with the IOAPIC at 0xfec00000 and ISA IRQ 0 overridden to GSI 2.
 */
#include <uk/test.h>
#include "../acpi.h"
#include "../apic.h"

#define ENOENT 2
#define EINVAL 22

struct hdr {
	char sig[4];
	uint32_t len;
	uint8_t rev, sum;
	char oem[6], oemt[8];
	uint32_t oemr, cid, crev;
} __attribute__((packed));

static uint8_t mem[4096] __attribute__((aligned(16)));

static void fix(void *p, unsigned int len, uint8_t *sump)
{
	uint8_t s = 0;
	unsigned int i;

	*sump = 0;
	for (i = 0; i < len; i++)
		s += ((uint8_t *)p)[i];
	*sump = -s;
}

static struct hdr *table(unsigned int off, const char *sig, unsigned int len)
{
	struct hdr *h = (struct hdr *)(mem + off);
	unsigned int i;

	for (i = 0; i < 4; i++)
		h->sig[i] = sig[i];
	h->len = len;
	h->rev = 1;
	return h;
}

/* A MADT at off: one IOAPIC (id 1, 0xfec00000, GSI 0), two overrides. */
static struct hdr *madt(unsigned int off)
{
	struct hdr *h = table(off, "APIC", 36 + 8 + 12 + 10 + 10);
	uint8_t *e = (uint8_t *)h + 44;
	uint8_t io[12] = { 1, 12, 1, 0, 0x00, 0x00, 0xc0, 0xfe, 0, 0, 0, 0 };
	uint8_t i0[10] = { 2, 10, 0, 0, 2, 0, 0, 0, 0, 0 };
	uint8_t i9[10] = { 2, 10, 0, 9, 9, 0, 0, 0, 0x0d, 0 };
	unsigned int i;

	for (i = 0; i < 12; i++)
		e[i] = io[i];
	for (i = 0; i < 10; i++) {
		e[12 + i] = i0[i];
		e[22 + i] = i9[i];
	}
	fix(h, h->len, &h->sum);
	return h;
}

/* RSDP (revision 0) at 0, RSDT at 64 listing the given tables. */
static uintptr_t rsdp(const struct hdr **t, unsigned int n)
{
	uint8_t *r = mem;
	struct hdr *rsdt = table(64, "RSDT", 36 + 4 * n);
	const char *sig = "RSD PTR ";
	unsigned int i;

	for (i = 0; i < 8; i++)
		r[i] = sig[i];
	r[15] = 0;
	*(uint32_t *)(r + 16) = (uint32_t)(uintptr_t)rsdt;
	fix(r, 20, &r[8]);
	for (i = 0; i < n; i++)
		((uint32_t *)((uint8_t *)rsdt + 36))[i] = (uintptr_t)t[i];
	fix(rsdt, rsdt->len, &rsdt->sum);
	return (uintptr_t)mem;
}

UK_TESTCASE(kvmacpi, bad_tables_skipped)
{
	struct kvm_acpi a;
	struct kvm_madt m;
	const struct hdr *t[5];
	struct hdr *bad, *trunc, *big, *over;

	t[0] = madt(256);
	bad = table(512, "BADC", 40);
	fix(bad, 40, &bad->sum);
	bad->oemr ^= 1;			/* one bit flipped after the sum */
	t[1] = bad;
	trunc = table(768, "TRNC", 20);	/* shorter than a header */
	t[2] = trunc;
	/* OVLP lies inside BIG; both sums hold, BIG is listed first. */
	over = table(1024 + 60, "OVLP", 36);
	fix(over, 36, &over->sum);
	big = table(1024, "BIG_", 200);
	fix(big, 200, &big->sum);
	t[3] = big;
	t[4] = over;
	UK_TEST_ASSERT_INT_EQ(kvm_acpi_parse(&a, rsdp(t, 5)), 0);
	UK_TEST_EXPECT_UINT_EQ(a.n, 2);
	UK_TEST_EXPECT(kvm_acpi_find(&a, "BIG_", 0) == (const void *)big);
	UK_TEST_EXPECT(kvm_acpi_find(&a, "APIC", 0) == (const void *)t[0]);
	UK_TEST_EXPECT(kvm_acpi_find(&a, "APIC", 1) == NULL);
	UK_TEST_EXPECT(kvm_acpi_find(&a, "BADC", 0) == NULL);
	UK_TEST_EXPECT(kvm_acpi_find(&a, "TRNC", 0) == NULL);
	UK_TEST_EXPECT(kvm_acpi_find(&a, "OVLP", 0) == NULL);
	UK_TEST_ASSERT_INT_EQ(kvm_madt_parse((const void *)t[0], &m), 0);
	UK_TEST_EXPECT_UINT_EQ(m.nioapic, 1);
	UK_TEST_EXPECT_UINT_EQ(m.ioapic[0].addr, 0xfec00000);
	UK_TEST_EXPECT_UINT_EQ(m.niso, 2);
	UK_TEST_EXPECT_UINT_EQ(m.iso[1].isa, 9);
	UK_TEST_EXPECT_UINT_EQ(KVM_INTI_TRIGGER(m.iso[1].flags), 3);
	UK_TEST_EXPECT_UINT_EQ(KVM_INTI_POLARITY(m.iso[1].flags), 1);
}

UK_TESTCASE(kvmacpi, madt_entry_past_end)
{
	struct kvm_madt m;
	struct hdr *h = madt(256);

	((uint8_t *)h)[44 + 12 + 10 + 1] = 40;	/* last entry: 40 bytes */
	fix(h, h->len, &h->sum);		/* checksum still fine */
	UK_TEST_EXPECT_INT_EQ(kvm_madt_parse((const void *)h, &m), -EINVAL);
	UK_TEST_EXPECT_UINT_EQ(m.nioapic, 0);
	UK_TEST_EXPECT_UINT_EQ(m.niso, 0);
}

UK_TESTCASE(kvmacpi, bad_rsdp_refused)
{
	struct kvm_acpi a;
	const struct hdr *t[1];

	t[0] = madt(256);
	rsdp(t, 1);
	mem[9] ^= 0x40;			/* the OEM id, under the checksum */
	UK_TEST_EXPECT_INT_EQ(kvm_acpi_parse(&a, (uintptr_t)mem), -ENOENT);
	UK_TEST_EXPECT_UINT_EQ(a.n, 0);
	rsdp(t, 1);
	((struct hdr *)(mem + 64))->crev ^= 1;	/* the RSDT's sum now off */
	UK_TEST_EXPECT_INT_EQ(kvm_acpi_parse(&a, (uintptr_t)mem), -ENOENT);
}

/*
 * What QEMU describes, read at boot: pc and q35 have one IOAPIC and ISA
 * IRQ 0 overridden to GSI 2; microvm a second IOAPIC (GSI 24 on, for
 * virtio-mmio) and no override. Every override is what routing uses.
 */
UK_TESTCASE(kvmacpi, qemu_madt)
{
	unsigned int gsi, rte, i;

	UK_TEST_ASSERT(ukplat_acpi_table("APIC", 0) != NULL);
	UK_TEST_ASSERT_UINT_GE(kvm_madt.nioapic, 1);
	UK_TEST_EXPECT_UINT_EQ(kvm_madt.ioapic[0].addr, 0xfec00000);
	UK_TEST_EXPECT_UINT_EQ(kvm_madt.ioapic[0].gsi_base, 0);
	if (kvm_madt.nioapic == 1) {
		rte = kvm_ioapic_rte(0, &gsi);
		UK_TEST_EXPECT_UINT_EQ(gsi, 2);	/* the PIT's override */
		UK_TEST_EXPECT_UINT_EQ(rte, 0);	/* edge, active high */
	} else {
		UK_TEST_EXPECT_UINT_EQ(kvm_madt.nioapic, 2);
		UK_TEST_EXPECT_UINT_EQ(kvm_madt.ioapic[1].gsi_base, 24);
	}
	for (i = 0; i < kvm_madt.niso; i++) {
		kvm_ioapic_rte(kvm_madt.iso[i].isa, &gsi);
		UK_TEST_EXPECT_UINT_EQ(gsi, kvm_madt.iso[i].gsi);
	}
	rte = kvm_ioapic_rte(8, &gsi);
	UK_TEST_EXPECT_UINT_EQ(gsi, 8);
	rte = kvm_ioapic_rte(16, &gsi);
	UK_TEST_EXPECT_UINT_EQ(gsi, 16);
	UK_TEST_EXPECT_UINT_EQ(rte, (1U << 15) | (1U << 13)); /* level, low */
}
