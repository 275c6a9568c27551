/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * kvm's interrupt and time internals, shared by apic.c, ioapic.c, irq.c,
 * tsc.c, rtc.c, timer.c (and the vector numbers by trap_entry.S).
 *
 * Vectors: 0-31 CPU exceptions; 32..32+KVM_IRQ_LINES-1 the IOAPIC's
 * lines (ISA IRQ n and GSI n >= 16, up to 47: microvm's second IOAPIC
 * starts at GSI 24; ioapic.c finds the pin); 80..95
 * message-signalled interrupts (PCI MSI-X, ukplat_irq_msi_alloc); the
 * LAPIC timer; the APIC spurious vector (0xff: its low 4 bits must be 1 on old
 * APICs). Nothing else is delivered.
 */
#ifndef KVM_APIC_H
#define KVM_APIC_H

#define KVM_VEC_IRQ0		32
#define KVM_IRQ_LINES		48
#define KVM_VEC_MSI0		80
#define KVM_MSI_VECS		16
#define KVM_VEC_TIMER		0xf0
#define KVM_VEC_SPURIOUS	0xff

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <x86/boot.h>

struct ukarch_regs;

/* apic.c: the local APIC (x2APIC when CPUID offers it, else xAPIC). */
int kvm_apic_init(void);
void kvm_apic_eoi(void);
void kvm_apic_self_ipi(unsigned int vector);
int kvm_apic_is_x2apic(void);
/* One-shot timer: fire KVM_VEC_TIMER at TSC value tsc (0: disarm). */
void kvm_apic_timer_arm_tsc(uint64_t tsc);
/* Start the LAPIC timer counting down from ~0, masked; read it back. */
void kvm_apic_timer_count_start(void);
uint32_t kvm_apic_timer_count_read(void);
int kvm_apic_tsc_deadline(void);

/* ioapic.c: the legacy PIC masked (at the interrupt set-up); the
 * IOAPICs found (ACPI) and their pins masked, once, on first use
 * (setup: 0, or -1 without an IOAPIC; not from interrupt handlers). */
void kvm_ioapic_init(void);
int kvm_ioapic_setup(void);
/* Route ISA IRQ (< 16) or GSI irq to its vector and unmask it (mask: 1
 * masks). -1 when no IOAPIC has its GSI. */
int kvm_ioapic_route(unsigned int irq, int mask);
/* The GSI irq arrives on and its trigger/polarity RTE bits (tests). */
unsigned int kvm_ioapic_rte(unsigned int irq, unsigned int *gsi);

/* tsc.c: the TSC frequency and the clock. kvm_time_init() takes it from
 * CPUID/kvmclock, or starts a calibration that the clock's first use
 * finishes. */
void kvm_time_init(void);
extern uint64_t kvm_tsc_hz;
extern uint64_t kvm_tsc_boot;	/* rdtsc() at ukplat_x86_plat_entry's first line */
extern const char *kvm_tsc_source;	/* how kvm_tsc_hz was found */
extern uint64_t kvm_time_init_tsc;	/* TSC ticks calibration waited */
uint64_t kvm_ns_to_tsc(uint64_t ns);	/* deadline (monotonic) -> TSC */
/* The LAPIC timer's counts per second, measured during calibration or
 * on demand against the TSC (0: not measured yet). */
extern uint64_t kvm_apic_timer_hz;
uint64_t kvm_apic_timer_measure(void);

/* rtc.c: the CMOS clock's seconds since 1970; its periodic interrupt
 * (IRQ 8) at 32768 >> (rate - 1) Hz, 0: off; the handler's ack. */
uint64_t kvm_rtc_read_epoch(void);
void kvm_rtc_periodic(unsigned int rate);
uint8_t kvm_rtc_irq_ack(void);

/* timer.c: called from irq.c on KVM_VEC_TIMER. */
void kvm_timer_fire(void);
#endif

#endif /* KVM_APIC_H */
