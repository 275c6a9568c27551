/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Powering off with a status. QEMU's isa-debug-exit device (the runner
 * always adds it at port 0xf4) ends QEMU with exit code (status << 1) | 1,
 * which keeps only 7 bits of the status. So first the whole status goes
 * out as a line, "uk-exit N" (N = 0..255) or "uk-exit crash", on the
 * status port 0xe9, where the runner puts an isa-debugcon device that
 * writes to a file; it checks the line against the exit code's 7 bits.
 * Without that device the writes go nowhere. Without isa-debug-exit, we
 * try the shutdown means that need no ACPI table parsing, which end the
 * VM but lose the status:
 *   - PM1a control at 0x604 (q35 firmware's PMBASE 0x600) and 0xb004
 *     (SeaBIOS's PMBASE on pc/i440fx): SLP_EN with SLP_TYP 0 = S5 in
 *     QEMU's DSDT;
 *   - microvm's ACPI GED sleep register (MMIO 0xfea00200, S5 | SLP_EN),
 *     present with its default acpi=on; harmless elsewhere (unassigned
 *     MMIO in the boot identity map).
 * If all fail, halt with interrupts off.
 */
#include <uk/fmt.h>
#include <uk/arch/cpu.h>
#include <uk/plat/power.h>

#define DEBUG_EXIT_PORT		0xf4
#define STATUS_PORT		0xe9
#define PM1_CNT_Q35		0x604
#define PM1_CNT_PIIX		0xb004
#define PM1_SLP_EN		0x2000
#define MICROVM_GED_SLEEP_CTL	0xfea00200UL
#define GED_SLP_S5_EN		((5 << 2) | (1 << 5))

static void status_puts(const char *s)
{
	while (*s)
		outb(STATUS_PORT, (uint8_t)*s++);
}

/* "\nuk-exit N\n" or "\nuk-exit crash\n" on the status port. */
static void status_line(int status)
{
	char num[4] = "";

	status_puts("\nuk-exit ");
	if (status == UKPLAT_EXIT_CRASH) {
		status_puts("crash\n");
		return;
	}
	status_puts(uk_fmt_uint(num + 3, (unsigned int)status & 0xff, 10, 0));
	status_puts("\n");
}

void ukplat_poweroff(int status)
{
	ukarch_irq_disable();
	if (status != UKPLAT_EXIT_CRASH)
		status &= 0xff;
	status_line(status);
	outl(DEBUG_EXIT_PORT, (uint32_t)status & 0xff);
	outw(PM1_CNT_Q35, PM1_SLP_EN);
	outw(PM1_CNT_PIIX, PM1_SLP_EN);
	*(volatile uint8_t *)MICROVM_GED_SLEEP_CTL = GED_SLP_S5_EN;
	for (;;)
		ukarch_halt();
}
