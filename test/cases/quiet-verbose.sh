#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Build output: Kbuild-style one line per step by default
# ("  CC      lib/ukboot/boot.o"), the full commands with V=1.
. "$(dirname "$0")/../lib.sh"

BUILD_NAME=quiet build_app apps/helloworld linuxu-x86_64 > "$UK_TEST_DIR/quiet.out" 2>&1
rc=$?
cat "$UK_TEST_DIR/quiet.out"
q=$UK_TEST_DIR/quiet.out
if [ $rc != 0 ]; then
	fail output/quiet "the build failed"
elif ! grep -qx '  CC      lib/ukboot/boot.o' "$q" || ! grep -qx '  LD      libukboot.o' "$q" ||
     ! grep -q '^  AS      plat/linuxu/entry.o$' "$q"; then
	fail output/quiet "no '  CC      lib/ukboot/boot.o', '  AS      plat/linuxu/entry.o' or '  LD      libukboot.o' line"
elif grep -E -q '(^|[ /])(gcc|cc|ld|objcopy) .*-o ' "$q"; then
	fail output/quiet "a full command line is shown without V=1"
else
	pass output/quiet
fi

rm -rf "$O"
uk_make V=1 -j"$UK_TEST_MAKE_J" > "$UK_TEST_DIR/verbose.out" 2>&1
rc=$?
cat "$UK_TEST_DIR/verbose.out"
v=$UK_TEST_DIR/verbose.out
if [ $rc != 0 ]; then
	fail output/verbose "the V=1 build failed"
elif ! grep -E -q "gcc .*-c [^ ]*/lib/ukboot/boot\.c -o [^ ]*/obj/libukboot/boot\.o" "$v"; then
	fail output/verbose "no full gcc command line for lib/ukboot/boot.c"
elif grep -q '^  CC      ' "$v"; then
	fail output/verbose "quiet '  CC' lines shown with V=1"
else
	pass output/verbose
fi
done_case
