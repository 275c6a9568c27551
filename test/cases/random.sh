#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Entropy (lib/ukrandom): its uktest cases and the method it announces at
# boot, on each path: linuxu with the host CPU (RDRAND when /proc/cpuinfo
# has it) and with ukrandom.nohw=1 (the ChaCha20 generator); QEMU pc with
# its default CPU (qemu64: no RDRAND/RDSEED, so timer jitter, said to be
# weak) and with -cpu max (RDRAND); microvm. The image must boot on all.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=ukrandom.*'

# results WHERE METHOD: every uktest line, a clean summary, and the
# boot's "ukrandom: using METHOD..." line.
results() {
	uktest_results "random/$1"
	want=$2	# (check's eval sees check's own $1, $2)
	check "random/$1/says-$2" eval \
		'grep -m1 "^ukrandom: using " <<<"$OUT" | grep -qF "using $want"'
}

host=ChaCha20
grep -qw rdrand /proc/cpuinfo && host=RDRAND
if BUILD_NAME=linuxu build_app $app linuxu-x86_64 CONFIG_LIBUKRANDOM=y && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	results linuxu $host
	run_linuxu "$IMAGE" "$filter" ukrandom.nohw=1
	results linuxu-nohw ChaCha20
else
	fail random/linuxu "$app linuxu-x86_64 with ukrandom did not build"
fi

if have_qemu; then
	if BUILD_NAME=kvm-pc build_app $app kvm-x86_64-pc CONFIG_LIBUKRANDOM=y && [ -f "$IMAGE" ]; then
		run_qemu pc "$IMAGE" "$filter"
		results pc-qemu64 "ChaCha20 seeded from timer jitter (weak"
		log "run-qemu -cpu max"
		OUT=$("$UK_RUN_QEMU" --machine pc --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
			--qemu-arg -cpu --qemu-arg max --append "$filter" "$IMAGE" 2>&1 </dev/null)
		STATUS=$?
		printf '%s\n' "$OUT"
		results pc-cpu-max RDRAND
	else
		fail random/pc "$app kvm-x86_64-pc with ukrandom did not build"
	fi
	if BUILD_NAME=kvm-microvm build_app $app kvm-x86_64-microvm CONFIG_LIBUKRANDOM=y && [ -f "$IMAGE" ]; then
		run_qemu microvm "$IMAGE" "$filter"
		results microvm ChaCha20
	else
		fail random/microvm "$app kvm-x86_64-microvm with ukrandom did not build"
	fi
fi
done_case
