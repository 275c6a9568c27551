/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The vnode cache: one struct uk_vnode per (mount, ino) while anybody
 * holds it, found through the mount's hash. File systems make their
 * vnodes here (uk_vfs_vnode_get returning 1: "new, fill it in"), so the
 * same object reached by two paths or two hard links is one vnode, with
 * one lock. When the last reference goes, the vnode stays in the hash
 * on an LRU list of at most CONFIG_LIBVFSCORE_VNODE_CACHE, so the next
 * lookup of a hot file costs neither the fs nor the allocator; the
 * oldest is pushed out (ops->inactive, freed) when the list is full. A
 * vnode marked UK_VNODE_GONE (no name left) is not kept.
 *
 * The hash chains, the LRU, every refs count and the parent pointers
 * change with interrupts off (one CPU: that alone excludes other threads
 * and preemption); nothing that may block or allocate runs so.
 */
#include <errno.h>
#include <string.h>
#include <uk/plat/irq.h>
#include <uk/plat/time.h>
#include "vfs_internal.h"

#define HASH_SIZE 256	/* chains per mount: a power of two */
#define LRU_MAX CONFIG_LIBVFSCORE_VNODE_CACHE

static struct uk_vnode *lru_head, *lru_tail;	/* oldest first */
static unsigned int lru_count;

#define FREE_KEEP 32	/* objects of each kind kept for reuse */

static struct vfs_freelist vnode_cache = {
	.max = FREE_KEEP, .size = sizeof(struct uk_vnode),
};
struct vfs_freelist vfs_file_cache = {
	.max = FREE_KEEP, .size = sizeof(struct vfs_file),
};

void *vfs_obj_alloc(struct vfs_freelist *l)
{
	unsigned long fl = ukplat_irq_save();
	void *p = l->head;

	if (p) {
		l->head = *(void **)p;
		l->count--;
	}
	ukplat_irq_restore(fl);
	if (!p)
		return vfs_zalloc(l->size);
	memset(p, 0, l->size);
	return p;
}

void vfs_obj_free(struct vfs_freelist *l, void *p)
{
	unsigned long fl = ukplat_irq_save();

	if (l->count < l->max) {
		*(void **)p = l->head;
		l->head = p;
		l->count++;
		p = NULL;
	}
	ukplat_irq_restore(fl);
	if (p)
		vfs_free(p);
}

unsigned long vfs_cache_lock(void)
{
	return ukplat_irq_save();
}

void vfs_cache_unlock(unsigned long fl)
{
	ukplat_irq_restore(fl);
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

/* Interrupts off */
static void lru_del(struct uk_vnode *vn)
{
	if (vn->lprev)
		vn->lprev->lnext = vn->lnext;
	else
		lru_head = vn->lnext;
	if (vn->lnext)
		vn->lnext->lprev = vn->lprev;
	else
		lru_tail = vn->lprev;
	vn->lnext = vn->lprev = NULL;
	lru_count--;
}

static void lru_add(struct uk_vnode *vn)
{
	vn->lnext = NULL;
	vn->lprev = lru_tail;
	if (lru_tail)
		lru_tail->lnext = vn;
	else
		lru_head = vn;
	lru_tail = vn;
	lru_count++;
}

/* Interrupts off; a no-op for a vnode already out (uk_vfs_vnode_gone) */
static void hash_del(struct uk_vnode *vn)
{
	struct uk_vfs_mount *m = vn->mount;
	struct uk_vnode **pp;

	if (vn->vflags & VN_UNHASHED)
		return;
	for (pp = &m->hash[hash_of(m, vn->ino)]; *pp != vn;
	     pp = &(*pp)->hnext)
		;
	*pp = vn->hnext;
	vn->vflags |= VN_UNHASHED;
}

/* Interrupts off: the live (or kept) vnode of (m, ino) with one more
 * reference, or NULL */
static struct uk_vnode *hash_get(struct uk_vfs_mount *m, uint64_t ino)
{
	struct uk_vnode *vn;

	for (vn = m->hash[hash_of(m, ino)]; vn; vn = vn->hnext) {
		if (vn->ino == ino) {
			if (vn->refs++ == 0)
				lru_del(vn);
			return vn;
		}
	}
	return NULL;
}

int uk_vfs_vnode_get(struct uk_vfs_mount *m, uint64_t ino,
		     struct uk_vnode **out)
{
	unsigned int h = hash_of(m, ino);
	struct uk_vnode *vn, *made;
	unsigned long fl;

	fl = vfs_cache_lock();
	vn = hash_get(m, ino);
	vfs_cache_unlock(fl);
	if (vn) {
		*out = vn;
		return 0;
	}
	made = vfs_obj_alloc(&vnode_cache);
	if (!made)
		return -ENOMEM;
	made->mount = m;
	made->ino = ino;
	made->refs = 1;
	uk_lock_mutex_init(&made->lock, 0);
	fl = vfs_cache_lock();
	vn = hash_get(m, ino);	/* made meanwhile by another thread? */
	if (!vn) {
		made->hnext = m->hash[h];
		m->hash[h] = made;
		m->nvnodes++;
	}
	vfs_cache_unlock(fl);
	if (vn) {
		vfs_obj_free(&vnode_cache, made);
		*out = vn;
		return 0;
	}
	*out = made;
	return 1;
}

void uk_vfs_vnode_ref(struct uk_vnode *vn)
{
	unsigned long fl = vfs_cache_lock();

	vn->refs++;
	vfs_cache_unlock(fl);
}

/* vn is out of the hash and the LRU: tell the fs, free it; returns the
 * parent whose reference it held */
static struct uk_vnode *destroy(struct uk_vnode *vn)
{
	struct uk_vnode *parent = vn->parent;
	unsigned long fl = vfs_cache_lock();

	vn->mount->nvnodes--;
	vfs_cache_unlock(fl);

	if (vn->ops && vn->ops->inactive)
		vn->ops->inactive(vn);
	vfs_obj_free(&vnode_cache, vn);
	return parent;
}

void uk_vfs_vnode_put(struct uk_vnode *vn)
{
	unsigned long fl;

	while (vn) {
		fl = vfs_cache_lock();
		UK_ASSERT(vn->refs > 0);
		if (--vn->refs > 0) {
			vfs_cache_unlock(fl);
			return;
		}
		if (!(vn->vflags & UK_VNODE_GONE) && LRU_MAX > 0 &&
		    !vn->mount->unmounting) {
			lru_add(vn);
			if (lru_count <= LRU_MAX) {
				vfs_cache_unlock(fl);
				return;
			}
			vn = lru_head;	/* push the oldest out instead */
			lru_del(vn);
		}
		hash_del(vn);
		vfs_cache_unlock(fl);
		vn = destroy(vn);	/* then its parent's reference */
	}
}

void uk_vfs_vnode_evict(struct uk_vfs_mount *m)
{
	struct uk_vnode *vn, *parent;
	unsigned long fl;

	for (;;) {
		fl = vfs_cache_lock();
		for (vn = lru_head; vn && vn->mount != m; vn = vn->lnext)
			;
		if (vn) {
			lru_del(vn);
			hash_del(vn);
		}
		vfs_cache_unlock(fl);
		if (!vn)
			return;
		parent = destroy(vn);
		if (parent)
			uk_vfs_vnode_put(parent);
	}
}

unsigned long vfs_vnode_count(struct uk_vfs_mount *m)
{
	return m->nvnodes;	/* hashed or not: an open unlinked file too */
}

void uk_vfs_vnode_gone(struct uk_vnode *vn)
{
	unsigned long fl = vfs_cache_lock();

	vn->vflags |= UK_VNODE_GONE;
	hash_del(vn);
	vfs_cache_unlock(fl);
}

void vfs_vnode_gone(struct uk_vnode *vn)
{
	struct stat st;

	if ((vn->vflags & VN_UNHASHED) ||
	    (!(vn->vflags & UK_VNODE_GONE) &&
	     (vfs_getattr(vn, &st) < 0 || st.st_nlink != 0)))
		return;
	uk_vfs_vnode_gone(vn);
}

void uk_vfs_now(struct timespec *ts)
{
	uint64_t ns = ukplat_wallclock_ns();

	ts->tv_sec = (time_t)(ns / 1000000000ull);
	ts->tv_nsec = (long)(ns % 1000000000ull);
}
