/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * getrandom(buf, len, flags) on uk_random_fill(). Linux's contract:
 * flags are GRND_NONBLOCK, GRND_RANDOM, GRND_INSECURE (INSECURE with
 * RANDOM is EINVAL); one call returns at most 32 MiB - 1 bytes. The
 * pool is never "not ready" here, so it never blocks or returns EAGAIN.
 */
#include <errno.h>
#include <sys/random.h>
#include <uk/random.h>
#include <uk/syscall.h>

#ifndef GRND_INSECURE
#define GRND_INSECURE 0x0004
#endif
#define MAX_PER_CALL ((32UL << 20) - 1)

UK_SYSCALL_DEFINE3(getrandom, void *, buf, size_t, len, unsigned int, flags)
{
	int r;

	if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) ==
	    (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	if (len > MAX_PER_CALL)
		len = MAX_PER_CALL;
	if (!len)
		return 0;
	if (!buf)
		return -EFAULT;
	r = uk_random_fill(buf, len);
	return r < 0 ? r : (long)len;
}
