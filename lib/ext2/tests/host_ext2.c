/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * host_ext2: lib/ext2's core (disk.c ... ops.c) built for the host, run
 * on an image file, so its logic is tested against e2fsprogs without a
 * guest (test/cases/ext2.sh, the host checks), and the base of the fuzz target
 * (fuzz_ext2.c). Commands, each one word and its arguments:
 *
 *	mkdir P | write P LEN SEED [OFF] | check P LEN SEED [OFF] |
 *	cat P | ls P | symlink TARGET P | readlink P | link OLD NEW |
 *	unlink P | rmdir P | rename OLD NEW | truncate P LEN | stat P
 *
 * P is an absolute path (no symlinks followed). The pattern byte at
 * file offset x is (x * 131 + SEED) & 0xff. Errors print one line
 * "host_ext2: <command> <path>: <errno>" and the exit status is 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include "../fs.h"

static FILE *img;

static int file_bio(void *dev, int write, uint64_t off, uint32_t len,
		    void *buf)
{
	(void)dev;
	if (fseeko(img, off, SEEK_SET))
		return -EIO;
	if (write)
		return fwrite(buf, 1, len, img) == len ? 0 : -EIO;
	if (fread(buf, 1, len, img) != len)
		return -EIO;
	return 0;
}

static void report(struct ext2_fs *fs, const char *line)
{
	(void)fs;
	printf("ext2: %s\n", line);
}

static void now(uint32_t *sec, uint32_t *nsec)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	*sec = ts.tv_sec;
	*nsec = ts.tv_nsec;
}

/* The node at path; with parent, the directory and the last name. */
static int walk(struct ext2_fs *fs, const char *path, struct ext2_node *n,
		struct ext2_node *parent, const char **last)
{
	const char *p = path, *e;
	int rc = ext2_iread(fs, EXT2_ROOT_INO, n);

	while (!rc && *p) {
		while (*p == '/')
			p++;
		if (!*p)
			break;
		e = strchr(p, '/');
		if (!e)
			e = p + strlen(p);
		if (parent)
			*parent = *n;
		if (last)
			*last = p;
		uint32_t ino;

		rc = ext2_dir_lookup(fs, n, p, e - p, &ino);
		if (rc == -ENOENT && !*e && parent)
			return -ENOENT;	/* parent and last are set */
		if (!rc)
			rc = ext2_iread(fs, ino, n);
		p = e;
	}
	return rc;
}

static uint8_t pat(uint64_t x, unsigned int seed)
{
	return (x * 131 + seed) & 0xff;
}

static int ls_fn(void *ctx, const char *name, size_t len, uint32_t ino,
		 uint8_t ft, uint64_t next)
{
	(void)ctx;
	(void)next;
	printf("%.*s %u %u\n", (int)len, name, ino, ft);
	return 0;
}

static int cmd(struct ext2_fs *fs, char **av, int *used)
{
	struct ext2_node n, d, t;
	const char *last = NULL;
	struct ext2_make_args a = { .mode = 0 };
	int rc;

	*used = 2;
	if (!strcmp(av[0], "mkdir") || !strcmp(av[0], "symlink") ||
	    !strcmp(av[0], "create")) {
		const char *path = av[1];

		if (!strcmp(av[0], "symlink")) {
			a.target = av[1];
			path = av[2];
			*used = 3;
		}
		a.mode = !strcmp(av[0], "mkdir") ? 0040755 :
			 a.target ? 0120777 : 0100644;
		rc = walk(fs, path, &n, &d, &last);
		if (rc == 0)
			return -EEXIST;
		if (rc != -ENOENT || !last)
			return rc;
		return ext2_make(fs, &d, last, strlen(last), &a, &n);
	}
	if (!strcmp(av[0], "write") || !strcmp(av[0], "check")) {
		uint64_t len = strtoull(av[2], NULL, 0), off = 0, i;
		unsigned int seed = strtoul(av[3], NULL, 0);
		uint8_t *buf;

		*used = 4;
		if (av[4] && av[4][0] >= '0' && av[4][0] <= '9') {
			off = strtoull(av[4], NULL, 0);
			*used = 5;
		}
		rc = walk(fs, av[1], &n, &d, &last);
		if (rc == -ENOENT && last && av[0][0] == 'w') {
			a.mode = 0100644;
			rc = ext2_make(fs, &d, last, strlen(last), &a, &n);
		}
		if (rc)
			return rc;
		buf = malloc(len ? len : 1);
		for (i = 0; i < len; i++)
			buf[i] = pat(off + i, seed);
		if (av[0][0] == 'w') {
			ssize_t w = ext2_write(fs, &n, buf, len, off);

			rc = w == (ssize_t)len ? 0 : w < 0 ? (int)w : -EIO;
		} else {
			uint8_t *got = malloc(len ? len : 1);
			ssize_t r = ext2_read(fs, &n, got, len, off);

			rc = r != (ssize_t)len ? -EIO :
			     memcmp(got, buf, len) ? -EBADMSG : 0;
			free(got);
		}
		free(buf);
		return rc;
	}
	if (!strcmp(av[0], "cat")) {
		uint8_t buf[4096];
		uint64_t off = 0;
		ssize_t r;

		rc = walk(fs, av[1], &n, NULL, NULL);
		while (!rc && (r = ext2_read(fs, &n, buf, sizeof(buf), off)) > 0) {
			fwrite(buf, 1, r, stdout);
			off += r;
		}
		return rc;
	}
	if (!strcmp(av[0], "ls")) {
		uint64_t pos = 0;

		rc = walk(fs, av[1], &n, NULL, NULL);
		return rc ? rc : ext2_dir_iterate(fs, &n, &pos, ls_fn, NULL);
	}
	if (!strcmp(av[0], "stat")) {
		rc = walk(fs, av[1], &n, NULL, NULL);
		if (!rc)
			printf("%s ino %u mode 0%o links %u size %llu blocks %u\n",
			       av[1], n.ino, n.di.i_mode, n.di.i_links_count,
			       (unsigned long long)ext2_isize(&n),
			       n.di.i_blocks);
		return rc;
	}
	if (!strcmp(av[0], "readlink")) {
		char buf[4096];
		ssize_t r;

		rc = walk(fs, av[1], &n, NULL, NULL);
		if (rc)
			return rc;
		if (ext2_is_fast_symlink(fs, &n)) {
			printf("%.*s\n", (int)n.di.i_size, (char *)n.di.i_block);
			return 0;
		}
		r = ext2_read(fs, &n, buf, sizeof(buf), 0);
		if (r < 0)
			return r;
		printf("%.*s\n", (int)r, buf);
		return 0;
	}
	if (!strcmp(av[0], "unlink") || !strcmp(av[0], "rmdir")) {
		rc = walk(fs, av[1], &n, &d, &last);
		if (rc)
			return rc;
		rc = av[0][0] == 'u' ?
		     ext2_unlink(fs, &d, last, strlen(last), &n) :
		     ext2_rmdir(fs, &d, last, strlen(last), &n);
		if (!rc && !n.di.i_links_count)
			rc = ext2_evict(fs, &n);
		return rc;
	}
	if (!strcmp(av[0], "truncate")) {
		*used = 3;
		rc = walk(fs, av[1], &n, NULL, NULL);
		return rc ? rc : ext2_truncate(fs, &n, strtoull(av[2], NULL, 0));
	}
	if (!strcmp(av[0], "link") || !strcmp(av[0], "rename")) {
		struct ext2_node nd, od;
		const char *nlast = NULL, *olast = NULL;
		int have;

		*used = 3;
		rc = walk(fs, av[1], &n, &od, &olast);
		if (rc)
			return rc;
		have = walk(fs, av[2], &t, &nd, &nlast);
		if (have && have != -ENOENT)
			return have;
		if (!strcmp(av[0], "link"))
			return have ? ext2_link(fs, &nd, nlast, strlen(nlast), &n)
				    : -EEXIST;
		if (od.ino == nd.ino)
			nd = od;	/* one directory: one copy */
		rc = ext2_rename(fs, &od, olast, strlen(olast), &n,
				 od.ino == nd.ino ? &od : &nd, nlast,
				 strlen(nlast), have ? NULL : &t, 0);
		if (!rc && !have && !t.di.i_links_count && t.ino != n.ino)
			rc = ext2_evict(fs, &t);
		return rc;
	}
	fprintf(stderr, "host_ext2: unknown command %s\n", av[0]);
	return -EINVAL;
}

int main(int argc, char **argv)
{
	struct ext2_fs fs = { .bio = file_bio, .report = report, .now = now };
	int i, rc, used, status = 0;
	struct stat st;

	if (argc < 2) {
		fprintf(stderr, "usage: host_ext2 IMAGE [ro] COMMAND...\n");
		return 2;
	}
	img = fopen(argv[1], "r+b");
	if (!img || fstat(fileno(img), &st)) {
		perror(argv[1]);
		return 2;
	}
	fs.dev_bytes = st.st_size;
	i = 2;
	if (argc > 2 && !strcmp(argv[2], "ro")) {
		fs.ro = 1;
		i++;
	}
	rc = ext2_mount(&fs);
	if (rc) {
		printf("host_ext2: mount: %d\n", rc);
		return 1;
	}
	for (; i < argc; i += used) {
		if (argc - i < 2) {
			fprintf(stderr, "host_ext2: %s needs arguments\n", argv[i]);
			return 2;
		}
		rc = cmd(&fs, argv + i, &used);
		if (!rc)
			rc = ext2_flush(&fs);
		if (rc) {
			printf("host_ext2: %s %s: %d\n", argv[i], argv[i + 1], rc);
			status = 1;
		}
	}
	ext2_unmount(&fs);
	fclose(img);
	return status;
}
