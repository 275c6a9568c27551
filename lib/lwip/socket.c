/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * AF_INET and AF_INET6 for posix-socket (<uk/socket.h>), on lwIP's
 * netconn API. Every netconn is non-blocking: an op that would wait
 * returns -EAGAIN / -EINPROGRESS and the socket layer blocks (or not)
 * and applies SO_RCVTIMEO/SO_SNDTIMEO.
 *
 * Readiness is computed from state, not counted from events: pending
 * data is what the netconn's receive mailbox holds (its count, our
 * sys_mbox_t) plus what a previous recv left (rx_p / rx_nb); a
 * listener is readable when its accept mailbox holds a connection;
 * writable is the netconn's last SENDPLUS/SENDMINUS. The netconn event
 * callback (conn_event, run in the lwip thread or under the core lock)
 * only tells the socket's poll waiters that something may have changed
 * (uk_socket_event); it finds the socket through conn->callback_arg
 * (patches/0001), NULL until the socket exists and again from close.
 *
 * Locking: netconn calls take the core lock themselves, so nothing here
 * holds it around them; a socket's own receive state (rx_p, rx_off,
 * rx_nb) is guarded by its mutex (two threads may recv on one socket).
 * Options that touch a pcb take the core lock for that.
 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <uk/alloc.h>
#include <uk/lock.h>
#include <uk/socket.h>

#include "lwip/opt.h"
#include "lwip/api.h"
#include "lwip/ip_addr.h"
#include "lwip/netbuf.h"
#include "lwip/pbuf.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"

#include "lsock.h"

static const struct uk_socket_ops lsock_ops;

/* Events: in the lwip thread, or a netconn call's caller, core lock held. */
static void conn_event(struct netconn *conn, enum netconn_evt evt,
		       u16_t len __uk_unused)
{
	struct lsock *l = conn->callback_arg;

	if (!l)
		return;
	switch (evt) {
	case NETCONN_EVT_RCVPLUS:
		uk_socket_event(&l->s, EPOLLIN | EPOLLRDNORM | EPOLLRDHUP);
		break;
	case NETCONN_EVT_SENDPLUS:
		/* After an error it only wakes writers (to fail). */
		if (!l->errored)
			l->connected = 1;
		l->sendable = 1;
		uk_socket_event(&l->s, EPOLLOUT | EPOLLWRNORM);
		break;
	case NETCONN_EVT_SENDMINUS:
		l->sendable = 0;
		break;
	case NETCONN_EVT_ERROR:
		l->errored = 1;
		uk_socket_event(&l->s, EPOLLERR | EPOLLHUP | EPOLLIN | EPOLLOUT);
		break;
	default:
		break;
	}
}

static struct lsock *lsock_new(struct netconn *conn, int family, int type,
			       int protocol)
{
	struct lsock *l = uk_alloc_calloc(uk_alloc_get_default(), 1,
					  sizeof(*l));

	if (!l)
		return NULL;
	uk_socket_init(&l->s, &lsock_ops, family, type, protocol);
	uk_lock_mutex_init(&l->rx_lock, 0);
	l->conn = conn;
	netconn_set_nonblocking(conn, 1);
	LOCK_TCPIP_CORE();
	conn->callback_arg = l;
	UNLOCK_TCPIP_CORE();
	return l;
}

static int lsock_create(int family, int type, int protocol,
			struct uk_socket **out)
{
	enum netconn_type t;
	struct netconn *conn;
	struct lsock *l;

	switch (type) {
	case SOCK_STREAM:
		if (protocol && protocol != IPPROTO_TCP)
			return -EPROTONOSUPPORT;
		t = NETCONN_TCP;
		break;
	case SOCK_DGRAM:
		if (protocol && protocol != IPPROTO_UDP)
			return -EPROTONOSUPPORT;
		t = NETCONN_UDP;
		break;
	default:
		return -ESOCKTNOSUPPORT;
	}
#if LWIP_IPV6
	if (family == AF_INET6)
		t = (enum netconn_type)(t | NETCONN_TYPE_IPV6);
#else
	if (family == AF_INET6)
		return -EAFNOSUPPORT;
#endif
	conn = netconn_new_with_callback(t, conn_event);
	if (!conn)
		return -ENOBUFS;
	l = lsock_new(conn, family, type, protocol);
	if (!l) {
		netconn_delete(conn);
		return -ENOMEM;
	}
	/* A datagram socket can always send; a stream once connected. */
	l->sendable = type == SOCK_DGRAM;
	*out = &l->s;
	return 0;
}

static int inet_create(int type, int protocol, struct uk_socket **out)
{
	return lsock_create(AF_INET, type, protocol, out);
}

#if LWIP_IPV6
static int inet6_create(int type, int protocol, struct uk_socket **out)
{
	return lsock_create(AF_INET6, type, protocol, out);
}
#endif

static int lsock_bind(struct uk_socket *s, const struct sockaddr *addr,
		      socklen_t len)
{
	struct lsock *l = to_lsock(s);
	ip_addr_t ip;
	u16_t port;
	int r;

	r = uk_lwip_sockaddr_to_ip(s->family, addr, len, &ip, &port);
	if (r < 0)
		return r;
	return -uk_lwip_err_errno(netconn_bind(l->conn, &ip, port));
}

static int lsock_listen(struct uk_socket *s, int backlog)
{
	struct lsock *l = to_lsock(s);

	if (!is_tcp(l))
		return -EOPNOTSUPP;
	if (backlog < 1)
		backlog = 1;
	if (backlog > 255)
		backlog = 255;	/* lwIP's backlog is a byte */
	return -uk_lwip_err_errno(netconn_listen_with_backlog(l->conn, (u8_t)backlog));
}

static int lsock_accept(struct uk_socket *s, struct uk_socket **newsock,
			struct sockaddr_storage *peer, socklen_t *peerlen)
{
	struct lsock *l = to_lsock(s), *n;
	struct netconn *nc;
	ip_addr_t ip;
	u16_t port;
	err_t e;

	if (!is_tcp(l))
		return -EOPNOTSUPP;
	if (l->conn->state != NETCONN_LISTEN)
		return -EINVAL;
	e = netconn_accept(l->conn, &nc);
	if (e != ERR_OK)
		return e == ERR_CLSD ? -EINVAL : -uk_lwip_err_errno(e);
	n = lsock_new(nc, s->family, s->type, s->protocol);
	if (!n) {
		netconn_delete(nc);
		return -ENOMEM;
	}
	n->sendable = n->connected = 1;
	if (netconn_peer(nc, &ip, &port) == ERR_OK)
		*peerlen = uk_lwip_ip_to_sockaddr(s->family, &ip, port, peer);
	else
		*peerlen = 0;
	*newsock = &n->s;
	return 0;
}

static int lsock_connect(struct uk_socket *s, const struct sockaddr *addr,
			 socklen_t len)
{
	struct lsock *l = to_lsock(s);
	ip_addr_t ip;
	u16_t port;
	err_t e;
	int r;

	if (!is_tcp(l) && len >= sizeof(sa_family_t) &&
	    addr->sa_family == AF_UNSPEC)
		return -uk_lwip_err_errno(netconn_disconnect(l->conn));
	r = uk_lwip_sockaddr_to_ip(s->family, addr, len, &ip, &port);
	if (r < 0)
		return r;
	if (is_tcp(l) && l->connecting)
		return l->connected ? -EISCONN : -EALREADY;
	e = netconn_connect(l->conn, &ip, port);
	if (e == ERR_INPROGRESS) {
		l->connecting = 1;
		return -EINPROGRESS;
	}
	return -uk_lwip_err_errno(e);
}

static int udp_connected(struct lsock *l)
{
	int c;

	LOCK_TCPIP_CORE();
	c = l->conn->pcb.udp && (l->conn->pcb.udp->flags & UDP_FLAGS_CONNECTED);
	UNLOCK_TCPIP_CORE();
	return c;
}

/* Receive, TCP: from rx_p, then what the mailbox holds, into msg. */
static ssize_t stream_recv(struct lsock *l, struct msghdr *msg, int flags)
{
	size_t done = 0, iovoff = 0;
	int i = 0, peek = flags & MSG_PEEK;
	struct pbuf *p;
	u16_t off, n;
	err_t e;

	if (l->rx_eof)
		return 0;
	p = l->rx_p;
	off = l->rx_off;
	while (i < (int)msg->msg_iovlen) {
		if (!p) {
			if (peek && l->rx_p)
				break;	/* peek looks at one chain only */
			e = netconn_recv_tcp_pbuf_flags(l->conn, &p,
				NETCONN_DONTBLOCK | NETCONN_NOAUTORCVD);
			if (e != ERR_OK) {
				p = NULL;
				if (e == ERR_WOULDBLOCK) {
					if (done)
						break;
					return -EAGAIN;
				}
				/* FIN (ERR_CLSD; netconn has consumed it
				 * now, so remember it even when this call
				 * returns data), or the end of a reset
				 * connection: EOF from now on. */
				l->rx_eof = 1;
				/* The FIN took one byte of window: give it
				 * back (as netconn's auto mode does), or a
				 * close would see unread data and send RST
				 * instead of the data still queued. */
				if (e == ERR_CLSD)
					netconn_tcp_recvd(l->conn, 1);
				uk_socket_event(&l->s, EPOLLIN | EPOLLRDHUP);
				if (done)
					break;
				return (e == ERR_CLSD || e == ERR_CONN) ?
					0 : -uk_lwip_err_errno(e);
			}
			off = 0;
			if (peek)
				l->rx_p = p, l->rx_off = 0;
		}
		n = (u16_t)UK_MIN((size_t)(p->tot_len - off),
				  msg->msg_iov[i].iov_len - iovoff);
		pbuf_copy_partial(p, (char *)msg->msg_iov[i].iov_base + iovoff,
				  n, off);
		done += n;
		iovoff += n;
		if (iovoff == msg->msg_iov[i].iov_len)
			i++, iovoff = 0;
		if (peek) {
			off += n;
			if (off == p->tot_len)
				break;
			continue;
		}
		off += n;
		if (off == p->tot_len) {
			pbuf_free(p);
			p = NULL;
			off = 0;
		}
	}
	if (!peek) {
		l->rx_p = p;
		l->rx_off = off;
		if (done)
			netconn_tcp_recvd(l->conn, done);
	}
	return (ssize_t)done;
}

/* Receive, UDP: one datagram (or the one peeked before). */
static ssize_t dgram_recv(struct lsock *l, struct msghdr *msg, int flags)
{
	struct netbuf *nb = l->rx_nb;
	size_t done = 0, i, n;
	u16_t len;
	err_t e;

	if (!nb) {
		e = netconn_recv_udp_raw_netbuf_flags(l->conn, &nb,
						      NETCONN_DONTBLOCK);
		if (e != ERR_OK)
			return -uk_lwip_err_errno(e);
	}
	len = netbuf_len(nb);
	for (i = 0; i < (size_t)msg->msg_iovlen && done < len; i++) {
		n = UK_MIN(msg->msg_iov[i].iov_len, (size_t)len - done);
		netbuf_copy_partial(nb, msg->msg_iov[i].iov_base, (u16_t)n,
				    (u16_t)done);
		done += n;
	}
	if (done < len)
		msg->msg_flags |= MSG_TRUNC;
	if (msg->msg_name)
		msg->msg_namelen = uk_lwip_ip_to_sockaddr(l->s.family,
				netbuf_fromaddr(nb), netbuf_fromport(nb),
				(struct sockaddr_storage *)msg->msg_name);
	if (flags & MSG_PEEK) {
		l->rx_nb = nb;
	} else {
		l->rx_nb = NULL;
		netbuf_delete(nb);
	}
	return (flags & MSG_TRUNC) ? (ssize_t)len : (ssize_t)done;
}

static ssize_t lsock_recvmsg(struct uk_socket *s, struct msghdr *msg,
			     int flags)
{
	struct lsock *l = to_lsock(s);
	ssize_t r;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	uk_lock_mutex_lock(&l->rx_lock);
	if (is_tcp(l)) {
		if (msg->msg_name)
			msg->msg_namelen = 0;
		r = stream_recv(l, msg, flags);
	} else {
		r = dgram_recv(l, msg, flags);
	}
	uk_lock_mutex_unlock(&l->rx_lock);
	return r;
}

#define SEND_VECS 16

static ssize_t stream_send(struct lsock *l, const struct msghdr *msg, int flags)
{
	struct netvector v[SEND_VECS];
	size_t written = 0, total = 0;
	unsigned int i, n;
	u8_t f = NETCONN_COPY | NETCONN_DONTBLOCK;
	err_t e;

	if (l->tx_shut)
		return -EPIPE;
	if (msg->msg_name && msg->msg_namelen)
		return l->connected ? -EISCONN : -ENOTCONN;
	if (flags & MSG_MORE)
		f |= NETCONN_MORE;
	for (i = 0; i < (unsigned int)msg->msg_iovlen; i += n) {
		for (n = 0; n < SEND_VECS && i + n < (unsigned int)msg->msg_iovlen; n++) {
			v[n].ptr = msg->msg_iov[i + n].iov_base;
			v[n].len = msg->msg_iov[i + n].iov_len;
		}
		written = 0;
		e = netconn_write_vectors_partly(l->conn, v, (u16_t)n, f,
						 &written);
		total += written;
		if (e != ERR_OK) {
			if (total)
				break;
			if (e == ERR_WOULDBLOCK)
				return -EAGAIN;
			if (e == ERR_CONN || e == ERR_CLSD)
				return l->connected ? -EPIPE : -ENOTCONN;
			return -uk_lwip_err_errno(e);
		}
		if (written < v[0].len)	/* the stack took less: full */
			break;
	}
	return (ssize_t)total;
}

static ssize_t dgram_send(struct lsock *l, const struct msghdr *msg)
{
	size_t len = 0, off = 0, i;
	struct netbuf *nb;
	ip_addr_t ip;
	u16_t port;
	err_t e;
	int r;

	for (i = 0; i < (size_t)msg->msg_iovlen; i++)
		len += msg->msg_iov[i].iov_len;
	if (len > 0xffff - 8 - 40)
		return -EMSGSIZE;
	nb = netbuf_new();
	if (!nb)
		return -ENOBUFS;
	if (!netbuf_alloc(nb, (u16_t)len)) {
		netbuf_delete(nb);
		return -ENOBUFS;
	}
	for (i = 0; i < (size_t)msg->msg_iovlen; i++) {
		pbuf_take_at(nb->p, msg->msg_iov[i].iov_base,
			     (u16_t)msg->msg_iov[i].iov_len, (u16_t)off);
		off += msg->msg_iov[i].iov_len;
	}
	if (msg->msg_name && msg->msg_namelen) {
		r = uk_lwip_sockaddr_to_ip(l->s.family, msg->msg_name,
					   msg->msg_namelen, &ip, &port);
		if (r < 0) {
			netbuf_delete(nb);
			return r;
		}
		e = netconn_sendto(l->conn, nb, &ip, port);
	} else if (!udp_connected(l)) {
		netbuf_delete(nb);
		return -EDESTADDRREQ;
	} else {
		e = netconn_send(l->conn, nb);
	}
	netbuf_delete(nb);
	return e == ERR_OK ? (ssize_t)len : -uk_lwip_err_errno(e);
}

static ssize_t lsock_sendmsg(struct uk_socket *s, const struct msghdr *msg,
			     int flags)
{
	struct lsock *l = to_lsock(s);

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	return is_tcp(l) ? stream_send(l, msg, flags) : dgram_send(l, msg);
}

static int lsock_shutdown(struct uk_socket *s, int how)
{
	struct lsock *l = to_lsock(s);
	int rx = how == SHUT_RD || how == SHUT_RDWR;
	int tx = how == SHUT_WR || how == SHUT_RDWR;
	err_t e;

	if (!is_tcp(l))
		return udp_connected(l) ? 0 : -ENOTCONN;
	if (!l->connected)
		return -ENOTCONN;
	e = netconn_shutdown(l->conn, (u8_t)rx, (u8_t)tx);
	if (rx)
		l->rx_eof = 1;
	if (tx)
		l->tx_shut = 1;
	uk_socket_event(s, EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLHUP);
	return e == ERR_OK || e == ERR_CONN ? 0 : -uk_lwip_err_errno(e);
}

static int lsock_name(struct uk_socket *s, struct sockaddr_storage *addr,
		      socklen_t *len, int local)
{
	struct lsock *l = to_lsock(s);
	ip_addr_t ip;
	u16_t port;
	err_t e;

	e = netconn_getaddr(l->conn, &ip, &port, (u8_t)local);
	if (e != ERR_OK)
		return local ? -uk_lwip_err_errno(e) : -ENOTCONN;
	*len = uk_lwip_ip_to_sockaddr(s->family, &ip, port, addr);
	return 0;
}

static int lsock_getsockname(struct uk_socket *s,
			     struct sockaddr_storage *addr, socklen_t *len)
{
	return lsock_name(s, addr, len, 1);
}

static int lsock_getpeername(struct uk_socket *s,
			     struct sockaddr_storage *addr, socklen_t *len)
{
	return lsock_name(s, addr, len, 0);
}

/* Interrupts off: reads a few words the lwip thread writes. */
static unsigned int lsock_poll(struct uk_socket *s)
{
	struct lsock *l = to_lsock(s);
	struct netconn *c = l->conn;
	unsigned int ev = 0;

	if (c->state == NETCONN_LISTEN) {
		if (sys_mbox_valid(&c->acceptmbox) && c->acceptmbox.count)
			ev |= EPOLLIN | EPOLLRDNORM;
		return ev;
	}
	if (l->rx_p || l->rx_nb || l->rx_eof ||
	    (sys_mbox_valid(&c->recvmbox) && c->recvmbox.count))
		ev |= EPOLLIN | EPOLLRDNORM;
	if (l->rx_eof)
		ev |= EPOLLRDHUP;
	if (l->sendable && !l->tx_shut)
		ev |= EPOLLOUT | EPOLLWRNORM;
	if (l->errored)
		ev |= EPOLLERR;
	if (is_tcp(l) && ((l->rx_eof && l->tx_shut) ||
			  (l->errored && !c->pcb.tcp)))
		ev |= EPOLLHUP;
	return ev;
}

static long lsock_ioctl(struct uk_socket *s, unsigned long req, void *arg)
{
	struct lsock *l = to_lsock(s);
	int n = 0;

	switch (req) {
	case FIONREAD:
		uk_lock_mutex_lock(&l->rx_lock);
		if (l->rx_p)
			n = l->rx_p->tot_len - l->rx_off;
		if (l->rx_nb)
			n = netbuf_len(l->rx_nb);
		n += l->conn->recv_avail;
		uk_lock_mutex_unlock(&l->rx_lock);
		*(int *)arg = n;
		return 0;
	case TIOCOUTQ:	/* SIOCOUTQ: bytes sent but not yet acknowledged */
		LOCK_TCPIP_CORE();
		if (is_tcp(l) && l->conn->pcb.tcp &&
		    l->conn->state != NETCONN_LISTEN)
			n = (int)(l->conn->pcb.tcp->snd_lbb -
				  l->conn->pcb.tcp->lastack);
		UNLOCK_TCPIP_CORE();
		*(int *)arg = n;
		return 0;
	default:
		return -ENOTTY;
	}
}

static void lsock_close(struct uk_socket *s)
{
	struct lsock *l = to_lsock(s);

	LOCK_TCPIP_CORE();
	l->conn->callback_arg = NULL;
	UNLOCK_TCPIP_CORE();
	if (l->rx_p)
		pbuf_free(l->rx_p);
	if (l->rx_nb)
		netbuf_delete(l->rx_nb);
	/* Blocking again, so the close takes lwIP's usual path (a FIN
	 * queued behind the unsent data, the pcb lingering on). */
	netconn_set_nonblocking(l->conn, 0);
	netconn_delete(l->conn);
	uk_free(uk_alloc_get_default(), l);
}

static const struct uk_socket_ops lsock_ops = {
	.bind = lsock_bind,
	.listen = lsock_listen,
	.accept = lsock_accept,
	.connect = lsock_connect,
	.sendmsg = lsock_sendmsg,
	.recvmsg = lsock_recvmsg,
	.shutdown = lsock_shutdown,
	.getsockopt = lsock_getsockopt,
	.setsockopt = lsock_setsockopt,
	.getsockname = lsock_getsockname,
	.getpeername = lsock_getpeername,
	.poll = lsock_poll,
	.ioctl = lsock_ioctl,
	.close = lsock_close,
};

static const struct uk_socket_family inet_family = {
	.family = AF_INET,
	.create = inet_create,
};
UK_SOCKET_FAMILY_REGISTER(inet_family);

#if LWIP_IPV6
static const struct uk_socket_family inet6_family = {
	.family = AF_INET6,
	.create = inet6_create,
};
UK_SOCKET_FAMILY_REGISTER(inet6_family);
#endif
