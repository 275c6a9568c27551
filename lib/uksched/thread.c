/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Thread life cycle: memory, create, join, detach, exit.
 *
 * A thread is one page allocation from the default allocator:
 *
 *	mem                                                      mem + pages
 *	| guard page | stack (grows down) | fxsave | TLS area | uk_thread |
 *
 * The guard page is registered with ukplat_stack_guard_register() (every
 * platform has it, <uk/plat/paging.h>), so an overflow is reported as a
 * stack overflow of the named thread. When the platform refuses (no page
 * protection, or -ENOMEM), the thread gets a canary word at the stack's
 * low end instead, checked whenever the thread is switched out. The
 * boot context ("main") keeps its boot stack; its uk_thread and TLS area
 * are heap blocks.
 *
 * Allocator calls are made with interrupts off: ukalloc is not
 * thread-safe, and this keeps a preempted malloc() in another thread
 * from seeing a half-done free.
 */
#include <errno.h>
#include <uk/arch/tls.h>
#include <uk/assert.h>
#include <uk/print.h>
#include <uk/plat/irq.h>
#include <uk/plat/paging.h>
#include <uk/plat/tls.h>
#include "sched_private.h"
#if CONFIG_LIBUKSCHED_VALGRIND
#include <valgrind.h>
#include <memcheck.h>
#endif

#define PAGE UKPLAT_PAGE_SIZE

extern const struct uk_sched_thread_hook *const __start_uk_schedhooks[] __uk_weak;
extern const struct uk_sched_thread_hook *const __stop_uk_schedhooks[] __uk_weak;

static int hooks_create(struct uk_thread *t)
{
	const struct uk_sched_thread_hook *const *h;
	int r;

	for (h = __start_uk_schedhooks; h < __stop_uk_schedhooks; h++) {
		if ((*h)->create && (r = (*h)->create(t)) < 0)
			return r;
	}
	return 0;
}

void uksched_hooks_start(struct uk_thread *t)
{
	const struct uk_sched_thread_hook *const *h;

	for (h = __start_uk_schedhooks; h < __stop_uk_schedhooks; h++)
		if ((*h)->start)
			(*h)->start(t);
}

void uksched_hooks_exit(struct uk_thread *t)
{
	const struct uk_sched_thread_hook *const *h;

	for (h = __stop_uk_schedhooks; h > __start_uk_schedhooks; h--)
		if (h[-1]->exit)
			h[-1]->exit(t);
}

static void copy_name(struct uk_thread *t, const char *name)
{
	size_t i;

	for (i = 0; name && name[i] && i < sizeof(t->name) - 1; i++)
		t->name[i] = name[i];
	t->name[i] = '\0';
}

static void link_thread(struct uk_thread *t)
{
	t->all_next = uksched.all;
	uksched.all = t;
	uksched.stats.threads++;
}

static void *heap_pages(size_t n)
{
	unsigned long fl = ukplat_irq_save();
	void *p = uk_palloc(uk_alloc_get_default(), n);

	ukplat_irq_restore(fl);
	return p;
}

static int guard(struct uk_thread *t)
{
	static int warned;

	if (ukplat_stack_guard_register(&t->guard, (uintptr_t)t->mem, PAGE,
					t->name) == 0)
		return 1;
	if (!warned) {
		warned = 1;
		uk_pr_warn("no page protection: stacks get a canary, not a guard page\n");
	}
	return 0;
}

struct uk_thread *uksched_thread_alloc(const char *name,
				       const struct uk_thread_attr *attr)
{
	size_t stack = attr->stack_size ? attr->stack_size
					: CONFIG_LIBUKSCHED_STACK_SIZE;
	size_t tls = uksched.tls ? ukarch_tls_area_size() : 0;
	size_t talign = uksched.tls ? ukarch_tls_area_align() : 16;
	size_t top, pages;
	uintptr_t p;
	struct uk_thread *t;
	char *mem;

	if (attr->prio < 0 || attr->prio > UK_THREAD_PRIO_MAX ||
	    stack < 2 * PAGE || stack > (1UL << 30) || talign > PAGE)
		return uk_err_ptr(-EINVAL);
	/* What sits above the stack, with room to align each piece. */
	top = sizeof(*t) + 16 + tls + talign +
	      ((attr->flags & UK_THREAD_FPU) ? UKARCH_ECTX_SIZE + 16 : 0);
	pages = 1 + UK_ALIGN_UP(stack, PAGE) / PAGE +
		UK_ALIGN_UP(top, PAGE) / PAGE;
	mem = heap_pages(pages);
	if (!mem)
		return uk_err_ptr(-ENOMEM);
#if CONFIG_LIBUKSCHED_VALGRIND
	/* Fresh memory, whatever a thread that lived here before left:
	 * memcheck marks a stack's bytes below its last SP inaccessible. */
	VALGRIND_MAKE_MEM_UNDEFINED(mem, pages * PAGE);
#endif

	p = (uintptr_t)mem + pages * PAGE;
	p = UK_ALIGN_DOWN(p - sizeof(*t), 16);
	t = (struct uk_thread *)p;
	*t = (struct uk_thread){ 0 };
	t->mem = mem;
	t->mem_pages = pages;
	t->prio = attr->prio ? attr->prio : UK_THREAD_PRIO_DEFAULT;
	t->flags = attr->flags & (UK_THREAD_DETACHED | UK_THREAD_FPU);
	copy_name(t, name);
	if (tls) {
		p = UK_ALIGN_DOWN(p - tls, talign);
		t->tlsp = ukarch_tls_area_init((void *)p);
	}
	if (attr->flags & UK_THREAD_FPU) {
		p = UK_ALIGN_DOWN(p - UKARCH_ECTX_SIZE, UKARCH_ECTX_ALIGN);
		t->ectx = (void *)p;
		ukarch_ectx_init(t->ectx);
	}
	if (guard(t))
		t->flags |= UK_THREAD_GUARDED;
	t->stack_lo = (uintptr_t)mem + PAGE;
	*(uint64_t *)t->stack_lo = UKSCHED_CANARY;
	ukarch_ctx_init(&t->ctx, UK_ALIGN_DOWN(p, 16), uksched_thread_start, t);
#if CONFIG_LIBUKSCHED_VALGRIND
	t->vg_stack = VALGRIND_STACK_REGISTER(t->stack_lo, UK_ALIGN_DOWN(p, 16));
#endif

	unsigned long fl = ukplat_irq_save();

	link_thread(t);
	ukplat_irq_restore(fl);
	return t;
}

void uksched_thread_free(struct uk_thread *t)
{
	unsigned long fl = ukplat_irq_save();
	struct uk_thread **pp = &uksched.all;
	struct uk_alloc *a = uk_alloc_get_default();

	while (*pp && *pp != t)
		pp = &(*pp)->all_next;
	if (*pp)
		*pp = t->all_next;
	uksched.stats.threads--;
	if (uksched.fpu_owner == t)
		uksched.fpu_owner = NULL;
	if (t->flags & UK_THREAD_ECTX_HEAP)
		uk_free(a, t->ectx);
	if (t->tls_mem)
		uk_free(a, t->tls_mem);
	if (!t->mem) {		/* main: heap blocks */
		uk_free(a, t->arg);	/* its TLS area */
		uk_free(a, t);
	} else {
#if CONFIG_LIBUKSCHED_VALGRIND
		VALGRIND_STACK_DEREGISTER(t->vg_stack);
#endif
		if ((t->flags & UK_THREAD_GUARDED) &&
		    ukplat_stack_guard_unregister(&t->guard))
			UK_CRASH("uksched: cannot unprotect a guard page");
		uk_pfree(a, t->mem, t->mem_pages);
	}
	ukplat_irq_restore(fl);
}

/* The boot context becomes the thread "main". */
int uksched_main_thread(struct uk_thread **out)
{
	struct uk_alloc *a = uk_alloc_get_default();
	struct uk_thread *t = uk_alloc_calloc(a, 1, sizeof(*t));
	void *area;

	if (!t)
		return -ENOMEM;
	copy_name(t, "main");
	t->flags = UK_THREAD_MAIN | UK_THREAD_DETACHED;
	t->prio = UK_THREAD_PRIO_DEFAULT;
	t->state = UK_THREAD_RUNNING;
	if (uksched.tls) {
		area = uk_memalign(a, ukarch_tls_area_align(),
				   ukarch_tls_area_size());
		if (!area) {
			uk_free(a, t);
			return -ENOMEM;
		}
		t->tlsp = ukarch_tls_area_init(area);
		t->arg = area;
	}
	link_thread(t);
	*out = t;
	return 0;
}

struct uk_thread *uk_sched_thread_create_attr(const char *name,
					const struct uk_thread_attr *attr,
					uk_thread_fn_t fn, void *arg)
{
	static const struct uk_thread_attr dflt;
	struct uk_thread *t;
	unsigned long fl;

	if (!uksched.current)
		return uk_err_ptr(-ENODEV);
	if (!fn)
		return uk_err_ptr(-EINVAL);
	if (!attr)
		attr = &dflt;
	t = uksched_thread_alloc(name, attr);
	if (uk_is_err(t))
		return t;
	if (!(attr->flags & UK_THREAD_OWN_TLS)) {
		int r = hooks_create(t);

		if (r < 0) {
			uksched_thread_free(t);
			return uk_err_ptr(r);
		}
		t->flags |= UK_THREAD_HOOKED;
	}
	t->fn = fn;
	t->arg = arg;
	fl = ukplat_irq_save();
	uksched_make_runnable(t);
	ukplat_irq_restore(fl);
	uksched_maybe_preempt(fl);
	return t;
}

struct uk_thread *uk_sched_thread_create(const char *name, uk_thread_fn_t fn,
				   void *arg)
{
	return uk_sched_thread_create_attr(name, NULL, fn, arg);
}

void uk_sched_thread_exit(void *retval)
{
	struct uk_thread *t = uksched.current;

	if (t->flags & UK_THREAD_HOOKED) {
		t->flags &= ~UK_THREAD_HOOKED;	/* once, even if a hook exits */
		uksched_hooks_exit(t);
	}
	ukplat_irq_save();
	t = uksched.current;
	UK_ASSERT(!(t->flags & UK_THREAD_IDLE));
	t->retval = retval;
	t->state = UK_THREAD_EXITED;
	if (uksched.fpu_owner == t)
		uksched.fpu_owner = NULL;
	if (t->flags & UK_THREAD_DETACHED)
		uksched.reap = t;	/* freed by whoever runs next */
	else
		uk_sched_waitq_wake_all(&t->joinq);
	uksched_schedule();
	UK_CRASH("uksched: exited thread \"%s\" ran again", t->name);
}

int uk_sched_thread_join_until(struct uk_thread *t, void **retval,
			 uint64_t deadline)
{
	unsigned long fl = ukplat_irq_save();
	int r = 0;

	if (t == uksched.current ||
	    (t->flags & (UK_THREAD_DETACHED | UK_THREAD_JOINING))) {
		ukplat_irq_restore(fl);
		return -EINVAL;
	}
	t->flags |= UK_THREAD_JOINING;
	while (t->state != UK_THREAD_EXITED && r == 0)
		r = uk_sched_waitq_wait_irqoff(&t->joinq, deadline);
	if (t->state != UK_THREAD_EXITED) {
		t->flags &= ~UK_THREAD_JOINING;
		ukplat_irq_restore(fl);
		return -ETIMEDOUT;
	}
	ukplat_irq_restore(fl);
	if (retval)
		*retval = t->retval;
	uksched_thread_free(t);
	return 0;
}

int uk_sched_thread_join(struct uk_thread *t, void **retval)
{
	return uk_sched_thread_join_until(t, retval, 0);
}

int uk_sched_thread_detach(struct uk_thread *t)
{
	unsigned long fl = ukplat_irq_save();
	int exited;

	if (t->flags & (UK_THREAD_DETACHED | UK_THREAD_JOINING)) {
		ukplat_irq_restore(fl);
		return -EINVAL;
	}
	t->flags |= UK_THREAD_DETACHED;
	exited = t->state == UK_THREAD_EXITED;
	ukplat_irq_restore(fl);
	if (exited)
		uksched_thread_free(t);
	return 0;
}

int uk_sched_thread_use_fpu(struct uk_thread *t)
{
	unsigned long fl;
	void *area;

	if (t->flags & UK_THREAD_FPU)
		return 0;
	fl = ukplat_irq_save();
	area = uk_memalign(uk_alloc_get_default(), UKARCH_ECTX_ALIGN,
			   UKARCH_ECTX_SIZE);
	if (!area) {
		ukplat_irq_restore(fl);
		return -ENOMEM;
	}
	ukarch_ectx_init(area);
	t->ectx = area;
	t->flags |= UK_THREAD_FPU | UK_THREAD_ECTX_HEAP;
	if (t == uksched.current) {
		/* The FPU holds the owner's state, or nobody's. */
		if (uksched.fpu_owner)
			ukarch_ectx_save(uksched.fpu_owner->ectx);
		ukarch_ectx_restore(area);
		uksched.fpu_owner = t;
	}
	ukplat_irq_restore(fl);
	return 0;
}

void uk_sched_thread_set_tls(struct uk_thread *t, uintptr_t tlsp, void *mem)
{
	unsigned long fl;
	void *old;

	if (tlsp)
		uk_sched_thread_set_tlsp(t, tlsp);
	fl = ukplat_irq_save();
	old = t->tls_mem;
	t->tls_mem = mem;
	if (old)
		uk_free(uk_alloc_get_default(), old);
	ukplat_irq_restore(fl);
}

void uk_sched_thread_set_tlsp(struct uk_thread *t, uintptr_t tlsp)
{
	unsigned long fl = ukplat_irq_save();

	t->tlsp = tlsp;
	uksched.tls = 1;
	if (t == uksched.current)
		ukplat_tlsp_set(tlsp);
	ukplat_irq_restore(fl);
}

const char *uk_sched_thread_name(const struct uk_thread *t)
{
	return t->name;
}

int uk_sched_thread_set_prio(struct uk_thread *t, int prio)
{
	if (prio < UK_THREAD_PRIO_MIN || prio > UK_THREAD_PRIO_MAX)
		return -EINVAL;
	t->prio = prio;
	return 0;
}

int uk_sched_thread_prio(const struct uk_thread *t)
{
	return t->prio;
}
