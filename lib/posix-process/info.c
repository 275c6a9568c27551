/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What the process is and has: getpid, getppid, uname, getrlimit,
 * setrlimit, prlimit64, sysinfo, sched_getaffinity, sched_setaffinity,
 * sched_yield. The image is one process, pid 1 (its boot thread's tid,
 * see tid.c), whose parent is 0 (as init's on Linux), on one CPU.
 *
 * Limits are kept and reported, not enforced, except that NOFILE and
 * STACK start at what the kit really offers (posix-fdtab's table size,
 * uksched's default thread stack). Unknown resources are EINVAL, another
 * pid is ESRCH, a soft limit above the hard one EINVAL.
 */
#include <errno.h>
#include <sched.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include <uk/syscall.h>
#if CONFIG_LIBUKALLOC
#include <uk/alloc.h>
#endif
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

#define PID 1

UK_SYSCALL_DEFINE0(getpid)
{
	return PID;
}

UK_SYSCALL_DEFINE0(getppid)
{
	return 0;
}

UK_SYSCALL_DEFINE1(uname, struct utsname *, u)
{
	if (!u)
		return -EFAULT;
	memset(u, 0, sizeof(*u));
	/* The ABI is Linux's: programs that check sysname see Linux. */
	strcpy(u->sysname, "Linux");
	strcpy(u->nodename, "unikit");
	strcpy(u->release, "6.1.0-unikit");
	strcpy(u->version, "Unikit " __DATE__);
	strcpy(u->machine, "x86_64");
	strcpy(u->__domainname, "(none)");
	return 0;
}

#if CONFIG_LIBPOSIX_FDTAB_MAX
#define NOFILE CONFIG_LIBPOSIX_FDTAB_MAX
#else
#define NOFILE 1024
#endif
#if CONFIG_LIBUKSCHED
#define STACK CONFIG_LIBUKSCHED_STACK_SIZE
#else
#define STACK (8UL << 20)
#endif

#define INF { RLIM_INFINITY, RLIM_INFINITY }
static struct rlimit limits[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = INF,
	[RLIMIT_FSIZE] = INF,
	[RLIMIT_DATA] = INF,
	[RLIMIT_STACK] = { STACK, RLIM_INFINITY },
	[RLIMIT_CORE] = { 0, RLIM_INFINITY },
	[RLIMIT_RSS] = INF,
	[RLIMIT_NPROC] = INF,
	[RLIMIT_NOFILE] = { NOFILE, NOFILE },
	[RLIMIT_MEMLOCK] = { 8UL << 20, 8UL << 20 },
	[RLIMIT_AS] = INF,
	[RLIMIT_LOCKS] = INF,
	[RLIMIT_SIGPENDING] = { 64, 64 },
	[RLIMIT_MSGQUEUE] = { 819200, 819200 },
	[RLIMIT_NICE] = { 0, 0 },
	[RLIMIT_RTPRIO] = { 0, 0 },
	[RLIMIT_RTTIME] = INF,
};

static long prlimit(int res, const struct rlimit *new, struct rlimit *old)
{
	unsigned long fl;

	if (res < 0 || res >= RLIM_NLIMITS)
		return -EINVAL;
	if (new && new->rlim_cur > new->rlim_max)
		return -EINVAL;
	fl = ukplat_irq_save();
	if (old)
		*old = limits[res];
	if (new)
		limits[res] = *new;
	ukplat_irq_restore(fl);
	return 0;
}

UK_SYSCALL_DEFINE2(getrlimit, int, res, struct rlimit *, r)
{
	if (res >= 0 && res < RLIM_NLIMITS && !r)
		return -EFAULT;
	return prlimit(res, NULL, r);
}

UK_SYSCALL_DEFINE2(setrlimit, int, res, const struct rlimit *, r)
{
	if (res >= 0 && res < RLIM_NLIMITS && !r)
		return -EFAULT;
	return prlimit(res, r, NULL);
}

UK_SYSCALL_DEFINE4(prlimit64, int, pid, int, res, const struct rlimit *, new,
		   struct rlimit *, old)
{
	if (pid != 0 && pid != PID)
		return -ESRCH;
	return prlimit(res, new, old);
}

UK_SYSCALL_DEFINE1(sysinfo, struct sysinfo *, si)
{
	if (!si)
		return -EFAULT;
	memset(si, 0, sizeof(*si));
	si->uptime = ukplat_monotonic_ns() / UKPLAT_NSEC_PER_SEC;
#if CONFIG_LIBUKALLOC
	si->totalram = uk_alloc_totalmem(uk_alloc_get_default());
	si->freeram = uk_alloc_availmem(uk_alloc_get_default());
#endif
	si->procs = 1;
	si->mem_unit = 1;
	return 0;
}

/* One CPU: the mask is bit 0. Linux copies the kernel's mask size
 * (a long here) and returns it; a smaller buffer is EINVAL. */
UK_SYSCALL_DEFINE3(sched_getaffinity, int, pid, size_t, len,
		   unsigned long *, mask)
{
	if (pid != 0 && pid != PID)
		return -ESRCH;
	if (len < sizeof(unsigned long) || (len & (sizeof(long) - 1)))
		return -EINVAL;
	if (!mask)
		return -EFAULT;
	memset(mask, 0, sizeof(unsigned long));
	mask[0] = 1;
	return sizeof(unsigned long);
}

UK_SYSCALL_DEFINE3(sched_setaffinity, int, pid, size_t, len,
		   const unsigned long *, mask)
{
	if (pid != 0 && pid != PID)
		return -ESRCH;
	if (!len)
		return -EINVAL;
	if (!mask)
		return -EFAULT;
	return (mask[0] & 1) ? 0 : -EINVAL;	/* must include CPU 0 */
}

UK_SYSCALL_DEFINE0(sched_yield)
{
#if CONFIG_LIBUKSCHED
	uk_sched_yield();
#endif
	return 0;
}
