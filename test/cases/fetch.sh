#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The fetch step (support/build/fetch.mk, support/build/fetch): musl's
# pinned source package comes from the cache, offline; a checksum
# mismatch, a package Debian does not have, and no network with an empty
# cache each fail with one line naming the package and the version; a
# patch added, changed or removed unpacks again and recompiles.
# The offline checks run in a network namespace of their own (unshare
# -n: no interface but a downed loopback).
. "$(dirname "$0")/../lib.sh"

APP=$UK_ROOT/apps/helloworld
O=$UK_TEST_DIR/hw
CFG=$O.config
CACHE=${UK_CACHE:-$HOME/.cache/unikit}
SRC=$CACHE/src/musl_1.2.3-1

offline() { unshare -n "$@"; }
if ! unshare -n true 2>/dev/null; then
	fail fetch/netns "cannot create a network namespace (unshare -n; needs root)"
	done_case
fi

uk_make defconfig DEFCONFIG=linuxu-x86_64-musl >/dev/null
# Online once (a no-op when the cache is warm), then offline.
uk_make fetch
log "make fetch, offline"
OUT=$(offline make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O" C="$CFG" fetch 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
check fetch/offline-cache-hit eval 'expect_status 0 && expect_output "FETCH   musl 1.2.3-1"'

log "build helloworld with musl, offline"
OUT=$(offline make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O" C="$CFG" -j"$UK_TEST_MAKE_J" 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
check fetch/offline-build eval 'expect_status 0 && [ -x "$O/helloworld_linuxu-x86_64" ]'

# A private cache with one corrupted file: one line, nothing deleted.
BAD=$UK_TEST_DIR/badcache
mkdir -p "$BAD/src"
cp -r "$SRC" "$BAD/src/"
printf 'x' >> "$BAD/src/musl_1.2.3-1/musl_1.2.3.orig.tar.gz"
before=$(sha256sum "$BAD/src/musl_1.2.3-1/musl_1.2.3.orig.tar.gz")
OUT=$(UK_CACHE=$BAD make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O" C="$CFG" fetch 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
err=$(grep '^fetch:' <<<"$OUT")
check fetch/checksum-mismatch eval '[ "$STATUS" != 0 ] &&
	[ "$(wc -l <<<"$err")" = 1 ] &&
	expect_output "fetch: musl 1.2.3-1: " && expect_output "musl_1.2.3.orig.tar.gz has SHA-256" &&
	expect_output "run '"'"'make fetch'"'"'" &&
	[ "$(sha256sum "$BAD/src/musl_1.2.3-1/musl_1.2.3.orig.tar.gz")" = "$before" ]'

# An empty cache and no network.
OUT=$(UK_CACHE=$UK_TEST_DIR/empty offline make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O" C="$CFG" fetch 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
err=$(grep '^fetch:' <<<"$OUT")
check fetch/no-network-empty-cache eval '[ "$STATUS" != 0 ] && [ "$(wc -l <<<"$err")" = 1 ] &&
	expect_output "fetch: musl 1.2.3-1: not cached in" && expect_output "no network?"'

# An L= library naming a source package Debian does not have (apt
# answers from its local lists: no network needed).
OUT=$(UK_CACHE=$UK_TEST_DIR/empty make --no-print-directory -C "$UK_ROOT" A="$APP" O="$UK_TEST_DIR/missing" \
	C="$UK_TEST_DIR/missing.config" L="$UK_ROOT/test/fetchlib" fetch 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
err=$(grep '^fetch:' <<<"$OUT")
check fetch/missing-package eval '[ "$STATUS" != 0 ] && [ "$(wc -l <<<"$err")" = 1 ] &&
	expect_output "fetch: unikit-no-such-package 1.0-1: not in the configured Debian sources"'

# A patch added, changed or removed under an existing build directory
# unpacks the source again and recompiles the library's objects (the
# unpack key in .unpacked, fetch.mk; the objects' dependency on it,
# compile.mk): an L= library made here from Lua's pinned package,
# compiling one upstream file, with a patch that adds a marker symbol.
FP=$UK_TEST_DIR/fetchpatch
mkdir -p "$FP/patches"
cp "$UK_ROOT/lib/lua/lua5.4.hash" "$FP/"
cat >"$FP/Config.uk" <<'KC'
config LIBFETCHPATCH
	bool "fetchpatch: test library of test/cases/fetch.sh"
	default y
KC
cat >"$FP/Makefile.uk" <<'MK'
UK_LIBS-$(CONFIG_LIBFETCHPATCH) += libfetchpatch
LIBFETCHPATCH_DEB := lua5.4 5.4.4-3+deb12u1
LIBFETCHPATCH_CFLAGS-y += -I$(LIBFETCHPATCH_SRC)/src -I$(UK_ROOT)/lib/lua/port
LIBFETCHPATCH_SRCS-y += upstream/src/lctype.c
MK
# marker N: patches/0001-marker.patch makes lctype.c define fetchpatch_marker_N.
marker() {
	printf '%s\n' "test: marker $1" "" "--- a/src/lctype.c" "+++ b/src/lctype.c" "@@ -6,3 +6,4 @@" \
		" " " #define lctype_c" "+int fetchpatch_marker_$1;" " #define LUA_CORE" >"$FP/patches/0001-marker.patch"
}
FPO=$UK_TEST_DIR/fp-hw
fp_make() { make --no-print-directory -C "$UK_ROOT" A="$APP" O="$FPO" C="$FPO.config" L="$FP" "$@"; }
# fp_markers: the marker symbols lctype.o defines now.
fp_markers() { nm "$FPO/obj/libfetchpatch/upstream/src/lctype.o" 2>/dev/null | awk '/fetchpatch_marker/ { print $3 }' | tr '\n' ' '; }
marker 1
fp_make defconfig DEFCONFIG=linuxu-x86_64-musl >/dev/null && fp_make -j"$UK_TEST_MAKE_J" >/dev/null 2>&1
got1=$(fp_markers)
marker 2
fp_make -j"$UK_TEST_MAKE_J" >/dev/null 2>&1
got2=$(fp_markers)
rm "$FP/patches/0001-marker.patch"
fp_make -j"$UK_TEST_MAKE_J" >/dev/null 2>&1
got3=$(fp_markers)
log "markers: with patch 1: '$got1', changed to 2: '$got2', removed: '$got3'"
check fetch/patch-change-rebuilds eval '[ "$got1" = "fetchpatch_marker_1 " ] &&
	[ "$got2" = "fetchpatch_marker_2 " ] && [ -z "$got3" ] &&
	[ -f "$FPO/obj/libfetchpatch/upstream/src/lctype.o" ]'
done_case
