#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# ukdebug's printk level really compiles messages out: uksched's
# uk_pr_warn("uksched.policy=%s is not built in: using %s\n", ...) is in
# the threads image at the default level (warnings) and absent, format
# string and all, when the menu keeps errors only. The warning also
# prints at run time when it is compiled in.
. "$(dirname "$0")/../lib.sh"

APP=test/apps/threads
WARN='is not built in: using'

if BUILD_NAME=warn build_app $APP linuxu-coop CONFIG_LIBUKDEBUG_PRINTK_WARN=y; then
	check printk/warn-level-keeps-warning grep -q -a "$WARN" "$IMAGE"
	run_linuxu "$IMAGE" uksched.policy=nosuch
	check printk/warn-level-prints-warning expect_output "[warn] uksched: uksched.policy=nosuch $WARN"
else
	fail printk/warn-level-build "threads linuxu-coop did not build"
fi

if BUILD_NAME=err build_app $APP linuxu-coop CONFIG_LIBUKDEBUG_PRINTK_ERR=y; then
	check printk/err-level-drops-warning eval '! grep -q -a "$WARN" "$IMAGE"'
	# The same run as at warn level (the fallback still happens, the
	# tests pass), minus the warning...
	run_linuxu "$IMAGE" uksched.policy=nosuch
	check printk/err-level-prints-nothing eval '! grep -q "$WARN" <<<"$OUT" &&
		expect_output "uktest: PASS uksched.create_join_returns_value" && expect_status 0'
	# ...and an error still prints at this level (the positive control).
	run_linuxu "$IMAGE" ukalloc.backend=nosuch
	check printk/err-level-prints-errors eval \
		'expect_output "[err] ukalloc: no allocator named '"'nosuch'"'" && expect_status 125'
else
	fail printk/err-level-build "threads linuxu-coop with errors only did not build"
fi
done_case
