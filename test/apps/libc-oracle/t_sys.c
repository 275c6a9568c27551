/* SPDX-License-Identifier: BSD-3-Clause */
#include "oracle.h"
/*
 * The process and its system: argv, environment, getrandom, ids, uname,
 * limits, sysinfo, affinity, anonymous memory mappings.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <unistd.h>

extern char **environ;

static void t_args(int argc, char **argv)
{
	int i, n = 0;
	char **e;

	PROP("argv: argv[0] is a non-empty string", argv[0] && argv[0][0]);
	printf("argv: argc %d\n", argc);
	for (i = 1; i < argc; i++)
		printf("argv: [%d] \"%s\"\n", i, argv[i]);
	printf("argv: argv[argc] is %s\n", argv[argc] ? "not NULL" : "NULL");
	for (e = environ; e && *e; e++)
		n += !strncmp(*e, "ORACLE_", 7);
	printf("environ: %d ORACLE_ variables\n", n);
	printf("environ: ORACLE_A=\"%s\" ORACLE_B=\"%s\" ORACLE_NONE %s\n",
	       getenv("ORACLE_A"), getenv("ORACLE_B"),
	       getenv("ORACLE_NONE") ? "set" : "unset");
	setenv("ORACLE_C", "new", 0);
	setenv("ORACLE_A", "replaced", 1);
	unsetenv("ORACLE_B");
	printf("environ: after setenv/unsetenv A=\"%s\" B %s C=\"%s\"\n",
	       getenv("ORACLE_A"), getenv("ORACLE_B") ? "set" : "unset",
	       getenv("ORACLE_C"));
}

static void t_random(void)
{
	unsigned char a[32], b[32];
	int i, nz = 0;
	ssize_t r;

	r = getrandom(a, sizeof(a), 0);
	for (i = 0; i < 32; i++)
		nz |= a[i];
	printf("getrandom: %zd bytes, %s\n", r,
	       nz ? "not all zero" : "ALL ZERO");
	getrandom(b, sizeof(b), GRND_NONBLOCK);
	PROP("getrandom: two calls differ", memcmp(a, b, 32) != 0);
	errno = 0;
	r = getrandom(a, sizeof(a), 0x4000);
	printf("getrandom: bad flags = %zd, errno %d\n", r, errno);
	r = getrandom(a, 0, 0);
	printf("getrandom: 0 bytes = %zd\n", r);
}

static void t_ids(void)
{
	struct utsname u;
	struct rlimit rl;
	struct sysinfo si;
	cpu_set_t set;
	int r;

	PROP("process: getpid() > 0", getpid() > 0);
	PROP("process: getppid() >= 0", getppid() >= 0);
	PROP("process: gettid() == getpid() in main", gettid() == getpid());
	PROP("user: getuid() == geteuid()", getuid() == geteuid());
	PROP("user: getgid() == getegid()", getgid() == getegid());
	r = uname(&u);
	printf("uname: = %d\n", r);
	PROP("uname: sysname, release, machine non-empty",
	     u.sysname[0] && u.release[0] && u.machine[0]);
	printf("uname: machine %s\n", u.machine);
	r = getrlimit(RLIMIT_NOFILE, &rl);
	printf("rlimit: getrlimit(NOFILE) = %d\n", r);
	PROP("rlimit: NOFILE cur <= max and > 2",
	     rl.rlim_cur <= rl.rlim_max && rl.rlim_cur > 2);
	r = getrlimit(RLIMIT_STACK, &rl);
	PROP("rlimit: STACK cur > 0", r == 0 && rl.rlim_cur > 0);
	errno = 0;
	r = getrlimit(999, &rl);
	printf("rlimit: getrlimit(999) = %d, errno %d\n", r, errno);
	r = sysinfo(&si);
	printf("sysinfo: = %d\n", r);
	PROP("sysinfo: totalram > freeram > 0",
	     si.totalram > si.freeram && si.freeram > 0);
	CPU_ZERO(&set);
	r = sched_getaffinity(0, sizeof(set), &set);
	printf("sched: getaffinity = %d\n", r);
	PROP("sched: at least one CPU", CPU_COUNT(&set) >= 1);
	printf("sched: sched_yield = %d\n", sched_yield());
}

static void t_mmap(void)
{
	size_t sz = 1 << 20;
	unsigned char *p, *q;
	int r, zero = 1;
	size_t i;

	p = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
		 -1, 0);
	printf("mmap: 1 MiB anonymous %s\n", p == MAP_FAILED ? "failed" : "ok");
	if (p == MAP_FAILED)
		return;
	for (i = 0; i < sz; i++)
		zero &= p[i] == 0;
	PROP("mmap: page-aligned", ((unsigned long)p & 4095) == 0);
	PROP("mmap: zero-filled", zero);
	memset(p, 0xab, sz);
	q = mremap(p, sz, 2 * sz, MREMAP_MAYMOVE);
	printf("mmap: mremap to 2 MiB %s\n", q == MAP_FAILED ? "failed" : "ok");
	if (q != MAP_FAILED) {
		PROP("mmap: mremap kept the bytes", q[sz - 1] == 0xab && q[0] == 0xab);
		p = q;
		sz *= 2;
	}
	r = mprotect(p, 4096, PROT_READ);
	printf("mmap: mprotect(PROT_READ) = %d\n", r);
	r = madvise(p, sz, MADV_DONTNEED);
	printf("mmap: madvise(DONTNEED) = %d\n", r);
	r = munmap(p, sz);
	printf("mmap: munmap = %d\n", r);
	errno = 0;
	p = mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	printf("mmap: length 0 %s, errno %d\n", p == MAP_FAILED ? "fails" : "ok",
	       errno);
	errno = 0;
	r = munmap((void *)4097, 4096);
	printf("mmap: munmap unaligned = %d, errno %d\n", r, errno);
	errno = 0;
	p = mmap(NULL, 4096, PROT_READ, MAP_ANONYMOUS, -1, 0);
	printf("mmap: neither SHARED nor PRIVATE %s, errno %d\n",
	       p == MAP_FAILED ? "fails" : "ok", errno);
}

void t_sys(int argc, char **argv)
{
	t_args(argc, argv);
	t_random();
	t_ids();
	t_mmap();
}
