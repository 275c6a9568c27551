/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The clock: the TSC, scaled to nanoseconds since ukplat_x86_plat_entry()'s first
 * line. Its frequency comes, first that answers, from
 *
 *   1. the hypervisor's timing leaf CPUID 0x40000010 (TSC kHz: KVM with
 *      invtsc, VMware, Firecracker),
 *   2. kvmclock (pvclock: KVM's scale factors, read once),
 *   3. CPUID 0x15 (crystal * ratio) or 0x16 (base MHz; less exact),
 *   4. calibration against the HPET (QEMU pc/q35; 10 ns ticks) or, without
 *      one (microvm), the PIT's channel 0 read back by latch, over
 *      CONFIG_PLAT_KVM_TSC_CALIBRATE_US (500 us by default; TCG takes
 *      this path). Lazily: on the clock's first use, not at boot, so an
 *      image that never reads the clock never waits; the HPET's window
 *      starts at ukplat_x86_plat_entry, so the boot before the first use counts
 *      toward it (the PIT's 16-bit counter wraps too soon for that).
 *
 * Hot path: ns = ((tsc - boot) * mult) >> 32, a 64x64->128 multiply (one
 * MUL), no division. Single CPU and a TSC that only goes forward: the
 * clock never decreases. Interrupts may be on or off.
 */
#include <uk/arch/cpu.h>
#include <uk/essentials.h>
#include <uk/arch/print.h>
#include <uk/plat/time.h>
#include "apic.h"
#include "kvm.h"

#ifndef CONFIG_PLAT_KVM_TSC_CALIBRATE_US
#define CONFIG_PLAT_KVM_TSC_CALIBRATE_US 500
#endif

#define HPET_BASE	0xfed00000UL
#define HPET_CAP	0x000		/* 63:32 period in fs, 15:0 vendor */
#define HPET_CFG	0x010
#define HPET_COUNTER	0x0f0
#define HPET_CFG_ENABLE	1

#define PIT_CH0		0x40
#define PIT_CMD		0x43
#define PIT_HZ		1193182ULL

#define MSR_KVM_SYSTEM_TIME_NEW	0x4b564d01
#define KVM_FEATURE_CLOCKSOURCE2 (1U << 3)

uint64_t kvm_tsc_hz;
uint64_t kvm_tsc_boot;
uint64_t kvm_apic_timer_hz;
const char *kvm_tsc_source = "none";
uint64_t kvm_time_init_tsc;	/* TSC ticks the calibration waited */

static uint64_t ns_mult;	/* ns = tsc * ns_mult >> 32; 0: calibrate */
static uint64_t tsc_mult;	/* tsc = ns * tsc_mult >> 24 */
static uint64_t hpet_fs;	/* HPET period (fs); 0: no HPET, use the PIT */
static uint64_t hpet_t0, hpet_tsc0;	/* a simultaneous pair at entry */

static void kvm_time_calibrate(void);

uint64_t ukplat_monotonic_ns(void)
{
	uint64_t d;

	if (uk_unlikely(!ns_mult))
		kvm_time_calibrate();
	d = rdtsc() - kvm_tsc_boot;
	return (uint64_t)(((unsigned __int128)d * ns_mult) >> 32);
}

/* The TSC value at which the monotonic clock reads ns (rounded up). */
uint64_t kvm_ns_to_tsc(uint64_t ns)
{
	if (uk_unlikely(!ns_mult))
		kvm_time_calibrate();
	return kvm_tsc_boot +
	       (uint64_t)(((unsigned __int128)ns * tsc_mult) >> 24) + 1;
}

static uint64_t hv_leaf_hz(void)
{
	uint32_t max, b, c, d, khz;

	cpuid(0x40000000, 0, &max, &b, &c, &d);
	if (max < 0x40000010 || max > 0x400000ff)
		return 0;
	cpuid(0x40000010, 0, &khz, &b, &c, &d);
	return khz * 1000ULL;
}

/*
 * kvmclock's scale: ns = ((tsc << shift) * mul) >> 32 (shift may be
 * negative), so hz = 10^9 * 2^32 / mul / 2^shift. The structure is
 * registered, read once, and unregistered: the TSC does the rest.
 */
static uint64_t kvmclock_hz(void)
{
	static volatile struct {
		uint32_t version, pad0;
		uint64_t tsc_timestamp, system_time;
		uint32_t mul;
		int8_t shift;
		uint8_t flags, pad[2];
	} __uk_align(32) pv;
	uint32_t a, b, c, d;
	uint64_t hz;
	int i;

	cpuid(0x40000000, 0, &a, &b, &c, &d);
	if (b != 0x4b4d564b || c != 0x564b4d56 || d != 0x4d || a < 0x40000001)
		return 0;	/* "KVMKVMKVM\0\0\0" */
	cpuid(0x40000001, 0, &a, &b, &c, &d);
	if (!(a & KVM_FEATURE_CLOCKSOURCE2))
		return 0;
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, (uintptr_t)&pv | 1);
	for (i = 0; i < 1000 && (!pv.mul || (pv.version & 1)); i++)
		ukarch_pause();
	wrmsr(MSR_KVM_SYSTEM_TIME_NEW, 0);
	if (!pv.mul)
		return 0;
	hz = (UKPLAT_NSEC_PER_SEC << 32) / pv.mul;
	return pv.shift >= 0 ? hz >> pv.shift : hz << -pv.shift;
}

static uint64_t cpuid_hz(void)
{
	uint32_t max, a, b, c, d;

	cpuid(0, 0, &max, &b, &c, &d);
	if (max >= 0x15) {
		cpuid(0x15, 0, &a, &b, &c, &d);
		if (a && b && c) {
			kvm_tsc_source = "CPUID 0x15";
			return (uint64_t)c * b / a;
		}
	}
	if (max >= 0x16) {
		cpuid(0x16, 0, &a, &b, &c, &d);
		if (a & 0xffff) {
			kvm_tsc_source = "CPUID 0x16";
			return (a & 0xffff) * 1000000ULL;
		}
	}
	return 0;
}

static uint64_t hpet_read(unsigned int reg)
{
	return *(volatile uint64_t *)(HPET_BASE + reg);
}

/* Is there an HPET? Then enable it and take the window's start. */
static int hpet_start(void)
{
	uint64_t cap = hpet_read(HPET_CAP), fs = cap >> 32;

	/* No device reads all ones (or zeros); the spec caps the period
	 * at 100 ns. */
	if (cap == ~0ULL || !(cap & 0xffff) || !fs || fs > 100000000)
		return 0;
	if (!(hpet_read(HPET_CFG) & HPET_CFG_ENABLE))
		*(volatile uint64_t *)(HPET_BASE + HPET_CFG) =
			hpet_read(HPET_CFG) | HPET_CFG_ENABLE;
	hpet_fs = fs;
	hpet_t0 = hpet_read(HPET_COUNTER);
	hpet_tsc0 = rdtsc();
	return 1;
}

/* TSC Hz over at least us since hpet_start(). */
static uint64_t hpet_calibrate(uint64_t us)
{
	uint64_t ticks = us * 1000000000ULL / hpet_fs, h, t1;

	do
		h = hpet_read(HPET_COUNTER);
	while (h - hpet_t0 < ticks);
	t1 = rdtsc();
	/* elapsed ns = (h - h0) * fs / 10^6 */
	return (t1 - hpet_tsc0) * UKPLAT_NSEC_PER_SEC /
	       ((h - hpet_t0) * hpet_fs / 1000000);
}

static uint16_t pit_read(void)
{
	uint8_t lo, hi;

	outb(PIT_CMD, 0x00);		/* latch channel 0 */
	lo = inb(PIT_CH0);
	hi = inb(PIT_CH0);
	return (uint16_t)(lo | hi << 8);
}

/*
 * TSC Hz from a wait of us on the PIT: channel 0 as a rate generator
 * counting down from 65536 (55 ms a wrap), read back by latching, the
 * elapsed ticks summed across wraps. Channel 0, not 2: its gate is
 * always open and needs no port 0x61 (absent on microvm). Left in
 * one-shot mode 0 afterwards; its IRQ 0 is masked everywhere.
 */
static uint64_t pit_calibrate(uint64_t us)
{
	uint64_t want = us * PIT_HZ / 1000000, got = 0, t0, t1;
	uint16_t prev, cur;

	outb(PIT_CMD, 0x34);		/* ch 0, lo/hi, mode 2 */
	outb(PIT_CH0, 0);
	outb(PIT_CH0, 0);
	prev = pit_read();
	t0 = rdtsc();
	while (got < want) {
		cur = pit_read();
		got += (uint16_t)(prev - cur);
		prev = cur;
	}
	t1 = rdtsc();
	outb(PIT_CMD, 0x30);		/* ch 0, lo/hi, mode 0: stop */
	outb(PIT_CH0, 1);
	outb(PIT_CH0, 0);
	if (pit_read() == 0xffff && got == 0)
		return 0;
	return (t1 - t0) * PIT_HZ / got;
}

/* The LAPIC timer's rate against the TSC, over ~200 us, once. */
uint64_t kvm_apic_timer_measure(void)
{
	uint64_t t0, t1, wait = kvm_tsc_hz / 5000;
	uint32_t n;

	kvm_apic_timer_count_start();
	t0 = rdtsc();
	while (rdtsc() - t0 < wait)
		ukarch_pause();
	n = kvm_apic_timer_count_read();
	t1 = rdtsc();
	kvm_apic_timer_hz = (uint64_t)n * kvm_tsc_hz / (t1 - t0);
	if (!kvm_apic_timer_hz)
		kvm_apic_timer_hz = 1;
	return kvm_apic_timer_hz;
}

/* "[info] ukplatkvm: TSC <kHz> kHz from <source>", no newline. */
static void print_tsc_info(uint64_t hz)
{
	ukarch_print("[info] ukplatkvm: TSC ");
	ukarch_print_dec(hz / 1000);
	ukarch_print(" kHz from ");
	ukarch_print(kvm_tsc_source);
}

static void set_hz(uint64_t hz)
{
	if (!hz) {
		hz = 1000000000ULL;	/* a guess beats a division by 0 */
		kvm_tsc_source = "nothing (assuming 1 GHz)";
	}
	kvm_tsc_hz = hz;
	tsc_mult = (hz << 24) / UKPLAT_NSEC_PER_SEC;
	ns_mult = (UKPLAT_NSEC_PER_SEC << 32) / hz;
}

/* The first use of the clock without a frequency: wait for one. */
static void kvm_time_calibrate(void)
{
	uint64_t us = CONFIG_PLAT_KVM_TSC_CALIBRATE_US, t0 = rdtsc();
	unsigned long flags = ukarch_irq_save();

	if (!ns_mult) {
		if (hpet_fs) {
			kvm_tsc_source = "HPET calibration";
			set_hz(hpet_calibrate(us));
		} else {
			kvm_tsc_source = "PIT calibration";
			set_hz(pit_calibrate(us));
		}
		kvm_time_init_tsc = rdtsc() - t0;
		if (KVM_PRINT_INFO) {
			print_tsc_info(kvm_tsc_hz);
			ukarch_print(" (waited ");
			ukarch_print_dec(kvm_time_init_tsc);
			ukarch_print(" TSC ticks)\n");
		}
	}
	ukarch_irq_restore(flags);
}

#ifdef CONFIG_PLAT_KVM_CLOCK_CALIBRATE
static const int clock_calibrate_only = 1;
#else
static const int clock_calibrate_only;
#endif

void kvm_time_init(void)
{
	uint64_t hz = 0;

	if (clock_calibrate_only)
		;	/* the menu says: measure it, whatever CPUID says */
	else if ((hz = hv_leaf_hz()))
		kvm_tsc_source = "CPUID 0x40000010";
	else if ((hz = kvmclock_hz()))
		kvm_tsc_source = "kvmclock";
	else
		hz = cpuid_hz();
	if (hz) {
		set_hz(hz);
		if (KVM_PRINT_INFO) {
			print_tsc_info(hz);
			ukarch_print("\n");
		}
	} else {
		hpet_start();	/* calibrate on first use */
	}
}

void ukplat_idle(void)
{
	ukarch_safe_halt();
}
