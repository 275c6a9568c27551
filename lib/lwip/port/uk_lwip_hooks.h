/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's hooks (LWIP_HOOK_FILENAME, lwipopts.h): included by the upstream
 * files that call one, after their own includes.
 */
#ifndef UK_LWIP_HOOKS_H
#define UK_LWIP_HOOKS_H

#include "lwip/ip_addr.h"

/* TCP initial sequence numbers (lib/lwip/isn.c: RFC 6528). */
u32_t uk_lwip_tcp_isn(const ip_addr_t *local_ip, u16_t local_port,
		      const ip_addr_t *remote_ip, u16_t remote_port);
#define LWIP_HOOK_TCP_ISN	uk_lwip_tcp_isn

#endif /* UK_LWIP_HOOKS_H */
