/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sleeping on a file's poll waiter list (uk_file_sleep_*, <uk/fdtab.h>):
 * one waiter that wakes one thread. Built with uksched only.
 */
#include <errno.h>
#include <fcntl.h>
#include <uk/essentials.h>
#include <uk/fdtab.h>
#include <uk/plat/irq.h>
#include <uk/sched.h>

static void sleeper_wake(struct uk_file_waiter *w, struct uk_file *f __uk_unused,
			 unsigned int events)
{
	struct uk_file_sleeper *s = uk_container_of(w, struct uk_file_sleeper, w);

	if (!s->events || (events & (s->events | UK_FILE_GONE)))
		uk_sched_thread_wake(s->t);
}

void uk_file_sleep_begin(struct uk_file_sleeper *s, struct uk_file *f,
			 unsigned int events)
{
	s->w.wake = sleeper_wake;
	s->f = f;
	s->t = uk_sched_thread_current();
	s->events = events;
	uk_file_poll_add(f, &s->w);
}

int uk_file_sleep(struct uk_file_sleeper *s __uk_unused,
		  unsigned long long deadline)
{
	return uk_sched_thread_block_until(deadline);
}

int uk_file_sleep_irqoff(struct uk_file_sleeper *s, unsigned long *fl,
			 unsigned long long deadline)
{
	int r;

	if (s->f->flags & O_NONBLOCK)
		return -EAGAIN;
	ukplat_irq_restore(*fl);
	r = uk_sched_thread_block_until(deadline);
	*fl = ukplat_irq_save();
	return r;
}

void uk_file_sleep_end(struct uk_file_sleeper *s)
{
	uk_file_poll_del(s->f, &s->w);
}
