#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# support/scripts/setup covers what the kit uses, from one list
# (support/scripts/setup.list):
#   setup/covers-calls     every command the build, the suite and bench/
#                          call is provided by a setup.list line or by
#                          minbase Debian (test/tools-covered.py)
#   setup/base-list        the base set has the report, debug and host-C
#                          packages (gnuplot, graphviz, gdb, libc6-dev)
#   setup/check-usable     --check passes here, and judges by PATH, not by
#                          dpkg: with an empty PATH it names the packages
#   setup/sudo-line        without root it prints the exact sudo command
#                          (and installs nothing)
#   setup/make-runs-setup  `make run` with QEMU missing runs setup before
#                          building and stops with the one hint
#   setup/one-hint         no other hint ("bench/setup", "BENCH=1") is left
. "$(dirname "$0")/../lib.sh"

setup=$UK_ROOT/support/scripts/setup

check setup/covers-calls python3 "$UK_ROOT/test/tools-covered.py"

list=$("$setup" --list)
printf '%s\n' "$list"
missing=
for p in gnuplot-nox graphviz gdb libc6-dev qemu-system-x86 valgrind; do
	grep -qx "$p" <<<"$list" || missing="$missing $p"
done
UK_FAIL_REASON="setup --list lacks:$missing"
check setup/base-list [ -z "$missing" ]

# A PATH with only minbase's tools (setup itself uses grep, awk, cat, id).
empty=$UK_TEST_DIR/empty-path
mkdir -p "$empty"
for t in grep awk cat id sed; do ln -sf "$(type -P $t)" "$empty/$t"; done
OUT=$(env PATH="$empty" /bin/bash "$setup" --check 2>&1); STATUS=$?
printf '%s\n' "$OUT"
check setup/check-usable eval '"$setup" --check && expect_status 1 &&
	expect_output "setup: missing packages: make git gcc binutils python3 qemu-system-x86"'

if [ "$(id -u)" = 0 ] && id nobody >/dev/null 2>&1; then
	# A copy nobody can read (the tree may be under root's home).
	pub=$(mktemp -d /tmp/uk-setup-test.XXXXXX)
	cp "$setup" "$UK_ROOT/support/scripts/setup.list" "$pub/"
	cp -P -r "$empty" "$pub/bin"
	chmod 755 "$pub" "$pub/bin" && chmod 644 "$pub/setup.list"
	OUT=$(cd / && runuser -u nobody -- env PATH="$pub/bin" /bin/bash "$pub/setup" 2>&1); STATUS=$?
	rm -rf "$pub"
	printf '%s\n' "$OUT"
	check setup/sudo-line eval 'expect_status 1 &&
		expect_output "  sudo apt-get update && sudo apt-get install -y --no-install-recommends make git gcc binutils python3 qemu-system-x86 valgrind gnuplot-nox graphviz gdb"'
else
	OUT=$(env PATH="$empty" /bin/bash "$setup" 2>&1); STATUS=$?
	printf '%s\n' "$OUT"
	check setup/sudo-line eval 'expect_status 1 && expect_output "  sudo apt-get update && sudo apt-get install -y --no-install-recommends make git gcc"'
fi

# QEMU missing (a name that is nowhere): make runs setup first, then stops
# with the hint, before compiling anything.
APP=$UK_ROOT/apps/helloworld O=$UK_TEST_DIR/noqemu CFG=$UK_TEST_DIR/noqemu.config
OUT=$(uk_make run QEMU=uk-no-such-qemu 2>&1); STATUS=$?
printf '%s\n' "$OUT"
check setup/make-runs-setup eval '[ $STATUS != 0 ] &&
	expect_output "unikit: uk-no-such-qemu missing: running support/scripts/setup" &&
	expect_output "uk-no-such-qemu not found: run support/scripts/setup" &&
	! grep -q "^  CC " <<<"$OUT"'

# One hint everywhere: the old spellings are gone from code and docs.
old=$(cd "$UK_ROOT" && git grep -nE 'run bench/setup|setup BENCH=1|bench/setup`|^ *bench/setup ' -- . ':!bench/setup' ':!test/cases/setup.sh' 2>/dev/null)
printf '%s\n' "$old"
UK_FAIL_REASON="other setup hints: $(head -n 1 <<<"$old")"
check setup/one-hint [ -z "$old" ]
done_case
