/* SPDX-License-Identifier: BSD-3-Clause */
/* Between init.c and drain.c. */
#ifndef LWIP_DRAIN_H
#define LWIP_DRAIN_H

/* Set by lwip_start once the tcpip thread runs: drain.c's term has a
 * stack to wait for. */
extern int lwip_started;

#endif /* LWIP_DRAIN_H */
