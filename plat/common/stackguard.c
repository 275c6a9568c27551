/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Stack guards (<uk/plat/paging.h>), the same on every platform: a list
 * of named guard ranges that fault reports search, on top of each
 * platform's ukplat_page_protect() and ukplat_irq_save(). The list is
 * changed with interrupts off; ukplat_stack_guard_find() only reads it
 * and is safe from a fault handler.
 */
#include <uk/plat/irq.h>
#include <uk/plat/paging.h>

#define ENOENT 2	/* errno values are ABI: platforms need no libc */

static struct ukplat_stack_guard *guards;

int ukplat_stack_guard_register(struct ukplat_stack_guard *g, uintptr_t lo,
				size_t len, const char *name)
{
	unsigned long irq;
	int rc;

	rc = ukplat_page_protect(lo, len, UKPLAT_PROT_NONE);
	if (rc)
		return rc;
	g->lo = lo;
	g->hi = lo + len;
	g->name = name;
	irq = ukplat_irq_save();
	g->next = guards;
	guards = g;
	ukplat_irq_restore(irq);
	return 0;
}

int ukplat_stack_guard_unregister(struct ukplat_stack_guard *g)
{
	struct ukplat_stack_guard **p;
	unsigned long irq = ukplat_irq_save();
	int found;

	for (p = &guards; *p && *p != g; p = &(*p)->next)
		;
	found = *p == g;
	if (found)
		*p = g->next;
	ukplat_irq_restore(irq);
	if (!found)
		return -ENOENT;
	return ukplat_page_protect(g->lo, g->hi - g->lo,
				   UKPLAT_PROT_READ | UKPLAT_PROT_WRITE);
}

const struct ukplat_stack_guard *ukplat_stack_guard_find(uintptr_t addr)
{
	const struct ukplat_stack_guard *g;
	int n = 0;

	/* Bounded: the list may be what a runaway thread corrupted. */
	for (g = guards; g && n < 100000; g = g->next, n++)
		if (addr >= g->lo && addr < g->hi)
			return g;
	return NULL;
}
