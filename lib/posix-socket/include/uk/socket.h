/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-socket: the generic socket layer. It owns every socket system
 * call (socket, socketpair, bind, listen, accept, accept4, connect,
 * sendto, sendmsg, sendmmsg, recvfrom, recvmsg, recvmmsg, shutdown,
 * getsockopt, setsockopt, getsockname, getpeername; musl's send/recv
 * are sendto/recvfrom) and the uk_file ops of sockets (read/write are
 * recvmsg/sendmsg, fstat gives S_IFSOCK, poll and close go to the
 * family). An address family (lib/posix-unix: AF_UNIX; lib/lwip:
 * AF_INET, AF_INET6) registers itself and implements its sockets' ops:
 *
 *	struct my_sock { struct uk_socket s; ... };
 *	static const struct uk_socket_ops my_ops = { .sendmsg = ..., ... };
 *
 *	static int my_create(int type, int protocol, struct uk_socket **out)
 *	{
 *		struct my_sock *m = ...allocate...;
 *
 *		uk_socket_init(&m->s, &my_ops, AF_MINE, type, protocol);
 *		*out = &m->s;
 *		return 0;
 *	}
 *	static const struct uk_socket_family my_family = {
 *		.family = AF_MINE, .create = my_create,
 *	};
 *	UK_SOCKET_FAMILY_REGISTER(my_family);
 *
 * Contracts (the layer does what is common so families don't):
 * - Ops NEVER block. Where Linux would block, an op returns -EAGAIN
 *   (accept, sendmsg, recvmsg) or -EINPROGRESS (connect), and the
 *   family calls uk_socket_event() whenever a socket's readiness may
 *   have changed (data or room arrived, a connection came in or
 *   completed, the peer closed), from any context. The layer then
 *   blocks the caller (unless O_NONBLOCK, SOCK_NONBLOCK or
 *   MSG_DONTWAIT), sleeping on the socket's poll waiters until the op
 *   can go on or SO_RCVTIMEO (recv, accept) / SO_SNDTIMEO (send,
 *   connect) expires (then -EAGAIN, or -EINPROGRESS for connect, as
 *   Linux). A blocking stream send is retried until every byte went
 *   (or a timeout/error after some went: the count so far), and so is
 *   a stream recv with MSG_WAITALL.
 * - Ops are called in thread context with interrupts on, with a
 *   reference on the socket held; poll with interrupts off (must not
 *   block or allocate). Ops may be NULL: the layer answers -EOPNOTSUPP
 *   (bind, listen, accept, connect, shutdown, get/setsockopt,
 *   getsockname/getpeername), poll NULL means always EPOLLIN|EPOLLOUT.
 * - Flags passed to sendmsg/recvmsg are the caller's MSG_* bits with
 *   MSG_DONTWAIT always added (ops never block anyway) and MSG_WAITALL
 *   removed (the layer loops). EPIPE: the family returns -EPIPE and does
 *   not signal; the layer raises SIGPIPE unless MSG_NOSIGNAL.
 * - Addresses: sendmsg's msg_name is the caller's (namelen checked <=
 *   sizeof(struct sockaddr_storage)). recvmsg's msg_name, accept's and
 *   getsockname/getpeername's addr are the layer's struct
 *   sockaddr_storage: the family writes the whole address and its
 *   length (0: none), the layer copies what fits to the caller and
 *   reports the full length, as Linux.
 * - Options: the layer answers SOL_SOCKET SO_RCVTIMEO, SO_SNDTIMEO,
 *   SO_TYPE, SO_DOMAIN and SO_PROTOCOL itself; everything else (SO_ERROR
 *   too, which connect's completion is read from) goes to the family.
 * - close is called once, when the last descriptor and reference are
 *   gone (poll waiters have been told UK_FILE_GONE): the family tears
 *   the socket down and frees the object that embeds the uk_socket.
 * - A socket the family creates itself (accept, socketpair) is set up
 *   with uk_socket_init() and handed to the layer, which installs it.
 */
#ifndef UK_SOCKET_H
#define UK_SOCKET_H

#include <sys/socket.h>
#include <sys/types.h>
#include <uk/essentials.h>
#include <uk/fdtab.h>

struct uk_socket;

struct uk_socket_ops {
	int (*bind)(struct uk_socket *s, const struct sockaddr *addr,
		    socklen_t len);
	int (*listen)(struct uk_socket *s, int backlog);
	/* A connection waiting, as a new socket (uk_socket_init'ed) in
	 * *newsock and its peer's address, or -EAGAIN. */
	int (*accept)(struct uk_socket *s, struct uk_socket **newsock,
		      struct sockaddr_storage *peer, socklen_t *peerlen);
	/* 0 connected (or a datagram peer set), -EINPROGRESS started (its
	 * result then from getsockopt SO_ERROR once poll shows EPOLLOUT,
	 * EPOLLERR or EPOLLHUP), or -errno. */
	int (*connect)(struct uk_socket *s, const struct sockaddr *addr,
		       socklen_t len);
	/* Bytes sent/received (0 from recvmsg: the peer shut down), or
	 * -errno; msg_flags of a recvmsg's msg are the family's to set
	 * (MSG_TRUNC, MSG_CTRUNC). */
	ssize_t (*sendmsg)(struct uk_socket *s, const struct msghdr *msg,
			   int flags);
	ssize_t (*recvmsg)(struct uk_socket *s, struct msghdr *msg,
			   int flags);
	int (*shutdown)(struct uk_socket *s, int how);	/* SHUT_* checked */
	int (*getsockopt)(struct uk_socket *s, int level, int name,
			  void *val, socklen_t *len);
	int (*setsockopt)(struct uk_socket *s, int level, int name,
			  const void *val, socklen_t len);
	int (*getsockname)(struct uk_socket *s,
			   struct sockaddr_storage *addr, socklen_t *len);
	int (*getpeername)(struct uk_socket *s,
			   struct sockaddr_storage *addr, socklen_t *len);
	/* Readiness now (EPOLLIN/OUT/ERR/HUP/RDHUP/PRI); interrupts off. */
	unsigned int (*poll)(struct uk_socket *s);
	/* ioctl other than FIONBIO/FIOCLEX (FIONREAD, ...); NULL: -ENOTTY. */
	long (*ioctl)(struct uk_socket *s, unsigned long req, void *arg);
	void (*close)(struct uk_socket *s);
};

struct uk_socket {
	struct uk_file file;	/* the layer's: descriptors refer to it */
	const struct uk_socket_ops *ops;
	int family, type, protocol;	/* type without SOCK_NONBLOCK/CLOEXEC */
	uint64_t rcvtimeo_ns, sndtimeo_ns;	/* 0: none (the layer's) */
};

struct uk_socket_family {
	int family;		/* AF_UNIX, AF_INET, ... */
	/* A new socket of type (SOCK_STREAM, ...; flags stripped) and
	 * protocol (0: the default), set up with uk_socket_init(); or
	 * -EPROTONOSUPPORT, -ESOCKTNOSUPPORT, -ENOMEM, ... */
	int (*create)(int type, int protocol, struct uk_socket **out);
	/* Two connected sockets; NULL: socketpair fails -EOPNOTSUPP. */
	int (*socketpair)(int type, int protocol, struct uk_socket *out[2]);
};

#define UK_SOCKET_FAMILY_REGISTER(fam)					\
	static const struct uk_socket_family *const uk_socket_famtab_##fam \
	__uk_used __uk_section("uk_socket_famtab") __uk_align(8) = &(fam)

extern const struct uk_socket_family *const __start_uk_socket_famtab[]
	__uk_weak;
extern const struct uk_socket_family *const __stop_uk_socket_famtab[]
	__uk_weak;

/* Set up s (one reference, the creator's) as a socket of family. */
void uk_socket_init(struct uk_socket *s, const struct uk_socket_ops *ops,
		    int family, int type, int protocol);

/* s's readiness may have changed (the bits that may have); any context. */
static inline void uk_socket_event(struct uk_socket *s, unsigned int events)
{
	uk_file_event(&s->file, events);
}

/* Take one more reference on s / give one back (the last calls close). */
static inline void uk_socket_get(struct uk_socket *s)
{
	uk_file_get(&s->file);
}

static inline void uk_socket_put(struct uk_socket *s)
{
	uk_fdtab_put(&s->file);
}

/* The socket behind fd with a reference taken (uk_socket_put it), or an
 * error pointer: -EBADF (not open), -ENOTSOCK (not a socket). */
struct uk_socket *uk_socket_of_fd(int fd);

#endif /* UK_SOCKET_H */
