/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Kernel messages. uk_pr_err/warn/info/debug format like printf and write
 * one line to the console, prefixed with the level and the library:
 *
 *	uk_pr_info("found %d devices\n", n);  ->  "[info] virtio: found 2 devices"
 *
 * Messages below the level chosen in the menu (Libraries > ukdebug)
 * compile to nothing, arguments included. Without ukdebug, only errors
 * are printed, unformatted, straight to the console.
 *
 * This header is part of the kit's core contract (it is always on the
 * include path); lib/ukdebug implements it.
 */
#ifndef UK_PRINT_H
#define UK_PRINT_H

#include <uk/essentials.h>
#include <uk/plat/console.h>

#define UK_PRINT_CRIT	0
#define UK_PRINT_ERR	1
#define UK_PRINT_WARN	2
#define UK_PRINT_INFO	3
#define UK_PRINT_DEBUG	4

#if CONFIG_LIBUKDEBUG
void uk_debug_printk(int level, const char *lib, const char *fmt, ...) __uk_printf(3, 4);

#if CONFIG_LIBUKDEBUG_PRINTK_DEBUG
#define UK_PRINT_LEVEL UK_PRINT_DEBUG
#elif CONFIG_LIBUKDEBUG_PRINTK_INFO
#define UK_PRINT_LEVEL UK_PRINT_INFO
#elif CONFIG_LIBUKDEBUG_PRINTK_WARN
#define UK_PRINT_LEVEL UK_PRINT_WARN
#else
#define UK_PRINT_LEVEL UK_PRINT_ERR
#endif

#define uk_pr_level(lvl, ...)						\
	do {								\
		if ((lvl) <= UK_PRINT_LEVEL)				\
			uk_debug_printk((lvl), UK_LIBNAME_STR, __VA_ARGS__);	\
	} while (0)
#else
/* No ukdebug: errors still reach the console, without formatting. The
 * arguments are not evaluated, but count as used (no unused-variable or
 * -parameter errors in configurations without ukdebug). */
static inline void uk_pr_args_(int unused, ...)
{
	(void)unused;
}

#define uk_pr_level(lvl, fmt, ...)					\
	do {								\
		if ((lvl) <= UK_PRINT_ERR)				\
			ukplat_console_write(fmt, sizeof(fmt) - 1);	\
		if (0)							\
			uk_pr_args_(0, ##__VA_ARGS__);			\
	} while (0)
#endif

#define uk_pr_crit(...)		uk_pr_level(UK_PRINT_CRIT, __VA_ARGS__)
#define uk_pr_err(...)		uk_pr_level(UK_PRINT_ERR, __VA_ARGS__)
#define uk_pr_warn(...)		uk_pr_level(UK_PRINT_WARN, __VA_ARGS__)
#define uk_pr_info(...)		uk_pr_level(UK_PRINT_INFO, __VA_ARGS__)
#define uk_pr_debug(...)	uk_pr_level(UK_PRINT_DEBUG, __VA_ARGS__)

#endif /* UK_PRINT_H */
