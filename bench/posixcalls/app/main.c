/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/posixcalls: the cost of a system call through musl, the same
 * program on the host and as /init of the Linux VM peer (musl-gcc
 * -static: a real syscall) and in the kit (musl's __syscall is a
 * function call into the shim). For each call, N times in a loop:
 * "<call> <ns per op> <TSC ticks per op>" (under QEMU -icount shift=0
 * the TSC counts guest instructions). Arguments: N, then "poweroff" as
 * the Linux VM's /init (pid 1), which makes the node /dev/null if the
 * initramfs has none and powers the VM off at the end.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

static uint64_t rdtsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return (uint64_t)hi << 32 | lo;
}

static uint64_t now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000000000ULL + t.tv_nsec;
}

static volatile long sink;

#define BENCH(name, body)						\
	do {								\
		uint64_t t0, t1, c0, c1;				\
		long i;							\
		for (i = 0; i < n / 10; i++)				\
			body;						\
		t0 = now();						\
		c0 = rdtsc();						\
		for (i = 0; i < n; i++)					\
			body;						\
		c1 = rdtsc();						\
		t1 = now();						\
		printf("%s %.1f %.1f\n", name, (double)(t1 - t0) / n,	\
		       (double)(c1 - c0) / n);				\
	} while (0)

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000000;
	int poweroff = argc > 2 && !strcmp(argv[2], "poweroff");
	struct timespec ts;
	char buf[16];
	int null;

	if (poweroff) {
		mkdir("/dev", 0755);
		mknod("/dev/null", S_IFCHR | 0666, makedev(1, 3));
	}
	null = open("/dev/null", O_WRONLY);
	if (null < 0)
		perror("open /dev/null");
	BENCH("getpid", sink += getpid());
	BENCH("clock_gettime", (clock_gettime(CLOCK_MONOTONIC, &ts), sink += ts.tv_nsec));
	BENCH("getrandom16", sink += getrandom(buf, sizeof(buf), 0));
	if (null >= 0)
		BENCH("write1_null", sink += write(null, buf, 1));
	fflush(stdout);
	if (poweroff)
		reboot(RB_POWER_OFF);
	return 0;
}
