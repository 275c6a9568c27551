/* SPDX-License-Identifier: BSD-3-Clause */
/* posix-mmap's private interfaces between its files (and its tests). */
#ifndef POSIX_MMAP_PRIVATE_H
#define POSIX_MMAP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* mmap.c: a new anonymous mapping: its address, or -ENOMEM. */
long posix_mmap_anon(size_t len, int prot);
/* mmap.c: is every page of [addr, addr+len) mapped by mmap? */
int posix_mmap_range_mapped(uintptr_t addr, size_t len);
/* brk.c: is [addr, addr+len) inside the brk reserve? */
int posix_brk_holds(uintptr_t addr, size_t len);

/* filemap.c: what a file mapping keeps */
struct uk_file;
struct posix_mmap_file {
	struct uk_file *f;	/* referenced for the mapping's life */
	off_t off;		/* the file offset of the first page */
	int shared;		/* MAP_SHARED: written back */
	unsigned char *shadow;	/* shared: the file's bytes as last synced */
};
/* Can f be mapped so? 0, -ENODEV, -EACCES or -EBADF, as Linux. */
int posix_mmap_file_check(struct uk_file *f, int prot, int type);
/* Read the file into [base, base+len) (len whole pages; zeroes past
 * the end of the file); a shared mapping takes its shadow. */
int posix_mmap_file_fill(struct posix_mmap_file *mf, void *base,
			 size_t len);
/* Write back what changed in pages [first, first+n) of the mapping at
 * base (readable); 0 or the first error. */
int posix_mmap_file_sync(struct posix_mmap_file *mf, uintptr_t base,
			 size_t first, size_t n);
/* The mapping is gone: its shadow and file reference too. */
void posix_mmap_file_free(struct posix_mmap_file *mf, size_t npages);

#endif
