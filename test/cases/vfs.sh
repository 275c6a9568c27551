#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# vfscore and ramfs: their uktest cases (the path and file system calls
# through the shim as musl makes them, on ramfs as /; file-backed mmap) in
# test/apps/unittests with musl, on linuxu, QEMU pc and microvm; and the
# boot-time mounting of vfs.fstab= on linuxu: a good table boots, an
# unknown type, a bad word or an unknown vfs.* parameter is one line and
# a non-zero exit.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=vfscore.*,vfscore_mmap.*,ramfs.*'
libs=(CONFIG_LIBNOLIBC=n CONFIG_LIBMUSL=y CONFIG_LIBUKALLOC=y
      CONFIG_LIBUKALLOCTLSF=y CONFIG_LIBUKALLOC_MALLOC=n
      CONFIG_LIBUKSCHED=y CONFIG_LIBUKSCHEDCOOP=y CONFIG_LIBUKLOCK=y
      CONFIG_LIBUKSCHED_TESTS=n CONFIG_LIBUKLOCK_TESTS=n
      CONFIG_LIBPOSIX_MMAP=y CONFIG_LIBVFSCORE=y CONFIG_LIBRAMFS=y
      CONFIG_LIBVFSCORE_TESTS=y CONFIG_LIBRAMFS_TESTS=y)

results() { uktest_results "vfs/$1" 21; }

# fstab_case NAME STATUS TEXT ARGS...: a linuxu boot with ARGS ends with
# STATUS and prints TEXT, and prints exactly one error line.
fstab_case() {
	local name=$1 status=$2 text=$3 errs; shift 3
	# one quick case: uktest ends with 0 only when boot reached it
	run_linuxu "$IMAGE" "$@" 'uktest.filter=vfscore.umask_applies_to_new_files'
	errs=$(grep -c '^\[err\]' <<<"$OUT")
	if ! expect_status "$status"; then
		fail "vfs/fstab/$name" "$UK_FAIL_REASON"
	elif ! expect_output "$text"; then
		fail "vfs/fstab/$name" "$UK_FAIL_REASON"
	elif [ "$status" != 0 ] && [ "$errs" != 1 ]; then
		fail "vfs/fstab/$name" "$errs error lines, expected one"
	else
		pass "vfs/fstab/$name"
	fi
}

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 "${libs[@]}" && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	results linuxu
	fstab_case good 0 "uktest: 1 passed" 'vfs.fstab=ramfs:/ ramfs::/data/deep:rw'
	fstab_case unknown-type 1 "unknown file system type 'nosuchfs' (this image has: ramfs)" 'vfs.fstab=nosuchfs:dev:/x'
	fstab_case malformed 2 "malformed entry 'ramfs:data'" 'vfs.fstab=ramfs:data'
	fstab_case bad-option 1 "unknown mount option 'size=1'" 'vfs.fstab=ramfs::/t:size=1'
	fstab_case unknown-param 2 "unknown parameter 'vfs.fstabb=x'" 'vfs.fstabb=x'
else
	fail vfs/linuxu "$app linuxu-x86_64 with musl, vfscore and ramfs did not build"
fi

if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg "${libs[@]}" && [ -f "$IMAGE" ]; then
			run_qemu $cfg "$IMAGE" "$filter"
			results $cfg
		else
			fail vfs/$cfg "$app kvm-x86_64-$cfg with musl, vfscore and ramfs did not build"
		fi
	done
fi
done_case
