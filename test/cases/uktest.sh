#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# uktest reports failure (issue 9 items 8, 9; issue 8 item 2): an image
# with uktest's negative self-test (CONFIG_LIBUKTEST_SELFTEST_FAILS: every
# check macro, EXPECT and ASSERT, failing once on purpose) must print a
# FAIL line with the exact values for each, no PASS line for them, end an
# ASSERT's case at the failed check, count a SKIP apart with its reason,
# and exit non-zero; with CONFIG_LIBUKTEST_POWEROFF off too (main() runs,
# the image still cannot end with 0). The positive controls: the same
# images, filtered to cases that pass, exit 0.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=uktest_fails.*'

# check<TAB>text its FAIL line must contain; test_fails.c has an
# expect_<check> and an assert_<check> case for each.
expected=$(cat <<'EOF'
bool	expected true: one == two
int_eq	expected 2, got -1 [minus1 == two]
int_ne	expected != 2, got 2 [two != two]
int_lt	expected < -1, got 2 [two < minus1]
int_le	expected <= 1, got 2 [two <= one]
int_gt	expected > 2, got 1 [one > two]
int_ge	expected >= 1, got -1 [minus1 >= one]
uint_eq	expected 2, got 300 (0x12c) [big == two]
uint_ne	expected != 300 (0x12c), got 300 (0x12c) [big != big]
uint_lt	expected < 2, got 300 (0x12c) [big < two]
uint_le	expected <= 2, got 300 (0x12c) [big <= two]
uint_gt	expected > 300 (0x12c), got 2 [two > big]
uint_ge	expected >= 300 (0x12c), got 2 [two >= big]
ptr_eq	, got NULL [nullp == &one]
ptr_ne	expected != NULL, got NULL [nullp != nullp]
null	expected NULL, got 0x
not_null	expected != NULL, got NULL [nullp != 
str_eq	expected "ab\"c", got "abd" [abd == "ab\"c"]
str_eq_null	expected "abd", got NULL [nullp == abd]
str_ne	expected != "abd", got "abd" [abd != "abd"]
mem_eq	bytes differ at offset 2 of 3: expected 0x4, got 0x3 [m3 == m4]
EOF
)

# selftest_ok: $OUT is the self-test's run (uktest_fails.* only).
selftest_ok() {
	local check name text line bad=0 n
	OUT=${OUT//$'\r'/}	# the serial console's line ends
	while IFS=$'\t' read -r check text; do
		for name in expect_$check assert_$check; do
			line=$(grep -F "uktest: FAIL uktest_fails.$name: " <<<"$OUT")
			n=$(grep -c . <<<"$line")
			if [ "$n" != 1 ]; then
				log "$name: $n FAIL lines, expected 1"; bad=1
			elif ! grep -qF -- "$text" <<<"$line"; then
				log "$name: FAIL line lacks '$text': $line"; bad=1
			fi
		done
	done <<<"$expected"
	n=$(grep -c '^uktest: FAIL uktest_fails\.expect_goes_on: ' <<<"$OUT")
	[ "$n" = 2 ] || { log "expect_goes_on: $n FAIL lines, expected 2"; bad=1; }
	if grep -q 'went on' <<<"$OUT"; then
		log "a failed ASSERT or a SKIP did not end its case"; bad=1
	fi
	if grep -E '^uktest: PASS ' <<<"$OUT" | grep -qvx 'uktest: PASS uktest_fails.control_passes'; then
		log "a failing case printed PASS"; bad=1
	fi
	grep -qx 'uktest: SKIP uktest_fails.control_skips: a skipped case names its reason' <<<"$OUT" ||
		{ log "no SKIP line with its reason"; bad=1; }
	{ grep -q '^uktest: FAIL uktest_fails.control_fails_then_skips: ' <<<"$OUT" &&
	  ! grep -q '^uktest: SKIP uktest_fails.control_fails_then_skips' <<<"$OUT"; } ||
		{ log "a case that failed, then skipped, is not counted failed"; bad=1; }
	line=$(grep '^uktest: FAIL uktest_fails.long_report_is_cut: ' <<<"$OUT")
	if [ "${#line}" != 200 ] || [ "${line: -3}" != ... ]; then
		log "the long report is not cut to 200 bytes ending in '...': $line"; bad=1
	fi
	n=$(( 2 * $(grep -c . <<<"$expected") + 3 ))
	grep -qx "uktest: 1 passed, $n failed, 2 skipped" <<<"$OUT" ||
		{ log "the summary is not '1 passed, $n failed, 2 skipped'"; bad=1; }
	# Cases run in source order within a file: the FAIL lines' line
	# numbers never go down.
	if ! grep -o '^uktest: FAIL uktest_fails\.[a-z_]*: uktest/tests/test_fails.c:[0-9]*' <<<"$OUT" |
	     sed 's/.*://' | sort -nc 2>/dev/null; then
		log "the cases of test_fails.c did not run in source order"; bad=1
	fi
	[ $bad = 0 ] || UK_FAIL_REASON="the self-test's report is wrong (see the log)"
	return $bad
}

# nonzero: the last run ended with uktest's failure status, 1.
nonzero() {
	[ "$STATUS" = 1 ] || { UK_FAIL_REASON="exit status $STATUS, expected 1"; return 1; }
}

if BUILD_NAME=poweroff build_app $app linuxu-x86_64-nolibc CONFIG_LIBUKTEST_SELFTEST_FAILS=y; then
	run_linuxu "$IMAGE" "$filter"
	check uktest/selftest/every-check-fails selftest_ok
	check uktest/selftest/exit-nonzero nonzero
	run_linuxu "$IMAGE" uktest.filter='uktest.*,uktest_fails.control_passes'
	check uktest/selftest/control-passes eval \
		'expect_status 0 && expect_output "uktest: 7 passed, 0 failed, 0 skipped"'
	# Files run in link order: test_uktest.c's cases, then test_fails.c's.
	check uktest/selftest/files-in-link-order eval \
		'[ "$(grep "^uktest: PASS " <<<"$OUT" | tail -n 1)" = "uktest: PASS uktest_fails.control_passes" ] &&
		 [ "$(grep -c "^uktest: PASS uktest\." <<<"$OUT")" = 6 ]'
	# A case that crashes ends the image (status 125, no summary); the
	# case before it has printed its line.
	run_linuxu "$IMAGE" uktest.filter='uktest_fails.control_passes,uktest_fails.crash_*' \
		uktest.test_crash=1
	check uktest/selftest/crash-ends-the-image eval 'expect_status 125 &&
		expect_output "uktest: PASS uktest_fails.control_passes" &&
		expect_output "a case crashes on purpose" &&
		! grep -qE "^uktest: [0-9]+ passed" <<<"$OUT"'
	run_linuxu "$IMAGE" uktest.filter=uktest_fails.control_skips
	check uktest/selftest/skip-alone-exits-0 eval \
		'expect_status 0 && expect_output "uktest: 0 passed, 0 failed, 1 skipped"'
else
	fail uktest/selftest/build "$app linuxu-x86_64-nolibc with the self-test did not build"
fi

# Poweroff off: main() runs after failed tests, and the image still ends
# with status 1 (main returns 0); with all passing, main's 0 stands.
if BUILD_NAME=no-poweroff build_app $app linuxu-x86_64-nolibc \
	CONFIG_LIBUKTEST_SELFTEST_FAILS=y CONFIG_LIBUKTEST_POWEROFF=n; then
	run_linuxu "$IMAGE" "$filter"
	check uktest/no-poweroff/main-runs expect_output "unittests: main() reached after the tests"
	check uktest/no-poweroff/every-check-fails selftest_ok
	check uktest/no-poweroff/exit-nonzero nonzero
	run_linuxu "$IMAGE" uktest.filter=nomatch
	check uktest/no-poweroff/no-match-exits-nonzero nonzero
	run_linuxu "$IMAGE" uktest.filter='uktest.*'
	check uktest/no-poweroff/control-passes eval \
		'expect_status 0 && expect_output "unittests: main() reached after the tests"'
else
	fail uktest/no-poweroff/build "$app linuxu-x86_64-nolibc without poweroff did not build"
fi

# The same on QEMU pc (the kvm platform's exit path).
if have_qemu; then
	if BUILD_NAME=pc-no-poweroff build_app $app kvm-x86_64-pc \
		CONFIG_LIBUKTEST_SELFTEST_FAILS=y CONFIG_LIBUKTEST_POWEROFF=n; then
		run_qemu pc "$IMAGE" "$filter"
		check uktest/pc-no-poweroff/every-check-fails selftest_ok
		check uktest/pc-no-poweroff/exit-nonzero nonzero
	else
		fail uktest/pc-no-poweroff/build "$app kvm-x86_64-pc without poweroff did not build"
	fi
else
	skip uktest/pc-no-poweroff "support/scripts/run-qemu or QEMU missing"
fi
done_case
