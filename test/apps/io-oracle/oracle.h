/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The descriptor oracle: one program, built with musl-gcc for the host
 * and with the kit for linuxu and kvm; its output must match line by
 * line (test/cases/io-oracle.sh). Every line is a value both must agree
 * on (a result and its errno, poll bits, bytes read) or a property of
 * one that may legitimately differ (elapsed time: "at least 30 ms").
 */
#ifndef IO_ORACLE_H
#define IO_ORACLE_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* "<what>: <result>" and, when it failed, the errno's text. */
#define SHOW(what, expr)						\
	do {								\
		long r_ = (long)(expr);					\
		if (r_ < 0)						\
			printf("%s: %ld %s\n", (what), r_, strerror(errno)); \
		else							\
			printf("%s: %ld\n", (what), r_);		\
	} while (0)

/* A property line: "<what>: yes" or "<what>: NO". */
#define PROP(what, cond) printf("%s: %s\n", (what), (cond) ? "yes" : "NO")

/* Milliseconds on the monotonic clock. */
long now_ms(void);
/* poll one descriptor for events with timeout 0: its revents (or -1). */
int revents(int fd, short events);

void t_pipe(void);
void t_eventfd(void);
void t_poll(void);
void t_epoll(void);
void t_unix(void);

#endif
