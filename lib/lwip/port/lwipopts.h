/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's configuration for Unikit: what the stack is built with (every
 * upstream file of lib/lwip includes this through lwip/opt.h). The
 * numbers come from the menu (lib/lwip/Config.uk, CONFIG_LIBLWIP_*);
 * everything else is fixed here, with the reason beside it.
 *
 * Threading: lwIP runs with an OS (NO_SYS=0): one tcpip thread runs the
 * timers and the input path, and application threads call the netconn
 * API directly under the core lock (LWIP_TCPIP_CORE_LOCKING), so a
 * socket call costs a mutex, not a message to the tcpip thread and back.
 */
#ifndef UK_LWIPOPTS_H
#define UK_LWIPOPTS_H

/* Booleans of the menu as 0/1 (Kconfig leaves an unset one undefined). */
#ifdef CONFIG_LIBLWIP_IPV6
#define UK_LWIP_IPV6			1
#else
#define UK_LWIP_IPV6			0
#endif
#ifdef CONFIG_LIBLWIP_DHCP
#define UK_LWIP_DHCP			1
#else
#define UK_LWIP_DHCP			0
#endif
#ifdef CONFIG_LIBLWIP_DNS
#define UK_LWIP_DNS			1
#else
#define UK_LWIP_DNS			0
#endif

/* The OS layer: sys_arch.c (uksched threads, uklock, the monotonic
 * clock). SYS_ARCH_PROTECT disables interrupts (one CPU). */
#define NO_SYS				0
#define SYS_LIGHTWEIGHT_PROT		1
#define LWIP_TCPIP_CORE_LOCKING		1
#define LWIP_TCPIP_CORE_LOCKING_INPUT	0	/* frames go through the tcpip mbox */
#define LWIP_COMPAT_MUTEX		0
#define TCPIP_THREAD_NAME		"lwip"
#define TCPIP_THREAD_STACKSIZE		(16 * 1024)
#define TCPIP_THREAD_PRIO		24	/* above UK_THREAD_PRIO_DEFAULT */
#define TCPIP_MBOX_SIZE			CONFIG_LIBLWIP_TCPIP_MBOX
#define DEFAULT_THREAD_STACKSIZE	(16 * 1024)
#define DEFAULT_RAW_RECVMBOX_SIZE	64
#define DEFAULT_UDP_RECVMBOX_SIZE	128
#define DEFAULT_TCP_RECVMBOX_SIZE	128
/* A listening socket's accept queue holds the largest backlog. */
#define DEFAULT_ACCEPTMBOX_SIZE		256
#define LWIP_NETCONN			1
#define LWIP_SOCKET			0	/* posix-socket is the socket layer */
#define LWIP_NETIF_API			1
#define LWIP_ERRNO_STDINCLUDE		1

/* Memory. The heap (pbufs of type PBUF_RAM: outgoing data, TCP
 * segments, reassembly) is the kit's malloc; the fixed-size objects
 * come from static pools whose sizes are the limits below. */
#define MEM_LIBC_MALLOC			1
#define MEMP_MEM_MALLOC			0
#define MEM_ALIGNMENT			8
#define MEMP_NUM_TCP_PCB		CONFIG_LIBLWIP_TCP_PCBS
#define MEMP_NUM_TCP_PCB_LISTEN		CONFIG_LIBLWIP_TCP_LISTEN
#define MEMP_NUM_UDP_PCB		CONFIG_LIBLWIP_UDP_PCBS
#define MEMP_NUM_RAW_PCB		4
#define MEMP_NUM_NETCONN		(CONFIG_LIBLWIP_TCP_PCBS + \
					 CONFIG_LIBLWIP_TCP_LISTEN + \
					 CONFIG_LIBLWIP_UDP_PCBS)
#define MEMP_NUM_NETBUF			CONFIG_LIBLWIP_UDP_PCBS * 4
#define MEMP_NUM_TCP_SEG		CONFIG_LIBLWIP_TCP_SEGS
#define MEMP_NUM_PBUF			CONFIG_LIBLWIP_TCP_SEGS
#define MEMP_NUM_REASSDATA		8
#define IP_REASS_MAX_PBUFS		64
#define MEMP_NUM_FRAG_PBUF		32
#define MEMP_NUM_TCPIP_MSG_INPKT	CONFIG_LIBLWIP_TCPIP_MBOX
#define MEMP_NUM_SYS_TIMEOUT		(LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)
#define PBUF_POOL_SIZE			CONFIG_LIBLWIP_PBUF_POOL
/* A pool pbuf holds a whole Ethernet frame (1514) plus the headroom. */
#define PBUF_POOL_BUFSIZE		1536

/* Link layer and IPv4. ARP: requests for us are answered as they
 * arrive (etharp_input), and the sender is learnt then, so a reply to
 * it needs no request of our own (ETHARP_TRUST_IP_MAC). */
#define LWIP_ARP			1
#define ARP_TABLE_SIZE			64
#define ARP_QUEUEING			1
#define ETHARP_TRUST_IP_MAC		1
#define ETH_PAD_SIZE			0
#define LWIP_IPV4			1
#define IP_FORWARD			0
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define LWIP_ICMP			1
#define LWIP_RAW			1
#define LWIP_DHCP			UK_LWIP_DHCP
#define LWIP_AUTOIP			0
#define LWIP_IGMP			0
#define LWIP_NETIF_HOSTNAME		1
#define LWIP_NETIF_STATUS_CALLBACK	1
#define LWIP_NETIF_LINK_CALLBACK	1
#define LWIP_NETIF_EXT_STATUS_CALLBACK	1
#define LWIP_NETIF_LOOPBACK		1
#define LWIP_HAVE_LOOPIF		1
#define LWIP_LOOPBACK_MAX_PBUFS		0
#define LWIP_NETIF_TX_SINGLE_PBUF	0

/* IPv6: link-local address from the MAC, addresses from router
 * advertisements (SLAAC), neighbour discovery with MLD. */
#define LWIP_IPV6			UK_LWIP_IPV6
#define LWIP_IPV6_AUTOCONFIG		UK_LWIP_IPV6
#define LWIP_IPV6_MLD			UK_LWIP_IPV6
#define LWIP_IPV6_FRAG			UK_LWIP_IPV6
#define LWIP_IPV6_REASS			UK_LWIP_IPV6
#define IPV6_FRAG_COPYHEADER		1	/* 64-bit pointers: see ip6_frag.c */
#define LWIP_IPV6_DHCP6			0
#define LWIP_ND6_NUM_NEIGHBORS		32
#define LWIP_ND6_NUM_DESTINATIONS	32
#define LWIP_IPV6_NUM_ADDRESSES		3

/* UDP and TCP. */
#define LWIP_UDP			1
#define LWIP_UDPLITE			0
#define LWIP_TCP			1
#define TCP_MSS				1460
#define LWIP_WND_SCALE			1
#define TCP_RCV_SCALE			4
#define TCP_WND				(CONFIG_LIBLWIP_TCP_WND_KIB * 1024)
#define TCP_SND_BUF			(CONFIG_LIBLWIP_TCP_SND_BUF_KIB * 1024)
#define TCP_SND_QUEUELEN		((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_SNDLOWAT			(TCP_SND_BUF / 2)
#define TCP_SNDQUEUELOWAT		(TCP_SND_QUEUELEN / 2)
#define TCP_OVERSIZE			TCP_MSS
#define TCP_QUEUE_OOSEQ			1
#define LWIP_TCP_SACK_OUT		0
/* TIME_WAIT lasts 2 * TCP_MSL: a server that closes thousands of
 * connections a second keeps them this long (lwIP also reuses the
 * oldest TIME_WAIT pcb when the pool runs out). */
#define TCP_MSL				(CONFIG_LIBLWIP_TIME_WAIT_MS / 2)
/* listen()'s backlog bounds connections waiting for accept(), the
 * half-open ones (SYN received) included: a SYN flood fills one
 * listener's backlog, not the pcb pool. */
#define TCP_LISTEN_BACKLOG		1
#define TCP_DEFAULT_LISTEN_BACKLOG	128
#define LWIP_TCP_KEEPALIVE		1
#define LWIP_SO_RCVTIMEO		1
#define LWIP_SO_SNDTIMEO		1
#define LWIP_SO_RCVBUF			1
#define LWIP_SO_LINGER			0
#define SO_REUSE			1
#define LWIP_TCP_TIMESTAMPS		0
#define LWIP_NETCONN_FULLDUPLEX		0

/* DNS: the resolver musl's getaddrinfo talks to is the server given by
 * DHCP or netdev.dns=; lwIP's own resolver is for kernel users. */
#define LWIP_DNS			UK_LWIP_DNS
#define DNS_MAX_SERVERS			2

/* Checksums in software (a netif may turn them off per direction when
 * the device offloads them). */
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
#define LWIP_CHECKSUM_ON_COPY		1

/* Random numbers: ukrandom (DHCP transaction ids, DNS ids and ports).
 * TCP initial sequence numbers are RFC 6528's (lib/lwip/isn.c), through
 * the hook. */
#define LWIP_HOOK_FILENAME		"uk_lwip_hooks.h"
#define LWIP_RAND()			uk_lwip_rand()
unsigned int uk_lwip_rand(void);

/* Statistics, for tests and `netstat`-like reports. */
#define LWIP_STATS			1
#define LWIP_STATS_DISPLAY		0
#define MIB2_STATS			0

/* Debugging: off unless CONFIG_LIBLWIP_DEBUG. */
#ifdef CONFIG_LIBLWIP_DEBUG
#define LWIP_DEBUG			1
#define LWIP_DBG_MIN_LEVEL		LWIP_DBG_LEVEL_ALL
#define LWIP_DBG_TYPES_ON		LWIP_DBG_ON
#define ETHARP_DEBUG			LWIP_DBG_ON
#define NETIF_DEBUG			LWIP_DBG_ON
#define DHCP_DEBUG			LWIP_DBG_ON
#define TCP_DEBUG			LWIP_DBG_ON
#endif

#endif /* UK_LWIPOPTS_H */
