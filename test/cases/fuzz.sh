#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The shared fuzz runner (support/scripts/fuzz): every parser's harness
# (*/fuzz/*.c) as a regression run (--regress: the harness's fixed
# number of inputs from seed 1, the same inputs on every machine, so a
# target passing here passes in CI; UK_FUZZ_TIME=SEC fuzzes for a time
# instead, and `make fuzz` explores for 300 s), each one result
# fuzz/<target>: it fails when the harness crashes, leaks, hangs or
# breaks a promise it checks (fuzz/regress-repeats: two regression runs
# print the same line). And the runner
# itself: a deliberately broken harness (test/fuzz-selftest) must be
# reported as FAILED with a saved input that reproduces the crash, and an
# unknown target is one line and status 2.
. "$(dirname "$0")/../lib.sh"

fuzz=$UK_ROOT/support/scripts/fuzz
mode=(--regress)
[ -z "${UK_FUZZ_TIME:-}" ] || mode=(--time "$UK_FUZZ_TIME")

if ! command -v clang >/dev/null; then
	fail fuzz/clang "clang missing (Debian clang, libclang-rt-14-dev): run support/scripts/setup"
	done_case
fi

for t in $("$fuzz" --list); do
	log "fuzz $t ${mode[*]}"
	line=$("$fuzz" "${mode[@]}" --out "$UK_TEST_DIR" "$t" 2>&1)
	echo "$line"
	case "$line" in
	"fuzz: $t: ok: "*) pass "fuzz/$t" ;;
	*) fail "fuzz/$t" "${line#fuzz: $t: }" ;;
	esac
done

# --regress tries the same inputs each time: two runs, the same line
# (with address randomisation on, the inputs kept differed: 179 and 183).
one=$("$fuzz" --regress --out "$UK_TEST_DIR/again" httpreply-parse 2>&1)
two=$("$fuzz" --regress --out "$UK_TEST_DIR/again" httpreply-parse 2>&1)
echo "$one"; echo "$two"
check fuzz/regress-repeats eval '[ "$one" = "$two" ] && [[ "$one" = *" ok: "* ]] || { UK_FAIL_REASON="two --regress runs: '\''$one'\'' then '\''$two'\''"; false; }'

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
