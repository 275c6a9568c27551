/* SPDX-License-Identifier: BSD-3-Clause */
/* Between the files of lib/musl's glue only. */
#ifndef UK_MUSL_INTERNAL_H
#define UK_MUSL_INTERNAL_H

/* musl's start-up (start.c, UK_INIT_SYS) has run: the boot thread has
 * its thread control block and musl knows its TLS image. */
extern int uk_musl_started;

#endif /* UK_MUSL_INTERNAL_H */
