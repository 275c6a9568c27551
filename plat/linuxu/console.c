/* SPDX-License-Identifier: BSD-3-Clause */
/* linuxu console: stdout for output, stdin for input. */
#include <uk/plat/console.h>
#include "syscall.h"

#define EAGAIN 11
#define EINTR 4

int ukplat_console_write(const char *buf, size_t len)
{
	size_t done = 0;
	long r;

	while (done < len) {
		r = linuxu_syscall3(SYS_write, 1, (long)(buf + done),
				    len - done);
		if (r == -EINTR)
			continue;
		if (r < 0)
			return done ? (int)done : (int)r;
		done += r;
	}
	return (int)done;
}

int ukplat_console_getc(void)
{
	unsigned char c;
	long r = linuxu_syscall3(SYS_read, 0, (long)&c, 1);

	return r == 1 ? c : -EAGAIN;
}
