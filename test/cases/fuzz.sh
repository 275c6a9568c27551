#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The shared fuzz runner (support/scripts/fuzz): every parser's harness
# (*/fuzz/*.c) for $UK_FUZZ_TIME seconds (default 10; `make fuzz` runs
# longer), each one result fuzz/<target>: it fails when the harness
# crashes, leaks, hangs or breaks a promise it checks. And the runner
# itself: a deliberately broken harness (test/fuzz-selftest) must be
# reported as FAILED with a saved input that reproduces the crash, and an
# unknown target is one line and status 2.
. "$(dirname "$0")/../lib.sh"

fuzz=$UK_ROOT/support/scripts/fuzz
time=${UK_FUZZ_TIME:-10}

if ! command -v clang >/dev/null; then
	fail fuzz/clang "clang missing (Debian clang, libclang-rt-14-dev): run support/scripts/setup"
	done_case
fi

for t in $("$fuzz" --list); do
	log "fuzz $t for $time s"
	line=$("$fuzz" --time "$time" --out "$UK_TEST_DIR" "$t" 2>&1)
	echo "$line"
	case "$line" in
	"fuzz: $t: ok: "*) pass "fuzz/$t" ;;
	*) fail "fuzz/$t" "${line#fuzz: $t: }" ;;
	esac
done

line=$("$fuzz" --time 5 --out "$UK_TEST_DIR" "$UK_ROOT/test/fuzz-selftest/fuzz/crash.c" 2>&1)
rc=$?
echo "$line"
art=$(ls "$UK_TEST_DIR"/fuzz-selftest-crash/crash-* 2>/dev/null | head -n 1)
check fuzz/finds-a-planted-bug eval '[ $rc = 1 ] && grep -q "FAILED: ERROR: AddressSanitizer: heap-buffer-overflow" <<<"$line" && [ -n "$art" ]'
check fuzz/saved-input-reproduces eval '[ -n "$art" ] && head -c 4 "$art" | grep -qx "BUG!" && ! "$UK_TEST_DIR"/fuzz-selftest-crash/fuzzer "$art" >/dev/null 2>&1'

line=$("$fuzz" no-such-target 2>&1)
rc=$?
echo "$line"
check fuzz/unknown-target eval '[ $rc = 2 ] && [ "$line" = "fuzz: no fuzz target '\''no-such-target'\'' (--list names them)" ]'
done_case
