/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * set_robust_list and get_robust_list: where each thread keeps the list
 * of robust mutexes it holds (musl registers it at the first robust
 * lock). The list lives in the thread's TLS. Walking it when a thread
 * dies (marking each held mutex FUTEX_OWNER_DIED) belongs to thread exit
 * with clone, which is not there yet: the boot thread's death ends the
 * image, so nothing can observe its mutexes.
 */
#include <errno.h>
#include <stddef.h>
#include <uk/process.h>
#include <uk/syscall.h>

static __thread void *robust_head;
static __thread size_t robust_len;

UK_SYSCALL_DEFINE2(set_robust_list, void *, head, size_t, len)
{
	/* struct robust_list_head: list, futex_offset, list_op_pending */
	if (len != 3 * sizeof(long))
		return -EINVAL;
	robust_head = head;
	robust_len = len;
	return 0;
}

UK_SYSCALL_DEFINE3(get_robust_list, int, pid, void **, head_ptr,
		   size_t *, len_ptr)
{
	if (pid != 0 && pid != uk_process_gettid())
		return -ESRCH;	/* other threads' lists: not kept reachable */
	*head_ptr = robust_head;
	*len_ptr = robust_len ? robust_len : 3 * sizeof(long);
	return 0;
}
