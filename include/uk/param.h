/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Library parameters set from the kernel command line as
 * <library>.<param>=<value>, e.g. "ukboot.trace=1". A library declares
 *
 *	static int trace;
 *	UK_PARAM(trace, UK_PARAM_BOOL, &trace, "print the init order");
 *
 * and the parameter is named after the library (the build's UK_LIBNAME).
 * ukboot parses the command line before any init runs; an unknown or
 * malformed parameter stops the boot with a message naming it.
 */
#ifndef UK_PARAM_H
#define UK_PARAM_H

#include <uk/essentials.h>

enum uk_param_type {
	UK_PARAM_BOOL,	/* int: 0/1, accepts 0 1 true false yes no on off */
	UK_PARAM_INT,	/* long: decimal or 0x hex, optional sign */
	UK_PARAM_ULONG,	/* unsigned long, accepts K/M/G suffixes */
	UK_PARAM_STR,	/* const char *: points into the command line */
	UK_PARAM_LIST,	/* struct uk_param_list: see UK_PARAM_PREFIX */
};

/*
 * Every word "<prefix>.<rest>" (rest not empty) appends rest, pointing
 * into the command line, to words[], in command-line order; one more
 * than max is an error that names the word and says full_hint.
 */
struct uk_param_list {
	const char **words;
	unsigned int count;
	unsigned int max;
	const char *full_hint;	/* e.g. "raise CONFIG_LIBPOSIX_ENVIRON_MAX" */
};

struct uk_param {
	const char *lib;	/* library name, without "lib" */
	const char *name;	/* parameter name */
	const char *help;
	void *addr;
	int type;		/* enum uk_param_type */
	int appended;		/* UK_PARAM_PREFIX_APPENDED */
};

#define UK_PARAM(pname, ptype, paddr, phelp)				\
	static const struct uk_param uk_param_##pname			\
	__uk_used __uk_section("uk_params") __uk_align(8) = {		\
		.lib = UK_LIBNAME_STR,					\
		.name = #pname,						\
		.help = (phelp),					\
		.addr = (paddr),					\
		.type = (ptype),					\
	}

/*
 * A whole namespace of words: UK_PARAM_PREFIX(env, &list, "...") takes
 * every "env.<anything>" word (posix-environ: env.HOME=/ env.LANG=C).
 * The prefix is not tied to the library's name; one prefix, one owner.
 */
#define UK_PARAM_PREFIX(prefix, plist, phelp)				\
	UK_PARAM_PREFIX_(prefix, plist, phelp, 0)

/*
 * The same, for words a hypervisor appends to the command line the user
 * gave (QEMU microvm appends "virtio_mmio.device=..." for each device):
 * such words at the end of the line are the prefix's even after "--",
 * where they would otherwise become the application's last arguments.
 */
#define UK_PARAM_PREFIX_APPENDED(prefix, plist, phelp)			\
	UK_PARAM_PREFIX_(prefix, plist, phelp, 1)

#define UK_PARAM_PREFIX_(prefix, plist, phelp, app)			\
	static const struct uk_param uk_param_prefix_##prefix		\
	__uk_used __uk_section("uk_params") __uk_align(8) = {		\
		.lib = #prefix,						\
		.name = "*",						\
		.help = (phelp),					\
		.addr = (plist),					\
		.type = UK_PARAM_LIST,					\
		.appended = (app),					\
	}

extern const struct uk_param __start_uk_params[] __uk_weak;
extern const struct uk_param __stop_uk_params[] __uk_weak;

#endif /* UK_PARAM_H */
