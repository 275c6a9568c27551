/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vnode cache: one struct uk_vnode per (mount, ino) while anybody
 * holds it, found through the mount's hash. File systems make their
 * vnodes here (uk_vfs_vnode_get returning 1: "new, fill it in"), so the
 * same object reached by two paths or two hard links is one vnode, with
 * one lock. cache_lock guards every hash chain, every refs count and
 * the parent pointers; it is never held across a file system op.
 */
#include <errno.h>
#include <string.h>
#include <uk/plat/time.h>
#include "vfs_internal.h"

#define HASH_SIZE 256	/* chains per mount: a power of two */

static struct uk_mutex cache_lock = UK_MUTEX_INITIALIZER;

void vfs_cache_lock(void)
{
	uk_lock_mutex_lock(&cache_lock);
}

void vfs_cache_unlock(void)
{
	uk_lock_mutex_unlock(&cache_lock);
}

static unsigned int hash_of(const struct uk_vfs_mount *m, uint64_t ino)
{
	ino ^= ino >> 17;
	ino *= 0x9e3779b97f4a7c15ull;
	return (unsigned int)(ino >> 40) & (m->hash_size - 1);
}

int vfs_vnode_hash_init(struct uk_vfs_mount *m)
{
	m->hash = vfs_zalloc(HASH_SIZE * sizeof(*m->hash));
	if (!m->hash)
		return -ENOMEM;
	m->hash_size = HASH_SIZE;
	return 0;
}

void vfs_vnode_hash_free(struct uk_vfs_mount *m)
{
	vfs_free(m->hash);
	m->hash = NULL;
	m->hash_size = 0;
}

int uk_vfs_vnode_get(struct uk_vfs_mount *m, uint64_t ino,
		     struct uk_vnode **out)
{
	unsigned int h = hash_of(m, ino);
	struct uk_vnode *vn;

	vfs_cache_lock();
	for (vn = m->hash[h]; vn; vn = vn->hnext) {
		if (vn->ino == ino) {
			vn->refs++;
			vfs_cache_unlock();
			*out = vn;
			return 0;
		}
	}
	vn = vfs_zalloc(sizeof(*vn));
	if (!vn) {
		vfs_cache_unlock();
		return -ENOMEM;
	}
	vn->mount = m;
	vn->ino = ino;
	vn->refs = 1;
	uk_lock_mutex_init(&vn->lock, 0);
	vn->hnext = m->hash[h];
	m->hash[h] = vn;
	vfs_cache_unlock();
	*out = vn;
	return 1;
}

void uk_vfs_vnode_ref(struct uk_vnode *vn)
{
	vfs_cache_lock();
	vn->refs++;
	vfs_cache_unlock();
}

void uk_vfs_vnode_put(struct uk_vnode *vn)
{
	struct uk_vnode **pp, *parent;
	struct uk_vfs_mount *m;

	while (vn) {
		m = vn->mount;
		vfs_cache_lock();
		UK_ASSERT(vn->refs > 0);
		if (--vn->refs > 0) {
			vfs_cache_unlock();
			return;
		}
		/* Nobody holds it: out of the hash, so a lookup racing with
		 * us makes a fresh vnode rather than finding this one. */
		for (pp = &m->hash[hash_of(m, vn->ino)]; *pp != vn;
		     pp = &(*pp)->hnext)
			;
		*pp = vn->hnext;
		parent = vn->parent;
		vfs_cache_unlock();
		if (vn->ops && vn->ops->inactive)
			vn->ops->inactive(vn);
		vfs_free(vn);
		vn = parent;	/* a directory held its parent */
	}
}

unsigned long vfs_vnode_count(struct uk_vfs_mount *m)
{
	unsigned long n = 0;
	struct uk_vnode *vn;
	unsigned int i;

	vfs_cache_lock();
	for (i = 0; i < m->hash_size; i++)
		for (vn = m->hash[i]; vn; vn = vn->hnext)
			n++;
	vfs_cache_unlock();
	return n;
}

void uk_vfs_now(struct timespec *ts)
{
	uint64_t ns = ukplat_wallclock_ns();

	ts->tv_sec = (time_t)(ns / 1000000000ull);
	ts->tv_nsec = (long)(ns % 1000000000ull);
}
