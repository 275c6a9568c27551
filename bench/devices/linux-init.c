/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * bench/devices/linux-init.c: /init of the Linux VM peer for virtio-blk
 * (bench/devices/run builds it statically with musl-gcc). It loads the
 * modules named in /modules (one .ko path a line, in order: the cloud
 * kernel has virtio and virtio-blk as modules), mounts devtmpfs, waits
 * for /dev/vda (the drive under test) and /dev/vdb (a read-only ext2
 * image holding Debian's fio and the libraries it needs), mounts vdb on
 * /opt, and runs /opt/fio through its dynamic loader once for each job
 * line in /jobs ("NAME fio-args..."), printing
 *
 *	job NAME
 *	<fio's JSON output>
 *	end NAME
 *
 * then powers off. A failure prints "linux-init: <what>: <errno>" and
 * powers off too (the caller sees no "end" lines).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void die(const char *what)
{
	printf("linux-init: %s: %d\n", what, errno);
	fflush(stdout);
	reboot(RB_POWER_OFF);
	_exit(1);
}

static void load_modules(void)
{
	char line[256];
	FILE *f = fopen("/modules", "r");

	if (!f)
		die("/modules");
	while (fgets(line, sizeof(line), f)) {
		int fd;

		line[strcspn(line, "\n")] = 0;
		if (!line[0])
			continue;
		fd = open(line, O_RDONLY);
		if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
			if (errno != EEXIST)
				die(line);
		close(fd);
	}
	fclose(f);
}

static void wait_for(const char *dev)
{
	struct stat st;
	int i;

	for (i = 0; i < 500; i++) {
		if (!stat(dev, &st))
			return;
		usleep(10000);
	}
	die(dev);
}

/* Run one job line: NAME then fio's arguments, split at spaces. */
static void job(char *line)
{
	char *argv[64], *name, *w;
	int argc = 0, st;
	pid_t pid;

	name = strtok(line, " \n");
	if (!name)
		return;
	argv[argc++] = "/opt/ld-linux-x86-64.so.2";
	argv[argc++] = "--library-path";
	argv[argc++] = "/opt/lib";
	argv[argc++] = "/opt/fio";
	while ((w = strtok(NULL, " \n")) && argc < 62)
		argv[argc++] = w;
	argv[argc] = NULL;
	printf("job %s\n", name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		die("execv /opt/fio");
	}
	if (pid < 0 || waitpid(pid, &st, 0) < 0)
		die("fork");
	printf("end %s %d\n", name, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	fflush(stdout);
}

int main(void)
{
	char line[1024];
	FILE *f;

	mkdir("/dev", 0755);
	mkdir("/opt", 0755);
	mkdir("/proc", 0755);
	if (mount("devtmpfs", "/dev", "devtmpfs", 0, NULL) && errno != EBUSY)
		die("mount devtmpfs");
	mount("proc", "/proc", "proc", 0, NULL);	/* fio reads it */
	load_modules();
	wait_for("/dev/vda");
	wait_for("/dev/vdb");
	if (mount("/dev/vdb", "/opt", "ext2", MS_RDONLY, NULL))
		die("mount /dev/vdb on /opt");
	f = fopen("/jobs", "r");
	if (!f)
		die("/jobs");
	while (fgets(line, sizeof(line), f))
		job(line);
	fclose(f);
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
