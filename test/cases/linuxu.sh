#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# helloworld as a Linux process: greets, prints its arguments, passes its
# exit status through, and runs clean under valgrind's memcheck.
. "$(dirname "$0")/../lib.sh"

if ! build_app apps/helloworld linuxu-x86_64 || [ ! -x "$IMAGE" ]; then
	fail linuxu/build "helloworld linuxu-x86_64 did not build"
	done_case
fi

run_linuxu "$IMAGE"
check linuxu/hello eval 'expect_output "Hello, world!" && expect_status 0'

run_linuxu "$IMAGE" -- one "two words"
check linuxu/args eval 'expect_output "arg: one" && expect_output "arg: two words" && expect_status 0'

run_linuxu "$IMAGE" -- exit=7
check linuxu/exit-status expect_status 7

run_linuxu "$IMAGE" ukboot.trace=1 -- exit=0
check linuxu/library-parameter eval 'expect_output "Hello, world!" && expect_status 0 &&
	expect_output "ukboot: main() at " &&
	{ grep -qE "^ukboot: init [a-z]+ -?[0-9]+ [a-z0-9_]+\.[a-z0-9_]+ \(at [0-9]+\.[0-9]{3} us\) [0-9]+\.[0-9]{3} us" <<<"$OUT" ||
	  { UK_FAIL_REASON="no ukboot.trace line for an init"; false; }; }'

if command -v valgrind >/dev/null; then
	log "valgrind"
	OUT=$(valgrind --tool=memcheck --error-exitcode=1 --exit-on-first-error=no \
		"$IMAGE" -- exit=5 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	check linuxu/valgrind eval 'expect_output "ERROR SUMMARY: 0 errors" && expect_output "Hello, world!" && expect_status 5'
else
	fail linuxu/valgrind "valgrind is not installed: run support/scripts/setup"
fi
done_case
