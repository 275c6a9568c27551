/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * linuxu's initrd: what QEMU's -initrd is to kvm, the environment
 * variable UKPLAT_INITRD=FILE is to a linuxu process. The file is mapped
 * read-only and privately on the first ukplat_initrd() call and stays
 * mapped for the process's life.
 */
#include <uk/plat/bootinfo.h>
#include <uk/plat/console.h>
#include "syscall.h"

#define ENOENT		2
#define O_RDONLY	0
#define PROT_READ	1
#define MAP_PRIVATE	2
#define ST_SIZE_OFF	48	/* st_size in x86_64's struct stat */

#define SYS_open	2
#define SYS_close	3
#define SYS_fstat	5

static const char *const *envp;
static const void *initrd;
static size_t initrd_len;
static int initrd_err = 1;	/* 1: not looked at yet */
static const char empty[1];	/* the base of an empty file */

void linuxu_initrd_env(const char *const *env)
{
	envp = env;
}

static const char *getenv_initrd(void)
{
	static const char key[] = "UKPLAT_INITRD=";
	const char *const *e;
	size_t i;

	for (e = envp; e && *e; e++) {
		for (i = 0; key[i] && (*e)[i] == key[i]; i++)
			;
		if (!key[i])
			return *e + i;
	}
	return NULL;
}

static void say(const char *a, const char *b, const char *c)
{
	size_t n;

	for (n = 0; a[n]; n++)
		;
	ukplat_console_write(a, n);
	for (n = 0; b[n]; n++)
		;
	ukplat_console_write(b, n);
	for (n = 0; c[n]; n++)
		;
	ukplat_console_write(c, n);
}

static int map_initrd(void)
{
	const char *path = getenv_initrd();
	long fd, r, st[18];
	long p = 0;

	if (!path)
		return -ENOENT;
	fd = linuxu_syscall3(SYS_open, (long)path, O_RDONLY, 0);
	if (fd < 0) {
		say("linuxu: UKPLAT_INITRD=", path, ": cannot open it\n");
		return (int)fd;
	}
	r = linuxu_syscall3(SYS_fstat, fd, (long)st, 0);
	if (!r)
		initrd_len = (size_t)st[ST_SIZE_OFF / sizeof(long)];
	if (!r && initrd_len)
		p = linuxu_syscall6(SYS_mmap, 0, (long)initrd_len, PROT_READ,
				    MAP_PRIVATE, fd, 0);
	linuxu_syscall3(SYS_close, fd, 0, 0);
	if (r || (p < 0 && p > -4096)) {
		say("linuxu: UKPLAT_INITRD=", path, ": cannot map it\n");
		return r ? (int)r : (int)p;
	}
	initrd = initrd_len ? (const void *)p : (const void *)empty;
	return 0;
}

int ukplat_initrd(const void **base, size_t *len)
{
	if (initrd_err == 1)
		initrd_err = map_initrd();
	if (initrd_err)
		return initrd_err;
	*base = initrd;
	*len = initrd_len;
	return 0;
}
