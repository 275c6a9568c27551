/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread-local storage, x86_64 ELF "variant II": a thread's TLS block
 * (a copy of the image's template: .tdata, then .tbss zeroed) ends where
 * its thread control block (TCB) begins, and %fs points at the TCB,
 * whose first word points at itself (so %fs:0 reads the thread pointer,
 * as gcc's and musl's code expect). `__thread` variables live at
 * negative offsets from %fs.
 *
 *	area                              tp = area + block
 *	| .tdata copy | .tbss zeroed | pad | TCB: self, ... |
 *
 * The template comes from the image's PT_TLS program header (found via
 * __ehdr_start, so it works for every platform whose image loads its ELF
 * headers: kvm's link.lds, linuxu's default script).
 */
#ifndef UK_ARCH_TLS_H
#define UK_ARCH_TLS_H

#include <stddef.h>
#include <stdint.h>

/* Words of TCB after the TLS block; word 0 is the self-pointer. */
#define UKARCH_TCB_WORDS	4

/* Bytes of one thread's TLS area (block + TCB), and its alignment. With
 * no TLS in the image the area is just the TCB. */
size_t ukarch_tls_area_size(void);
size_t ukarch_tls_area_align(void);

/* Does the image have a TLS template (any __thread variable)? */
int ukarch_tls_present(void);

/* Fill area (ukarch_tls_area_size() bytes, ukarch_tls_area_align()
 * aligned) from the template; returns the thread pointer for %fs. */
uintptr_t ukarch_tls_area_init(void *area);

#endif /* UK_ARCH_TLS_H */
