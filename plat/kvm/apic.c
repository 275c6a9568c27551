/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The local APIC: x2APIC (MSRs) when CPUID offers it, else xAPIC (MMIO
 * at the base IA32_APIC_BASE names, 0xfee00000 on every QEMU machine).
 * It delivers the IOAPIC's interrupts and owns the one-shot timer:
 * TSC-deadline mode when CPUID says so (the deadline is a TSC value, no
 * conversion), else the LAPIC timer in one-shot mode, whose count rate
 * tsc.c measures once against the TSC.
 *
 * LINT0 (the legacy PIC's ExtINT) is masked: the PIC is not used. LINT1
 * stays NMI. Errors are masked. Single CPU: no IPIs but the self-IPI the
 * tests use.
 */
#include <uk/arch/cpu.h>
#include <uk/essentials.h>
#include "apic.h"

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	(1UL << 11)
#define APIC_BASE_X2APIC	(1UL << 10)
#define MSR_TSC_DEADLINE	0x6e0
#define MSR_X2APIC(reg)		(0x800 + ((reg) >> 4))

#define CPUID1_ECX_X2APIC	(1U << 21)
#define CPUID1_ECX_TSC_DL	(1U << 24)

/* Register offsets (xAPIC MMIO; x2APIC MSR = 0x800 + offset / 16). */
#define APIC_ID		0x020
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_ESR	0x280
#define APIC_ICR	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0

#define SVR_ENABLE	0x100
#define LVT_MASKED	(1U << 16)
#define LVT_NMI		(4U << 8)
#define LVT_ONESHOT	(0U << 17)
#define LVT_DEADLINE	(2U << 17)
#define TIMER_DIV_1	0xb
#define ICR_SELF	(1U << 18)	/* destination shorthand: self */

static volatile uint32_t *mmio;		/* xAPIC; NULL with x2APIC */
/* Menu: "timer: lapic" forbids TSC-deadline mode even when offered. */
#ifdef CONFIG_PLAT_KVM_TIMER_LAPIC
static const int timer_lapic_only = 1;
#else
static const int timer_lapic_only;
#endif
static int deadline_mode;

static uint32_t apic_read(unsigned int reg)
{
	if (!mmio)
		return (uint32_t)rdmsr(MSR_X2APIC(reg));
	return mmio[reg / 4];
}

static void apic_write(unsigned int reg, uint32_t v)
{
	if (!mmio)
		wrmsr(MSR_X2APIC(reg), v);
	else
		mmio[reg / 4] = v;
}

int kvm_apic_is_x2apic(void)
{
	return !mmio;
}

int kvm_apic_tsc_deadline(void)
{
	return deadline_mode;
}

int kvm_apic_init(void)
{
	uint32_t a, b, c, d;
	uint64_t base;

	cpuid(1, 0, &a, &b, &c, &d);
	if (!(d & (1U << 9)))
		return -1;		/* no APIC at all */
	base = rdmsr(MSR_APIC_BASE);
	if (c & CPUID1_ECX_X2APIC) {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE |
		      APIC_BASE_X2APIC);
		mmio = NULL;
	} else {
		wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
		mmio = (volatile uint32_t *)(uintptr_t)(base & ~0xfffUL);
	}
	deadline_mode = !timer_lapic_only && !!(c & CPUID1_ECX_TSC_DL);

	apic_write(APIC_TPR, 0);
	apic_write(APIC_LVT_LINT0, LVT_MASKED);
	apic_write(APIC_LVT_LINT1, LVT_NMI);
	apic_write(APIC_LVT_ERROR, LVT_MASKED);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	apic_write(APIC_SVR, SVR_ENABLE | KVM_VEC_SPURIOUS);
	apic_write(APIC_ESR, 0);
	apic_write(APIC_EOI, 0);
	if (deadline_mode)
		apic_write(APIC_LVT_TIMER, LVT_DEADLINE | KVM_VEC_TIMER);
	else
		apic_write(APIC_TIMER_DIV, TIMER_DIV_1);
	return 0;
}

void kvm_apic_eoi(void)
{
	apic_write(APIC_EOI, 0);
}

void kvm_apic_self_ipi(unsigned int vector)
{
	if (!mmio) {
		wrmsr(MSR_X2APIC(APIC_ICR), ICR_SELF | vector);
		return;
	}
	apic_write(APIC_ICR_HI, 0);
	apic_write(APIC_ICR, ICR_SELF | vector);
}

/*
 * Arm the timer for TSC value tsc. In deadline mode that is one MSR
 * write. In one-shot mode the TSC distance becomes a count at the rate
 * tsc.c measured, rounded up so the interrupt never comes early; a
 * distance past 32 bits of count fires early, at the largest count, and
 * timer.c re-arms (it checks the clock before calling the handler).
 */
void kvm_apic_timer_arm_tsc(uint64_t tsc)
{
	uint64_t now, delta, count;

	if (deadline_mode) {
		wrmsr(MSR_TSC_DEADLINE, tsc);
		return;
	}
	if (!tsc) {
		apic_write(APIC_TIMER_INIT, 0);
		return;
	}
	now = rdtsc();
	delta = tsc > now ? tsc - now : 0;
	if (!kvm_apic_timer_hz)
		kvm_apic_timer_measure();
	/* count = delta * apic_hz / tsc_hz, without overflow for any delta
	 * below ~5 s at 4 GHz in the product, capped beyond. */
	if (delta >= (1ULL << 32))
		count = 0xffffffff;
	else
		count = (delta * (kvm_apic_timer_hz >> 4) +
			 (kvm_tsc_hz >> 4) - 1) / (kvm_tsc_hz >> 4);
	if (count > 0xffffffff)
		count = 0xffffffff;
	if (!count)
		count = 1;
	apic_write(APIC_LVT_TIMER, LVT_ONESHOT | KVM_VEC_TIMER);
	apic_write(APIC_TIMER_INIT, (uint32_t)count);
}

void kvm_apic_timer_count_start(void)
{
	apic_write(APIC_TIMER_DIV, TIMER_DIV_1);
	apic_write(APIC_LVT_TIMER, LVT_MASKED | LVT_ONESHOT);
	apic_write(APIC_TIMER_INIT, 0xffffffff);
}

uint32_t kvm_apic_timer_count_read(void)
{
	return 0xffffffff - apic_read(APIC_TIMER_CUR);
}
