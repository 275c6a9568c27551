/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Socket options of lib/lwip's sockets (the layer answers SO_RCVTIMEO,
 * SO_SNDTIMEO, SO_TYPE, SO_DOMAIN and SO_PROTOCOL itself). What lwIP
 * cannot do is refused with ENOPROTOOPT, not pretended:
 *
 * SOL_SOCKET   SO_REUSEADDR, SO_REUSEPORT (both are lwIP's
 *              SOF_REUSEADDR: bind to a port in TIME_WAIT or shared by
 *              datagram sockets; lwIP has no load-balanced listeners),
 *              SO_KEEPALIVE, SO_BROADCAST, SO_ERROR, SO_ACCEPTCONN,
 *              SO_RCVBUF, SO_SNDBUF (read; set: UDP's receive buffer,
 *              ignored for TCP, whose windows are the menu's), SO_LINGER
 *              (off only)
 * IPPROTO_TCP  TCP_NODELAY, TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT,
 *              TCP_MAXSEG (read)
 * IPPROTO_IP   IP_TOS, IP_TTL
 * IPPROTO_IPV6 IPV6_V6ONLY
 */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include "lwip/opt.h"
#include "lwip/api.h"
#include "lwip/ip.h"
#include "lwip/tcp.h"
#include "lwip/tcpip.h"
#include "lwip/udp.h"

#include "lsock.h"

/* An int option's value: 0, or -EINVAL (too short). */
static int int_val(const void *val, socklen_t len, int *out)
{
	if (len < (socklen_t)sizeof(int))
		return -EINVAL;
	memcpy(out, val, sizeof(int));
	return 0;
}

static int put_int(void *val, socklen_t *len, int v)
{
	if (*len < (socklen_t)sizeof(int))
		return -EINVAL;
	memcpy(val, &v, sizeof(int));
	*len = sizeof(int);
	return 0;
}

/* The pcb of l, or NULL (a connection gone after an error). Core lock
 * held by the caller. */
static struct ip_pcb *pcb_of(struct lsock *l)
{
	return l->conn->pcb.ip;
}

static int set_sol_socket(struct lsock *l, int name, int v)
{
	struct ip_pcb *pcb = pcb_of(l);
	u8_t opt;

	switch (name) {
	case SO_REUSEADDR:
		l->reuseaddr = !!v;
		opt = SOF_REUSEADDR;
		v = l->reuseaddr || l->reuseport;
		break;
	case SO_REUSEPORT:
		l->reuseport = !!v;
		opt = SOF_REUSEADDR;
		v = l->reuseaddr || l->reuseport;
		break;
	case SO_KEEPALIVE:
		opt = SOF_KEEPALIVE;
		break;
	case SO_BROADCAST:
		opt = SOF_BROADCAST;
		break;
	case SO_RCVBUF:
		if (!is_tcp(l))
			netconn_set_recvbufsize(l->conn, v > 0 ? v : 1);
		return 0;
	case SO_SNDBUF:
		return 0;
	default:
		return -ENOPROTOOPT;
	}
	if (!pcb)
		return -ECONNRESET;
	if (v)
		ip_set_option(pcb, opt);
	else
		ip_reset_option(pcb, opt);
	return 0;
}

static int set_tcp(struct lsock *l, int name, int v)
{
	struct tcp_pcb *pcb = l->conn->pcb.tcp;

	if (!is_tcp(l))
		return -ENOPROTOOPT;
	if (!pcb)
		return -ECONNRESET;
	switch (name) {
	case TCP_NODELAY:
		if (v)
			tcp_nagle_disable(pcb);
		else
			tcp_nagle_enable(pcb);
		return 0;
	case TCP_KEEPIDLE:
		if (v < 1)
			return -EINVAL;
		pcb->keep_idle = 1000 * (u32_t)v;
		return 0;
	case TCP_KEEPINTVL:
		if (v < 1)
			return -EINVAL;
		pcb->keep_intvl = 1000 * (u32_t)v;
		return 0;
	case TCP_KEEPCNT:
		if (v < 1)
			return -EINVAL;
		pcb->keep_cnt = (u32_t)v;
		return 0;
	default:
		return -ENOPROTOOPT;
	}
}

int lsock_setsockopt(struct uk_socket *s, int level, int name,
		     const void *val, socklen_t len)
{
	struct lsock *l = to_lsock(s);
	struct ip_pcb *pcb;
	struct linger lg;
	int v, r;

	if (level == SOL_SOCKET && name == SO_LINGER) {
		if (len < (socklen_t)sizeof(lg))
			return -EINVAL;
		memcpy(&lg, val, sizeof(lg));
		return lg.l_onoff ? -ENOPROTOOPT : 0;
	}
	r = int_val(val, len, &v);
	if (r < 0)
		return r;
	if (level == IPPROTO_IPV6) {
		if (s->family != AF_INET6 || name != IPV6_V6ONLY)
			return -ENOPROTOOPT;
		netconn_set_ipv6only(l->conn, !!v);
		return 0;
	}
	LOCK_TCPIP_CORE();
	pcb = pcb_of(l);
	switch (level) {
	case SOL_SOCKET:
		r = set_sol_socket(l, name, v);
		break;
	case IPPROTO_TCP:
		r = set_tcp(l, name, v);
		break;
	case IPPROTO_IP:
		if (!pcb)
			r = -ECONNRESET;
		else if (name == IP_TOS)
			pcb->tos = (u8_t)v, r = 0;
		else if (name == IP_TTL)
			r = v < 1 || v > 255 ? -EINVAL : (pcb->ttl = (u8_t)v, 0);
		else
			r = -ENOPROTOOPT;
		break;
	default:
		r = -ENOPROTOOPT;
	}
	UNLOCK_TCPIP_CORE();
	return r;
}

/* SO_ERROR: the pending error, once (a refused connect: ECONNREFUSED). */
static int so_error(struct lsock *l)
{
	err_t e = netconn_err(l->conn);
	int r = uk_lwip_err_errno(e);

	if (!l->errored && e == ERR_OK)
		return 0;
	l->errored = 0;
	if (l->connecting && !l->connected)	/* connect's outcome */
		r = e == ERR_ABRT || e == ERR_TIMEOUT ? ETIMEDOUT : ECONNREFUSED;
	return r;
}

static int get_locked(struct lsock *l, int level, int name, int *v)
{
	struct ip_pcb *pcb = pcb_of(l);
	struct tcp_pcb *tpcb = l->conn->pcb.tcp;

	if (!pcb)
		return -ECONNRESET;
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_REUSEADDR: *v = l->reuseaddr; return 0;
		case SO_REUSEPORT: *v = l->reuseport; return 0;
		case SO_KEEPALIVE: *v = !!ip_get_option(pcb, SOF_KEEPALIVE); return 0;
		case SO_BROADCAST: *v = !!ip_get_option(pcb, SOF_BROADCAST); return 0;
		}
		return -ENOPROTOOPT;
	}
	if (level == IPPROTO_IP) {
		switch (name) {
		case IP_TOS: *v = pcb->tos; return 0;
		case IP_TTL: *v = pcb->ttl; return 0;
		}
		return -ENOPROTOOPT;
	}
	if (level != IPPROTO_TCP || !is_tcp(l))
		return -ENOPROTOOPT;
	switch (name) {
	case TCP_NODELAY: *v = !!tcp_nagle_disabled(tpcb); return 0;
	case TCP_KEEPIDLE: *v = (int)(tpcb->keep_idle / 1000); return 0;
	case TCP_KEEPINTVL: *v = (int)(tpcb->keep_intvl / 1000); return 0;
	case TCP_KEEPCNT: *v = (int)tpcb->keep_cnt; return 0;
	case TCP_MAXSEG: *v = tpcb->state == LISTEN ? TCP_MSS : tcp_mss(tpcb); return 0;
	}
	return -ENOPROTOOPT;
}

int lsock_getsockopt(struct uk_socket *s, int level, int name, void *val,
		     socklen_t *len)
{
	struct lsock *l = to_lsock(s);
	struct linger lg = { 0, 0 };
	int v = 0, r;

	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_ERROR:
			return put_int(val, len, so_error(l));
		case SO_ACCEPTCONN:
			return put_int(val, len, l->conn->state == NETCONN_LISTEN);
		case SO_RCVBUF:
			return put_int(val, len, is_tcp(l) ? TCP_WND :
				       netconn_get_recvbufsize(l->conn));
		case SO_SNDBUF:
			return put_int(val, len, is_tcp(l) ? TCP_SND_BUF : 0xffff);
		case SO_LINGER:
			if (*len < (socklen_t)sizeof(lg))
				return -EINVAL;
			memcpy(val, &lg, sizeof(lg));
			*len = sizeof(lg);
			return 0;
		}
	}
	if (level == IPPROTO_IPV6) {
		if (s->family != AF_INET6 || name != IPV6_V6ONLY)
			return -ENOPROTOOPT;
		return put_int(val, len, !!netconn_get_ipv6only(l->conn));
	}
	LOCK_TCPIP_CORE();
	r = get_locked(l, level, name, &v);
	UNLOCK_TCPIP_CORE();
	return r < 0 ? r : put_int(val, len, v);
}
