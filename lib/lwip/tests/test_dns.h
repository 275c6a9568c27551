/* SPDX-License-Identifier: BSD-3-Clause */
/* test_dns.c: a DNS server on 127.0.0.1:53 for the tests (A -> 10.1.2.3). */
#ifndef UK_LWIP_TEST_DNS_H
#define UK_LWIP_TEST_DNS_H
int uk_lwip_test_dns_start(void);	/* 0, or -1 */
int uk_lwip_test_dns_answered(void);	/* queries answered so far */
#endif
