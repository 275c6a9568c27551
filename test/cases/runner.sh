#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Running images: what run-qemu, make run, make debug and test/run tell
# the user.
#   status/<machine>/<N>   run-qemu returns the app's exact status N
#                          (0..255) on pc, q35 and microvm; --status-file
#                          says "exit N"
#   status/crash           a crash: 125, "crash" in the status file and a
#                          message; status/app-125 is an app's 125, not one
#   status/timeout, status/qemu-fails   124 and 127 with their words
#   mem/too-small          make run MEM=1M: one line, QEMU not started
#   args/kvm, args/linuxu  make run ARGS='-- "a b" c $HOME `id` ...': the
#                          app's argv is exactly those words
#   debug/kvm, debug/linuxu  make debug driven by gdb in batch mode: break
#                          at main, continue, backtrace naming main, a
#                          register, continue to the exit status
#   test-run/nomatch, test-run/plural  test/run's messages
#   image/junk-refused, image/bzimage-accepted  what run-qemu boots
. "$(dirname "$0")/../lib.sh"

if ! have_qemu; then
	fail runner "support/scripts/run-qemu or QEMU missing"
	done_case
fi

build_app apps/helloworld kvm-x86_64-pc; pc=$IMAGE
pc_o=$O pc_cfg=$CFG
build_app apps/helloworld kvm-x86_64-microvm; microvm=$IMAGE
build_app apps/helloworld linuxu-x86_64; linuxu=$IMAGE
linuxu_o=$O linuxu_cfg=$CFG
build_app test/apps/crash kvm-x86_64-pc; crash=$IMAGE

st=$UK_TEST_DIR/status
# boot MACHINE IMAGE ARGS [RUN-QEMU OPTIONS]: run-qemu with a status file.
boot() {
	local m=$1 img=$2 args=$3; shift 3
	rm -f "$st"
	log "run-qemu --machine $m --status-file $st $* --append \"$args\" $img"
	OUT=$("$UK_RUN_QEMU" --machine "$m" --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
		--status-file "$st" "$@" --append "$args" "$img" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	log "status $STATUS, status file: $(cat "$st" 2>/dev/null)"
}
# run_make SECS ARGS...: make in $APP/$O/$CFG, killed after SECS; sets
# OUT and STATUS.
run_make() {
	local secs=$1; shift
	log "make A=$APP O=$O C=$CFG $*"
	OUT=$(timeout "$secs" make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O" \
		C="$CFG" "$@" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
}
said() {
	[ "$(cat "$st" 2>/dev/null)" = "$1" ] && return 0
	UK_FAIL_REASON="status file says '$(cat "$st" 2>/dev/null)', expected '$1'"
	return 1
}

for m in pc q35 microvm; do
	img=$pc
	[ $m = microvm ] && img=$microvm
	for n in 0 1 7 127 128 200 255; do
		boot $m "$img" "-- exit=$n"
		check status/$m/$n eval 'expect_output "arg: exit=$n" && expect_status $n && said "exit $n"'
	done
done

boot pc "$crash" "-- pf"
check status/crash eval 'expect_output "CRASH: #PF" && expect_status 125 && said crash &&
	expect_output "run-qemu: the guest crashed"'
boot pc "$pc" "-- exit=125"
check status/app-125 eval 'expect_status 125 && said "exit 125" && ! grep -q "crashed" <<<"$OUT"'
# Never let the guest run (-S: QEMU starts paused): a timeout.
boot pc "$pc" "" --timeout 1 --qemu-arg -S
check status/timeout eval 'expect_status 124 && said timeout && expect_output "run-qemu: timeout"'
boot pc "$pc" "" --qemu-arg -no-such-option
check status/qemu-fails eval 'expect_status 127 && said qemu-failed && expect_output "run-qemu: QEMU failed"'

# MEM=1M cannot hold the image (it loads at 1 MiB): refused in one line.
APP=$UK_ROOT/apps/helloworld O=$pc_o CFG=$pc_cfg
run_make 60 run MEM=1M
check mem/too-small eval '[ $STATUS != 0 ] &&
	[ "$(grep -c "^run-qemu: " <<<"$OUT")" = 1 ] &&
	expect_output "run-qemu: --mem 1M is too small: the image loads at 1 MiB" &&
	! grep -q "Hello" <<<"$OUT"'

# run-qemu takes ELF images and Linux bzImages (bench/'s Linux VM peer),
# and refuses anything else in one line.
junk=$UK_TEST_DIR/junk.img
head -c 4096 /dev/zero > "$junk"
OUT=$("$UK_ROOT/support/scripts/run-qemu" --dry-run "$junk" 2>&1); STATUS=$?
check image/junk-refused eval '[ $STATUS = 2 ] &&
	[ "$OUT" = "run-qemu: not an ELF image or a Linux bzImage: $junk" ]'
bz=$UK_TEST_DIR/bz.img
{ head -c 514 /dev/zero; printf 'HdrS'; head -c 4096 /dev/zero; } > "$bz"
OUT=$("$UK_ROOT/support/scripts/run-qemu" --dry-run "$bz" 2>&1); STATUS=$?
check image/bzimage-accepted eval '[ $STATUS = 0 ] && grep -q -- "-kernel $bz" <<<"$OUT"'

# Under TCG the machine has room for a second vCPU (QEMU < 8.1 drops the
# guest's memory barriers otherwise: lost virtio interrupts), unless the
# caller chose its own -smp; never under KVM.
OUT=$("$UK_ROOT/support/scripts/run-qemu" --dry-run --accel tcg "$bz" 2>&1)
check qemu/tcg-keeps-barriers eval 'grep -q -- "-smp 1.,maxcpus=2" <<<"$OUT"'
OUT=$("$UK_ROOT/support/scripts/run-qemu" --dry-run --accel tcg --qemu-arg -smp --qemu-arg 1 "$bz" 2>&1)
check qemu/tcg-own-smp-kept eval '! grep -q -- "maxcpus" <<<"$OUT" && grep -q -- "-smp 1" <<<"$OUT"'
OUT=$("$UK_ROOT/support/scripts/run-qemu" --dry-run --accel kvm "$bz" 2>&1)
check qemu/kvm-no-smp eval '! grep -q -- "-smp" <<<"$OUT"'

# ARGS reaches the app as the kernel command line, unchanged.
args='-- "a b" c $HOME `id` "x\"y" $(id)'
want=$(printf '  arg: %s\n' "a b" c '$HOME' '`id`' 'x"y' '$(id)')
args_ok() {
	local got; got=$(tr -d '\r' <<<"$OUT" | grep '^  arg: ')
	[ "$got" = "$want" ] && return 0
	UK_FAIL_REASON="argv was: $(tr '\n' '|' <<<"$got")"
	return 1
}
run_make 120 run ACCEL="$ACCEL" ARGS="$args"
check args/kvm eval 'expect_status 0 && args_ok'
APP=$UK_ROOT/apps/helloworld O=$linuxu_o CFG=$linuxu_cfg
run_make 60 run ARGS="$args"
check args/linuxu eval 'expect_status 0 && args_ok'

# make debug, driven by gdb in batch mode.
if command -v gdb >/dev/null; then
	cmds=$UK_TEST_DIR/debug.gdb
	printf '%s\n' continue bt 'info registers rip' continue > "$cmds"
	debug_ok() {
		expect_output "Breakpoint 1, main (argc=2" &&
		grep -q '^#0  main (argc=2' <<<"$OUT" &&
		grep -Eq '^rip +0x[0-9a-f]+ +0x[0-9a-f]+ <main' <<<"$OUT" &&
		expect_output "Hello, world!"
	}
	APP=$UK_ROOT/apps/helloworld O=$pc_o CFG=$pc_cfg
	run_make 120 debug \
		ACCEL="$ACCEL" ARGS="-- exit=3" GDB_ARGS="-batch -x $cmds"
	check debug/kvm eval 'debug_ok && expect_output "The target architecture is set to \"i386:x86-64\"" &&
		expect_output "Error 3"'
	APP=$UK_ROOT/apps/helloworld O=$linuxu_o CFG=$linuxu_cfg
	printf '%s\n' 'break main' run bt 'info registers rip' continue > "$cmds"
	run_make 120 debug \
		ARGS="-- exit=3" GDB_ARGS="-batch -x $cmds"
	check debug/linuxu eval 'debug_ok && expect_output "exited with code 03"'
else
	fail debug "gdb not found: run support/scripts/setup"
fi

# test/run: a pattern that matches nothing says so; counts read right.
OUT=$(UK_TEST_BUILD=$UK_TEST_DIR/tr "$UK_ROOT/test/run" nomatch-xyz 2>&1); STATUS=$?
printf '%s\n' "$OUT"
check test-run/nomatch eval 'expect_status 1 &&
	expect_output "test/run: no case name contains '"'nomatch-xyz'"' (test/run -l lists the cases)"'
# A tree with one case of its own, to read test/run's summary.
tree=$UK_TEST_DIR/tree
mkdir -p "$tree/test/cases"
cp "$UK_ROOT/test/run" "$tree/test/run"
printf '%s\n' 'echo "PASS: only"' > "$tree/test/cases/only.sh"
OUT=$(UK_TEST_BUILD=$tree/build "$tree/test/run" 2>&1); STATUS=$?
printf '%s\n' "$OUT"
check test-run/plural eval 'expect_status 0 && grep -q "^1 case in " <<<"$OUT" &&
	expect_output "1 passed, 0 failed"'
done_case
