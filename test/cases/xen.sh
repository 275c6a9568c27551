#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# plat/xen under the real Xen hypervisor: Debian's Xen 4.17 booted by
# QEMU (TCG) with the image as the PVH hardware domain (run-qemu
# --machine xen). helloworld by `make run` (greeting, status 0), and
# with musl (arguments after --); the
# guest's status through Xen (a bad parameter: 2; a write to .text: a
# W^X crash report and 125); the core libraries' uktest cases
# (test/apps/unittests, with uktime and plat/xen's own: event channels,
# grant tables, pvclock; x86paging: the page tables as on kvm); the
# threads suite under both schedulers.
. "$(dirname "$0")/../lib.sh"

if ! have_qemu; then
	fail xen "support/scripts/run-qemu or QEMU missing"
	done_case
fi
if [ ! -f /boot/xen-4.17-amd64.gz ] && [ -z "${XEN:-}" ]; then
	fail xen "no Xen: /boot/xen-4.17-amd64.gz missing (support/scripts/setup installs xen-hypervisor-4.17-amd64)"
	done_case
fi

# results WHERE PATTERN MIN: one result per uktest line of $OUT (every
# call takes all suites: PATTERN is '*'), then the run as a whole (at
# least MIN cases, the summary, the status agreeing): test/lib.sh.
results() { uktest_results "xen/$1" "$3"; }

# helloworld, by `make run` as a user would.
if build_app apps/helloworld xen-x86_64 && [ -f "$IMAGE" ]; then
	log "make run"
	OUT=$(timeout "$QEMU_TIMEOUT" make --no-print-directory -C "$UK_ROOT" \
		A="$APP" O="$O" C="$CFG" ACCEL="$ACCEL" run 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	check xen/helloworld-make-run eval 'expect_output "Hello, world!" && expect_status 0'
	check xen/helloworld-under-xen eval 'expect_output "(XEN) Xen version 4.17" &&
		expect_output "(XEN) WARNING: PVH is an experimental mode"'
	run_qemu xen "$IMAGE" "nosuchlib.param=1"
	check xen/status-bad-parameter eval \
		'expect_output "unknown parameter '"'"'nosuchlib.param=1'"'"'" && expect_status 2'
else
	fail xen/helloworld "apps/helloworld xen-x86_64 did not build"
fi

# helloworld with musl (the libc above the platform, unchanged on Xen).
if BUILD_NAME=helloworld-musl build_app apps/helloworld xen-x86_64-musl && [ -f "$IMAGE" ]; then
	run_qemu xen "$IMAGE" "-- a b"
	check xen/helloworld-musl eval 'expect_output "Hello, world!" &&
		expect_output "arg: b" && expect_status 0'
else
	fail xen/helloworld-musl "apps/helloworld xen-x86_64-musl did not build"
fi

# The page tables' W^X under Xen, and the crash status.
if build_app test/apps/crash xen-x86_64 && [ -f "$IMAGE" ]; then
	run_qemu xen "$IMAGE" "-- wtext"
	check xen/crash-wtext eval 'expect_output "CRASH: #PF page fault" &&
		expect_output "(protection violation, write, kernel)" &&
		expect_output "cr2 is in .text (read-only, executable)" &&
		expect_output "Backtrace:" && expect_status 125'
else
	fail xen/crash "test/apps/crash xen-x86_64 did not build"
fi

if BUILD_NAME=unittests build_app test/apps/unittests xen-x86_64 CONFIG_LIBUKTIME=y &&
   [ -f "$IMAGE" ]; then
	t0=$(date +%s)
	run_qemu xen "$IMAGE" ""
	t1=$(date +%s)
	results unittests '*' 40
	for s in xenevtchn xengnttab xentime x86paging uktime; do
		check xen/unittests/suite-$s expect_output "uktest: PASS $s."
	done
	# Xen's wall clock against the host's, over the whole run (the
	# boot's length under load varies too much for uktime's +-5 s).
	wall=$(sed -n 's/^uktime: wall clock \([0-9]*\) s.*/\1/p' <<<"$OUT")
	UK_FAIL_REASON="wall clock '${wall:-none}' s outside the run [$t0, $t1] +- 2 s"
	check xen/wallclock-is-hosts eval '[ -n "$wall" ] && [ "$wall" -ge $((t0 - 2)) ] &&
		[ "$wall" -le $((t1 + 2)) ]'
else
	fail xen/unittests "test/apps/unittests xen-x86_64 did not build"
fi

for s in coop preempt; do
	if BUILD_NAME=threads-$s build_app test/apps/threads xen-$s && [ -f "$IMAGE" ]; then
		run_qemu xen "$IMAGE" ""
		results threads-$s '*' 40
	else
		fail xen/threads-$s "test/apps/threads xen-$s did not build"
	fi
done
done_case
