#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Threads and locks: uksched's and uklock's uktest cases (threads, TLS,
# FPU state, sleep accuracy, 10,000 create/join cycles against ukalloc's
# bytes in use, semaphore ping-pong, producer/consumer, condvar
# broadcast, mutex contention, rwlocks, timeouts, preemption of a busy
# loop) under both schedulers, on linuxu, QEMU pc and microvm; both
# schedulers in one image picked with uksched.policy=; a thread that
# overruns its stack gets a report naming the fault; helloworld builds
# and boots without any scheduler; the Kconfig dependencies hold.
. "$(dirname "$0")/../lib.sh"

TAPP=test/apps/threads

# results WHERE: one result per uksched/uklock case of $OUT (at least
# 20), then the run as a whole.
# Under ukschedpreempt with its defaults (irqsafe allocator, stats on)
# no uksched or uklock case may skip: a skip there means a preemption
# test did not run.
results() {
	UK_RESULTS_SUITES="uksched uklock" uktest_results "sched/$1" 20
	case "$1" in
	*-preempt) check "sched/$1/no-case-skipped" eval \
		'! grep -qE "^uktest: SKIP (uksched|uklock)\." <<<"$OUT"' ;;
	esac
}

for s in coop preempt; do
	if BUILD_NAME=linuxu-$s build_app $TAPP linuxu-$s && [ -x "$IMAGE" ]; then
		run_linuxu "$IMAGE"
		results linuxu-$s
	else
		fail sched/linuxu-$s/build "$TAPP linuxu-$s did not build"
	fi
	if have_qemu; then
		for m in pc microvm; do
			if BUILD_NAME=$m-$s build_app $TAPP kvm-$m-$s && [ -f "$IMAGE" ]; then
				run_qemu $m "$IMAGE" ""
				results $m-$s
			else
				fail sched/$m-$s/build "$TAPP kvm-$m-$s did not build"
			fi
		done
	fi
done

# Both policies in one image: the parameter picks, the menu defaults.
if BUILD_NAME=linuxu-both build_app $TAPP linuxu-preempt CONFIG_LIBUKSCHEDCOOP=y; then
	run_linuxu "$IMAGE" uksched.policy=preempt uktest.filter='uksched.preempt_*' -- x
	check sched/policy-param eval 'expect_output "PASS uksched.preempt_busy_loop" && expect_status 0'
	run_linuxu "$IMAGE" uksched.policy=nosuch uktest.filter=uksched.create_join_returns_value
	check sched/policy-unknown-falls-back eval \
		'expect_output "uksched.policy=nosuch is not built in: using" && expect_status 0'
else
	fail sched/linuxu-both/build "coop+preempt image did not build"
fi

# Stack overflow: the thread's guard page faults and the report names
# the thread's stack (kvm and linuxu both have page protection; without
# it, the switch-time check would name the thread); status 125.
overflow_ok() {
	expect_status 125 && expect_output 'overflowing the stack of thread "overflow"' &&
	{ grep -qE 'stack overflow: .*guard page of the "overflow" stack' <<<"$OUT" ||
	  { UK_FAIL_REASON="the report does not name the overflow thread's guard page"; false; }; }
}
if BUILD_NAME=linuxu-crash build_app $TAPP linuxu-coop-crash; then
	run_linuxu "$IMAGE" -- overflow
	check sched/linuxu/stack-overflow-reported overflow_ok
else
	fail sched/linuxu-crash/build "did not build"
fi
if have_qemu; then
	for s in coop preempt; do
		if BUILD_NAME=pc-$s-crash build_app $TAPP kvm-pc-$s-crash; then
			run_qemu pc "$IMAGE" "-- overflow"
			check sched/pc-$s/stack-overflow-reported overflow_ok
		else
			fail sched/pc-$s-crash/build "did not build"
		fi
	done
fi

# The scheduler is optional: helloworld has none and still boots.
if BUILD_NAME=hello build_app apps/helloworld default; then
	check sched/helloworld-has-no-scheduler eval \
		'! grep -q "^CONFIG_LIBUKSCHED=y" "$CFG" && ! grep -q "^CONFIG_HAVE_SCHED=y" "$CFG"'
	if have_qemu && grep -q '^CONFIG_PLAT_KVM=y' "$CFG"; then
		run_qemu pc "$IMAGE" ""
	else
		run_linuxu "$IMAGE"
	fi
	check sched/helloworld-boots-without-scheduler expect_status 0
else
	fail sched/helloworld/build "helloworld did not build"
fi

# Kconfig: a scheduler needs uksched (a line that cannot stick fails
# build_app with status 3); uksched says when no scheduler is selected.
BUILD_NAME=kc-nosched build_app $TAPP linuxu-coop CONFIG_LIBUKSCHED=n CONFIG_LIBUKSCHEDCOOP=y
check sched/kconfig-scheduler-needs-uksched test $? = 3
BUILD_NAME=kc-none build_app $TAPP linuxu-coop CONFIG_LIBUKSCHEDCOOP=n CONFIG_LIBUKLOCK=n CONFIG_LIBUKTEST=n
if [ -x "${IMAGE:-}" ]; then
	run_linuxu "$IMAGE"
	check sched/no-policy-is-a-clear-error eval \
		'expect_output "no scheduler built in" && expect_status 125'
else
	fail sched/no-policy-is-a-clear-error "uksched without a policy did not build"
fi
done_case
