/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The image's one identity: uid CONFIG_LIBPOSIX_USER_UID, gid
 * CONFIG_LIBPOSIX_USER_GID, no supplementary groups. Queries report it;
 * changes succeed only when they change nothing (-1 means "keep" in the
 * re/res variants, as on Linux), else EPERM.
 */
#include <errno.h>
#include <unistd.h>
#include <uk/syscall.h>

#define UID ((uid_t)CONFIG_LIBPOSIX_USER_UID)
#define GID ((gid_t)CONFIG_LIBPOSIX_USER_GID)
#define KEEP ((unsigned int)-1)

/* 0 when every id is ours or "keep", else -EPERM. */
static long same(unsigned int ours, unsigned int a, unsigned int b,
		 unsigned int c)
{
	if ((a != KEEP && a != ours) || (b != KEEP && b != ours) ||
	    (c != KEEP && c != ours))
		return -EPERM;
	return 0;
}

UK_SYSCALL_DEFINE0(getuid) { return UID; }
UK_SYSCALL_DEFINE0(geteuid) { return UID; }
UK_SYSCALL_DEFINE0(getgid) { return GID; }
UK_SYSCALL_DEFINE0(getegid) { return GID; }

UK_SYSCALL_DEFINE3(getresuid, uid_t *, r, uid_t *, e, uid_t *, s)
{
	if (!r || !e || !s)
		return -EFAULT;
	*r = *e = *s = UID;
	return 0;
}

UK_SYSCALL_DEFINE3(getresgid, gid_t *, r, gid_t *, e, gid_t *, s)
{
	if (!r || !e || !s)
		return -EFAULT;
	*r = *e = *s = GID;
	return 0;
}

UK_SYSCALL_DEFINE1(setuid, uid_t, u)
{
	return u == KEEP ? -EINVAL : same(UID, u, KEEP, KEEP);
}

UK_SYSCALL_DEFINE1(setgid, gid_t, g)
{
	return g == KEEP ? -EINVAL : same(GID, g, KEEP, KEEP);
}

UK_SYSCALL_DEFINE2(setreuid, uid_t, r, uid_t, e)
{
	return same(UID, r, e, KEEP);
}

UK_SYSCALL_DEFINE2(setregid, gid_t, r, gid_t, e)
{
	return same(GID, r, e, KEEP);
}

UK_SYSCALL_DEFINE3(setresuid, uid_t, r, uid_t, e, uid_t, s)
{
	return same(UID, r, e, s);
}

UK_SYSCALL_DEFINE3(setresgid, gid_t, r, gid_t, e, gid_t, s)
{
	return same(GID, r, e, s);
}

/* No supplementary groups: the count is 0 whatever the buffer. */
UK_SYSCALL_DEFINE2(getgroups, int, size, gid_t *, list)
{
	(void)list;
	return size < 0 ? -EINVAL : 0;
}

UK_SYSCALL_DEFINE2(setgroups, size_t, size, const gid_t *, list)
{
	if (size > 65536)
		return -EINVAL;
	if (size == 0)
		return 0;
	if (!list)
		return -EFAULT;
	return (size == 1 && list[0] == GID) ? 0 : -EPERM;
}
