/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Anonymous mappings. Each mmap is one uk_palloc block (page-aligned,
 * zero-filled) on a list, with one byte per page: whether it is still
 * mapped, and its protection. munmap may take any page-aligned part of
 * one or more mappings, and a block goes back to the allocator when its
 * last page is unmapped. Unmapped pages are made PROT_NONE so a use after munmap
 * faults; the block keeps them until it is freed (then made RW again).
 *
 * A file mapping (filemap.c) is filled from the file at mmap time; a
 * shared one is written back by msync, and by munmap before its pages
 * go.
 *
 * Locking: the list is changed with interrupts off (one CPU); page
 * contents (zeroing, copying, file I/O) are touched with them on.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <uk/alloc.h>
#if CONFIG_LIBPOSIX_FDTAB
#include <uk/fdtab.h>
#endif
#include <uk/plat/irq.h>
#include <uk/plat/paging.h>
#include <uk/syscall.h>
#include "mmap.h"

#define PAGE		UKPLAT_PAGE_SIZE
#define PAGES(len)	(((len) + PAGE - 1) / PAGE)

struct mapping {
	uintptr_t base;
	size_t npages;
	size_t mapped;		/* pages whose bit is set */
	struct posix_mmap_file *file;	/* NULL: anonymous */
	struct mapping *next;
	unsigned char pg[];	/* page i: PG_MAPPED | PROT_* */
};

#define PG_MAPPED	0x80

static struct mapping *maps;

static int bit(const struct mapping *m, size_t i)
{
	return m->pg[i] & PG_MAPPED;
}

static unsigned int to_plat_prot(int prot)
{
	return (prot & PROT_READ ? UKPLAT_PROT_READ : 0) |
	       (prot & PROT_WRITE ? UKPLAT_PROT_READ | UKPLAT_PROT_WRITE : 0) |
	       (prot & PROT_EXEC ? UKPLAT_PROT_READ | UKPLAT_PROT_EXEC : 0);
}

/* The mapping holding page addr, or NULL. Interrupts off. */
static struct mapping *find(uintptr_t addr)
{
	struct mapping *m;

	for (m = maps; m; m = m->next)
		if (addr >= m->base && addr < m->base + m->npages * PAGE)
			return bit(m, (addr - m->base) / PAGE) ? m : NULL;
	return NULL;
}

/* Set the protection bytes of [addr, addr+len), all mapped by us. */
static void note_prot(uintptr_t addr, size_t len, int prot)
{
	unsigned long fl = ukplat_irq_save();
	struct mapping *m;
	uintptr_t a;

	for (a = addr; a < addr + len; a += PAGE) {
		m = find(a);
		if (m)
			m->pg[(a - m->base) / PAGE] = PG_MAPPED | prot;
	}
	ukplat_irq_restore(fl);
}

/* The protection of mapped page addr (PROT_*). */
static int prot_of(uintptr_t addr)
{
	unsigned long fl = ukplat_irq_save();
	struct mapping *m = find(addr);
	int prot = m ? m->pg[(addr - m->base) / PAGE] & 7 : 0;

	ukplat_irq_restore(fl);
	return prot;
}

/* Zero the mapped pages of [addr, addr+len), whatever their protection. */
static void zero_range(uintptr_t addr, size_t len)
{
	uintptr_t a;
	int prot;

	for (a = addr; a < addr + len; a += PAGE) {
		prot = prot_of(a);
		if (!(prot & PROT_WRITE))
			ukplat_page_protect(a, PAGE, UKPLAT_PROT_READ |
						     UKPLAT_PROT_WRITE);
		memset((void *)a, 0, PAGE);
		if (!(prot & PROT_WRITE))
			ukplat_page_protect(a, PAGE, to_plat_prot(prot));
	}
}

int posix_mmap_range_mapped(uintptr_t addr, size_t len)
{
	unsigned long fl = ukplat_irq_save();
	uintptr_t a;
	int ok = 1;

	for (a = addr; a < addr + len && ok; a += PAGE)
		ok = find(a) != NULL;
	ukplat_irq_restore(fl);
	return ok;
}

static void release(struct mapping *m)
{
	struct uk_alloc *a = uk_alloc_get_default();

	ukplat_page_protect(m->base, m->npages * PAGE,
			    UKPLAT_PROT_READ | UKPLAT_PROT_WRITE);
#if CONFIG_LIBPOSIX_FDTAB
	if (m->file)
		posix_mmap_file_free(m->file, m->npages);
#endif
	uk_pfree(a, (void *)m->base, m->npages);
	uk_free(a, m);
}

long posix_mmap_anon(size_t len, int prot)
{
	struct uk_alloc *a = uk_alloc_get_default();
	size_t n = PAGES(len), nb = n;
	struct mapping *m;
	unsigned long fl;
	void *p;

	if (n > (SIZE_MAX / PAGE) / 2)
		return -ENOMEM;
	m = uk_malloc(a, sizeof(*m) + nb);
	if (!m)
		return -ENOMEM;
	p = uk_palloc(a, n);
	if (!p) {
		uk_free(a, m);
		return -ENOMEM;
	}
	memset(p, 0, n * PAGE);
	m->base = (uintptr_t)p;
	m->npages = m->mapped = n;
	m->file = NULL;
	memset(m->pg, PG_MAPPED | prot, nb);
	if (prot != (PROT_READ | PROT_WRITE) &&
	    ukplat_page_protect(m->base, n * PAGE, to_plat_prot(prot)) < 0) {
		uk_pfree(a, p, n);
		uk_free(a, m);
		return -ENOMEM;
	}
	fl = ukplat_irq_save();
	m->next = maps;
	maps = m;
	ukplat_irq_restore(fl);
	return (long)p;
}

static void unmap_range(uintptr_t addr, size_t len);

/* MAP_FIXED: only over pages this library already mapped: the range
 * becomes fresh zero pages, as Linux would make it. */
static long mmap_fixed_zero(void *addr, size_t len, int prot, int flags)
{
	if ((uintptr_t)addr & (PAGE - 1))
		return -EINVAL;
	if (!posix_mmap_range_mapped((uintptr_t)addr, len))
		return -ENOMEM;
	if (flags & MAP_FIXED_NOREPLACE)
		return -EEXIST;
	len = PAGES(len) * PAGE;
	zero_range((uintptr_t)addr, len);
	ukplat_page_protect((uintptr_t)addr, len, to_plat_prot(prot));
	note_prot((uintptr_t)addr, len, prot);
	return (long)addr;
}

/* The mapping holding addr, or NULL (interrupts off inside) */
static struct mapping *mapping_at(uintptr_t addr)
{
	unsigned long fl = ukplat_irq_save();
	struct mapping *m = find(addr);

	ukplat_irq_restore(fl);
	return m;
}

#if CONFIG_LIBPOSIX_FDTAB
/* mmap of fd: a new block filled from the file (MAP_FIXED: only a
 * private mapping over pages of ours, filled in place) */
static long map_file(void *addr, size_t len, int prot, int flags, int fd,
		     off_t off)
{
	struct uk_alloc *a = uk_alloc_get_default();
	int type = flags & MAP_TYPE;
	struct posix_mmap_file *mf;
	struct uk_file *f;
	struct mapping *m;
	long p;
	int r;

	f = uk_fdtab_get(fd);
	if (!f)
		return -EBADF;
	r = posix_mmap_file_check(f, prot, type);
	if (r < 0)
		goto fail_f;
	len = PAGES(len) * PAGE;
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
		struct posix_mmap_file tmp = { f, off, 0, NULL };

		if (type != MAP_PRIVATE) {
			r = -EINVAL;	/* shared MAP_FIXED: not here */
			goto fail_f;
		}
		p = mmap_fixed_zero(addr, len, prot, flags);
		if (p >= 0) {
			ukplat_page_protect((uintptr_t)addr, len,
					    UKPLAT_PROT_READ |
					    UKPLAT_PROT_WRITE);
			r = posix_mmap_file_fill(&tmp, addr, len);
			ukplat_page_protect((uintptr_t)addr, len,
					    to_plat_prot(prot));
			if (r < 0)
				p = r;
		}
		uk_fdtab_put(f);
		return p;
	}
	mf = uk_malloc(a, sizeof(*mf));
	if (!mf) {
		r = -ENOMEM;
		goto fail_f;
	}
	mf->f = f;
	mf->off = off;
	mf->shared = type != MAP_PRIVATE;
	mf->shadow = NULL;
	p = posix_mmap_anon(len, PROT_READ | PROT_WRITE);
	if (p < 0) {
		uk_free(a, mf);
		r = (int)p;
		goto fail_f;
	}
	r = posix_mmap_file_fill(mf, (void *)p, len);
	m = mapping_at((uintptr_t)p);
	m->file = mf;	/* from here the mapping owns f */
	if (r < 0) {
		unmap_range((uintptr_t)p, len);
		return r;
	}
	if (prot != (PROT_READ | PROT_WRITE)) {
		ukplat_page_protect((uintptr_t)p, len, to_plat_prot(prot));
		note_prot((uintptr_t)p, len, prot);
	}
	return p;
fail_f:
	uk_fdtab_put(f);
	return r;
}
#else
/* No descriptor table: there are no files to map */
static long map_file(void *addr __uk_unused, size_t len __uk_unused,
		     int prot __uk_unused, int flags __uk_unused, int fd,
		     off_t off __uk_unused)
{
	return fd < 0 ? -EBADF : -ENODEV;
}
#endif

UK_SYSCALL_DEFINE6(mmap, void *, addr, size_t, len, int, prot, int, flags,
		   int, fd, off_t, off)
{
	int type = flags & MAP_TYPE;

	if (!len || (off & (PAGE - 1)))
		return -EINVAL;
	if (type != MAP_PRIVATE && type != MAP_SHARED &&
	    type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!(flags & MAP_ANONYMOUS))
		return map_file(addr, len, prot, flags, fd, off);
	if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE))
		return mmap_fixed_zero(addr, len, prot, flags);
	return posix_mmap_anon(len, prot);	/* addr is only a hint */
}

/* Unmap [addr, addr+len): pages of ours only; others are skipped, as
 * Linux skips holes. Frees blocks left with no page. */
static void unmap_range(uintptr_t addr, size_t len)
{
	struct mapping **pp, *m, *dead = NULL;
	uintptr_t lo, hi, end = addr + len;
	unsigned long fl;
	size_t i;

	fl = ukplat_irq_save();
	for (pp = &maps; (m = *pp);) {
		lo = addr > m->base ? addr : m->base;
		hi = end < m->base + m->npages * PAGE ? end :
						       m->base + m->npages * PAGE;
		for (; lo < hi; lo += PAGE) {
			i = (lo - m->base) / PAGE;
			if (bit(m, i)) {
				m->pg[i] = 0;
				m->mapped--;
				ukplat_page_protect(lo, PAGE, UKPLAT_PROT_NONE);
			}
		}
		if (!m->mapped) {
			*pp = m->next;
			m->next = dead;
			dead = m;
		} else {
			pp = &m->next;
		}
	}
	ukplat_irq_restore(fl);
	while ((m = dead)) {
		dead = m->next;
		release(m);
	}
}

/* Write back the shared file pages of [addr, addr+len): 0 or the first
 * error. Interrupts on. */
static int sync_range(uintptr_t addr, size_t len)
{
	struct mapping *m;
	uintptr_t a;
	int r, err = 0, prot;

	for (a = addr; a < addr + len; a += PAGE) {
		m = mapping_at(a);
		if (!m || !m->file || !m->file->shared)
			continue;
		prot = prot_of(a);
		if (!(prot & PROT_READ))
			ukplat_page_protect(a, PAGE, UKPLAT_PROT_READ);
#if CONFIG_LIBPOSIX_FDTAB
		r = posix_mmap_file_sync(m->file, m->base,
					 (a - m->base) / PAGE, 1);
#else
		r = 0;
#endif
		if (!(prot & PROT_READ))
			ukplat_page_protect(a, PAGE, to_plat_prot(prot));
		if (r < 0 && !err)
			err = r;
	}
	return err;
}

UK_SYSCALL_DEFINE2(munmap, void *, addr, size_t, len)
{
	if (((uintptr_t)addr & (PAGE - 1)) || !len ||
	    (uintptr_t)addr + len < (uintptr_t)addr)
		return -EINVAL;
	len = PAGES(len) * PAGE;
	sync_range((uintptr_t)addr, len);	/* munmap reports no I/O error */
	unmap_range((uintptr_t)addr, len);
	return 0;
}

UK_SYSCALL_DEFINE3(msync, void *, addr, size_t, len, int, flags)
{
	if (((uintptr_t)addr & (PAGE - 1)) ||
	    (flags & ~(MS_ASYNC | MS_SYNC | MS_INVALIDATE)) ||
	    ((flags & MS_ASYNC) && (flags & MS_SYNC)))
		return -EINVAL;
	len = PAGES(len) * PAGE;
	if (!len)
		return 0;
	if (!posix_mmap_range_mapped((uintptr_t)addr, len) &&
	    !posix_brk_holds((uintptr_t)addr, len))
		return -ENOMEM;
	/* MS_ASYNC too: written now (there is no writeback thread) */
	return sync_range((uintptr_t)addr, len);
}

UK_SYSCALL_DEFINE3(mprotect, void *, addr, size_t, len, int, prot)
{
	int r;

	if (((uintptr_t)addr & (PAGE - 1)) ||
	    (prot & ~(PROT_READ | PROT_WRITE | PROT_EXEC)))
		return -EINVAL;
	len = PAGES(len) * PAGE;
	if (!len)
		return 0;
	/* Ours, or the brk reserve: anything else is not a mapping the
	 * application made (Linux: ENOMEM for unmapped pages). */
	if (!posix_mmap_range_mapped((uintptr_t)addr, len) &&
	    !posix_brk_holds((uintptr_t)addr, len))
		return -ENOMEM;
	r = ukplat_page_protect((uintptr_t)addr, len, to_plat_prot(prot));
	if (!r)
		note_prot((uintptr_t)addr, len, prot);
	return r == -ENOENT ? -ENOMEM : r;
}

UK_SYSCALL_DEFINE3(madvise, void *, addr, size_t, len, int, advice)
{
	if ((uintptr_t)addr & (PAGE - 1))
		return -EINVAL;
	len = PAGES(len) * PAGE;
	switch (advice) {
	case MADV_DONTNEED:
		/* Linux: private anonymous pages read back as zero. */
		if (!posix_mmap_range_mapped((uintptr_t)addr, len))
			return -ENOMEM;
		zero_range((uintptr_t)addr, len);
		return 0;
	case MADV_NORMAL: case MADV_RANDOM: case MADV_SEQUENTIAL:
	case MADV_WILLNEED: case MADV_FREE: case MADV_HUGEPAGE:
	case MADV_NOHUGEPAGE: case MADV_DONTDUMP: case MADV_DODUMP:
	case MADV_DONTFORK: case MADV_DOFORK: case MADV_MERGEABLE:
	case MADV_UNMERGEABLE: case MADV_COLD: case MADV_PAGEOUT:
		/* hints: the memory stays as it is (FREE may keep data) */
		if (len && !posix_mmap_range_mapped((uintptr_t)addr, len) &&
		    !posix_brk_holds((uintptr_t)addr, len))
			return -ENOMEM;
		return 0;
	}
	return -EINVAL;
}

UK_SYSCALL_DEFINE5(mremap, void *, old, size_t, oldlen, size_t, newlen,
		   int, flags, void *, newaddr)
{
	uintptr_t o = (uintptr_t)old;
	long p;

	(void)newaddr;
	if ((o & (PAGE - 1)) || !newlen ||
	    (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED)) ||
	    ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)))
		return -EINVAL;
	if (flags & MREMAP_FIXED)
		return -EINVAL;	/* not supported: no placement control */
	oldlen = PAGES(oldlen) * PAGE;
	newlen = PAGES(newlen) * PAGE;
	if (!oldlen || !posix_mmap_range_mapped(o, oldlen))
		return -EFAULT;	/* Linux: EFAULT for an unmapped old range */
	if (newlen <= oldlen) {
		if (newlen < oldlen) {
			sync_range(o + newlen, oldlen - newlen);
			unmap_range(o + newlen, oldlen - newlen);
		}
		return (long)old;
	}
	/* A file mapping grown by moving would lose its file: refused */
	if (mapping_at(o)->file)
		return -ENOMEM;
	/* Growing in place would take the pages after, which are another
	 * allocation's: grow by moving only. */
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	p = posix_mmap_anon(newlen, PROT_READ | PROT_WRITE);
	if (p < 0)
		return p;
	memcpy((void *)p, old, oldlen);
	unmap_range(o, oldlen);
	return p;
}
