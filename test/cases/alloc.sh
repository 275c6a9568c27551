#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Allocators: ukalloc's uktest cases (stress against a shadow table,
# memalign, out of memory, statistics, palloc, fault injection) on a test
# image with all three backends, each backend in turn behind malloc
# (ukalloc.backend=), on linuxu and on QEMU pc and microvm; the Kconfig
# choice of the default; the fault-injection and stats parameters.
. "$(dirname "$0")/../lib.sh"

ALL=(CONFIG_LIBUKALLOCBUDDY=y CONFIG_LIBUKALLOCREGION=y CONFIG_LIBUKALLOC_FAULTINJ=y)
UT=test/apps/unittests

# ukalloc_ok NAME: the last run passed every ukalloc case, and ran some.
ukalloc_ok() {
	expect_output "uktest: PASS ukalloc.stress" &&
	expect_output "uktest: PASS ukalloc.faultinj_nth_fails_once" &&
	expect_output "uktest: PASS ukalloc.frees_coalesce_into_largest_block" &&
	! grep -q "uktest: FAIL" <<<"$OUT" &&
	expect_output " 0 failed" && expect_status 0
}

if build_app $UT linuxu-x86_64 "${ALL[@]}"; then
	lx=$IMAGE
	for b in tlsf buddy region; do
		run_linuxu "$lx" uktest.filter='ukalloc.*' ukalloc.backend=$b
		check alloc/linuxu/$b ukalloc_ok
	done
	run_linuxu "$lx" uktest.filter='ukalloc.*' ukalloc.backend=nosuch
	check alloc/linuxu/unknown-backend eval \
		'expect_output "no allocator named '"'nosuch'"'" && expect_status 125'
	# The first allocation fails: malloc_family's calloc sees NULL.
	run_linuxu "$lx" uktest.filter=ukalloc.malloc_family ukalloc.fail_nth=1
	check alloc/linuxu/fail-nth-param eval \
		'expect_output "FAIL ukalloc.malloc_family" && expect_status 1'
	run_linuxu "$lx" uktest.filter=ukalloc.malloc_family ukalloc.fail_permille=1000
	check alloc/linuxu/fail-permille-param eval \
		'expect_output "FAIL ukalloc.malloc_family" && expect_status 1'
	run_linuxu "$lx" uktest.filter=ukalloc.stats_follow_allocations ukalloc.stats=1
	check alloc/linuxu/stats-param eval \
		'expect_output "ukalloc: tlsf: in use 0 B in 0 blocks" && expect_status 0'
else
	fail alloc/linuxu/build "unittests linuxu-x86_64 with all backends did not build"
fi

# The menu's choice picks the heap's backend.
BUILD_NAME=region-default build_app $UT linuxu-x86_64 \
	CONFIG_LIBUKALLOCREGION=y CONFIG_LIBUKALLOC_DEFAULT_REGION=y
run_linuxu "$IMAGE" uktest.filter='ukalloc.*' ukalloc.stats=1
check alloc/linuxu/menu-default-region eval \
	'expect_output "ukalloc: region: in use" && expect_output " 0 failed" && expect_status 0'

# A default whose backend is not selected does not stick (Kconfig).
BUILD_NAME=bad-default build_app $UT linuxu-x86_64 \
	CONFIG_LIBUKALLOC_DEFAULT_BUDDY=y
check alloc/kconfig-default-needs-backend test $? = 3

# Without fault injection and stats: still correct, and it builds.
BUILD_NAME=lean build_app $UT linuxu-x86_64 CONFIG_LIBUKALLOC_STATS=n
run_linuxu "$IMAGE" uktest.filter='ukalloc.*'
check alloc/linuxu/no-stats-no-faultinj eval \
	'expect_output "uktest: PASS ukalloc.stress" && expect_output " 0 failed" && expect_status 0'

if have_qemu; then
	for m in pc microvm; do
		if ! build_app $UT kvm-x86_64-$m "${ALL[@]}"; then
			fail alloc/kvm-$m/build "unittests kvm-x86_64-$m did not build"
			continue
		fi
		for b in tlsf buddy region; do
			run_qemu $m "$IMAGE" "uktest.filter=ukalloc.* ukalloc.backend=$b"
			check alloc/kvm-$m/$b ukalloc_ok
		done
	done
else
	fail alloc/kvm "support/scripts/run-qemu or QEMU missing"
fi
done_case
