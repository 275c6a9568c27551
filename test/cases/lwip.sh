#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# lib/lwip: lwIP from Debian through the fetch step, its OS layer and
# the stack over the loopback interface (uktest cases in lib/lwip/tests,
# in test/apps/unittests): on linuxu and QEMU pc with the preemptive
# scheduler, on microvm with the cooperative one.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=lwip.*'
libs=(CONFIG_LIBUKSCHED=y CONFIG_LIBUKSCHED_TESTS=n CONFIG_LIBUKLOCK=y
      CONFIG_LIBUKLOCK_TESTS=n CONFIG_LIBUKRANDOM=y CONFIG_LIBUKRANDOM_TESTS=n
      CONFIG_LIBLWIP=y CONFIG_LIBLWIP_TESTS=y)
results() { UK_RESULTS_SUITES=lwip uktest_results "lwip/$1" 7; }

coop=(CONFIG_LIBUKSCHEDCOOP=y)
preempt=(CONFIG_LIBUKSCHEDCOOP=n CONFIG_LIBUKSCHEDPREEMPT=y)
for sched in preempt; do
	declare -n s=$sched
	if BUILD_NAME=linuxu-$sched build_app $app linuxu-x86_64 "${libs[@]}" "${s[@]}" && [ -x "$IMAGE" ]; then
		run_linuxu "$IMAGE" "$filter"
		results linuxu-$sched
	else
		fail lwip/linuxu-$sched "$app linuxu-x86_64 with lwip ($sched) did not build"
	fi
done

if have_qemu; then
	for cfg in pc microvm; do
		# pc preemptive, microvm cooperative
		if [ $cfg = pc ]; then declare -n s=preempt; else declare -n s=coop; fi
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg "${libs[@]}" "${s[@]}" && [ -f "$IMAGE" ]; then
			run_qemu $cfg "$IMAGE" "$filter"
			results $cfg
		else
			fail lwip/$cfg "$app kvm-x86_64-$cfg with lwip did not build"
		fi
	done
fi
done_case
