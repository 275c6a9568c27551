/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tscprobe: "tscprobe: rdtsc delta N", N the TSC ticks across a console
 * write of a line (port I/O: the ns16550's THR and LSR) and four reads of
 * the local APIC's version register (MMIO, which QEMU under -icount
 * re-translates and logs twice), between the two rdtsc instructions of
 * main(). Under -icount shift=0 that is the number of guest instructions
 * from the first rdtsc up to the second.
 */
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include <uk/plat/console.h>

int main(void)
{
	static const char line[] = "Hello from tscprobe, a line through the serial port\n";
	volatile uint32_t *lapic_version = (volatile uint32_t *)0xfee00030UL;
	uint32_t v = 0;
	uint64_t t0, t1;
	int i;

	t0 = rdtsc();
	ukplat_console_write(line, sizeof(line) - 1);
	for (i = 0; i < 4; i++)
		v |= *lapic_version;
	t1 = rdtsc();
	ukarch_print("tscprobe: rdtsc delta ");
	ukarch_print_dec(t1 - t0);
	ukarch_print(v ? "\n" : " (no local APIC)\n");
	return 0;
}
