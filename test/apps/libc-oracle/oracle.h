/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The libc oracle: one program, built with musl-gcc for the host and
 * with the kit (musl on the syscall shim) for linuxu and kvm; its output
 * must match line by line (test/cases/libc-oracle.sh). So every line it
 * prints is either a value both must agree on, or, where a value may
 * legitimately differ (pids, addresses, random bytes, clock readings),
 * a property of it ("getrandom: 32 bytes, not all zero").
 */
#ifndef ORACLE_H
#define ORACLE_H

#define _GNU_SOURCE
#include <stdio.h>

/* A property line: "<what>: yes" or "<what>: NO". */
#define PROP(what, cond) printf("%s: %s\n", (what), (cond) ? "yes" : "NO")

void t_stdio(void);
void t_string(void);
void t_stdlib(void);
void t_malloc(void);
void t_time(void);
void t_threads(void);
void t_sys(int argc, char **argv);
void t_signals(void);

#endif
