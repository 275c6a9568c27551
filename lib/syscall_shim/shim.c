/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * syscall_shim: the dispatcher behind musl's __syscallN() (the API and
 * the registration macros are in <uk/syscall.h>).
 *
 * The table, number -> registration, is filled from the section
 * uk_syscalltab the first time any call is made: the calls it holds are
 * exactly those the selected libraries define. <uk/syscall_names.h> is
 * generated at build time from musl's <bits/syscall.h> (number -> name)
 * and from the tree's sources (name -> the library that would provide
 * it), for the -ENOSYS message and the trace.
 *
 * Contract: uk_syscall() may be called from any thread. The table is
 * filled before the first thread but main exists (musl's start-up makes
 * calls from ukboot's init), and read-only after.
 */
#include <errno.h>
#include <uk/syscall.h>
#include <uk/syscall_names.h>
#include <uk/param.h>
#include <uk/plat/console.h>
#include <uk/assert.h>

static int trace;
UK_PARAM(trace, UK_PARAM_BOOL, &trace,
	 "print every system call, its arguments and its result (strace-style)");

static const struct uk_syscall_entry *table[UK_SYSCALL_COUNT];
static unsigned char reported[(UK_SYSCALL_COUNT + 7) / 8];
static int filled;
static int fast;	/* filled and not tracing: uk_syscall's fast path */

static void fill(void)
{
	const struct uk_syscall_entry *e;

	for (e = __start_uk_syscalltab; e < __stop_uk_syscalltab; e++) {
		UK_ASSERT(e->nr >= 0 && e->nr < UK_SYSCALL_COUNT);
		if (table[e->nr])
			UK_CRASH("syscall_shim: %s is registered twice, by %s and %s",
				 e->name, table[e->nr]->lib, e->lib);
		table[e->nr] = e;
	}
	filled = 1;
}

const char *uk_syscall_name(long nr)
{
	if (nr < 0 || nr >= UK_SYSCALL_COUNT || !uk_syscall_stroff[nr])
		return NULL;
	return uk_syscall_strtab + uk_syscall_stroff[nr];
}

const char *uk_syscall_errname(long err)
{
	long e = err < 0 ? -err : err;

	if (e >= (long)UK_ARRAY_SIZE(uk_errno_stroff) || !uk_errno_stroff[e])
		return NULL;
	return uk_syscall_strtab + uk_errno_stroff[e];
}

const char *uk_syscall_provider(long nr)
{
	if (!filled)
		fill();
	if (nr < 0 || nr >= UK_SYSCALL_COUNT || !table[nr])
		return NULL;
	return table[nr]->lib;
}

/* The library folder in the tree that defines call nr, or NULL. */
static const char *would_provide(long nr)
{
	size_t i;

	for (i = 0; i < UK_ARRAY_SIZE(uk_syscall_known); i++)
		if (uk_syscall_known[i].nr == nr)
			return uk_syscall_strtab + uk_syscall_known[i].lib;
	return NULL;
}

/*
 * Lines are built in a buffer and written with one console write: the
 * shim prints without ukdebug (whose formatting is optional) and without
 * calling back into the libc that called it.
 */
struct line {
	char buf[256];
	size_t n;
};

static void put(struct line *l, const char *s)
{
	while (*s && l->n < sizeof(l->buf) - 1)
		l->buf[l->n++] = *s++;
}

static void put_num(struct line *l, long v, int hex)
{
	char d[24];
	int i = 0;
	unsigned long u = (v < 0 && !hex) ? -(unsigned long)v : (unsigned long)v;

	if (v < 0 && !hex)
		put(l, "-");
	if (hex)
		put(l, "0x");
	do {
		d[i++] = "0123456789abcdef"[u % (hex ? 16 : 10)];
		u /= hex ? 16 : 10;
	} while (u);
	while (i--) {
		char c[2] = { d[i], 0 };

		put(l, c);
	}
}

static void flush(struct line *l)
{
	ukplat_console_write(l->buf, l->n);
	l->n = 0;
}

static long enosys(long nr)
{
	const char *name = uk_syscall_name(nr);
	const char *lib;
	struct line l = { .n = 0 };

	if (nr >= 0 && nr < UK_SYSCALL_COUNT) {
		if (reported[nr / 8] & (1 << (nr % 8)))
			return -ENOSYS;
		reported[nr / 8] |= 1 << (nr % 8);
	}
	put(&l, "[warn] syscall_shim: ");
	put(&l, name ? name : "unknown call");
	put(&l, " (");
	put_num(&l, nr, 0);
	lib = name ? would_provide(nr) : NULL;
	if (lib) {
		put(&l, ") is not provided: -ENOSYS (select ");
		put(&l, lib);
		put(&l, ")\n");
	} else if (name) {
		put(&l, ") is not provided: -ENOSYS (no library in this tree implements it)\n");
	} else {
		put(&l, ") does not exist on this architecture: -ENOSYS\n");
	}
	flush(&l);
	return -ENOSYS;
}

/* strace-style: name(args) = result, small numbers in decimal, the rest
 * (pointers, flags) in hex, errors as -ENAME. */
static long traced(long nr, const long a[6])
{
	const struct uk_syscall_entry *e = table[nr];
	const char *name = uk_syscall_name(nr);
	int i, n = e ? e->nargs : 6;
	struct line l = { .n = 0 };
	long r;

	put(&l, name ? name : "?");
	put(&l, "(");
	for (i = 0; i < n; i++) {
		put_num(&l, a[i], !(a[i] > -65536 && a[i] < 65536));
		if (i < n - 1)
			put(&l, ", ");
	}
	put(&l, ")");
	r = e ? e->fn(a[0], a[1], a[2], a[3], a[4], a[5]) : enosys(nr);
	put(&l, " = ");
	if (r < 0 && r >= -4095) {
		put_num(&l, r, 0);
		if (-r < (long)UK_ARRAY_SIZE(uk_errno_stroff) &&
		    uk_errno_stroff[-r]) {
			put(&l, " ");
			put(&l, uk_syscall_strtab + uk_errno_stroff[-r]);
		}
	} else {
		put_num(&l, r, !(r > -65536 && r < 65536));
	}
	put(&l, "\n");
	flush(&l);
	return r;
}

/* Everything but a plain call: the first call (the table is filled),
 * tracing, a number without a registration. Out of line, so that the
 * fast path below needs no stack frame. */
static __attribute__((noinline)) long slow_path(long nr, long a1, long a2,
						long a3, long a4, long a5,
						long a6)
{
	const struct uk_syscall_entry *e;

	if (!filled) {
		fill();
		fast = !trace;
	}
	if (trace && nr >= 0 && nr < UK_SYSCALL_COUNT) {
		const long a[6] = { a1, a2, a3, a4, a5, a6 };

		return traced(nr, a);
	}
	if (nr < 0 || nr >= UK_SYSCALL_COUNT)
		return enosys(nr);
	e = table[nr];
	if (!e)
		return enosys(nr);
	return e->fn(a1, a2, a3, a4, a5, a6);
}

/* The fast path: one flag, a bounds check, the table, a tail call
 * (bench/posixcalls counts its instructions). */
long uk_syscall(long nr, long a1, long a2, long a3, long a4, long a5,
		long a6)
{
	const struct uk_syscall_entry *e;

	if (uk_likely(fast && (unsigned long)nr < UK_SYSCALL_COUNT)) {
		e = table[nr];
		if (uk_likely(e != NULL))
			return e->fn(a1, a2, a3, a4, a5, a6);
	}
	return slow_path(nr, a1, a2, a3, a4, a5, a6);
}
