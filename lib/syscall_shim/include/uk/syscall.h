/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * syscall_shim: system calls as plain function calls. musl's
 * __syscallN() (patched, lib/musl/patches/) calls uk_syscall(); there is
 * no trap. A library provides a call by defining it, Linux style, beside
 * its implementation:
 *
 *	#include <uk/syscall.h>
 *
 *	UK_SYSCALL_DEFINE0(getpid)
 *	{
 *		return 1;
 *	}
 *
 *	UK_SYSCALL_DEFINE3(read, int, fd, void *, buf, size_t, count)
 *	{
 *		...
 *		return n;	// >= 0 result, or a negative errno
 *	}
 *
 * The macro defines the function uk_syscall_e_<name>() with the
 * argument types given, and registers it by name (section
 * uk_syscalltab). The call's number comes from musl's own
 * <bits/syscall.h> for the architecture being built (SYS_<name>): a name
 * this architecture does not have fails to compile, naming SYS_<name>,
 * so guard such a definition with #ifdef SYS_<name>. The registering
 * library says `depends on LIBSYSCALL_SHIM` in its Config.uk.
 *
 * A call no selected library registers returns -ENOSYS; the first time
 * each happens it is logged by name with the library that would provide
 * it (found in the tree's sources at build time). syscall_shim.trace=1
 * prints every call strace-style: name(arg, ...) = result.
 */
#ifndef UK_SYSCALL_H
#define UK_SYSCALL_H

#include <uk/essentials.h>
#include <bits/syscall.h>

/* Every registered function has this type once its arguments are
 * widened to long (the macros below cast them back). */
typedef long (*uk_syscall_fn_t)(long, long, long, long, long, long);

struct uk_syscall_entry {
	uk_syscall_fn_t fn;
	const char *name;	/* "read" */
	const char *lib;	/* the providing library, "posix_fdtab" */
	long nr;		/* SYS_read */
	int nargs;		/* 0..6, for the trace */
};

/*
 * Make system call nr with up to six arguments (unused ones are
 * ignored). Returns the call's result or a negative errno, as the Linux
 * kernel does; musl turns that into errno. Safe from any thread, with
 * interrupts on; the registered function decides what else holds.
 */
long uk_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
		long a6);

/* The name of call nr ("read"), or NULL when musl's table has none. */
const char *uk_syscall_name(long nr);
/* The name of an errno value, -ENOTDIR or ENOTDIR: "ENOTDIR"; NULL if it
 * has none. Unlike musl's strerror() it needs no thread (boot-time
 * messages: musl's locale lives in the thread control block). */
const char *uk_syscall_errname(long err);

/* The library that registers call nr in this image, or NULL. */
const char *uk_syscall_provider(long nr);

#define UK_SYSCALL_ENTRY_(call, n)					\
	static const struct uk_syscall_entry uk_syscall_ent_##call	\
	__uk_used __uk_section("uk_syscalltab") __uk_align(8) = {	\
		.fn = uk_syscall_e_##call,				\
		.name = #call,						\
		.lib = UK_LIBNAME_STR,					\
		.nr = SYS_##call,					\
		.nargs = (n),						\
	}

/* UK_SYSCALL_DEFINEn(call, type1, arg1, ..., typen, argn) { body } */
#define UK_SYSCALL_DEFINE_(call, n, params, args)				\
	static long uk_syscall_b_##call params;				\
	long uk_syscall_e_##call(long a1, long a2, long a3, long a4,	\
				 long a5, long a6);			\
	long uk_syscall_e_##call(long a1 __uk_unused,			\
				 long a2 __uk_unused,			\
				 long a3 __uk_unused,			\
				 long a4 __uk_unused,			\
				 long a5 __uk_unused,			\
				 long a6 __uk_unused)			\
	{								\
		return uk_syscall_b_##call args;			\
	}								\
	UK_SYSCALL_ENTRY_(call, n);					\
	static long uk_syscall_b_##call params

#define UK_SYSCALL_DEFINE0(call)					\
	UK_SYSCALL_DEFINE_(call, 0, (void), ())
#define UK_SYSCALL_DEFINE1(call, t1, n1)				\
	UK_SYSCALL_DEFINE_(call, 1, (t1 n1), ((t1)a1))
#define UK_SYSCALL_DEFINE2(call, t1, n1, t2, n2)			\
	UK_SYSCALL_DEFINE_(call, 2, (t1 n1, t2 n2), ((t1)a1, (t2)a2))
#define UK_SYSCALL_DEFINE3(call, t1, n1, t2, n2, t3, n3)		\
	UK_SYSCALL_DEFINE_(call, 3, (t1 n1, t2 n2, t3 n3),			\
			   ((t1)a1, (t2)a2, (t3)a3))
#define UK_SYSCALL_DEFINE4(call, t1, n1, t2, n2, t3, n3, t4, n4)	\
	UK_SYSCALL_DEFINE_(call, 4, (t1 n1, t2 n2, t3 n3, t4 n4),		\
			   ((t1)a1, (t2)a2, (t3)a3, (t4)a4))
#define UK_SYSCALL_DEFINE5(call, t1, n1, t2, n2, t3, n3, t4, n4, t5, n5) \
	UK_SYSCALL_DEFINE_(call, 5, (t1 n1, t2 n2, t3 n3, t4 n4, t5 n5),	\
			   ((t1)a1, (t2)a2, (t3)a3, (t4)a4, (t5)a5))
#define UK_SYSCALL_DEFINE6(call, t1, n1, t2, n2, t3, n3, t4, n4, t5, n5, \
			   t6, n6)					\
	UK_SYSCALL_DEFINE_(call, 6, (t1 n1, t2 n2, t3 n3, t4 n4, t5 n5, t6 n6), \
			   ((t1)a1, (t2)a2, (t3)a3, (t4)a4, (t5)a5, (t6)a6))

/* Bounds of the registrations (see uk/init.h for why weak). */
extern const struct uk_syscall_entry __start_uk_syscalltab[] __uk_weak;
extern const struct uk_syscall_entry __stop_uk_syscalltab[] __uk_weak;

#endif /* UK_SYSCALL_H */
