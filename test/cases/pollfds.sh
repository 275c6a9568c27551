#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Descriptors that wait on each other: posix-socket (on a family of its
# tests' own), posix-unix, posix-pipe, posix-eventfd and posix-poll. Their
# uktest cases (threads blocking on each other through the shim, as musl
# calls it) in test/apps/unittests with musl and uksched, on linuxu and
# QEMU pc and microvm (these two with vfscore and ramfs), and on linuxu
# with ukschedpreempt too.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=posix_socket.*,posix_unix.*,posix_pipe.*,posix_eventfd.*,posix_poll.*'
libs=(CONFIG_LIBNOLIBC=n CONFIG_LIBMUSL=y CONFIG_LIBUKALLOC=y
      CONFIG_LIBUKALLOCTLSF=y CONFIG_LIBUKALLOC_MALLOC=n
      CONFIG_LIBUKSCHED=y CONFIG_LIBUKSCHED_TESTS=n
      CONFIG_LIBPOSIX_SIGNAL=y CONFIG_LIBPOSIX_SIGNAL_TESTS=n
      CONFIG_LIBPOSIX_FDTAB_TESTS=n
      CONFIG_LIBPOSIX_SOCKET=y CONFIG_LIBPOSIX_UNIX=y CONFIG_LIBPOSIX_PIPE=y
      CONFIG_LIBPOSIX_EVENTFD=y CONFIG_LIBPOSIX_POLL=y)
coop=(CONFIG_LIBUKSCHEDCOOP=y)

# On kvm with a file system too: AF_UNIX path names become socket files
# (linuxu runs without one: the family's own name table).
vfs=(CONFIG_LIBUKLOCK=y CONFIG_LIBVFSCORE=y CONFIG_LIBRAMFS=y)

results() { uktest_results "pollfds/$1" 10; }

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 "${libs[@]}" "${coop[@]}" && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	results linuxu
else
	fail pollfds/linuxu "$app linuxu-x86_64 with musl, uksched and the descriptor libraries did not build"
fi
# The same on the preemptive scheduler: a time slice may end in the
# middle of any of it.
if BUILD_NAME=linuxu-preempt build_app $app linuxu-x86_64 "${libs[@]}" CONFIG_LIBUKSCHEDPREEMPT=y && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	results linuxu-preempt
else
	fail pollfds/linuxu-preempt "$app linuxu-x86_64 with ukschedpreempt did not build"
fi
if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg "${libs[@]}" "${coop[@]}" "${vfs[@]}" && [ -f "$IMAGE" ]; then
			run_qemu $cfg "$IMAGE" "$filter"
			results $cfg
		else
			fail pollfds/$cfg "$app kvm-x86_64-$cfg with musl, uksched and the descriptor libraries did not build"
		fi
	done
fi
done_case
