/* SPDX-License-Identifier: BSD-3-Clause */
/* Between posix-socket's files only. */
#ifndef POSIX_SOCKET_IMPL_H
#define POSIX_SOCKET_IMPL_H

#include <uk/socket.h>

/* The registered family for AF_x, or NULL. */
const struct uk_socket_family *posix_socket_family(int family);

/* Give s a descriptor (SOCK_NONBLOCK, SOCK_CLOEXEC in flags): the fd, or
 * -EMFILE (s is put then). */
int posix_socket_install(struct uk_socket *s, int flags);

/*
 * The blocking loop: try(s, arg) until it returns something other than
 * again, sleeping on s's poll waiters for events (EPOLLERR and EPOLLHUP
 * added) between tries; nonblock: try once; timeo_ns (0: none) bounds
 * the wait, after which try's last answer is returned.
 */
typedef long (*posix_socket_try_fn)(struct uk_socket *s, void *arg);
long posix_socket_block(struct uk_socket *s, int nonblock, uint64_t timeo_ns,
			unsigned int events, posix_socket_try_fn try,
			void *arg, long again);

/* sendmsg/recvmsg with the layer's rules (<uk/socket.h>): blocking,
 * timeouts, whole stream sends, MSG_WAITALL, addresses, SIGPIPE. */
ssize_t posix_socket_sendmsg(struct uk_socket *s, const struct msghdr *msg,
			     int flags);
ssize_t posix_socket_recvmsg(struct uk_socket *s, struct msghdr *msg,
			     int flags);

/* Raise SIGPIPE in the calling thread (with posix-signal). */
void posix_socket_sigpipe(void);

#endif
