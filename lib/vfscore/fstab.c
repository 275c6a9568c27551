/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mounting at boot (UK_INIT_FS, after every file system type registered
 * at UK_INIT_LIB). The table is the kernel parameter
 *
 *	vfs.fstab="initrd:/ 9p:share:/data ext2:vda:/var:ro"
 *
 * or, without it, CONFIG_LIBVFSCORE_FSTAB from the menu: words of
 * type:path, type:source:path or type:source:path:opts. "ro" and "rw"
 * in opts (comma-separated) are vfscore's (MS_RDONLY); the rest goes to
 * the file system. "/" is mounted first (CONFIG_LIBVFSCORE_ROOTFS when
 * no word names "/"), then the others in the order given; a missing
 * mount point is made (with its parents) first. A malformed word, an
 * unknown type or a failed mount is one line naming the word, and the
 * image ends with a non-zero status (2: the table is wrong, 1: a mount
 * failed) instead of running without its files.
 */
#include <errno.h>
#include <string.h>
#include <uk/boot.h>
#include <uk/init.h>
#include <uk/param.h>
#include <uk/print.h>
#include "vfs_internal.h"

#define MAXWORDS 4	/* vfs.<name>= words: only fstab= so far */

static const char *words[MAXWORDS];
static struct uk_param_list params = {
	.words = words,
	.max = MAXWORDS,
	.full_hint = "give vfs.fstab= once",
};
UK_PARAM_PREFIX(vfs, &params,
		"vfs.fstab=\"type:[source:]path[:opts] ...\": what to mount at boot");

struct entry {
	char *type, *source, *path, *opts;
	unsigned long flags;
};

/* Split one word in place; 0 or -EINVAL */
static int parse_entry(char *w, struct entry *e)
{
	char *f[4] = { NULL }, *o, *tok, *rest;
	size_t n = 0, ol = 0;

	f[n++] = w;
	while (n < 4 && (w = strchr(w, ':'))) {
		*w++ = '\0';
		f[n++] = w;
	}
	if (n < 2 || !f[0][0])
		return -EINVAL;
	e->type = f[0];
	e->source = n == 2 ? "" : f[1];
	e->path = n == 2 ? f[1] : f[2];
	e->opts = n == 4 ? f[3] : "";
	e->flags = 0;
	if (e->path[0] != '/')
		return -EINVAL;
	if (n < 4)
		return 0;
	/* Take "ro"/"rw" out of opts, keep the rest in order */
	for (o = e->opts, rest = e->opts; (tok = strsep(&rest, ","));) {
		if (!strcmp(tok, "ro")) {
			e->flags |= MS_RDONLY;
		} else if (!strcmp(tok, "rw")) {
			e->flags &= ~MS_RDONLY;
		} else if (tok[0]) {
			if (ol)
				o[ol++] = ',';
			memmove(o + ol, tok, strlen(tok) + 1);
			ol += strlen(tok);
		}
	}
	o[ol] = '\0';
	return 0;
}

/* mkdir -p path on what is mounted so far */
static int make_mount_point(const char *path)
{
	char buf[PATH_MAX], *s;
	int r;

	if (strlen(path) >= sizeof(buf))
		return -ENAMETOOLONG;
	strcpy(buf, path);
	for (s = buf + 1;; s++) {
		if (*s == '/' || !*s) {
			char c = *s;

			*s = '\0';
			r = uk_vfs_mkdir(buf, 0755);
			if (r < 0 && r != -EEXIST)
				return r;
			if (!c)
				return 0;
			*s = c;
		}
	}
}

static int mount_entry(const char *word, struct entry *e)
{
	int r = 0, mkdir_failed = 0;

	if (strcmp(e->path, "/"))
		r = make_mount_point(e->path);
	mkdir_failed = r < 0;
	if (r == 0)
		r = uk_vfs_mount(e->type, e->source, e->path, e->flags, e->opts);
	/* uk_vfs_mount or the file system said why, in one line */
	if (r < 0 && mkdir_failed)
		uk_pr_err("vfs.fstab: '%s': cannot make the mount point %s: %s\n",
			  word, e->path, vfs_errname(r));
	return r;
}

/* The table to use: vfs.fstab= or the menu's, copied to be split */
static char *fstab_string(void)
{
	const char *s = CONFIG_LIBVFSCORE_FSTAB;
	unsigned int i;
	char *copy;

	for (i = 0; i < params.count; i++) {
		if (!strncmp(words[i], "fstab=", 6)) {
			s = words[i] + 6;
		} else {
			uk_pr_err("unknown parameter 'vfs.%s': vfs has: fstab\n",
				  words[i]);
			uk_boot_exit(UK_BOOT_EXIT_USAGE);
		}
	}
	copy = uk_malloc(uk_alloc_get_default(), strlen(s) + 1);
	if (copy)
		strcpy(copy, s);
	return copy;
}

#define MAXENTRIES 16

static int fstab_init(void)
{
	struct entry e[MAXENTRIES], root = { 0 };
	char *tab = fstab_string(), *w, *rest, *word[MAXENTRIES];
	char orig[MAXENTRIES][128];
	int n = 0, i, r, have_root = 0;

	if (!tab)
		return -ENOMEM;
	for (rest = tab; (w = strsep(&rest, " \t"));) {
		if (!w[0])
			continue;
		if (n == MAXENTRIES) {
			uk_pr_err("vfs.fstab: more than %d entries\n",
				  MAXENTRIES);
			uk_boot_exit(UK_BOOT_EXIT_USAGE);
		}
		snprintf(orig[n], sizeof(orig[n]), "%s", w);
		word[n] = orig[n];
		if (parse_entry(w, &e[n]) < 0) {
			uk_pr_err("vfs.fstab: malformed entry '%s': expected type:/path, type:source:/path or type:source:/path:opts (source may be empty)\n",
				  orig[n]);
			uk_boot_exit(UK_BOOT_EXIT_USAGE);
		}
		if (!strcmp(e[n].path, "/"))
			have_root = 1;
		n++;
	}
	if (!have_root && CONFIG_LIBVFSCORE_ROOTFS[0]) {
		root.type = CONFIG_LIBVFSCORE_ROOTFS;
		root.source = root.opts = "";
		root.path = "/";
		if (mount_entry(CONFIG_LIBVFSCORE_ROOTFS ":/", &root) < 0)
			uk_boot_exit(1);
	}
	/* "/" first, then the rest in order */
	for (i = 0; i < n; i++)
		if (!strcmp(e[i].path, "/") && mount_entry(word[i], &e[i]) < 0)
			uk_boot_exit(1);
	for (i = 0; i < n; i++) {
		if (!strcmp(e[i].path, "/"))
			continue;
		if (!vfs_root) {
			uk_pr_err("vfs.fstab: cannot mount '%s': nothing is mounted on /\n",
				  word[i]);
			uk_boot_exit(1);
		}
		r = mount_entry(word[i], &e[i]);
		if (r < 0)
			uk_boot_exit(1);
	}
	/* tab stays allocated: a file system may keep its source string */
	return 0;
}
uk_init(UK_INIT_FS, UK_PRIO_VFS_FSTAB, fstab_init, NULL);
