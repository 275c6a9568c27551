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

static long con_write(struct uk_file *f __uk_unused, const void *buf, size_t len)
{
	int r = ukplat_console_write(buf, len);

	return r < 0 ? r : (long)len;
}

static long con_read(struct uk_file *f, void *buf, size_t len)
{
	unsigned char *p = buf;
	size_t n = 0;
	int c;

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

uk_init(UK_INIT_LIB, UK_PRIO_EARLIEST, console_fds, NULL);
