/* SPDX-License-Identifier: BSD-3-Clause */
/* Between devfs.c and devices.c only. */
#ifndef DEVFS_PRIVATE_H
#define DEVFS_PRIVATE_H

#include <sys/types.h>

struct uk_file;

/* Register the built-in devices (devices.c): 0 or -errno. */
int devfs_builtin_register(void);

/* f was just opened on the node (dev, ino): a built-in device's file
 * keeps them for fstat (others' files are left alone). */
void devfs_file_ids(struct uk_file *f, dev_t dev, ino_t ino);

#endif
