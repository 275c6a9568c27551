/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * threads: the test image for uksched and uklock. The unit tests run
 * before main() (uktest). main() itself:
 *
 *	-- overflow   a thread recurses until it runs off its stack: the
 *	              guard page below it must fault (status 125 and a
 *	              page-fault report), or, on a platform without page
 *	              protection, uksched's canary check must name it.
 *	(nothing)     start two threads, join them, print "threads: ok".
 */
#include <uk/essentials.h>
#include <uk/plat/console.h>
#include <uk/sched.h>

static int eq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

__attribute__((noinline)) static int recurse(volatile char *prev, int depth)
{
	volatile char frame[512];

	frame[0] = (char)depth;
	frame[511] = prev ? prev[0] : 0;
	if (depth % 8 == 0)
		uk_sched_yield();	/* the canary check, without guard */
	if (depth > 1000000)	/* never: 512 MB of stack */
		return 0;
	return recurse(frame, depth + 1) + frame[0];
}

static void *overflow_fn(void *arg __uk_unused)
{
	ukplat_console_puts("threads: overflowing the stack of thread \"overflow\"\n");
	return (void *)(uintptr_t)recurse(NULL, 1);
}

static void *hello_fn(void *arg)
{
	uk_sched_yield();
	return arg;
}

int main(int argc, char *argv[])
{
	struct uk_thread_attr attr = { .stack_size = 16384 };
	struct uk_thread *a, *b;
	void *ra, *rb;

	if (argc > 1 && eq(argv[1], "overflow")) {
		a = uk_sched_thread_create_attr("overflow", &attr, overflow_fn,
					  NULL);
		if (uk_is_err(a))
			return 2;
		uk_sched_thread_join(a, NULL);
		ukplat_console_puts("threads: overflow survived?!\n");
		return 1;
	}
	a = uk_sched_thread_create("a", hello_fn, (void *)1);
	b = uk_sched_thread_create("b", hello_fn, (void *)2);
	if (uk_is_err(a) || uk_is_err(b))
		return 2;
	uk_sched_thread_join(a, &ra);
	uk_sched_thread_join(b, &rb);
	if (ra != (void *)1 || rb != (void *)2)
		return 1;
	ukplat_console_puts("threads: ok (");
	ukplat_console_puts(uk_sched_name());
	ukplat_console_puts(")\n");
	return 0;
}
