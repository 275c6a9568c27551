/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The TLS template and per-thread TLS areas (layout: uk/arch/tls.h).
 * The template is found once, from the PT_TLS program header of the
 * image's own ELF headers (the linker defines __ehdr_start when the
 * headers are loaded, which both kvm's link.lds and linuxu's default
 * script do). No PT_TLS, or no headers: the image has no TLS.
 */
#include <uk/arch/tls.h>
#include <uk/essentials.h>

#define PT_TLS 7

struct elf64_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version;
	uint64_t entry, phoff, shoff;
	uint32_t flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf64_phdr {
	uint32_t type, flags;
	uint64_t offset, vaddr, paddr, filesz, memsz, align;
};

extern const struct elf64_ehdr __ehdr_start __uk_weak;

static struct {
	int found;		/* looked already */
	const void *init;	/* .tdata */
	size_t filesz;		/* bytes to copy */
	size_t memsz;		/* .tdata + .tbss */
	size_t align;
	size_t block;		/* memsz rounded up to align: tp - block */
} tmpl;

static void tls_find(void)
{
	const struct elf64_ehdr *eh = &__ehdr_start;
	const struct elf64_phdr *ph;
	int i;

	tmpl.found = 1;
	tmpl.align = 16;
	if (!eh || eh->ident[0] != 0x7f || eh->ident[1] != 'E')
		return;
	ph = (const void *)((const char *)eh + eh->phoff);
	for (i = 0; i < eh->phnum; i++, ph++) {
		if (ph->type != PT_TLS)
			continue;
		tmpl.init = (const void *)(uintptr_t)ph->vaddr;
		tmpl.filesz = ph->filesz;
		tmpl.memsz = ph->memsz;
		if (ph->align > tmpl.align)
			tmpl.align = ph->align;
		break;
	}
	tmpl.block = UK_ALIGN_UP(tmpl.memsz, tmpl.align);
}

int ukarch_tls_present(void)
{
	if (!tmpl.found)
		tls_find();
	return tmpl.memsz != 0;
}

size_t ukarch_tls_area_size(void)
{
	if (!tmpl.found)
		tls_find();
	return tmpl.block + UKARCH_TCB_WORDS * sizeof(uintptr_t);
}

size_t ukarch_tls_area_align(void)
{
	if (!tmpl.found)
		tls_find();
	return tmpl.align;
}

uintptr_t ukarch_tls_area_init(void *area)
{
	uint8_t *b = area;
	uintptr_t *tcb;
	size_t i;

	if (!tmpl.found)
		tls_find();
	/* The block starts at tp - block (the linker's offsets are
	 * relative to tp; block is memsz rounded up to the alignment). */
	for (i = 0; i < tmpl.filesz; i++)
		b[i] = ((const uint8_t *)tmpl.init)[i];
	for (; i < tmpl.block; i++)
		b[i] = 0;
	tcb = (uintptr_t *)((uint8_t *)area + tmpl.block);
	tcb[0] = (uintptr_t)tcb;
	for (i = 1; i < UKARCH_TCB_WORDS; i++)
		tcb[i] = 0;
	return (uintptr_t)tcb;
}
