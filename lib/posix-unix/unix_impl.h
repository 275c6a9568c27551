/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * posix-unix's socket object and the helpers its files share.
 *
 * Locking: one CPU; every field below is read and changed with
 * interrupts off (copies into and out of the buffers too), so a socket's
 * state, its peer's and the name table change together.
 */
#ifndef POSIX_UNIX_IMPL_H
#define POSIX_UNIX_IMPL_H

#include <sys/socket.h>
#include <sys/un.h>
#include <uk/socket.h>

enum unix_state { US_NEW, US_LISTEN, US_CONNECTED };

/* The file a path name is (dev, ino), found or made through the file
 * system's calls; valid 0: no file system, or not a path name. */
struct unix_file {
	int valid;
	dev_t dev;
	ino_t ino;
};

/* A datagram queued for its receiver, with its sender's name as it was
 * when sent (fromlen 0: unnamed). */
struct unix_dgram {
	struct unix_dgram *next;
	struct sockaddr_un from;
	socklen_t fromlen;
	size_t len;
	char data[];
};

struct unix_sock {
	struct uk_socket s;
	enum unix_state state;
	struct unix_sock *peer;		/* connected: not referenced; each
					 * end's close clears the other's */
	struct unix_sock *all_next;	/* every AF_UNIX socket */
	struct sockaddr_un name;	/* bound name (namelen 0: none) */
	socklen_t namelen;
	struct unix_file file;		/* a path name's socket file */
	int shut;			/* SHUT_RD+1 / SHUT_WR+1 bits: ours */
	int err;			/* pending SO_ERROR */
	struct unix_sock *wants_room;	/* dgram sender: waits for its queue */

	/* Stream: bytes the peer wrote for us, a ring of cap bytes. */
	char *buf;
	size_t cap, head, len;

	/* Dgram: the queue of datagrams for us. */
	struct unix_dgram *dq_head, *dq_tail;
	unsigned int dq_count;

	/* Listener: connections not accepted yet (server ends). */
	struct unix_sock *backlog_head, *backlog_tail, *backlog_next;
	int backlog, nbacklog;
};

#define SHUT_R 1	/* no more reading for this end */
#define SHUT_W 2	/* no more writing from this end */

#define unix_of(sock) uk_container_of(sock, struct unix_sock, s)

extern const struct uk_socket_ops posix_unix_stream_ops;
extern const struct uk_socket_ops posix_unix_dgram_ops;
extern const struct uk_socket_ops posix_unix_seqpacket_ops;

/* unix.c */
struct unix_sock *posix_unix_new(int type);	/* NULL: -ENOMEM */
int posix_unix_ring(struct unix_sock *u);	/* buffer for a stream end */
/*
 * The file behind path name a (bind: make it, S_IFSOCK). 0 with
 * f->valid set, 0 with it clear (not a path, or no file system: the
 * name lives in the family's table only), or -errno (ENOENT, EADDRINUSE,
 * ECONNREFUSED for a file that is no socket, ...). Interrupts on.
 */
int posix_unix_file(const struct sockaddr_un *a, socklen_t len, int bind,
		    struct unix_file *f);
/* The socket bound to addr/len (checked) or to file f (posix_unix_file's
 * answer), or NULL; interrupts off. Abstract names are per socket type
 * (as Linux: a stream and a datagram socket may hold the same one), so
 * only type's are found; a path name finds any type. */
struct unix_sock *posix_unix_lookup(const struct sockaddr_un *a, socklen_t len,
				    const struct unix_file *f, int type);
/* Check a caller's address; -EINVAL if it is no AF_UNIX address. */
int posix_unix_check_addr(const struct sockaddr *a, socklen_t len);
/* u's datagram queue has room again: wake the senders waiting for it
 * (wants_room) and those connected to u; interrupts off. */
void posix_unix_room(struct unix_sock *u);

/* xfer.c: the data ops of both types. */
ssize_t posix_unix_stream_send(struct uk_socket *s, const struct msghdr *m,
			       int flags);
ssize_t posix_unix_stream_recv(struct uk_socket *s, struct msghdr *m,
			       int flags);
ssize_t posix_unix_dgram_send(struct uk_socket *s, const struct msghdr *m,
			      int flags);
ssize_t posix_unix_dgram_recv(struct uk_socket *s, struct msghdr *m,
			      int flags);
/* SOCK_SEQPACKET: datagrams over a connection. */
ssize_t posix_unix_seqpacket_send(struct uk_socket *s, const struct msghdr *m,
				  int flags);
ssize_t posix_unix_seqpacket_recv(struct uk_socket *s, struct msghdr *m,
				  int flags);
/* Take every queued datagram off u (interrupts off); the caller frees
 * the list with posix_unix_dgram_free after restoring them. */
struct unix_dgram *posix_unix_dgram_take_all(struct unix_sock *u);
void posix_unix_dgram_free(struct unix_dgram *d);

#endif
