/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hostfiles: file calls through musl on a folder the host shares, for
 * test/cases/9pfs.sh. apphostfiles.dir= is where it is mounted ("/data",
 * "/"; a parameter, not argv: QEMU microvm appends its virtio_mmio.device=
 * words after the command line, so they would land in argv).
 * The host put "from-host.txt" ("hello from the host\n") and
 * "host-dir/inner" there; this checks them, then writes g/ for the
 * host to check:
 *	g/renamed.txt	"guest wrote this\n" (written as f.txt, renamed)
 *	g/link		a symlink to renamed.txt
 *	g/big		1 MiB + 123 bytes, byte i = (i * 7 + i / 4096) & 255
 *	g/sub/		a directory, mode 0750
 * (readdir's d_type may be DT_UNKNOWN: QEMU's with mapped-xattr)
 * and checks an unlinked file stays readable while open, readdir,
 * stat, truncate, append, pread/pwrite, rmdir's errors. Each failure
 * is one line "hostfiles: FAIL <what>: <errno name>"; at the end
 * "hostfiles: ok" and status 0.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>
#include <uk/param.h>

static const char *dir = "/data";
UK_PARAM(dir, UK_PARAM_STR, &dir, "where the share is mounted");

static int failed;
static char path[512];

#define CHECK(cond, what)						\
	do {								\
		if (!(cond)) {						\
			printf("hostfiles: FAIL %s: %s\n", what,	\
			       strerror(errno));			\
			failed = 1;					\
		}							\
	} while (0)

static const char *at(const char *root, const char *rel)
{
	snprintf(path, sizeof(path), "%s%s%s", root,
		 root[strlen(root) - 1] == '/' ? "" : "/", rel);
	return path;
}

static unsigned char big_byte(size_t i)
{
	return (unsigned char)((i * 7 + i / 4096) & 255);
}

#define BIG (1024 * 1024 + 123)

static void host_wrote(const char *root)
{
	char buf[64] = "";
	struct stat st;
	struct dirent *d;
	DIR *dir;
	int fd, seen = 0;
	ssize_t n;

	fd = open(at(root, "from-host.txt"), O_RDONLY);
	CHECK(fd >= 0, "open from-host.txt");
	n = read(fd, buf, sizeof(buf) - 1);
	CHECK(n == 20 && !strcmp(buf, "hello from the host\n"),
	      "read from-host.txt");
	CHECK(fstat(fd, &st) == 0 && st.st_size == 20 && S_ISREG(st.st_mode),
	      "fstat from-host.txt");
	close(fd);
	CHECK(stat(at(root, "host-dir/inner"), &st) == 0 && st.st_size == 3,
	      "stat host-dir/inner");
	dir = opendir(root);
	CHECK(dir != NULL, "opendir root");
	while (dir && (d = readdir(dir)))
		seen += !strcmp(d->d_name, "from-host.txt") ||
			(!strcmp(d->d_name, "host-dir") &&
			 (d->d_type == DT_DIR || d->d_type == DT_UNKNOWN));
	if (dir)
		closedir(dir);
	CHECK(seen == 2, "readdir root lists from-host.txt and host-dir/");
	errno = 0;
	CHECK(open(at(root, "missing"), O_RDONLY) < 0 && errno == ENOENT,
	      "open missing: ENOENT");
}

static void guest_writes(const char *root)
{
	static unsigned char big[BIG], back[BIG];
	char buf[64];
	struct stat st;
	struct statfs sf;
	FILE *f;
	size_t i;
	int fd;

	CHECK(mkdir(at(root, "g"), 0755) == 0, "mkdir g");
	errno = 0;
	CHECK(mkdir(at(root, "g"), 0755) < 0 && errno == EEXIST,
	      "mkdir g again: EEXIST");
	f = fopen(at(root, "g/f.txt"), "w");
	CHECK(f != NULL, "fopen g/f.txt");
	if (f) {
		fputs("guest wrote this\n", f);
		CHECK(fclose(f) == 0, "fclose g/f.txt");
	}
	{
		char from[512];

		snprintf(from, sizeof(from), "%s", at(root, "g/f.txt"));
		CHECK(rename(from, at(root, "g/renamed.txt")) == 0,
		      "rename g/f.txt g/renamed.txt");
	}
	CHECK(symlink("renamed.txt", at(root, "g/link")) == 0, "symlink");
	memset(buf, 0, sizeof(buf));
	CHECK(readlink(at(root, "g/link"), buf, sizeof(buf)) == 11 &&
	      !strcmp(buf, "renamed.txt"), "readlink g/link");
	CHECK(stat(at(root, "g/link"), &st) == 0 && st.st_size == 17,
	      "stat through g/link");
	CHECK(mkdir(at(root, "g/sub"), 0750) == 0, "mkdir g/sub");

	/* 1 MiB and a bit, in one write: many messages */
	for (i = 0; i < BIG; i++)
		big[i] = big_byte(i);
	fd = open(at(root, "g/big"), O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK(fd >= 0 && write(fd, big, BIG) == BIG, "write g/big");
	CHECK(pread(fd, back, BIG, 0) == BIG && !memcmp(big, back, BIG),
	      "pread g/big");
	CHECK(pwrite(fd, "XY", 2, 4096) == 2 && pread(fd, buf, 4, 4095) == 4 &&
	      !memcmp(buf + 1, "XY", 2), "pwrite g/big");
	CHECK(pwrite(fd, big + 4096, 2, 4096) == 2, "pwrite g/big back");
	close(fd);

	/* truncate, append */
	fd = open(at(root, "g/t"), O_WRONLY | O_CREAT | O_EXCL, 0600);
	CHECK(fd >= 0 && write(fd, "0123456789", 10) == 10, "write g/t");
	CHECK(ftruncate(fd, 4) == 0 && fstat(fd, &st) == 0 &&
	      st.st_size == 4, "ftruncate g/t");
	close(fd);
	errno = 0;
	CHECK(open(at(root, "g/t"), O_WRONLY | O_CREAT | O_EXCL, 0600) < 0 &&
	      errno == EEXIST, "O_EXCL g/t: EEXIST");
	fd = open(at(root, "g/t"), O_WRONLY | O_APPEND);
	CHECK(fd >= 0 && write(fd, "ab", 2) == 2, "append g/t");
	close(fd);
	fd = open(at(root, "g/t"), O_RDONLY);
	memset(buf, 0, sizeof(buf));
	CHECK(fd >= 0 && read(fd, buf, sizeof(buf)) == 6 &&
	      !strcmp(buf, "0123ab"), "read g/t");
	close(fd);
	/* unlinked while open (and not read yet): still readable */
	fd = open(at(root, "g/t"), O_RDONLY);
	CHECK(fd >= 0 && unlink(at(root, "g/t")) == 0, "unlink g/t");
	memset(buf, 0, sizeof(buf));
	CHECK(pread(fd, buf, sizeof(buf), 0) == 6 && !strcmp(buf, "0123ab"),
	      "pread g/t after unlink");
	close(fd);
	errno = 0;
	CHECK(stat(at(root, "g/t"), &st) < 0 && errno == ENOENT,
	      "stat g/t after unlink: ENOENT");
	errno = 0;
	CHECK(rmdir(at(root, "g")) < 0 && errno == ENOTEMPTY,
	      "rmdir g: ENOTEMPTY");
	CHECK(mkdir(at(root, "g/gone"), 0700) == 0 &&
	      rmdir(at(root, "g/gone")) == 0, "mkdir+rmdir g/gone");
	CHECK(statfs(root, &sf) == 0 && sf.f_bsize > 0, "statfs");
}

int main(void)
{
	host_wrote(dir);
	guest_writes(dir);
	printf("hostfiles: %s\n", failed ? "failed" : "ok");
	return failed;
}
