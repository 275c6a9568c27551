#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# plat/kvm and arch/x86_64 beyond "it boots" (boot-qemu.sh):
# - exception reports: test/apps/crash faults on purpose (page fault,
#   #GP, #UD, #DE, and a fault inside the report itself); each prints the
#   vector, registers and a backtrace with function names, and ends the
#   VM with status 125, on pc, q35 and microvm;
# - the PVH entry: the image with its Multiboot magic patched out boots
#   by PVH on pc and microvm;
# - the memory map normalization (host test of plat/kvm/memmap.c);
# - run-qemu's own errors: missing image, bad machine (status 2), timeout
#   (124).
. "$(dirname "$0")/../lib.sh"

if ! have_qemu; then
	fail kvm "support/scripts/run-qemu or QEMU missing"
	done_case
fi

check kvm/memmap-host bash "$UK_ROOT/plat/common/x86/tests/memmap-test.sh"

build_app test/apps/crash kvm-x86_64-pc; crash=$IMAGE
if [ -f "$crash" ]; then
	for f in pf:"#PF page fault":"cr2    0x0000100000000000" \
		 gp:"#GP general protection": ud:"#UD invalid opcode": \
		 de:"#DE divide error":; do
		IFS=: read -r arg vec extra <<<"$f"
		for m in pc q35 microvm; do
			run_qemu $m "$crash" "-- $arg"
			check crash/$arg/$m eval 'expect_output "CRASH: $vec" &&
				expect_output "crash_fault+0x" &&
				expect_output "crash_level1+0x" &&
				expect_output "main+0x" &&
				expect_output "rflags" &&
				{ [ -z "$extra" ] || expect_output "$extra"; } &&
				expect_status 125'
		done
	done
	run_qemu pc "$crash" "-- fp"
	check crash/fault-in-report eval 'expect_output "while reporting one" &&
		expect_status 125'
	run_qemu pc "$crash" "-- none"
	check crash/no-fault eval 'expect_status 0'
else
	fail crash "test/apps/crash did not build"
fi

build_app apps/helloworld kvm-x86_64-pc; hello=$IMAGE
if [ -f "$hello" ]; then
	pvh=$UK_TEST_DIR/helloworld-pvh-only
	pvh_only "$hello" "$pvh"
	for m in pc microvm; do
		run_qemu $m "$pvh" "-- exit=5"
		check pvh/$m eval 'expect_output "Hello, world!" && expect_status 5'
	done
	long=$(printf 'x%.0s' $(seq 1 1100))
	run_qemu pc "$hello" "-- exit=4 $long"
	check kvm/cmdline-truncated eval 'expect_output "command line truncated" &&
		expect_output "Hello, world!"'

	OUT=$("$UK_RUN_QEMU" /nonexistent 2>&1); STATUS=$?
	check run-qemu/missing-image eval 'expect_output "image not found" && expect_status 2'
	OUT=$("$UK_RUN_QEMU" --machine vax "$hello" 2>&1); STATUS=$?
	check run-qemu/bad-machine eval 'expect_output "unknown machine" && expect_status 2'
	OUT=$("$UK_RUN_QEMU" --accel tcg --timeout 1 --qemu-arg -S "$hello" 2>&1 </dev/null); STATUS=$?
	check run-qemu/timeout eval 'expect_output "timeout" && expect_status 124'
else
	fail kvm "apps/helloworld did not build"
fi
done_case
