/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Platform contract: the firmware's ACPI tables, as far as the platform
 * verified them. kvm reads them once, at UK_INIT_PLAT before interrupts
 * are set up (the MADT tells the IOAPIC's address and the interrupt
 * source overrides); a table whose length runs outside the low 4 GiB,
 * that overlaps another one or fails its checksum is skipped with one
 * line on the console and never returned here. Drivers use this for
 * what only they care about (PCI: MCFG, the ECAM windows).
 *
 * The returned tables are the firmware's, read only, for the image's
 * life. linuxu has none (NULL).
 */
#ifndef UK_PLAT_ACPI_H
#define UK_PLAT_ACPI_H

#include <stdint.h>

/* The System Description Table header, ACPI 6.5 section 5.2.6. */
struct ukplat_acpi_sdt {
	char signature[4];
	uint32_t length;	/* of the whole table, header included */
	uint8_t revision;
	uint8_t checksum;	/* all length bytes sum to 0 (mod 256) */
	char oem_id[6];
	char oem_table_id[8];
	uint32_t oem_revision;
	uint32_t creator_id;
	uint32_t creator_revision;
} __attribute__((packed));

/* The n-th (from 0) verified table with signature sig ("MCFG", "APIC",
 * ...), or NULL. Valid from UK_INIT_PLAT on (kvm: from the interrupt
 * set-up at its earliest priority). */
const struct ukplat_acpi_sdt *ukplat_acpi_table(const char *sig,
						unsigned int n);

#endif /* UK_PLAT_ACPI_H */
