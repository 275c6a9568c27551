/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * poll, ppoll, select and pselect6 on posix-fdtab's poll waiters: look
 * each descriptor up (holding a reference for the call), ask each file
 * its readiness, and if nothing is ready sleep with one waiter on every
 * file until one of them has an event or the deadline passes, then ask
 * again. Timeouts are uksched deadlines on the monotonic clock. The
 * signal masks of ppoll/pselect6 are installed for the wait with
 * rt_sigprocmask and the old mask put back after (which runs what it
 * unblocks, lib/posix-signal); a signal does not end the wait early
 * (posix-signal has no EINTR for blocking calls).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/time.h>
#include <time.h>
#include <uk/alloc.h>
#include <uk/fdtab.h>
#include <uk/plat/time.h>
#include <uk/sched.h>
#include <uk/syscall.h>

/* One watched descriptor: its file (referenced) and the bits wanted. */
struct watch {
	struct uk_file *f;	/* NULL: not open (POLLNVAL) or fd < 0 */
	unsigned int events;	/* POLLERR/POLLHUP are always reported */
	unsigned int revents;
	int fd;			/* select's */
	struct uk_file_sleeper s;
};

/* Ask each file; the number of watches with something to report. */
static int scan(struct watch *w, int n)
{
	int i, ready = 0;

	for (i = 0; i < n; i++) {
		if (!w[i].f)
			continue;
		w[i].revents = uk_file_poll(w[i].f) &
			       (w[i].events | POLLERR | POLLHUP);
		ready += !!w[i].revents;
	}
	return ready;
}

/*
 * Wait until a watch has something or deadline (monotonic ns; 0: none,
 * ~0: do not wait). The number ready (plus `extra`, the POLLNVAL ones
 * the caller counted).
 */
static int wait_ready(struct watch *w, int n, uint64_t deadline, int extra)
{
	int i, ready = scan(w, n) + extra;
	struct uk_file_sleeper *any = NULL;

	if (ready || deadline == ~0ULL)
		return ready;
	for (i = 0; i < n; i++)
		if (w[i].f) {
			uk_file_sleep_begin(&w[i].s, w[i].f, 0);
			any = &w[i].s;
		}
	for (;;) {
		ready = scan(w, n) + extra;
		if (ready)
			break;
		if (any) {
			if (uk_file_sleep(any, deadline) == -ETIMEDOUT) {
				ready = scan(w, n) + extra;
				break;
			}
		} else if (!deadline) {
			uk_sched_thread_block();	/* nothing to wait for */
		} else {
			uk_sched_sleep_until(deadline);
			break;
		}
	}
	for (i = 0; i < n; i++)
		if (w[i].f)
			uk_file_sleep_end(&w[i].s);
	return ready;
}

static void put_all(struct watch *w, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if (w[i].f)
			uk_fdtab_put(w[i].f);
}

static struct watch *watches(unsigned long n)
{
	if (n > CONFIG_LIBPOSIX_FDTAB_MAX * 16UL)
		return NULL;
	return uk_malloc(uk_alloc_get_default(), (n ? n : 1) * sizeof(struct watch));
}

/* Deadline from a relative timespec (NULL: none); -EINVAL if bad. */
static long ts_deadline(const struct timespec *ts, uint64_t *deadline)
{
	if (!ts) {
		*deadline = 0;
		return 0;
	}
	if (ts->tv_sec < 0 || (unsigned long)ts->tv_nsec >= 1000000000UL)
		return -EINVAL;
	if (!ts->tv_sec && !ts->tv_nsec) {
		*deadline = ~0ULL;
		return 0;
	}
	*deadline = uk_sched_deadline_in(ts->tv_sec * 1000000000ULL +
					 ts->tv_nsec);
	return 0;
}

static long do_poll(struct pollfd *fds, unsigned long n, uint64_t deadline)
{
	struct watch *w;
	unsigned long i;
	int nval = 0;
	long r;

	if (n > (unsigned long)CONFIG_LIBPOSIX_FDTAB_MAX * 16UL)
		return -EINVAL;	/* Linux: more than RLIMIT_NOFILE */
	w = watches(n);
	if (!w)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		fds[i].revents = 0;
		w[i].f = fds[i].fd < 0 ? NULL : uk_fdtab_get(fds[i].fd);
		w[i].events = (unsigned short)fds[i].events;
		w[i].revents = 0;
		if (fds[i].fd >= 0 && !w[i].f) {
			fds[i].revents = POLLNVAL;
			nval++;
		}
	}
	r = wait_ready(w, n, deadline, nval);
	for (i = 0; i < n; i++)
		if (w[i].f)
			fds[i].revents = w[i].revents;
	put_all(w, n);
	uk_free(uk_alloc_get_default(), w);
	return r;
}

UK_SYSCALL_DEFINE3(poll, struct pollfd *, fds, unsigned long, n, int, timeout)
{
	uint64_t deadline = timeout < 0 ? 0 : timeout == 0 ? ~0ULL
				 : uk_sched_deadline_in(timeout * 1000000ULL);

	return do_poll(fds, n, deadline);
}

/* Install *mask (sigsetsize must be 8) for the wait; *old gets the one
 * to put back. 1 if a mask was installed, 0 if none, or -EINVAL. */
static long mask_on(const void *mask, size_t size, uint64_t *old)
{
	long r;

	if (!mask)
		return 0;
	if (size != 8)
		return -EINVAL;
	r = uk_syscall(SYS_rt_sigprocmask, SIG_SETMASK, (long)mask, (long)old,
		       8, 0, 0);
	return r == -ENOSYS ? 0 : r < 0 ? r : 1;
}

static void mask_off(long on, const uint64_t *old)
{
	if (on == 1)
		uk_syscall(SYS_rt_sigprocmask, SIG_SETMASK, (long)old, 0, 8, 0, 0);
}

/* Write back the time left of a timespec deadline (Linux does). */
static void ts_left(struct timespec *ts, uint64_t deadline)
{
	uint64_t now = ukplat_monotonic_ns(), left;

	if (!ts || !deadline || deadline == ~0ULL)
		return;
	left = deadline > now ? deadline - now : 0;
	ts->tv_sec = left / 1000000000ULL;
	ts->tv_nsec = left % 1000000000ULL;
}

UK_SYSCALL_DEFINE5(ppoll, struct pollfd *, fds, unsigned long, n,
		   struct timespec *, ts, const void *, mask, size_t, size)
{
	uint64_t deadline, old;
	long on, r;

	r = ts_deadline(ts, &deadline);
	if (r < 0)
		return r;
	on = mask_on(mask, size, &old);
	if (on < 0)
		return on;
	r = do_poll(fds, n, deadline);
	mask_off(on, &old);
	ts_left(ts, deadline);
	return r;
}

/* Linux's POLLIN_SET, POLLOUT_SET and POLLEX_SET (fs/select.c). */
#define IN_SET	(POLLRDNORM | POLLRDBAND | POLLIN | POLLHUP | POLLERR)
#define OUT_SET	(POLLWRBAND | POLLWRNORM | POLLOUT | POLLERR)
#define EX_SET	POLLPRI

/* The select bits of fd in the three sets. */
static unsigned int select_bits(int fd, fd_set *rd, fd_set *wr, fd_set *ex)
{
	return (rd && FD_ISSET(fd, rd) ? IN_SET : 0) |
	       (wr && FD_ISSET(fd, wr) ? OUT_SET : 0) |
	       (ex && FD_ISSET(fd, ex) ? EX_SET : 0);
}

static long do_select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex,
		      uint64_t deadline)
{
	struct watch *w;
	int fd, n = 0, i;
	long r = 0;

	if (nfds < 0)
		return -EINVAL;
	if (nfds > FD_SETSIZE)
		nfds = FD_SETSIZE;
	for (fd = 0; fd < nfds; fd++)
		n += !!select_bits(fd, rd, wr, ex);
	w = watches(n);
	if (!w)
		return -ENOMEM;
	for (fd = 0, n = 0; fd < nfds; fd++) {
		unsigned int ev = select_bits(fd, rd, wr, ex);

		if (!ev)
			continue;
		w[n].f = uk_fdtab_get(fd);
		if (!w[n].f) {
			r = -EBADF;
			break;
		}
		w[n].events = ev;
		w[n].fd = fd;
		n++;
	}
	if (r == 0) {
		wait_ready(w, n, deadline, 0);
		if (rd)
			FD_ZERO(rd);
		if (wr)
			FD_ZERO(wr);
		if (ex)
			FD_ZERO(ex);
	}
	for (i = 0; r >= 0 && i < n; i++) {
		unsigned int got = w[i].revents & w[i].events;

		if (got & IN_SET && rd) {
			FD_SET(w[i].fd, rd);
			r++;
		}
		if (got & OUT_SET && wr) {
			FD_SET(w[i].fd, wr);
			r++;
		}
		if (got & EX_SET && ex) {
			FD_SET(w[i].fd, ex);
			r++;
		}
	}
	put_all(w, n);
	uk_free(uk_alloc_get_default(), w);
	return r;
}

UK_SYSCALL_DEFINE5(select, int, nfds, fd_set *, rd, fd_set *, wr,
		   fd_set *, ex, struct timeval *, tv)
{
	uint64_t deadline = 0, now, left;
	long r;

	if (tv) {
		if (tv->tv_sec < 0 || tv->tv_usec < 0 || tv->tv_usec >= 1000000)
			return -EINVAL;
		deadline = !tv->tv_sec && !tv->tv_usec ? ~0ULL
			   : uk_sched_deadline_in(tv->tv_sec * 1000000000ULL +
						  tv->tv_usec * 1000ULL);
	}
	r = do_select(nfds, rd, wr, ex, deadline);
	if (tv && deadline != ~0ULL) {	/* Linux writes back the time left */
		now = ukplat_monotonic_ns();
		left = deadline > now ? deadline - now : 0;
		tv->tv_sec = left / 1000000000ULL;
		tv->tv_usec = left % 1000000000ULL / 1000;
	}
	return r;
}

/* pselect6's sixth argument: the mask and its size. */
struct sigmask_arg {
	const void *mask;
	size_t size;
};

UK_SYSCALL_DEFINE6(pselect6, int, nfds, fd_set *, rd, fd_set *, wr,
		   fd_set *, ex, struct timespec *, ts,
		   const struct sigmask_arg *, sm)
{
	uint64_t deadline, old;
	long on = 0, r;

	r = ts_deadline(ts, &deadline);
	if (r < 0)
		return r;
	if (sm) {
		on = mask_on(sm->mask, sm->size, &old);
		if (on < 0)
			return on;
	}
	r = do_select(nfds, rd, wr, ex, deadline);
	mask_off(on, &old);
	ts_left(ts, deadline);
	return r;
}
