/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 CPU helpers: port I/O, control registers, MSRs, CPUID, TSC.
 * All are static inline, usable from the first C instruction on and
 * from exception handlers; none has side effects beyond the instruction.
 * Port I/O and control registers need ring 0 (not usable on linuxu).
 */
#ifndef UK_ARCH_CPU_H
#define UK_ARCH_CPU_H

#include <stdint.h>

#define X86_CR0_PE		(1UL << 0)
#define X86_CR0_MP		(1UL << 1)
#define X86_CR0_EM		(1UL << 2)
#define X86_CR0_TS		(1UL << 3)
#define X86_CR0_NE		(1UL << 5)
#define X86_CR0_WP		(1UL << 16)
#define X86_CR0_PG		(1UL << 31)

#define X86_CR4_PAE		(1UL << 5)
#define X86_CR4_OSFXSR		(1UL << 9)
#define X86_CR4_OSXMMEXCPT	(1UL << 10)

#define X86_MSR_EFER		0xc0000080
#define X86_EFER_LME		(1UL << 8)
#define X86_EFER_NXE		(1UL << 11)

#define X86_RFLAGS_IF		(1UL << 9)

static inline void outb(uint16_t port, uint8_t v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline uint8_t inb(uint16_t port)
{
	uint8_t v;

	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint32_t inl(uint16_t port)
{
	uint32_t v;

	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static inline void cpuid(uint32_t leaf, uint32_t subleaf, uint32_t *a,
			 uint32_t *b, uint32_t *c, uint32_t *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(subleaf));
}

static inline uint64_t rdmsr(uint32_t msr)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((uint64_t)hi << 32) | lo;
}

static inline void wrmsr(uint32_t msr, uint64_t v)
{
	__asm__ __volatile__("wrmsr"
			     : : "c"(msr), "a"((uint32_t)v),
			       "d"((uint32_t)(v >> 32)));
}

#define UKARCH_READ_CR(n)						\
	static inline uint64_t read_cr##n(void)				\
	{								\
		uint64_t v;						\
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));	\
		return v;						\
	}
UKARCH_READ_CR(0)
UKARCH_READ_CR(2)
UKARCH_READ_CR(3)
UKARCH_READ_CR(4)
#undef UKARCH_READ_CR

static inline uintptr_t ukarch_frame_pointer(void)
{
	return (uintptr_t)__builtin_frame_address(0);
}

static inline void ukarch_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void ukarch_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline unsigned long ukarch_read_rflags(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0" : "=r"(f) : : "memory");
	return f;
}

/* Disable interrupts; return the previous RFLAGS.IF (nonzero: were on). */
static inline unsigned long ukarch_irq_save(void)
{
	unsigned long f;

	__asm__ __volatile__("pushfq; popq %0; cli" : "=r"(f) : : "memory");
	return f & X86_RFLAGS_IF;
}

static inline void ukarch_irq_restore(unsigned long flags)
{
	if (flags & X86_RFLAGS_IF)
		__asm__ __volatile__("sti" : : : "memory");
	else
		__asm__ __volatile__("cli" : : : "memory");
}

/*
 * Enable interrupts and halt, atomically: STI's one-instruction shadow
 * means no interrupt is taken between it and HLT, so one that became
 * pending after the caller's last check wakes the HLT instead of being
 * lost. Interrupts are off again on return.
 */
static inline void ukarch_safe_halt(void)
{
	__asm__ __volatile__("sti; hlt; cli" : : : "memory");
}

static inline void ukarch_pause(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

static inline void ukarch_halt(void)
{
	__asm__ __volatile__("hlt" : : : "memory");
}

#endif /* UK_ARCH_CPU_H */
