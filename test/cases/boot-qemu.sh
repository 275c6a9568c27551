#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# helloworld boots on every QEMU machine the kit supports: pc with qboot,
# pc with SeaBIOS, q35 (the pc image, by Multiboot) and microvm (its own
# defconfig, by PVH); it prints "Hello, world!" and its exit status
# reaches run-qemu's.
. "$(dirname "$0")/../lib.sh"

if ! have_qemu; then
	fail boot "support/scripts/run-qemu or QEMU missing"
	done_case
fi

build_app apps/helloworld kvm-x86_64-pc; pc=$IMAGE
build_app apps/helloworld kvm-x86_64-microvm; microvm=$IMAGE

for m in pc pc-seabios q35 microvm; do
	img=$pc
	[ $m = microvm ] && img=$microvm
	if [ ! -f "$img" ]; then
		fail boot/$m "the image did not build"
		continue
	fi
	run_qemu $m "$img" "-- exit=3"
	check boot/$m eval 'expect_output "Hello, world!" && expect_output "arg: exit=3" && expect_status 3'
done

# The pc image boots on microvm too (PVH note), with status 0.
if [ -f "$pc" ]; then
	run_qemu microvm "$pc" ""
	check boot/pc-image-on-microvm eval 'expect_output "Hello, world!" && expect_status 0'
fi
done_case
