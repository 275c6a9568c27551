/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/fs's program: the same source is the kit's app (bench/fs/app)
 * and, built statically with musl-gcc, /init of the Linux VM peer. Its
 * arguments are steps, run in order:
 *
 *	mount TYPE SOURCE DIR OPTS   mkdir -p DIR, mount(2) TYPE on it
 *	                  (OPTS "-" for none)
 *	meta DIR N        N times: create DIR/fI, stat it, unlink it
 *	write DIR MB      write DIR/seq sequentially (64 KiB writes), fsync
 *	read DIR MB       read DIR/seq back sequentially (64 KiB reads)
 *	modules DIR       load the kernel modules DIR/order names (one file
 *	                  name a line, in load order; the Linux VM's /init:
 *	                  the cloud kernel has virtio-blk as a module)
 *	dropcaches        sync, then drop the page cache when there is one
 *	                  (/proc/sys/vm/drop_caches; the kit has none)
 *	poweroff          sync, reboot(RB_POWER_OFF) (the Linux VM's /init)
 *
 * Each timed step prints one line
 *
 *	fsbench: STEP DIR COUNT NS_PER_OP TSC_PER_OP UNIT
 *
 * ns from clock_gettime(CLOCK_MONOTONIC), tsc from rdtsc around the
 * loop (under QEMU -icount shift=0 the TSC counts guest instructions:
 * kernel, user, interrupts). UNIT says what an op is ("file": one
 * create+stat+unlink; "MiB"). A step that fails prints the call and
 * errno and the program exits 1 (powering off first as /init).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define CHUNK (64 * 1024)

static uint64_t ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static uint64_t tsc(void)
{
	uint32_t lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((uint64_t)hi << 32) | lo;
}

static int poweroff;	/* a "poweroff" step was given */

static void die(const char *what, const char *arg)
{
	printf("fsbench: %s %s: %s\n", what, arg, strerror(errno));
	fflush(stdout);
	if (poweroff)
		reboot(RB_POWER_OFF);
	exit(1);
}

static void mkdirs(const char *dir)
{
	char buf[256], *s;

	snprintf(buf, sizeof(buf), "%s", dir);
	for (s = buf + 1; *s; s++) {
		if (*s == '/') {
			*s = '\0';
			if (mkdir(buf, 0755) < 0 && errno != EEXIST)
				die("mkdir", buf);
			*s = '/';
		}
	}
	if (mkdir(buf, 0755) < 0 && errno != EEXIST)
		die("mkdir", buf);
}

static void report(const char *step, const char *dir, long n, uint64_t t,
		   uint64_t c, const char *unit)
{
	printf("fsbench: %s %s %ld %.1f %.1f %s\n", step, dir, n,
	       (double)t / (double)n, (double)c / (double)n, unit);
	fflush(stdout);
}

/* n files: create, stat, unlink; a tenth of it first, untimed */
static void meta_loop(const char *dir, long n)
{
	char path[256];
	struct stat st;
	long i;
	int fd;

	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/f%ld", dir, i);
		fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0644);
		if (fd < 0)
			die("open", path);
		close(fd);
		if (stat(path, &st) < 0)
			die("stat", path);
		if (unlink(path) < 0)
			die("unlink", path);
	}
}

static void meta(const char *dir, long n)
{
	uint64_t t0, c0, c1, t1;

	meta_loop(dir, n / 10 + 1);
	t0 = ns();
	c0 = tsc();
	meta_loop(dir, n);
	c1 = tsc();
	t1 = ns();
	report("meta", dir, n, t1 - t0, c1 - c0, "file");
}

static void seq(const char *dir, long mb, int wr)
{
	static char buf[CHUNK];
	uint64_t t0, c0, c1, t1;
	char path[256];
	long i, n = mb * (1024 * 1024 / CHUNK);
	int fd;

	snprintf(path, sizeof(path), "%s/seq", dir);
	fd = wr ? open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644)
		: open(path, O_RDONLY);
	if (fd < 0)
		die("open", path);
	memset(buf, 'q', sizeof(buf));
	t0 = ns();
	c0 = tsc();
	for (i = 0; i < n; i++) {
		ssize_t r = wr ? write(fd, buf, CHUNK) : read(fd, buf, CHUNK);

		if (r != CHUNK)
			die(wr ? "write" : "read", path);
	}
	if (wr && fsync(fd) < 0)
		die("fsync", path);
	c1 = tsc();
	t1 = ns();
	close(fd);
	report(wr ? "write" : "read", dir, mb, t1 - t0, c1 - c0, "MiB");
}

/* The "modules DIR" step: each module DIR/order names, in order. */
static void modules(const char *dir)
{
	char path[512], name[128];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/order", dir);
	f = fopen(path, "r");
	if (!f)
		die("open", path);
	while (fscanf(f, "%127s", name) == 1) {
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		fd = open(path, O_RDONLY);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0) < 0)
			die("finit_module", path);
		close(fd);
	}
	fclose(f);
}

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		poweroff |= !strcmp(argv[i], "poweroff");
	i = 1;
	while (i < argc) {
		const char *s = argv[i];

		if (!strcmp(s, "mount") && i + 4 < argc) {
			const char *opts = strcmp(argv[i + 4], "-") ?
					   argv[i + 4] : NULL;

			mkdirs(argv[i + 3]);
			if (mount(argv[i + 2], argv[i + 3], argv[i + 1], 0,
				  opts) < 0)
				die("mount", argv[i + 1]);
			i += 5;
		} else if (!strcmp(s, "meta") && i + 2 < argc) {
			mkdirs(argv[i + 1]);
			meta(argv[i + 1], atol(argv[i + 2]));
			i += 3;
		} else if ((!strcmp(s, "write") || !strcmp(s, "read")) &&
			   i + 2 < argc) {
			mkdirs(argv[i + 1]);
			seq(argv[i + 1], atol(argv[i + 2]), s[0] == 'w');
			i += 3;
		} else if (!strcmp(s, "modules") && i + 1 < argc) {
			modules(argv[i + 1]);
			i += 2;
		} else if (!strcmp(s, "dropcaches")) {
			int fd;

			sync();
			fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
			if (fd >= 0 && write(fd, "3\n", 2) != 2)
				die("write", "/proc/sys/vm/drop_caches");
			if (fd >= 0)
				close(fd);
			i++;
		} else if (!strcmp(s, "poweroff")) {
			sync();
			reboot(RB_POWER_OFF);
			i++;
		} else {
			printf("fsbench: bad step '%s' (mount TYPE SOURCE DIR OPTS | meta DIR N | write DIR MB | read DIR MB | modules DIR | dropcaches | poweroff)\n",
			       s);
			fflush(stdout);
			break;
		}
	}
	if (i < argc && poweroff)
		reboot(RB_POWER_OFF);
	return i < argc;
}
