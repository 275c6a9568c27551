/* SPDX-License-Identifier: BSD-3-Clause */
/* Socket addresses <-> lwIP's, and lwIP's errors as errno values
 * (lsock.h has the contracts). */
#include <errno.h>
#include <string.h>
#include <netinet/in.h>

#include "lsock.h"

int uk_lwip_sockaddr_to_ip(int family, const struct sockaddr *sa,
			   socklen_t len, ip_addr_t *ip, u16_t *port)
{
	if (len < (socklen_t)sizeof(sa_family_t))
		return -EINVAL;
	if (sa->sa_family != family)
		return family == AF_INET6 && sa->sa_family == AF_INET ?
			-EINVAL : -EAFNOSUPPORT;
	if (family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;

		if (len < (socklen_t)sizeof(*in))
			return -EINVAL;
		ip_addr_set_ip4_u32_val(*ip, in->sin_addr.s_addr);
		*port = lwip_ntohs(in->sin_port);
		return 0;
	}
#if LWIP_IPV6
	{
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		const u32_t *w;

		if (len < (socklen_t)sizeof(*in6))
			return -EINVAL;
		w = (const u32_t *)in6->sin6_addr.s6_addr;
		*port = lwip_ntohs(in6->sin6_port);
		if (!w[0] && !w[1] && w[2] == PP_HTONL(0xffff)) {
			ip_addr_set_ip4_u32_val(*ip, w[3]);	/* v4-mapped */
			return 0;
		}
		IP_ADDR6(ip, w[0], w[1], w[2], w[3]);
		ip6_addr_clear_zone(ip_2_ip6(ip));
		if (ip6_addr_has_scope(ip_2_ip6(ip), IP6_UNKNOWN) &&
		    in6->sin6_scope_id)
			ip6_addr_set_zone(ip_2_ip6(ip), (u8_t)in6->sin6_scope_id);
		return 0;
	}
#else
	return -EAFNOSUPPORT;
#endif
}

socklen_t uk_lwip_ip_to_sockaddr(int family, const ip_addr_t *ip, u16_t port,
				 struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	if (family == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;

		in->sin_family = AF_INET;
		in->sin_port = lwip_htons(port);
		in->sin_addr.s_addr = IP_IS_V4(ip) ? ip4_addr_get_u32(ip_2_ip4(ip)) : 0;
		return sizeof(*in);
	}
#if LWIP_IPV6
	{
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		u32_t *w = (u32_t *)in6->sin6_addr.s6_addr;

		in6->sin6_family = AF_INET6;
		in6->sin6_port = lwip_htons(port);
		if (IP_IS_V4(ip)) {
			w[2] = PP_HTONL(0xffff);
			w[3] = ip4_addr_get_u32(ip_2_ip4(ip));
		} else {
			memcpy(w, ip_2_ip6(ip)->addr, 16);
			in6->sin6_scope_id = ip6_addr_zone(ip_2_ip6(ip));
		}
		return sizeof(*in6);
	}
#else
	return 0;
#endif
}

int uk_lwip_err_errno(err_t e)
{
	switch (e) {
	case ERR_OK:		return 0;
	case ERR_MEM:		return ENOMEM;
	case ERR_BUF:		return ENOBUFS;
	case ERR_TIMEOUT:	return ETIMEDOUT;
	case ERR_RTE:		return EHOSTUNREACH;
	case ERR_INPROGRESS:	return EINPROGRESS;
	case ERR_VAL:		return EINVAL;
	case ERR_WOULDBLOCK:	return EAGAIN;
	case ERR_USE:		return EADDRINUSE;
	case ERR_ALREADY:	return EALREADY;
	case ERR_ISCONN:	return EISCONN;
	case ERR_CONN:		return ENOTCONN;
	case ERR_IF:		return ENETDOWN;
	case ERR_ABRT:		return ECONNABORTED;
	case ERR_RST:		return ECONNRESET;
	case ERR_CLSD:		return EPIPE;
	case ERR_ARG:		return EINVAL;
	default:		return EIO;
	}
}
