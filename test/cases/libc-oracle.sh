#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The libc oracle (test/apps/libc-oracle): the same program built with
# musl-gcc for the host and with the kit (musl on the syscall shim) for
# linuxu, QEMU pc and microvm; each kit run's output must equal the
# host's line by line (the host is the oracle: nothing expected is
# written by hand), with the same argv and environment, and the same
# exit status (3). "abort" mode must end with 128 + SIGABRT = 134 on
# every one (run-qemu passes the guest's exact status), and on the kit
# with the fatal-signal report. An image
# without a clone provider (posix-process's, with uksched) runs with
# ORACLE_NOTHREADS, and so does its host oracle: the pthread section is
# then left out on both, and the case says so.
. "$(dirname "$0")/../lib.sh"

app=test/apps/libc-oracle
src=$UK_ROOT/$app
args=(one "two words" 3)
host=$UK_TEST_DIR/oracle-host

# compare WHERE HOSTFILE: $OUT against the host's output and status.
compare() { oracle_compare "libc-oracle/$1" "$2" "$host_status"; }

if ! command -v musl-gcc >/dev/null; then
	fail libc-oracle/host "musl-gcc missing (Debian musl-tools: run support/scripts/setup)"
	done_case
fi
log "musl-gcc -static $src/*.c"
if ! musl-gcc -static -O2 -Wall -Wextra -Werror -o "$host" "$src"/*.c; then
	fail libc-oracle/host-build "musl-gcc could not build $app"
	done_case
fi
pass libc-oracle/host-build
# host_run NAME ENV...: the oracle on the host into $UK_TEST_DIR/NAME.
host_run() {
	hostout=$1; shift
	log "host run $hostout"
	OUT=$(cd "$UK_TEST_DIR" && std_fds_only env -i ORACLE_A=1 "ORACLE_B=x y" "$@" timeout 60 "$host" "${args[@]}" 2>&1 </dev/null)
	host_status=$?
	printf '%s\n' "$OUT"
	oracle_lines <<<"$OUT" >"$UK_TEST_DIR/$hostout"
	check "libc-oracle/${hostout%.out}-complete" eval \
		'grep -qx "oracle: end" "$UK_TEST_DIR/$hostout" && [ "$host_status" = 3 ] && ! grep -q ": NO$" "$UK_TEST_DIR/$hostout"'
}
host_run host.out
host_run host-nothreads.out ORACLE_NOTHREADS=1
OUT=$(std_fds_only timeout 60 "$host" abort 2>&1 </dev/null)
STATUS=$?
printf '%s\n' "$OUT"
check libc-oracle/host-abort expect_status 134

if [ ! -f "$src/defconfigs/linuxu-x86_64" ]; then
	# The kit runs need lib/musl, the syscall shim and the POSIX
	# layers (issue 10); the app's defconfigs arrive with them. Until
	# then this case checks the host oracle only.
	log "no $app/defconfigs/linuxu-x86_64 yet: kit runs skipped"
	done_case
fi

# threads_env: ORACLE_NOTHREADS unless $IMAGE provides clone; sets
# env_words (kernel command line) and hostfile.
threads_env() {
	if nm "$IMAGE.dbg" 2>/dev/null | grep -q ' uk_syscall_e_clone$'; then
		env_words= hostfile=host.out
	else
		log "$IMAGE has no clone: pthread section left out"
		env_words=env.ORACLE_NOTHREADS=1 hostfile=host-nothreads.out
	fi
}

kit_abort() {
	local where=$1
	check "libc-oracle/$where/abort-status" expect_status 134
	check "libc-oracle/$where/abort-report" \
		expect_output "posix_signal: fatal signal 6 (SIGABRT) in thread 1: exiting with status 134"
}

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 && [ -x "$IMAGE" ]; then
	threads_env
	run_linuxu "$IMAGE" env.ORACLE_A=1 "env.ORACLE_B=x y" $env_words -- "${args[@]}"
	compare linuxu $hostfile
	run_linuxu "$IMAGE" -- abort
	kit_abort linuxu
else
	fail libc-oracle/linuxu "$app linuxu-x86_64 did not build"
fi

if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg && [ -f "$IMAGE" ]; then
			threads_env
			run_qemu $cfg "$IMAGE" "env.ORACLE_A=1 env.ORACLE_B=\"x y\" $env_words -- one \"two words\" 3"
			compare $cfg $hostfile
			run_qemu $cfg "$IMAGE" '-- abort'
			kit_abort $cfg
		else
			fail libc-oracle/$cfg "$app kvm-x86_64-$cfg did not build"
		fi
	done
fi
done_case
