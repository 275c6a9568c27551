/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The file system oracle: one program, built with musl-gcc for the host
 * (run on tmpfs there, the oracle) and with the kit (run on ramfs, 9pfs,
 * ext2, ...); test/cases/fs-oracle.sh compares the outputs line by line.
 * Every line is a call and what it returned ("mkdir("d", 0755) = 0",
 * "rmdir("d") = -1 ENOTEMPTY") or a value both must agree on; what may
 * legitimately differ between file systems (inode numbers, st_dev, the
 * f_type of statfs, block counts, directory sizes, the order of
 * getdents, times taken from the clock) is printed as a property or not
 * at all.
 */
#ifndef FS_ORACLE_H
#define FS_ORACLE_H

#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <sys/stat.h>

/* "expr = value", or "expr = -1 ENAME" when it failed with errno */
#define R(expr) res(#expr, (long)(expr))
void res(const char *what, long v);
const char *ename(int e);

/* "label: mode=0100644 nlink=1 size=5 uid=0 gid=0" (no size for dirs) */
void pstat(const char *label, const struct stat *st);
/* stat/lstat a path and print it (or the error) */
void show(const char *path);
void lshow(const char *path);
/* a file of the given bytes */
void put(const char *path, const char *data);
/* a file's contents in one line: "cat(path) = "..." (n bytes)" */
void cat(const char *path);
/* a directory's names, sorted, in one line */
void ls(const char *path);

void t_files(void);
void t_dirs(void);
void t_links(void);
void t_attrs(void);
void t_io(void);
void t_pipes(void);
void t_mmap(void);
void t_errors(void);
void t_dev(void);
int walk(const char *dir);
void exercise(unsigned long seed, int ops, int use_mmap);

#endif
