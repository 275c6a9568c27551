#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# valgrind on threaded linuxu images (issue 8 item 4): test/apps/threads
# on linuxu, cooperative and preemptive, built with
# CONFIG_LIBUKSCHED_VALGRIND=y (uksched registers every thread stack with
# valgrind's client requests), runs under memcheck with all its unit
# tests passing and zero errors. All but the cases that measure wake-up
# lateness or count timer ticks in wall-clock time (*accuracy*,
# preempt_timer_wake*: valgrind runs the image 20-50
# times slower, by design), chosen with uktest.filter from the names a
# native run prints. The control: the same cooperative image
# without the option gives valgrind errors ("client switching stacks?",
# invalid accesses), so a zero here means the registration works.
. "$(dirname "$0")/../lib.sh"

if ! command -v valgrind >/dev/null; then
	fail valgrind-threads "valgrind is not installed (support/scripts/setup installs it)"
	done_case
fi

# vg: run $IMAGE under memcheck; OUT, STATUS, ERRS (the error count).
vg() {
	local cases
	cases=$(timeout 60 "$IMAGE" </dev/null 2>&1 |
		sed -n 's/^uktest: PASS \([^ ]*\).*/\1/p' | grep -vE 'accuracy|preempt_timer_wake' |
		paste -sd, -)
	log "valgrind $IMAGE uktest.filter=$cases"
	OUT=$(timeout 300 valgrind --tool=memcheck --error-exitcode=99 \
		"$IMAGE" "uktest.filter=$cases" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT" | grep -v "uktest: PASS"
	ERRS=$(sed -n 's/.*ERROR SUMMARY: \([0-9]*\) errors.*/\1/p' <<<"$OUT")
	log "status $STATUS, ${ERRS:-no} errors"
}

clean() {
	UK_FAIL_REASON="status $STATUS, ${ERRS:-no} valgrind errors"
	[ "$ERRS" = 0 ] && [ "$STATUS" = 0 ] && expect_output "uktest: " &&
		expect_output " 0 failed"
}

for policy in coop preempt; do
	if BUILD_NAME=$policy build_app test/apps/threads linuxu-$policy \
			CONFIG_LIBUKSCHED_VALGRIND=y; then
		vg
		check valgrind-threads/$policy-clean clean
	else
		fail valgrind-threads/$policy-clean "test/apps/threads linuxu-$policy with CONFIG_LIBUKSCHED_VALGRIND=y did not build"
	fi
done

if BUILD_NAME=control build_app test/apps/threads linuxu-coop; then
	vg
	UK_FAIL_REASON="without the stack registration valgrind reported ${ERRS:-no} errors (expected many)"
	check valgrind-threads/control-without-option-has-errors \
		test "${ERRS:-0}" -gt 100
else
	fail valgrind-threads/control-without-option-has-errors "test/apps/threads linuxu-coop did not build"
fi
done_case
