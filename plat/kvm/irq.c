/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupts on kvm: the platform contract of <uk/plat/irq.h> over the
 * LAPIC (apic.c) and the IOAPIC (ioapic.c), and MSIs straight to the
 * LAPIC. One init at UK_INIT_PLAT, UK_PRIO_EARLIEST installs the
 * vectors, sets up the LAPIC, masks the PICs and turns
 * interrupts on; from then on ukplat_irq_register() routes a line and
 * the one-shot timer works.
 *
 * Every interrupt enters ukplat_x86_irq_entry() (from plat/common/x86/traps.c) with interrupts
 * off, on the interrupted stack. The EOI goes out before the handlers
 * run, so a handler may switch to another thread and not come back for a
 * while without blocking later interrupts.
 */
#include <uk/arch/cpu.h>
#include <uk/arch/print.h>
#include <uk/arch/regs.h>
#include <uk/init.h>
#include <uk/plat/irq.h>
#include "kvm.h"
#include "apic.h"

#define EINVAL	22
#define ENOMEM	12
#define ENODEV	19
#define ENOSPC	28

#ifndef CONFIG_PLAT_KVM_IRQ_HANDLERS
#define CONFIG_PLAT_KVM_IRQ_HANDLERS 4
#endif

struct irq_slot {
	ukplat_irq_handler_t fn;
	void *arg;
};

#define NSTUBS (KVM_IRQ_LINES + KVM_MSI_VECS)
extern const uintptr_t kvm_irq_stubs[NSTUBS + 2];

static struct irq_slot slots[KVM_IRQ_LINES][CONFIG_PLAT_KVM_IRQ_HANDLERS];
static struct irq_slot msi[KVM_MSI_VECS];
static int ready;

static int line_used(unsigned int irq)
{
	unsigned int i;

	for (i = 0; i < CONFIG_PLAT_KVM_IRQ_HANDLERS; i++)
		if (slots[irq][i].fn)
			return 1;
	return 0;
}

int ukplat_irq_register(unsigned int irq, ukplat_irq_handler_t fn, void *arg)
{
	unsigned long flags;
	unsigned int i;
	int ret = -ENOMEM;

	if (irq >= KVM_IRQ_LINES || irq == 2 || !fn)
		return -EINVAL;
	if (!ready)
		return -ENODEV;
	if (kvm_ioapic_setup() < 0)	/* ACPI and IOAPICs, on first use */
		return -ENODEV;
	flags = ukarch_irq_save();
	for (i = 0; i < CONFIG_PLAT_KVM_IRQ_HANDLERS; i++) {
		if (!slots[irq][i].fn) {
			slots[irq][i].fn = fn;
			slots[irq][i].arg = arg;
			ret = kvm_ioapic_route(irq, 0) < 0 ? -EINVAL : 0;
			if (ret)
				slots[irq][i].fn = NULL;
			break;
		}
	}
	ukarch_irq_restore(flags);
	return ret;
}

int ukplat_irq_unregister(unsigned int irq, ukplat_irq_handler_t fn,
			  void *arg)
{
	unsigned long flags;
	unsigned int i;
	int ret = -EINVAL;

	if (irq >= KVM_IRQ_LINES)
		return -EINVAL;
	flags = ukarch_irq_save();
	for (i = 0; i < CONFIG_PLAT_KVM_IRQ_HANDLERS; i++) {
		if (slots[irq][i].fn == fn && slots[irq][i].arg == arg) {
			slots[irq][i].fn = NULL;
			ret = 0;
			break;
		}
	}
	if (!ret && !line_used(irq))
		kvm_ioapic_route(irq, 1);
	ukarch_irq_restore(flags);
	return ret;
}

/* Intel SDM vol. 3A section 11.11: the message address names the
 * destination APIC (ID 0: the boot CPU, the only one), the data the
 * vector, fixed delivery, edge-triggered. */
int ukplat_irq_msi_alloc(ukplat_irq_handler_t fn, void *arg, uint64_t *addr,
			 uint32_t *data)
{
	unsigned long flags;
	unsigned int i;

	if (!fn)
		return -EINVAL;
	if (!ready)
		return -ENODEV;
	flags = ukarch_irq_save();
	for (i = 0; i < KVM_MSI_VECS && msi[i].fn; i++)
		;
	if (i < KVM_MSI_VECS) {
		msi[i].fn = fn;
		msi[i].arg = arg;
	}
	ukarch_irq_restore(flags);
	if (i == KVM_MSI_VECS)
		return -ENOSPC;
	*addr = 0xfee00000ULL;
	*data = KVM_VEC_MSI0 + i;
	return i;
}

int ukplat_irq_msi_free(int handle)
{
	if (handle < 0 || handle >= KVM_MSI_VECS || !msi[handle].fn)
		return -EINVAL;
	msi[handle].fn = NULL;
	return 0;
}

void ukplat_x86_irq_entry(struct ukarch_regs *r)
{
	unsigned int v = r->vector, irq, i;
	int claimed = 0;

	if (v == KVM_VEC_SPURIOUS) {	/* no EOI for the spurious vector */
		ukplat_x86_irq_stats.spurious++;
		return;
	}
	kvm_apic_eoi();
	if (v == KVM_VEC_TIMER) {
		ukplat_x86_irq_stats.handled++;
		kvm_timer_fire();
		return;
	}
	if (v >= KVM_VEC_MSI0 && v < KVM_VEC_MSI0 + KVM_MSI_VECS) {
		struct irq_slot *m = &msi[v - KVM_VEC_MSI0];

		claimed = m->fn && m->fn(m->arg);
	}
	irq = v - KVM_VEC_IRQ0;
	if (irq < KVM_IRQ_LINES)
		for (i = 0; i < CONFIG_PLAT_KVM_IRQ_HANDLERS; i++)
			if (slots[irq][i].fn)
				claimed |= slots[irq][i].fn(slots[irq][i].arg);
	if (claimed)
		ukplat_x86_irq_stats.handled++;
	else
		ukplat_x86_irq_stats.unhandled++;
}

int kvm_irq_ready(void)
{
	return ready;
}

static int kvm_irq_init(void)
{
	unsigned int i;

	for (i = 0; i < NSTUBS; i++)
		ukplat_x86_idt_set(KVM_VEC_IRQ0 + i, kvm_irq_stubs[i]);
	ukplat_x86_idt_set(KVM_VEC_TIMER, kvm_irq_stubs[NSTUBS]);
	ukplat_x86_idt_set(KVM_VEC_SPURIOUS, kvm_irq_stubs[NSTUBS + 1]);
	/* Unformatted (ukarch_print): uk_pr_err would link printf into
	 * every image for two lines that never print on QEMU. */
	if (kvm_apic_init() < 0) {
		ukarch_print("[err] ukplatkvm: no local APIC: no interrupts, no timer\n");
		return 0;
	}
	kvm_ioapic_init();
	ready = 1;
	if (KVM_PRINT_INFO) {
		ukarch_print("[info] ukplatkvm: ");
		ukarch_print(kvm_apic_is_x2apic() ? "x2APIC" : "xAPIC");
		ukarch_print(", timer ");
		ukarch_print(kvm_apic_tsc_deadline() ? "TSC-deadline"
						     : "LAPIC one-shot");
		ukarch_print("\n");
	}
	ukarch_irq_enable();
	return 0;
}

uk_init(UK_INIT_PLAT, UK_PRIO_EARLIEST, kvm_irq_init, NULL);
