/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The peers' helloworld: what apps/helloworld does, as an ordinary Linux
 * program. Built statically with musl-gcc, it is /init of the Linux VM
 * peer (pid 1: it powers the VM off) and the host-process peer (not
 * pid 1: it just exits).
 */
#include <stdio.h>
#include <unistd.h>
#include <sys/reboot.h>

int main(void)
{
	fputs("Hello, world!\n", stdout);
	fflush(stdout);
	if (getpid() == 1) {
		sync();
		reboot(RB_POWER_OFF);
	}
	return 0;
}
