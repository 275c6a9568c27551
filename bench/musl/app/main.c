/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * shimbench: N gettid calls through musl's syscall(), the same source
 * for the kit (a function call into lib/syscall_shim) and for the host
 * (musl-gcc -static: a real system call). bench/musl/run times whole
 * runs with N and with 0 calls; the difference over N is one call.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char *argv[])
{
	long n = argc > 1 ? atol(argv[1]) : 0, i, sum = 0;

	for (i = 0; i < n; i++)
		sum += syscall(SYS_gettid);
	printf("%ld calls, sum %ld\n", n, sum);
	return 0;
}
