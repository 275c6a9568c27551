/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwip: the TCP/IP stack. It starts itself from the init table at
 * UK_INIT_SYS, priority UK_PRIO_LWIP: the "lwip" thread runs, the
 * loopback interface is up, then each uknetdev device becomes an
 * interface, configured from netdev.* parameters or by DHCP. A library
 * that needs the stack up initializes after it, at
 * UK_PRIO_AFTER(UK_PRIO_LWIP_NETIF). Applications use it through
 * sockets (posix-socket's AF_INET and AF_INET6 come from here). At
 * exit, TCP connections get lwip.linger_ms to deliver what they owe.
 */
#ifndef UK_LWIP_H
#define UK_LWIP_H

#include <uk/init.h>

#define UK_PRIO_LWIP		UK_PRIO_DEFAULT
#define UK_PRIO_LWIP_NETIF	UK_PRIO_AFTER(UK_PRIO_LWIP)
/* The exit drain (drain.c): first of UK_INIT_SYS, so that its term runs
 * last of that level, after musl's exit handlers and stdio flush. */
#define UK_PRIO_LWIP_DRAIN	UK_PRIO_BEFORE(UK_PRIO_EARLIEST)

#endif /* UK_LWIP_H */
