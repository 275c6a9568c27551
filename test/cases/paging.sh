#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Page protection (plat/common/x86/paging.c, plat/linuxu/paging.c): faults that
# test/apps/crash makes on purpose, each expected to end the image with
# status 125 and a report that says what happened:
#   wtext  write to .text       -> #PF, protection violation, write, the function
#   xdata  execute from .data   -> #PF, instruction fetch (NX)
#   null   read address 0       -> #PF at 0x0, not present
#   stack  unbounded recursion  -> "stack overflow" naming the boot stack's guard
# on QEMU pc (2 MiB pages, and 1 GiB pages with -cpu max: unittests.sh's
# ukplatcommon.test_gib runs show which page size the boot map used) and microvm,
# and the SIGSEGV analogues on linuxu. The in-image API cases
# (x86paging.*) run in unittests.sh.
. "$(dirname "$0")/../lib.sh"

# kvm_checks ARG: the expected lines for one fault, as expect_output calls.
kvm_checks() {
	case "$1" in
	wtext) expect_output "CRASH: #PF page fault" &&
		expect_output "(protection violation, write, kernel)" &&
		expect_output "cr2 is in .text (read-only, executable): crash_fault+0x0" ;;
	xdata) expect_output "CRASH: #PF page fault" &&
		expect_output "(protection violation, read, instruction fetch, kernel)" &&
		expect_output "cr2 is in .data/.bss (not executable)" ;;
	null) expect_output "CRASH: #PF page fault" &&
		expect_output "(not present, read, kernel)" &&
		expect_output "cr2    0x0000000000000000" &&
		expect_output "NULL pointer dereference" ;;
	stack) expect_output "CRASH: #DF double fault" &&
		expect_output 'stack overflow: cr2 is in the guard page of the "boot" stack' &&
		expect_output "crash_recurse+0x" ;;
	esac && expect_output "Backtrace:" && expect_status 125
}

linuxu_checks() {
	case "$1" in
	wtext) expect_output "(protection violation, write)" &&
		expect_output "crash_fault+0x" ;;
	xdata) expect_output "(protection violation, read, instruction fetch)" ;;
	null) expect_output "at address 0x0" &&
		expect_output "NULL pointer dereference" ;;
	stack) expect_output "stack overflow" ;;
	esac && expect_output "CRASH: SIGSEGV" && expect_status 125
}

if have_qemu; then
	build_app test/apps/crash kvm-x86_64-pc; crash=$IMAGE
	if [ -f "$crash" ]; then
		for arg in wtext xdata null stack; do
			for m in pc microvm; do
				run_qemu $m "$crash" "-- $arg"
				check paging/$arg/$m kvm_checks $arg
			done
			OUT=$("$UK_RUN_QEMU" --accel "$ACCEL" --machine pc \
				--qemu-arg -cpu --qemu-arg max \
				--append "-- $arg" "$crash" 2>&1 </dev/null)
			STATUS=$?
			check paging/$arg/pc-1gib-pages kvm_checks $arg
		done
	else
		fail paging/kvm "test/apps/crash did not build for kvm"
	fi
else
	fail paging/kvm "support/scripts/run-qemu or QEMU missing"
fi

build_app test/apps/crash linuxu-x86_64; crash=$IMAGE
if [ -f "$crash" ]; then
	for arg in wtext xdata null stack; do
		run_linuxu "$crash" -- $arg
		check paging/$arg/linuxu linuxu_checks $arg
	done
else
	fail paging/linuxu "test/apps/crash did not build for linuxu"
fi
done_case
