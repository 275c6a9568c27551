/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * lwIP's OS layer (sys_arch.c): semaphore and mailbox waits with and
 * without timeouts, the order of a mailbox, a full mailbox refusing a
 * trypost, the clock, and a thread made by sys_thread_new.
 */
#include <uk/plat/time.h>
#include <uk/test.h>

#include "lwip/opt.h"
#include "lwip/err.h"
#include "lwip/sys.h"

UK_TESTCASE(lwip, sem_wait_times_out)
{
	uint64_t t0, ns;
	sys_sem_t s;

	UK_TEST_ASSERT(sys_sem_new(&s, 1) == ERR_OK);
	UK_TEST_EXPECT(sys_arch_sem_wait(&s, 50) != SYS_ARCH_TIMEOUT);
	t0 = ukplat_monotonic_ns();
	UK_TEST_EXPECT_UINT_EQ(sys_arch_sem_wait(&s, 30), SYS_ARCH_TIMEOUT);
	ns = ukplat_monotonic_ns() - t0;
	UK_TEST_EXPECT_UINT_GE(ns, 30000000ULL);
	UK_TEST_EXPECT_UINT_LT(ns, 2000000000ULL);
	sys_sem_free(&s);
}

UK_TESTCASE(lwip, mbox_keeps_order_and_bounds)
{
	int a, b, c;
	void *m = NULL;
	sys_mbox_t mb;

	UK_TEST_ASSERT(sys_mbox_new(&mb, 2) == ERR_OK);
	UK_TEST_EXPECT_INT_EQ(sys_mbox_trypost(&mb, &a), ERR_OK);
	UK_TEST_EXPECT_INT_EQ(sys_mbox_trypost_fromisr(&mb, &b), ERR_OK);
	UK_TEST_EXPECT_INT_EQ(sys_mbox_trypost(&mb, &c), ERR_MEM);
	UK_TEST_EXPECT(sys_arch_mbox_fetch(&mb, &m, 10) != SYS_ARCH_TIMEOUT);
	UK_TEST_EXPECT_PTR_EQ(m, &a);
	sys_mbox_post(&mb, &c);
	UK_TEST_EXPECT_UINT_EQ(sys_arch_mbox_tryfetch(&mb, &m), 0);
	UK_TEST_EXPECT_PTR_EQ(m, &b);
	UK_TEST_EXPECT_UINT_EQ(sys_arch_mbox_tryfetch(&mb, &m), 0);
	UK_TEST_EXPECT_PTR_EQ(m, &c);
	UK_TEST_EXPECT_UINT_EQ(sys_arch_mbox_tryfetch(&mb, &m), SYS_MBOX_EMPTY);
	UK_TEST_EXPECT_UINT_EQ(sys_arch_mbox_fetch(&mb, &m, 20), SYS_ARCH_TIMEOUT);
	sys_mbox_free(&mb);
}

static sys_mbox_t thread_mb;

static void poster(void *arg)
{
	sys_msleep(20);
	sys_mbox_post(&thread_mb, arg);
}

UK_TESTCASE(lwip, thread_posts_to_waiting_fetch)
{
	u32_t t0 = sys_now(), waited;
	void *m = NULL;
	int x;

	UK_TEST_ASSERT(sys_mbox_new(&thread_mb, 4) == ERR_OK);
	sys_thread_new("lwip-test", poster, &x, 0, 16);
	waited = sys_arch_mbox_fetch(&thread_mb, &m, 0);
	UK_TEST_EXPECT_PTR_EQ(m, &x);
	UK_TEST_EXPECT_UINT_GE(waited, 15);
	UK_TEST_EXPECT_UINT_GE(sys_now() - t0, 15);
	sys_mbox_free(&thread_mb);
}
