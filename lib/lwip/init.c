/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Starting lwIP: the tcpip thread (which runs lwip_init(): pools, the
 * loopback interface, timers), from the init table at UK_INIT_SYS.
 * Interfaces on network devices come after it (netif.c); at exit,
 * drain.c lets TCP finish.
 */
#include <stdarg.h>
#include <stdio.h>
#include <uk/init.h>
#include <uk/lwip.h>
#include <uk/print.h>

#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/tcpip.h"

void uk_lwip_diag(const char *fmt, ...)
{
	char buf[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* lwIP's messages end with their own newline (or are pieces of a
	 * line): pass them on as they are. */
	if (n > 0)
		uk_pr_info("%s", buf);
}

static void tcpip_ready(void *arg)
{
	sys_sem_signal(arg);
}

/* Returns once the tcpip thread has initialized the stack. */
static int lwip_start(void)
{
	sys_sem_t ready;

	sys_sem_new(&ready, 0);
	tcpip_init(tcpip_ready, &ready);
	sys_sem_wait(&ready);
	sys_sem_free(&ready);
	return 0;
}

uk_init(UK_INIT_SYS, UK_PRIO_LWIP, lwip_start, NULL);
