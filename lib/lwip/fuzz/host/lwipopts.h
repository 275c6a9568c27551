/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP for the frame fuzz target (frame.c), on the host: no OS
 * (NO_SYS=1: the harness is the only thread and calls the timers), the
 * same protocols and the same choices as port/lwipopts.h where they
 * change the input path (ARP trust, reassembly, IPv6 fragments, window
 * scaling, out-of-sequence queueing), smaller pools so that running out
 * of them is fuzzed too.
 */
#ifndef UK_LWIP_FUZZ_LWIPOPTS_H
#define UK_LWIP_FUZZ_LWIPOPTS_H

#define NO_SYS				1
#define SYS_LIGHTWEIGHT_PROT		0
#define LWIP_NETCONN			0
#define LWIP_SOCKET			0
#define MEM_LIBC_MALLOC			0
#define MEM_SIZE			(256 * 1024)
#define MEM_ALIGNMENT			8
#define MEMP_NUM_TCP_PCB		16
#define MEMP_NUM_TCP_PCB_LISTEN		4
#define MEMP_NUM_UDP_PCB		8
#define MEMP_NUM_TCP_SEG		64
#define MEMP_NUM_REASSDATA		8
#define IP_REASS_MAX_PBUFS		64
#define PBUF_POOL_SIZE			64
#define PBUF_POOL_BUFSIZE		1536
#define LWIP_ARP			1
#define ETHARP_TRUST_IP_MAC		1
#define ARP_QUEUEING			1
#define LWIP_IPV4			1
#define IP_REASSEMBLY			1
#define IP_FRAG				1
#define LWIP_ICMP			1
#define LWIP_RAW			1
#define LWIP_DHCP			1
#define LWIP_IGMP			0
#define LWIP_IPV6			1
#define LWIP_IPV6_AUTOCONFIG		1
#define LWIP_IPV6_MLD			1
#define LWIP_IPV6_FRAG			1
#define LWIP_IPV6_REASS			1
#define IPV6_FRAG_COPYHEADER		1
#define LWIP_UDP			1
#define LWIP_TCP			1
#define TCP_MSS				1460
#define LWIP_WND_SCALE			1
#define TCP_RCV_SCALE			4
#define TCP_WND				(64 * 1024)
#define TCP_SND_BUF			(16 * 1024)
#define TCP_SND_QUEUELEN		64
#define TCP_QUEUE_OOSEQ			1
#define TCP_LISTEN_BACKLOG		1
#define LWIP_DNS			1
#define LWIP_NETIF_LOOPBACK		0
#define LWIP_HAVE_LOOPIF		0
#define LWIP_STATS			0
#define LWIP_CHECKSUM_CTRL_PER_NETIF	1
/* Checksums are not checked: fuzzed frames reach the parsers behind
 * them instead of all being dropped at the first sum. */
#define CHECKSUM_CHECK_IP		0
#define CHECKSUM_CHECK_UDP		0
#define CHECKSUM_CHECK_TCP		0
#define CHECKSUM_CHECK_ICMP		0
#define CHECKSUM_CHECK_ICMP6		0
#define LWIP_RAND()			((u32_t)rand())

#endif
