/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86_64 entropy instructions and the timer-jitter fallback. RDRAND and
 * RDSEED may fail transiently (CF=0); Intel's guidance is to retry
 * RDRAND 10 times, RDSEED longer with a pause between tries.
 */
#include <errno.h>
#include <uk/arch/cpu.h>
#include "random.h"

#define CPUID1_ECX_RDRAND	(1U << 30)
#define CPUID7_EBX_RDSEED	(1U << 18)

int uk_random_cpu_has_rdrand(void)
{
	uint32_t a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	return !!(c & CPUID1_ECX_RDRAND);
}

int uk_random_cpu_has_rdseed(void)
{
	uint32_t a, b, c, d;

	cpuid(0, 0, &a, &b, &c, &d);
	if (a < 7)
		return 0;
	cpuid(7, 0, &a, &b, &c, &d);
	return !!(b & CPUID7_EBX_RDSEED);
}

int uk_random_rdrand64(uint64_t *v)
{
	unsigned char ok;
	int i;

	for (i = 0; i < 10; i++) {
		__asm__ __volatile__("rdrand %0; setc %1"
				     : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
	}
	return -EIO;
}

int uk_random_rdseed64(uint64_t *v)
{
	unsigned char ok;
	int i;

	for (i = 0; i < 1000; i++) {
		__asm__ __volatile__("rdseed %0; setc %1"
				     : "=r"(*v), "=qm"(ok) : : "cc");
		if (ok)
			return 0;
		__asm__ __volatile__("pause");
	}
	return -EIO;
}

/*
 * Each output byte folds the low bits of 64 TSC deltas around a loop
 * whose duration wobbles with caches, interrupts and the host. On real
 * hardware this is a few bits per byte at best; under QEMU -icount the
 * TSC counts instructions and this is fully predictable. It is the last
 * resort, said so at boot.
 */
void uk_random_jitter(uint8_t *out, size_t len)
{
	uint64_t prev = rdtsc(), now, acc = 0;
	volatile uint64_t sink = 0;
	size_t i;
	int j, k;

	for (i = 0; i < len; i++) {
		for (j = 0; j < 64; j++) {
			for (k = 0; k < (int)(prev & 7) + 1; k++)
				sink += k;
			now = rdtsc();
			acc = (acc << 5 | acc >> 59) ^ (now - prev);
			prev = now;
		}
		out[i] = (uint8_t)(acc ^ acc >> 8 ^ acc >> 16 ^ acc >> 24);
	}
	(void)sink;
}
