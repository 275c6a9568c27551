/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU tables after entry32.S: the TSS (only for its interrupt stack, so
 * that a double fault from a blown stack still gets reported) and the
 * IDT with the 32 exception vectors. Interrupt vectors are filled by
 * the platform (ukplat_x86_idt_set()) when it sets up its interrupts; the IDT
 * has all 256 slots (4 KiB of .bss) so the APIC's spurious vector 0xff
 * fits.
 */
#include <uk/essentials.h>
#include <x86/boot.h>

#define IDT_EXCEPTIONS	32
#define IDT_VECTORS	256
#define IDT_INTGATE	0x8e	/* present, DPL 0, 64-bit interrupt gate */
#define IST_FAULT	1	/* the TSS stack for #DF, NMI, #MC */
#define FAULT_STACK_SIZE 8192

struct tss {
	uint32_t reserved0;
	uint64_t rsp[3];
	uint64_t reserved1;
	uint64_t ist[7];
	uint64_t reserved2;
	uint16_t reserved3;
	uint16_t iomap_base;
} __uk_packed;

struct idt_gate {
	uint16_t off_lo;
	uint16_t sel;
	uint8_t ist;
	uint8_t type;
	uint16_t off_mid;
	uint32_t off_hi;
	uint32_t reserved;
} __uk_packed;

struct desc_ptr {
	uint16_t limit;
	uint64_t base;
} __uk_packed;

extern uint64_t x86_gdt[X86_GDT_ENTRIES];
extern const uintptr_t x86_trap_stubs[IDT_EXCEPTIONS];

static struct tss tss __uk_align(16);
static struct idt_gate idt[IDT_VECTORS] __uk_align(16);
static char fault_stack[FAULT_STACK_SIZE] __uk_align(16);

static void tss_init(void)
{
	uint64_t base = (uintptr_t)&tss;
	uint64_t limit = sizeof(tss) - 1;

	tss.ist[IST_FAULT - 1] = (uintptr_t)fault_stack + sizeof(fault_stack);
	tss.iomap_base = sizeof(tss);	/* no I/O bitmap */
	x86_gdt[X86_SEL_TSS / 8] = (limit & 0xffff) |
		((base & 0xffffff) << 16) | (0x89ULL << 40) |
		(((limit >> 16) & 0xf) << 48) | ((base >> 24 & 0xff) << 56);
	x86_gdt[X86_SEL_TSS / 8 + 1] = base >> 32;
	__asm__ __volatile__("ltr %w0" : : "r"(X86_SEL_TSS));
}

void ukplat_x86_idt_set(unsigned int v, uintptr_t h)
{
	idt[v].off_lo = h & 0xffff;
	idt[v].sel = X86_SEL_CODE;
	idt[v].ist = (v == 2 || v == 8 || v == 18) ? IST_FAULT : 0;
	idt[v].type = IDT_INTGATE;
	idt[v].off_mid = (h >> 16) & 0xffff;
	idt[v].off_hi = h >> 32;
}

static void idt_init(void)
{
	struct desc_ptr ptr = { sizeof(idt) - 1, (uintptr_t)idt };
	unsigned int v;

	for (v = 0; v < IDT_EXCEPTIONS; v++)
		ukplat_x86_idt_set(v, x86_trap_stubs[v]);
	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}

void ukplat_x86_cpu_init(void)
{
	tss_init();
	idt_init();
}
