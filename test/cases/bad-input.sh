#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Bad input gets one clear line and loses nothing: an unknown make target,
# a missing app or L= folder, an unknown or malformed kernel parameter
# (linuxu and QEMU), and a hand-edited .config.
. "$(dirname "$0")/../lib.sh"

# one_line NAME WORD STATUS_WANTED CMD...: CMD fails (or exits
# STATUS_WANTED when that is a number), printing exactly one line, which
# names WORD.
one_line() {
	local name=$1 word=$2 want=$3; shift 3
	log "one_line $name: $*"
	OUT=$("$@" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	log "status $STATUS"
	local lines; lines=$(grep -c . <<<"$OUT")
	if [ "$want" = nonzero ] && [ "$STATUS" = 0 ]; then
		fail "$name" "exit status 0"
	elif [ "$want" != nonzero ] && [ "$STATUS" != "$want" ]; then
		fail "$name" "exit status $STATUS, expected $want"
	elif [ "$lines" != 1 ]; then
		fail "$name" "$lines lines of output, expected one"
	elif ! grep -qF -- "$word" <<<"$OUT"; then
		fail "$name" "the message does not name '$word'"
	else
		pass "$name"
	fi
}

mk() { make --no-print-directory -C "$UK_ROOT" "$@"; }
o=$UK_TEST_DIR/o

one_line bad/unknown-target "'foo'" nonzero mk O="$o" foo
one_line bad/unknown-target-with-others "'frobnicate'" nonzero mk O="$o" frobnicate all
one_line bad/missing-app /nonexistent nonzero mk A=/nonexistent O="$o"
one_line bad/missing-app-relative no-such-app nonzero mk A=apps/no-such-app O="$o"
one_line bad/missing-extlib /nonexistent-lib nonzero mk O="$o" L=/nonexistent-lib
one_line bad/missing-extlib-second /nonexistent-lib nonzero \
	mk O="$o" L="$UK_ROOT/test/extlib-exports:/nonexistent-lib"
one_line bad/unknown-defconfig nosuchdefconfig nonzero \
	mk O="$o" C="$o.config" DEFCONFIG=nosuchdefconfig defconfig

# Kernel parameters: linuxu, then QEMU.
if build_app apps/helloworld linuxu-x86_64 && [ -x "$IMAGE" ]; then
	one_line bad/linuxu-unknown-param "'nosuch.param=1'" 2 "$IMAGE" nosuch.param=1 -- exit=0
	one_line bad/linuxu-unknown-param-of-selected-lib \
		"'ukboot.maxargs=3': ukboot has no such parameter; its parameters: trace" \
		2 "$IMAGE" ukboot.maxargs=3
	one_line bad/linuxu-malformed-param "'nodot'" 2 "$IMAGE" nodot
	one_line bad/linuxu-malformed-value "'ukboot.trace=maybe'" 2 "$IMAGE" ukboot.trace=maybe
else
	fail bad/linuxu-params "helloworld linuxu-x86_64 did not build"
fi

if have_qemu && build_app apps/helloworld kvm-x86_64-pc && [ -f "$IMAGE" ]; then
	run_qemu pc "$IMAGE" "nosuch.param=1 -- exit=0"
	check bad/qemu-unknown-param eval 'expect_status 2 && expect_output "'"'nosuch.param=1'"'" && ! expect_output "Hello, world!"'
	run_qemu pc "$IMAGE" "nodot"
	check bad/qemu-malformed-param eval 'expect_status 2 && expect_output "'"'nodot'"'"'
else
	fail bad/qemu-params "QEMU missing or helloworld kvm-x86_64-pc did not build"
fi

# A hand-edited .config: an out-of-range value, a malformed one and an
# unknown symbol. The build goes on, says what it changed, keeps
# .config.old and fixes the values.
if build_app apps/helloworld linuxu-x86_64; then
	sed -i 's/^CONFIG_LIBUKBOOT_MAXARGS=.*/CONFIG_LIBUKBOOT_MAXARGS=99999/' "$CFG"
	sed -i 's/^CONFIG_LINUXU_HEAP_SIZE=.*/CONFIG_LINUXU_HEAP_SIZE=lots/' "$CFG"
	echo "CONFIG_NO_SUCH_SYMBOL=y" >> "$CFG"
	cp "$CFG" "$UK_TEST_DIR/edited.config"
	rm -f "$CFG.old"
	msg=$(uk_make -j"$UK_TEST_MAKE_J" 2>&1); rc=$?
	printf '%s\n' "$msg"
	if [ $rc != 0 ]; then
		fail bad/edited-config "the build failed (status $rc)"
	elif ! grep -q 'MAXARGS' <<<"$msg" || ! grep -q 'NO_SUCH_SYMBOL' <<<"$msg" ||
	     ! grep -q 'HEAP_SIZE' <<<"$msg"; then
		fail bad/edited-config "no message naming each of MAXARGS, HEAP_SIZE, NO_SUCH_SYMBOL"
	elif ! cmp -s "$CFG.old" "$UK_TEST_DIR/edited.config"; then
		fail bad/edited-config ".config.old is not the edited file"
	elif ! grep -qx 'CONFIG_LIBUKBOOT_MAXARGS=32' "$CFG" ||
	     ! grep -qx 'CONFIG_LINUXU_HEAP_SIZE=0x4000000' "$CFG" ||
	     grep -q NO_SUCH_SYMBOL "$CFG"; then
		fail bad/edited-config ".config was not fixed (MAXARGS=32, HEAP_SIZE default, no NO_SUCH_SYMBOL)"
	elif run_linuxu "$IMAGE" && ! expect_output "Hello, world!"; then
		fail bad/edited-config "the rebuilt image does not greet"
	else
		pass bad/edited-config
	fi
else
	fail bad/edited-config "helloworld linuxu-x86_64 did not build"
fi
done_case
