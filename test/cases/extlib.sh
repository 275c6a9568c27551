#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# External libraries (L=): test/extlib/ukcrc lives outside lib/ and is
# found, configured, built and linked exactly like an in-tree library.
# test/apps/crcdemo needs it: with L= it builds and prints the standard
# CRC-32 check value; without L= Kconfig says what is missing; relative,
# absolute and colon-separated L= all work; its uktest cases run in-image.
. "$(dirname "$0")/../lib.sh"

CRC_LIB=$UK_ROOT/test/extlib/ukcrc
CHECK_VALUE=0xcbf43926		# CRC-32 of "123456789"

crc_ok() {
	expect_status 0 && expect_output "$CHECK_VALUE"
}

UK_MAKE_ARGS="L=$CRC_LIB"
if BUILD_NAME=abs build_app test/apps/crcdemo linuxu-x86_64 &&
   [ -d "$O/obj/libukcrc" ]; then
	run_linuxu "$IMAGE" -- 123456789
	check extlib/absolute-L-builds-and-runs crc_ok
else
	fail extlib/absolute-L-builds-and-runs "crcdemo with L=$CRC_LIB did not build"
fi

# A relative L=, from another working directory, and a list of two.
rel_o=$UK_TEST_DIR/rel
( cd "$UK_ROOT/test" &&
  make -C "$UK_ROOT" A=test/apps/crcdemo O="$rel_o" C="$rel_o.config" \
	L=test/extlib/ukcrc DEFCONFIG=linuxu-x86_64 defconfig &&
  make -C "$UK_ROOT" A=test/apps/crcdemo O="$rel_o" C="$rel_o.config" \
	L=test/extlib/ukcrc:test/extlib-exports -j"$UK_TEST_MAKE_J" )
if [ -x "$rel_o/crcdemo_linuxu-x86_64" ]; then
	run_linuxu "$rel_o/crcdemo_linuxu-x86_64" -- 123456789
	check extlib/relative-and-list-L crc_ok
else
	fail extlib/relative-and-list-L "crcdemo with a relative, colon-separated L= did not build"
fi

# Without L=, the app's dependency is unmet: a clear message, no image.
UK_MAKE_ARGS=
BUILD_NAME=nolib build_app test/apps/crcdemo linuxu-x86_64 > "$UK_TEST_DIR/nolib.out" 2>&1
rc=$?
cat "$UK_TEST_DIR/nolib.out"
# The kit's own message (crcdemo's Makefile.uk), not kconfiglib's
# undefined-symbol warning, which also names ukcrc.
if [ $rc != 0 ] && grep -q "crcdemo needs the external library ukcrc: make A=test/apps/crcdemo L=test/extlib/ukcrc" \
	"$UK_TEST_DIR/nolib.out" && [ -z "$IMAGE" ]; then
	pass extlib/missing-L-says-so
else
	fail extlib/missing-L-says-so "status $rc; expected the kit's 'crcdemo needs the external library ukcrc' line"
fi

# The same build folder, once the user adds L= and switches ukcrc on in
# .config: the app's Makefile.uk must see the new configuration, not the
# one that stopped it (it is read only after the sync).
sed -i '/CONFIG_LIBUKCRC[= ]/d' "$CFG"
echo 'CONFIG_LIBUKCRC=y' >> "$CFG"
UK_MAKE_ARGS="L=$CRC_LIB"
if uk_make -j"$UK_TEST_MAKE_J" && [ -x "$O/crcdemo_linuxu-x86_64" ]; then
	pass extlib/fixed-config-builds
else
	fail extlib/fixed-config-builds "after adding CONFIG_LIBUKCRC=y and L=, the build still failed"
fi

# L= checks happen before anything compiles, and name the library.
# refused NAME L-DIR PATTERN: crcdemo with L=L-DIR fails with a line
# matching PATTERN and no CC line.
refused() {
	local out rc
	UK_MAKE_ARGS="L=$2"
	out=$(BUILD_NAME=${1#extlib/} build_app test/apps/crcdemo linuxu-x86_64 2>&1)
	rc=$?
	printf '%s\n' "$out"
	if [ $rc != 0 ] && grep -q "$3" <<<"$out" && ! grep -q '^  CC ' <<<"$out"; then
		pass "$1"
	else
		fail "$1" "status $rc; expected '$3' before any compile"
	fi
}
bad=$UK_TEST_DIR/bad
mkdir -p "$bad/onlyconfig"
cp "$CRC_LIB/Config.uk" "$bad/onlyconfig/"
refused extlib/config-without-makefile-refused "$bad/onlyconfig" \
	"unikit: L=$bad/onlyconfig: Config.uk but no Makefile.uk"
cp -r "$CRC_LIB" "$bad/ukcrc"
echo 'LIBUKCRC_SRCS-y += missing.c' >> "$bad/ukcrc/Makefile.uk"
refused extlib/missing-source-named "$bad/ukcrc" \
	"unikit: libukcrc: source missing.c not found in .*bad/ukcrc (listed in its Makefile.uk)"

# The external library's own unit tests, in-image (uktest).
UK_MAKE_ARGS="L=$CRC_LIB"
if BUILD_NAME=ut build_app test/apps/unittests linuxu-x86_64-ukcrc; then
	run_linuxu "$IMAGE"
	check extlib/ukcrc-unit-tests \
		eval 'expect_status 0 && expect_output "uktest: PASS ukcrc." && ! grep -q "uktest: FAIL" <<<"$OUT"'
else
	fail extlib/ukcrc-unit-tests "unittests with ukcrc did not build"
fi
done_case
