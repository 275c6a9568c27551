/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shimbench: N gettid calls through musl's syscall(), the same source
 * for the kit (a function call into lib/syscall_shim) and for the host
 * (musl-gcc -static: a real system call). It prints the TSC ticks one
 * call takes (the loop timed with rdtsc, over N), which bench/musl/run
 * turns into ns at the host's clock. As /init of the Linux VM peer
 * (pid 1) it powers the VM off at the end; under QEMU -icount shift=0
 * the TSC counts guest instructions, so the same line gives
 * instructions per call, kernel and user.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/reboot.h>

int main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 1000000, i, sum = 0;
	unsigned long long t0, t1;

	t0 = __builtin_ia32_rdtsc();
	for (i = 0; i < n; i++)
		sum += syscall(SYS_gettid);
	t1 = __builtin_ia32_rdtsc();
	printf("ticks/call %.3f (%ld calls, sum %ld)\n",
	       (double)(t1 - t0) / (double)n, n, sum);
	fflush(stdout);
	if (getpid() == 1) {	/* /init of the Linux VM */
		sync();
		reboot(RB_POWER_OFF);
	}
	return 0;
}
