/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lib/lwip's sockets (socket.c), shared with their options (sockopt.c)
 * and address conversions (socket_addr.c). Private to lib/lwip.
 */
#ifndef UK_LWIP_LSOCK_H
#define UK_LWIP_LSOCK_H

#include <sys/socket.h>
#include <uk/lock.h>
#include <uk/socket.h>

#include "lwip/opt.h"
#include "lwip/api.h"
#include "lwip/ip_addr.h"

struct lsock {
	struct uk_socket s;
	struct netconn *conn;
	struct uk_mutex rx_lock;	/* rx_p, rx_off, rx_nb */
	struct pbuf *rx_p;	/* TCP: the rest of a received chain */
	u16_t rx_off;		/* bytes of rx_p already read */
	struct netbuf *rx_nb;	/* UDP: a datagram read with MSG_PEEK */
	volatile int sendable;	/* the netconn's SENDPLUS / SENDMINUS */
	volatile int connected;	/* TCP: established once (SENDPLUS, no error) */
	volatile int errored;	/* an ERROR event came: SO_ERROR to read */
	volatile int rx_eof;	/* TCP: FIN (or reset) consumed: EOF */
	int tx_shut;		/* shutdown(SHUT_WR) done */
	int connecting;		/* connect returned -EINPROGRESS */
	int reuseaddr, reuseport;	/* as set (both: SOF_REUSEADDR) */
};

static inline struct lsock *to_lsock(struct uk_socket *s)
{
	return uk_container_of(s, struct lsock, s);
}

static inline int is_tcp(const struct lsock *l)
{
	return NETCONNTYPE_GROUP(netconn_type(l->conn)) == NETCONN_TCP;
}

/* lwIP's error as the (positive) errno a Linux socket call gives. */
int uk_lwip_err_errno(err_t e);

/* A socket address of the socket's family (AF_INET, or AF_INET6 where
 * ::ffff:a.b.c.d is IPv4 and :: any address of both) as lwIP's: 0, or
 * -EINVAL (too short), -EAFNOSUPPORT (another family). */
int uk_lwip_sockaddr_to_ip(int family, const struct sockaddr *sa,
			   socklen_t len, ip_addr_t *ip, u16_t *port);
/* And back (an IPv4 address on an AF_INET6 socket: ::ffff:a.b.c.d);
 * returns the address's length. */
socklen_t uk_lwip_ip_to_sockaddr(int family, const ip_addr_t *ip, u16_t port,
				 struct sockaddr_storage *ss);

int lsock_getsockopt(struct uk_socket *s, int level, int name, void *val,
		     socklen_t *len);
int lsock_setsockopt(struct uk_socket *s, int level, int name,
		     const void *val, socklen_t len);

#endif /* UK_LWIP_LSOCK_H */
