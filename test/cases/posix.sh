#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The POSIX layers under musl (posix-time, -mmap, -user, -signal,
# -random, -environ, posix-process's info calls): their uktest cases,
# which make the system calls through the shim as musl does, in
# test/apps/unittests with musl, on linuxu (without and with uksched:
# sleeps and signal waits take the other path) and QEMU pc and microvm.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=posix_*'
libs=(CONFIG_LIBNOLIBC=n CONFIG_LIBMUSL=y CONFIG_LIBUKALLOC=y
      CONFIG_LIBUKALLOCTLSF=y CONFIG_LIBUKALLOC_MALLOC=n
      CONFIG_LIBUKRANDOM=y CONFIG_LIBPOSIX_TIME=y CONFIG_LIBPOSIX_MMAP=y
      CONFIG_LIBPOSIX_USER=y CONFIG_LIBPOSIX_SIGNAL=y
      CONFIG_LIBPOSIX_RANDOM=y CONFIG_LIBPOSIX_ENVIRON=y
      CONFIG_LIBPOSIX_PROCESS_TESTS=y CONFIG_LIBPOSIX_FDTAB_TESTS=y)
nosched=(CONFIG_LIBUKSCHED=n CONFIG_LIBUKTIME=y CONFIG_LIBUKTIME_TESTS=n)
sched=(CONFIG_LIBUKSCHED=y CONFIG_LIBUKSCHEDCOOP=y CONFIG_LIBUKSCHED_TESTS=n)


results() { uktest_results "posix/$1" 20; }

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 "${libs[@]}" "${nosched[@]}" && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	results linuxu
else
	fail posix/linuxu "$app linuxu-x86_64 with musl and the POSIX layers did not build"
fi
if BUILD_NAME=linuxu-sched build_app $app linuxu-x86_64 "${libs[@]}" "${sched[@]}" && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	results linuxu-sched
else
	fail posix/linuxu-sched "$app linuxu-x86_64 with musl, uksched and the POSIX layers did not build"
fi

if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg "${libs[@]}" "${sched[@]}" && [ -f "$IMAGE" ]; then
			run_qemu $cfg "$IMAGE" "$filter"
			results $cfg
		else
			fail posix/$cfg "$app kvm-x86_64-$cfg with musl and the POSIX layers did not build"
		fi
	done
fi
done_case
