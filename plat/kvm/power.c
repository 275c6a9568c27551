/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Powering off with a status. QEMU's isa-debug-exit device (the runner
 * always adds it at port 0xf4) ends QEMU with exit code (status << 1) | 1,
 * which carries the status. Without it, we try the shutdown means that
 * need no ACPI table parsing, which end the VM but lose the status:
 *   - PM1a control at 0x604 (q35 firmware's PMBASE 0x600) and 0xb004
 *     (SeaBIOS's PMBASE on pc/i440fx): SLP_EN with SLP_TYP 0 = S5 in
 *     QEMU's DSDT;
 *   - microvm's ACPI GED sleep register (MMIO 0xfea00200, S5 | SLP_EN),
 *     present with its default acpi=on; harmless elsewhere (unassigned
 *     MMIO in the boot identity map).
 * If all fail, halt with interrupts off.
 */
#include <uk/arch/cpu.h>
#include <uk/plat/power.h>

#define DEBUG_EXIT_PORT		0xf4
#define PM1_CNT_Q35		0x604
#define PM1_CNT_PIIX		0xb004
#define PM1_SLP_EN		0x2000
#define MICROVM_GED_SLEEP_CTL	0xfea00200UL
#define GED_SLP_S5_EN		((5 << 2) | (1 << 5))

void ukplat_poweroff(int status)
{
	ukarch_irq_disable();
	outl(DEBUG_EXIT_PORT, (uint32_t)status);
	outw(PM1_CNT_Q35, PM1_SLP_EN);
	outw(PM1_CNT_PIIX, PM1_SLP_EN);
	*(volatile uint8_t *)MICROVM_GED_SLEEP_CTL = GED_SLP_S5_EN;
	for (;;)
		ukarch_halt();
}
