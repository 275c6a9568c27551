/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The init table: how libraries get initialized without anyone calling
 * them. A library declares
 *
 *	uk_init(UK_INIT_LIB, UK_PRIO_DEFAULT, my_init, my_term);
 *
 * and ukboot runs every entry in order of (level, priority); entries of
 * different libraries with equal keys run in link order (the order of
 * UK_LIBS), entries within one file in no promised order: give them
 * distinct priorities when it matters. All of it happens before main().
 * When an init fails (returns < 0), boot stops, and the
 * term functions of those that succeeded run in reverse order.
 *
 * Priorities are never bare numbers scattered over the tree: a library
 * that others must follow exports a named priority in its public header,
 *
 *	#define UK_PRIO_UKALLOC UK_PRIO_EARLIEST
 *
 * and a dependent says UK_PRIO_AFTER(UK_PRIO_UKALLOC). Entries are sorted
 * at boot (a few dozen at most), so priorities may be any constant
 * expression.
 */
#ifndef UK_INIT_H
#define UK_INIT_H

#include <uk/essentials.h>

enum uk_init_level {
	UK_INIT_EARLY,	/* console, early memory: nothing else is up */
	UK_INIT_PLAT,	/* platform: interrupts, timers */
	UK_INIT_BUS,	/* bus enumeration: PCI, virtio-mmio */
	UK_INIT_LIB,	/* ordinary libraries: allocators, schedulers */
	UK_INIT_FS,	/* file systems and mounts */
	UK_INIT_SYS,	/* system services: network stack, syscall shim */
	UK_INIT_LATE,	/* anything that wants all of the above */
	UK_INIT_LEVELS
};

#define UK_PRIO_EARLIEST	(-1000)
#define UK_PRIO_DEFAULT		0
#define UK_PRIO_LATEST		1000
#define UK_PRIO_AFTER(p)	((p) + 1)
#define UK_PRIO_BEFORE(p)	((p) - 1)

struct uk_init_entry {
	int (*init)(void);	/* < 0: failure (negative errno) */
	void (*term)(void);	/* may be NULL */
	const char *name;	/* "library.function", for traces */
	short level;		/* enum uk_init_level */
	short prio;
};

#define UK_INIT_ENTRY_NAME_(f, l) uk_init_entry_##f##_##l
#define UK_INIT_ENTRY_NAME(f, l) UK_INIT_ENTRY_NAME_(f, l)

#define uk_init(lvl, pri, initfn, termfn)				\
	static const struct uk_init_entry				\
	UK_INIT_ENTRY_NAME(initfn, __LINE__)				\
	__uk_used __uk_section("uk_inittab") __uk_align(8) = {	\
		.init = (initfn),					\
		.term = (termfn),					\
		.name = UK_LIBNAME_STR "." #initfn,			\
		.level = (lvl),						\
		.prio = (pri),						\
	}

/*
 * Bounds of the table. The section name is a C identifier, so the linker
 * defines these itself and keeps the section under --gc-sections; they are
 * weak so that an image with no entries links (both are then NULL).
 */
extern const struct uk_init_entry __start_uk_inittab[] __uk_weak;
extern const struct uk_init_entry __stop_uk_inittab[] __uk_weak;

#endif /* UK_INIT_H */
