/* SPDX-License-Identifier: BSD-3-Clause */
/* Between the files of posix-fdtab only. */
#ifndef UK_FDTAB_INTERNAL_H
#define UK_FDTAB_INTERNAL_H

/* Set or clear fd's O_CLOEXEC (FIOCLEX/FIONCLEX). 0 or -EBADF. */
int uk_fdtab_set_cloexec(int fd, int on);

#endif /* UK_FDTAB_INTERNAL_H */
