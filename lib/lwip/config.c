/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Addresses: every uknetdev device becomes an interface at boot
 * (UK_INIT_SYS, after the lwip thread). The first one takes its IPv4
 * configuration from the command line,
 *
 *	netdev.ip=10.0.0.2/24 netdev.gw=10.0.0.1 netdev.dns=10.0.0.1
 *	netdev.ip=10.0.0.2 netdev.mask=255.255.255.0   (no mask: /24)
 *
 * and every other one (or the first, without netdev.ip=) asks DHCP.
 * Boot waits for the leases (at most CONFIG_LIBLWIP_DHCP_WAIT_MS), then
 * prints one line an interface:
 *
 *	lwip: en1 vnet0 52:54:00:12:34:56 10.0.2.15/24 gw 10.0.2.2 dns 10.0.2.3 (dhcp)
 *
 * A malformed value stops the boot with one line naming it. With
 * vfscore, /etc/resolv.conf names the DNS servers for musl's resolver.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <uk/alloc.h>
#include <uk/boot.h>
#include <uk/init.h>
#include <uk/lwip.h>
#include <uk/netdev.h>
#include <uk/param.h>
#include <uk/plat/console.h>
#include <uk/plat/time.h>
#include <uk/print.h>
#include <uk/sched.h>
#if CONFIG_LIBVFSCORE
#include <fcntl.h>
#include <uk/vfs.h>
#endif

#include "lwip/opt.h"
#include "lwip/dhcp.h"
#include "lwip/dns.h"
#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/tcpip.h"

#include "uknetif.h"

/* The parameters are netdev.<name>: declared here with that prefix (no
 * library is called "netdev"; uknetdev's own would be uknetdev.*). */
#define NETDEV_PARAM(pname, var, phelp)					\
	static const struct uk_param uk_param_netdev_##pname		\
	__uk_used __uk_section("uk_params") __uk_align(8) = {		\
		.lib = "netdev", .name = #pname, .help = (phelp),	\
		.addr = &(var), .type = UK_PARAM_STR,			\
	}

static const char *p_ip, *p_mask, *p_gw, *p_dns;
NETDEV_PARAM(ip, p_ip, "IPv4 address of the first interface, a.b.c.d[/prefix]");
NETDEV_PARAM(mask, p_mask, "its netmask, a.b.c.d (or the /prefix of netdev.ip=)");
NETDEV_PARAM(gw, p_gw, "its default gateway, a.b.c.d");
NETDEV_PARAM(dns, p_dns, "DNS servers, a.b.c.d or IPv6, comma-separated (at most 2)");

static __uk_noreturn void bad_param(const char *name, const char *val,
				 const char *what)
{
	char line[200];
	int n;

	/* To the console directly: seen with or without ukdebug. */
	n = snprintf(line, sizeof(line),
		     "lwip: malformed value in 'netdev.%s=%s': %s\n",
		     name, val, what);
	ukplat_console_write(line, n < (int)sizeof(line) ? (size_t)n :
			     sizeof(line) - 1);
	uk_boot_exit(UK_BOOT_EXIT_USAGE);
}

/* Strict dotted quad: four decimal numbers 0..255; end at *end (NUL
 * or the character after the address). 0, or -1. */
static int parse_ip4(const char *s, const char **end, ip4_addr_t *out)
{
	unsigned int part, i, v[4], digits;

	for (i = 0; i < 4; i++) {
		part = digits = 0;
		while (*s >= '0' && *s <= '9' && digits < 4) {
			part = part * 10 + (unsigned int)(*s++ - '0');
			digits++;
		}
		if (!digits || digits > 3 || part > 255)
			return -1;
		v[i] = part;
		if (i < 3 && *s++ != '.')
			return -1;
	}
	*end = s;
	IP4_ADDR(out, v[0], v[1], v[2], v[3]);
	return 0;
}

static void param_ip4(const char *name, const char *val, ip4_addr_t *out)
{
	const char *end;

	if (parse_ip4(val, &end, out) < 0 || *end)
		bad_param(name, val, "expected an IPv4 address a.b.c.d");
}

/* netdev.ip= (with an optional /prefix) and netdev.mask=. */
static void param_addr(ip4_addr_t *ip, ip4_addr_t *mask)
{
	const char *end;
	unsigned int prefix = 0, digits = 0;
	u32_t m;

	if (parse_ip4(p_ip, &end, ip) < 0 || (*end && *end != '/'))
		bad_param("ip", p_ip, "expected an IPv4 address a.b.c.d[/prefix]");
	if (*end == '/') {
		while (*++end >= '0' && *end <= '9' && digits < 3)
			prefix = prefix * 10 + (unsigned int)(*end - '0'), digits++;
		if (!digits || *end || prefix > 32 || prefix == 0)
			bad_param("ip", p_ip, "the /prefix is 1..32");
		if (p_mask)
			bad_param("mask", p_mask, "netdev.ip= has a /prefix already");
		ip4_addr_set_u32(mask, lwip_htonl(prefix == 32 ? 0xffffffffUL :
			~(0xffffffffUL >> prefix)));
	} else if (p_mask) {
		param_ip4("mask", p_mask, mask);
		m = lwip_ntohl(ip4_addr_get_u32(mask));
		if (!m || (~m & (~m + 1)))	/* ones, then zeros */
			bad_param("mask", p_mask, "not a netmask (ones, then zeros)");
	} else {
		/* No mask given: a /24. */
		IP4_ADDR(mask, 255, 255, 255, 0);
	}
}

/* netdev.dns=: up to DNS_MAX_SERVERS addresses, comma-separated. */
static int param_dns(ip_addr_t *dns)
{
	char one[48];
	const char *s = p_dns, *comma;
	size_t len;
	int n = 0;

	while (s && *s) {
		comma = strchr(s, ',');
		len = comma ? (size_t)(comma - s) : strlen(s);
		if (n == DNS_MAX_SERVERS)
			bad_param("dns", p_dns, "at most 2 servers");
		if (len == 0 || len >= sizeof(one))
			bad_param("dns", p_dns, "expected addresses a.b.c.d or IPv6, comma-separated");
		memcpy(one, s, len);
		one[len] = '\0';
		if (!ipaddr_aton(one, &dns[n]) ||
		    (IP_IS_V4(&dns[n]) && (parse_ip4(one, &s, ip_2_ip4(&dns[n])) < 0 || *s)))
			bad_param("dns", p_dns, "expected addresses a.b.c.d or IPv6, comma-separated");
		n++;
		s = comma ? comma + 1 : NULL;
	}
	return n;
}

#define MAX_NETIFS 4
static struct uk_lwip_netif *netifs[MAX_NETIFS];
static unsigned int nnetifs;

static void print_netif(struct uk_lwip_netif *ni, int dhcp)
{
	struct netif *n = &ni->netif;
	char ip[16], gw[16], dns[48] = "";
	const ip_addr_t *d = NULL;
	unsigned int prefix = 0;
	u32_t m = lwip_ntohl(ip4_addr_get_u32(netif_ip4_netmask(n)));

	while (m & 0x80000000UL)
		prefix++, m <<= 1;
	ip4addr_ntoa_r(netif_ip4_addr(n), ip, sizeof(ip));
	ip4addr_ntoa_r(netif_ip4_gw(n), gw, sizeof(gw));
#if LWIP_DNS
	d = dns_getserver(0);
	if (d && !ip_addr_isany(d))
		ipaddr_ntoa_r(d, dns, sizeof(dns));
#endif
	uk_pr_info("%c%c%u %s %02x:%02x:%02x:%02x:%02x:%02x %s/%u gw %s dns %s (%s)\n",
		   n->name[0], n->name[1], n->num, uk_netdev_name(ni->dev),
		   n->hwaddr[0], n->hwaddr[1], n->hwaddr[2], n->hwaddr[3],
		   n->hwaddr[4], n->hwaddr[5], ip, prefix, gw,
		   dns[0] ? dns : "none",
		   dhcp ? (ip4_addr_isany_val(*netif_ip4_addr(n)) ?
			   "dhcp: no lease" : "dhcp") : "static");
	(void)d;
}

#if CONFIG_LIBVFSCORE
/* /etc/resolv.conf for musl's resolver, from lwIP's DNS servers. */
static void write_resolv_conf(void)
{
	char buf[160], a[48];
	const ip_addr_t *d;
	int fd, n = 0, i;
	ssize_t w;

	for (i = 0; i < DNS_MAX_SERVERS; i++) {
		d = dns_getserver((u8_t)i);
		if (!d || ip_addr_isany(d))
			continue;
		ipaddr_ntoa_r(d, a, sizeof(a));
		n += snprintf(buf + n, sizeof(buf) - (size_t)n, "nameserver %s\n", a);
	}
	if (!n)
		return;
	uk_vfs_mkdir("/etc", 0755);
	fd = uk_vfs_open("/etc/resolv.conf", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0) {
		uk_pr_warn("cannot write /etc/resolv.conf: %d\n", fd);
		return;
	}
	w = uk_vfs_write(fd, buf, (size_t)n);
	if (w != n)
		uk_pr_warn("cannot write /etc/resolv.conf: %d\n", (int)w);
	uk_vfs_close(fd);
}
#endif

static int lwip_netifs(void)
{
	ip4_addr_t ip, mask, gw;
	ip_addr_t dns[DNS_MAX_SERVERS];
	struct uk_lwip_netif *ni;
	unsigned int i, ndev = uk_netdev_count();
	int ndns = 0, r, dhcp[MAX_NETIFS] = { 0 }, waiting;
	uint64_t deadline;

	ip4_addr_set_zero(&ip);
	ip4_addr_set_zero(&mask);
	ip4_addr_set_zero(&gw);
	if (p_ip)
		param_addr(&ip, &mask);
	else if (p_mask || p_gw)
		bad_param(p_mask ? "mask" : "gw", p_mask ? p_mask : p_gw,
			  "needs netdev.ip= (without it the address comes from DHCP)");
	if (p_gw)
		param_ip4("gw", p_gw, &gw);
	if (p_dns)
		ndns = param_dns(dns);
	if (p_ip && !ndev)
		uk_pr_warn("netdev.ip=%s given, but there is no network device\n",
			   p_ip);

	for (i = 0; i < ndev && nnetifs < MAX_NETIFS; i++) {
		ni = uk_alloc_calloc(uk_alloc_get_default(), 1, sizeof(*ni));
		if (!ni)
			return -ENOMEM;
		if (i == 0 && p_ip)
			r = uk_lwip_netif_add(ni, uk_netdev_get(i), &ip, &mask, &gw);
		else
			r = uk_lwip_netif_add(ni, uk_netdev_get(i), IP4_ADDR_ANY4,
					      IP4_ADDR_ANY4, IP4_ADDR_ANY4);
		if (r < 0) {
			uk_free(uk_alloc_get_default(), ni);
			continue;	/* said why; the others may work */
		}
		netifs[nnetifs] = ni;
		LOCK_TCPIP_CORE();
#if LWIP_DHCP
		if (!(i == 0 && p_ip))
			dhcp[nnetifs] = dhcp_start(&ni->netif) == ERR_OK;
#endif
#if LWIP_DNS
		for (r = 0; i == 0 && r < ndns; r++)
			dns_setserver((u8_t)r, &dns[r]);
#endif
		UNLOCK_TCPIP_CORE();
		nnetifs++;
	}

#if LWIP_DHCP
	/* Wait for the leases (they come from the lwip thread). */
	deadline = uk_sched_deadline_in(CONFIG_LIBLWIP_DHCP_WAIT_MS * 1000000ULL);
	do {
		waiting = 0;
		for (i = 0; i < nnetifs; i++)
			if (dhcp[i] && ip4_addr_isany_val(*netif_ip4_addr(&netifs[i]->netif)))
				waiting = 1;
		if (waiting)
			uk_sched_sleep_ns(10000000ULL);
	} while (waiting && ukplat_monotonic_ns() < deadline);
#else
	(void)deadline;
	(void)waiting;
#endif

	for (i = 0; i < nnetifs; i++)
		print_netif(netifs[i], dhcp[i]);
#if CONFIG_LIBVFSCORE
	if (nnetifs)
		write_resolv_conf();
#endif
	(void)ndns;
	return 0;
}

uk_init(UK_INIT_SYS, UK_PRIO_LWIP_NETIF, lwip_netifs, NULL);
