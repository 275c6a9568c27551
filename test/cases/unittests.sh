#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# In-image unit tests (lib/uktest): test/apps/unittests runs every
# selected library's tests/ as a linuxu process (with and without nolibc,
# and under valgrind) and on QEMU pc and microvm. Each "uktest: PASS
# suite.case" / "uktest: FAIL suite.case: ..." line becomes one result
# here; the run must also end with uktest's summary and exit 0.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
if [ ! -d "$UK_ROOT/$app" ] || [ ! -d "$UK_ROOT/lib/uktest" ]; then
	fail uktest "lib/uktest or $app missing"
	done_case
fi

# results WHERE: one result per uktest line of $OUT, then the whole run.
results() { uktest_results "uktest/$1"; }

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE"
	results linuxu
	# A failing init stops the boot (lib/ukboot/tests/test_inittab.c):
	# one line naming it, the terms of the inits that ran in reverse,
	# no test run, status 125.
	run_linuxu "$IMAGE" ukboot.test_fail_init=1
	check ukboot/failed-init-stops-boot eval 'expect_status 125 &&
		expect_output "ukboot: init ukboot.t_fail failed: error -5" &&
		[ "$(grep "^ukboot-test: term " <<<"$OUT" | tr "\n" ,)" = "ukboot-test: term E,ukboot-test: term D,ukboot-test: term C," ] &&
		! grep -q "^uktest: " <<<"$OUT"'
	if command -v valgrind >/dev/null; then
		log "valgrind"
		OUT=$(valgrind --error-exitcode=99 "$IMAGE" 2>&1 </dev/null)
		STATUS=$?
		printf '%s\n' "$OUT"
		check uktest/linuxu-valgrind eval 'expect_output "ERROR SUMMARY: 0 errors" && expect_status 0'
	fi
else
	fail uktest/linuxu "$app linuxu-x86_64 did not build"
fi

if [ -f "$UK_ROOT/$app/defconfigs/linuxu-x86_64-nolibc" ]; then
	if BUILD_NAME=linuxu-nolibc build_app $app linuxu-x86_64-nolibc && [ -x "$IMAGE" ]; then
		run_linuxu "$IMAGE"
		results linuxu-nolibc
	else
		fail uktest/linuxu-nolibc "$app linuxu-x86_64-nolibc did not build"
	fi
fi

if have_qemu; then
	for m in pc microvm; do
		if BUILD_NAME=kvm-$m build_app $app kvm-x86_64-$m && [ -f "$IMAGE" ]; then
			run_qemu $m "$IMAGE" ""
			results $m
			[ $m = pc ] || continue
			# The boot map's page size: 2 MiB on the default CPU,
			# 1 GiB with -cpu max (pdpe1gb), as the case asserts when
			# told which to expect (paging.sh's -cpu max runs boot
			# the same map).
			run_qemu pc "$IMAGE" "uktest.filter=x86paging.boot_map_* ukplatcommon.test_gib=0"
			results pc-2mib-pages
			log "run-qemu --machine pc -cpu max: 1 GiB pages"
			OUT=$("$UK_RUN_QEMU" --accel "$ACCEL" --machine pc \
				--qemu-arg -cpu --qemu-arg max --timeout "$QEMU_TIMEOUT" \
				--append "uktest.filter=x86paging.boot_map_* ukplatcommon.test_gib=1" \
				"$IMAGE" 2>&1 </dev/null)
			STATUS=$?
			printf '%s\n' "$OUT"
			results pc-1gib-pages
			check uktest/pc-1gib-pages/case-ran expect_output \
				"uktest: PASS x86paging.boot_map_uses_1gib_pages_when_cpu_has_them"
		else
			fail uktest/$m "$app kvm-x86_64-$m did not build"
		fi
	done
else
	fail uktest/qemu "support/scripts/run-qemu or QEMU missing"
fi
done_case
