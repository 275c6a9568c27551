/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * epoll: an epoll instance is a file whose items each hang a waiter on
 * a watched file (posix-fdtab). A file's event puts its item on the
 * instance's ready list and wakes the instance's own waiters (threads in
 * epoll_wait, and a poll or an outer epoll watching the instance).
 * epoll_wait asks each ready item's file its readiness now: level-
 * triggered items stay on the list while they are ready, edge-triggered
 * ones (EPOLLET) leave it until their next event, EPOLLONESHOT ones are
 * disabled until EPOLL_CTL_MOD. EPOLLEXCLUSIVE is accepted and means
 * nothing more (one CPU: every waiter is woken anyway).
 *
 * Items hold no reference on their file (as Linux): when the file's
 * last reference goes, UK_FILE_GONE takes its item out of the instance.
 *
 * Locking: one CPU; an instance's lists and its items are read and
 * changed with interrupts off. Items are allocated and freed with
 * interrupts on: one taken out by UK_FILE_GONE (interrupts off, maybe in
 * an interrupt handler) goes on the dead list, freed by the next call.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <uk/alloc.h>
#include <uk/fdtab.h>
#include <uk/plat/irq.h>
#include <uk/sched.h>
#include <uk/syscall.h>

struct epitem {
	struct uk_file_waiter w;	/* on f */
	struct epoll *ep;
	struct uk_file *f;		/* not referenced; NULL once gone */
	int fd;
	unsigned int events;		/* wanted, with EPOLLET/ONESHOT */
	int disabled;			/* a oneshot that fired */
	uint64_t data;
	struct epitem *next;		/* the instance's items (or dead) */
	struct epitem *rnext;		/* the ready list */
	int ready;			/* on the ready list */
};

struct epoll {
	struct uk_file file;
	struct epitem *items;
	struct epitem *rhead, *rtail;	/* ready list */
	struct epitem *dead;		/* gone, to be freed */
};

static const struct uk_file_ops epoll_ops;

#define ALWAYS (EPOLLERR | EPOLLHUP)
#define FLAGS (EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP)

/* Append it to its instance's ready list; interrupts off. */
static void enqueue(struct epitem *it)
{
	struct epoll *ep = it->ep;

	it->ready = 1;
	it->rnext = NULL;
	if (ep->rtail)
		ep->rtail->rnext = it;
	else
		ep->rhead = it;
	ep->rtail = it;
}

/* ... and tell the instance's waiters, if it was not on it yet. */
static void make_ready(struct epitem *it)
{
	if (it->ready)
		return;
	enqueue(it);
	uk_file_event(&it->ep->file, EPOLLIN);
}

/* Take it off the ready list (prev: the one before it, or NULL). */
static void unready(struct epoll *ep, struct epitem *it, struct epitem *prev)
{
	if (prev)
		prev->rnext = it->rnext;
	else
		ep->rhead = it->rnext;
	if (ep->rtail == it)
		ep->rtail = prev;
	it->ready = 0;
	it->rnext = NULL;
}

static void unready_any(struct epoll *ep, struct epitem *it)
{
	struct epitem *p = NULL, *c;

	for (c = ep->rhead; c && c != it; c = c->rnext)
		p = c;
	if (c)
		unready(ep, it, p);
}

/* Take it out of the instance's item list onto the dead list. */
static void bury(struct epoll *ep, struct epitem *it)
{
	struct epitem **pp;

	for (pp = &ep->items; *pp; pp = &(*pp)->next)
		if (*pp == it) {
			*pp = it->next;
			break;
		}
	unready_any(ep, it);
	it->next = ep->dead;
	ep->dead = it;
}

static void item_wake(struct uk_file_waiter *w, struct uk_file *f __uk_unused,
		      unsigned int events)
{
	struct epitem *it = uk_container_of(w, struct epitem, w);

	if (events & UK_FILE_GONE) {	/* already off f's list */
		it->f = NULL;
		bury(it->ep, it);
		return;
	}
	if (!it->disabled && (events & (it->events | ALWAYS)))
		make_ready(it);
}

/* Free the dead items (interrupts on). */
static void reap(struct epoll *ep)
{
	unsigned long fl = ukplat_irq_save();
	struct epitem *d = ep->dead, *next;

	ep->dead = NULL;
	ukplat_irq_restore(fl);
	for (; d; d = next) {
		next = d->next;
		uk_free(uk_alloc_get_default(), d);
	}
}

static unsigned int epoll_poll(struct uk_file *f)
{
	struct epoll *ep = uk_container_of(f, struct epoll, file);

	return ep->rhead ? EPOLLIN | EPOLLRDNORM : 0;
}

static void epoll_release(struct uk_file *f)
{
	struct epoll *ep = uk_container_of(f, struct epoll, file);
	unsigned long fl = ukplat_irq_save();
	struct epitem *it;

	while ((it = ep->items)) {
		ep->items = it->next;
		if (it->f)
			uk_file_poll_del(it->f, &it->w);
		it->next = ep->dead;
		ep->dead = it;
	}
	ukplat_irq_restore(fl);
	reap(ep);
	uk_free(uk_alloc_get_default(), ep);
}

static const struct uk_file_ops epoll_ops = {
	.poll = epoll_poll,
	.release = epoll_release,
};

static long create(int flags)
{
	struct epoll *ep;
	int fd;

	if (flags & ~EPOLL_CLOEXEC)
		return -EINVAL;
	ep = uk_malloc(uk_alloc_get_default(), sizeof(*ep));
	if (!ep)
		return -ENOMEM;
	memset(ep, 0, sizeof(*ep));
	uk_file_init(&ep->file, &epoll_ops, O_RDWR);
	fd = uk_fdtab_install(&ep->file, 0, flags & EPOLL_CLOEXEC);
	if (fd < 0)
		uk_free(uk_alloc_get_default(), ep);
	return fd;
}

UK_SYSCALL_DEFINE1(epoll_create1, int, flags)
{
	return create(flags);
}

#ifdef SYS_epoll_create
UK_SYSCALL_DEFINE1(epoll_create, int, size)
{
	return size <= 0 ? -EINVAL : create(0);
}
#endif

/* The instance behind epfd (referenced), or an error pointer. */
static struct epoll *epoll_of(int epfd)
{
	struct uk_file *f = uk_fdtab_get(epfd);

	if (!f)
		return uk_err_ptr(-EBADF);
	if (f->ops != &epoll_ops) {
		uk_fdtab_put(f);
		return uk_err_ptr(-EINVAL);
	}
	return uk_container_of(f, struct epoll, file);
}

static struct epitem *find(struct epoll *ep, int fd, struct uk_file *f)
{
	struct epitem *it;

	for (it = ep->items; it; it = it->next)
		if (it->fd == fd && it->f == f)
			return it;
	return NULL;
}

/* Set it's interest and queue it if the file is ready now (Linux checks
 * at ADD and MOD, so an edge that came before is not lost). */
static void arm(struct epitem *it, const struct epoll_event *ev)
{
	it->events = ev->events;
	it->data = ev->data.u64;
	it->disabled = 0;
	if (it->f->ops->poll == NULL ||
	    (it->f->ops->poll(it->f) & (it->events | ALWAYS)))
		make_ready(it);
}

static long ctl(struct epoll *ep, int op, int fd, struct uk_file *f,
		const struct epoll_event *ev, struct epitem *fresh)
{
	unsigned long fl = ukplat_irq_save();
	struct epitem *it = find(ep, fd, f);
	long r = 0;

	switch (op) {
	case EPOLL_CTL_ADD:
		if (it) {
			r = -EEXIST;
			break;
		}
		fresh->ep = ep;
		fresh->f = f;
		fresh->fd = fd;
		fresh->w.wake = item_wake;
		fresh->next = ep->items;
		ep->items = fresh;
		uk_file_poll_add(f, &fresh->w);
		arm(fresh, ev);
		fresh = NULL;
		break;
	case EPOLL_CTL_MOD:
		if (!it)
			r = -ENOENT;
		else if (ev->events & EPOLLEXCLUSIVE || it->events & EPOLLEXCLUSIVE)
			r = -EINVAL;
		else {
			unready_any(ep, it);
			arm(it, ev);
		}
		break;
	case EPOLL_CTL_DEL:
		if (!it) {
			r = -ENOENT;
			break;
		}
		uk_file_poll_del(f, &it->w);
		bury(ep, it);
		break;
	default:
		r = -EINVAL;
	}
	ukplat_irq_restore(fl);
	if (fresh)
		uk_free(uk_alloc_get_default(), fresh);
	return r;
}

UK_SYSCALL_DEFINE4(epoll_ctl, int, epfd, int, op, int, fd,
		   struct epoll_event *, ev)
{
	struct epoll *ep = epoll_of(epfd);
	struct epitem *fresh = NULL;
	struct uk_file *f;
	long r;

	if (uk_is_err(ep))
		return uk_ptr_err(ep);
	f = uk_fdtab_get(fd);
	if (!f) {
		r = -EBADF;
		goto out;
	}
	if (f == &ep->file) {
		r = -EINVAL;
	} else if (!f->ops->poll) {
		r = -EPERM;	/* a regular file: always ready, as Linux */
	} else if (op == EPOLL_CTL_ADD && (ev->events & EPOLLEXCLUSIVE) &&
		   (ev->events & EPOLLONESHOT || f->ops == &epoll_ops)) {
		r = -EINVAL;
	} else {
		if (op == EPOLL_CTL_ADD) {
			fresh = uk_malloc(uk_alloc_get_default(), sizeof(*fresh));
			if (!fresh) {
				r = -ENOMEM;
				goto put;
			}
			memset(fresh, 0, sizeof(*fresh));
		}
		r = ctl(ep, op, fd, f, ev, fresh);
	}
put:
	uk_fdtab_put(f);	/* may bury an item (GONE): reaped below */
out:
	reap(ep);
	uk_fdtab_put(&ep->file);
	return r;
}

/* Report up to max ready items into evs; interrupts off. */
static int harvest(struct epoll *ep, struct epoll_event *evs, int max)
{
	struct epitem *it = ep->rhead, *prev = NULL, *next, *last = ep->rtail;
	unsigned int got;
	int n = 0;

	while (it && n < max) {
		next = it->rnext;
		got = it->f->ops->poll ? it->f->ops->poll(it->f)
				       : EPOLLIN | EPOLLOUT;
		got &= it->events | ALWAYS;
		if (got && !it->disabled) {
			evs[n].events = got;
			evs[n].data.u64 = it->data;
			n++;
		}
		if (got && !it->disabled && !(it->events & (EPOLLET | EPOLLONESHOT))) {
			/* Level-triggered and ready: to the tail, so the
			 * next wait reports it again after the others. */
			if (it != ep->rtail) {
				unready(ep, it, prev);
				enqueue(it);
			} else {
				prev = it;
			}
		} else {
			if (got && (it->events & EPOLLONESHOT))
				it->disabled = 1;
			unready(ep, it, prev);
		}
		if (it == last)
			break;
		it = next;
	}
	return n;
}

static long do_wait(int epfd, struct epoll_event *evs, int max, int timeout)
{
	struct epoll *ep;
	uint64_t deadline = timeout < 0 ? 0
			    : uk_sched_deadline_in(timeout * 1000000ULL);
	struct uk_file_sleeper s;
	unsigned long fl;
	long n;

	if (max <= 0)
		return -EINVAL;
	ep = epoll_of(epfd);
	if (uk_is_err(ep))
		return uk_ptr_err(ep);
	uk_file_sleep_begin(&s, &ep->file, EPOLLIN);
	for (;;) {
		fl = ukplat_irq_save();
		n = harvest(ep, evs, max);
		ukplat_irq_restore(fl);
		if (n || !timeout)
			break;
		if (uk_file_sleep(&s, deadline) == -ETIMEDOUT) {
			fl = ukplat_irq_save();
			n = harvest(ep, evs, max);
			ukplat_irq_restore(fl);
			break;
		}
	}
	uk_file_sleep_end(&s);
	reap(ep);
	uk_fdtab_put(&ep->file);
	return n;
}

UK_SYSCALL_DEFINE4(epoll_wait, int, epfd, struct epoll_event *, evs,
		   int, max, int, timeout)
{
	return do_wait(epfd, evs, max, timeout);
}

UK_SYSCALL_DEFINE6(epoll_pwait, int, epfd, struct epoll_event *, evs,
		   int, max, int, timeout, const void *, mask, size_t, size)
{
	uint64_t old;
	long r;

	if (mask) {
		if (size != 8)
			return -EINVAL;
		r = uk_syscall(SYS_rt_sigprocmask, SIG_SETMASK, (long)mask,
			       (long)&old, 8, 0, 0);
		if (r < 0 && r != -ENOSYS)
			return r;
		if (r == -ENOSYS)
			mask = NULL;
	}
	r = do_wait(epfd, evs, max, timeout);
	if (mask)
		uk_syscall(SYS_rt_sigprocmask, SIG_SETMASK, (long)&old, 0, 8,
			   0, 0);
	return r;
}
