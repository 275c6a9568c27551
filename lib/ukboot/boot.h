/* SPDX-License-Identifier: BSD-3-Clause */
/* ukboot's private interfaces between its files. */
#ifndef UKBOOT_PRIVATE_H
#define UKBOOT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/*
 * Split cmdline in place: set every library parameter before "--", build
 * argv from what follows. Returns argc (>= 1), or < 0 after printing a
 * one-line error naming the offending word.
 */
int uk_boot_parse_cmdline(char *cmdline, char **argv, int maxargs);

/*
 * NULL: the parser's complaints go to the console. ukboot's tests point
 * it at a buffer of uk_boot_complaint_size bytes (NUL-terminated, cut
 * when full) to check a complaint instead of printing it.
 */
extern char *uk_boot_complaint_buf;
extern size_t uk_boot_complaint_size;

/* Run the init table; < 0 when an init failed (terms already run). */
int uk_boot_run_inits(int trace);

/* Run the term functions of every init that ran, in reverse. */
void uk_boot_run_terms(void);

/* Write ns as "1234.567 us" (boot trace). */
void uk_boot_put_us(uint64_t ns);

#endif
