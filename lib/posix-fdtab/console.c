/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The console as descriptors 0, 1 and 2, installed at boot: writes go to
 * the platform console; a read returns what input is waiting, at least
 * one byte (polling the platform console, yielding to other threads
 * when there is a scheduler), or -EAGAIN at once with O_NONBLOCK; ioctl
 * answers as a terminal: TIOCGWINSZ (so musl line-buffers stdout) and
 * TCGETS/TCSETS* (kept, not applied: the console is a serial line).
 */
#include <errno.h>
#include <fcntl.h>
#include <termios.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <uk/fdtab.h>
#include <uk/init.h>
#include <uk/plat/console.h>
#if CONFIG_LIBUKSCHED
#include <uk/sched.h>
#endif

static struct termios tio = {
	.c_iflag = ICRNL,
	.c_oflag = OPOST | ONLCR,
	.c_cflag = B115200 | CS8 | CREAD | CLOCAL,
	.c_lflag = ISIG | ICANON | ECHO | ECHOE | ECHOK,
};

static ssize_t con_write(struct uk_file *f __uk_unused,
			 const struct iovec *iov, int iovcnt,
			 off_t *pos __uk_unused)
{
	ssize_t total = 0;
	int i, r;

	for (i = 0; i < iovcnt; i++) {
		r = ukplat_console_write(iov[i].iov_base, iov[i].iov_len);
		if (r < 0)
			return total ? total : r;
		total += iov[i].iov_len;
	}
	return total;
}

/* Into the first non-empty buffer only: a console read ends at a line. */
static ssize_t con_read(struct uk_file *f, const struct iovec *iov,
			int iovcnt, off_t *pos __uk_unused)
{
	unsigned char *p = NULL;
	size_t n = 0, len = 0;
	int c, i;

	for (i = 0; i < iovcnt && !len; i++) {
		p = iov[i].iov_base;
		len = iov[i].iov_len;
	}

	while (n < len) {
		c = ukplat_console_getc();
		if (c >= 0) {
			p[n++] = (unsigned char)c;
			if (c == '\n' || c == '\r')
				break;
			continue;
		}
		if (n)
			break;
		if (f->flags & O_NONBLOCK)
			return -EAGAIN;
#if CONFIG_LIBUKSCHED
		uk_sched_sleep_ns(1000000);
#endif
	}
	return n;
}

static int con_stat(struct uk_file *f __uk_unused, struct stat *st)
{
	st->st_mode = S_IFCHR | 0620;
	st->st_rdev = makedev(5, 1);	/* Linux's /dev/console */
	st->st_blksize = 1024;
	return 0;
}

static long con_ioctl(struct uk_file *f __uk_unused, unsigned long req, void *arg)
{
	struct winsize *ws = arg;

	switch (req) {
	case TIOCGWINSZ:
		ws->ws_row = 24;
		ws->ws_col = 80;
		ws->ws_xpixel = ws->ws_ypixel = 0;
		return 0;
	case TCGETS:
		*(struct termios *)arg = tio;
		return 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		tio = *(const struct termios *)arg;
		return 0;
	}
	return -ENOTTY;
}

static const struct uk_file_ops con_ops = {
	.read = con_read,
	.write = con_write,
	.stat = con_stat,
	.ioctl = con_ioctl,
};

static struct uk_file console;

static int console_fds(void)
{
	int fd;

	uk_file_init(&console, &con_ops, O_RDWR);
	for (fd = 0; fd < 3; fd++) {
		console.refs++;
		if (uk_fdtab_install(&console, fd, 0) != fd)
			return -EBUSY;
	}
	console.refs--;	/* the reference uk_file_init gave us */
	return 0;
}

struct uk_file *uk_fdtab_console(void)
{
	uk_file_get(&console);
	return &console;
}

uk_init(UK_INIT_LIB, UK_PRIO_EARLIEST, console_fds, NULL);
