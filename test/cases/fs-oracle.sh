#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The file system oracle (test/apps/fs-oracle): the same program built
# with musl-gcc for the host, run on tmpfs, and with the kit (musl,
# vfscore, ramfs as /, devfs) for linuxu, QEMU pc and microvm, run on
# the root ramfs; each kit run's output must equal the host's line by
# line (nothing expected is written by hand). Two runs: the conformance
# sections the image has the calls for (the others are SKIPs that name
# what is missing), and the seeded random-operation exerciser. The
# helpers are test/apps/fs-oracle/oracle.sh, for other file systems'
# cases too.
. "$(dirname "$0")/../lib.sh"
. "$UK_ROOT/test/apps/fs-oracle/oracle.sh"

app=test/apps/fs-oracle
# Known gaps of the kit today, each a SKIP with its reason (remove a
# word when its gap closes; the case then compares that section too).
FS_ORACLE_NOT_YET=${FS_ORACLE_NOT_YET:-}

fs_oracle_host || done_case
if [ ! -d "$UK_ROOT/lib/vfscore" ]; then
	log "no lib/vfscore yet: kit runs left out"
	done_case
fi

# kit_runs WHERE: both runs of $IMAGE, by run_linuxu or run_qemu
kit_runs() {
	local where=$1
	FS_ORACLE_WHERE=$where fs_oracle_sections "$IMAGE"
	if [ "$where" = linuxu ]; then
		run_linuxu "$IMAGE" -- / $FS_ORACLE_SECTIONS
	else
		run_qemu "$where" "$IMAGE" "-- / $FS_ORACLE_SECTIONS"
	fi
	fs_oracle_compare "$where"
	check "fs-oracle/$where/status" expect_status 0
	if [ "$where" = linuxu ]; then
		run_linuxu "$IMAGE" -- / $FS_ORACLE_EXERCISE
	else
		run_qemu "$where" "$IMAGE" "-- / $FS_ORACLE_EXERCISE"
	fi
	fs_oracle_compare "$where" exercise
}

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 && [ -x "$IMAGE" ]; then
	kit_runs linuxu
else
	fail fs-oracle/linuxu "$app linuxu-x86_64 did not build"
fi
if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg && [ -f "$IMAGE" ]; then
			kit_runs $cfg
		else
			fail fs-oracle/$cfg "$app kvm-x86_64-$cfg did not build"
		fi
	done
fi
done_case
