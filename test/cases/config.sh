#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The configuration step (support/build/config.mk, support/kconfig/ukconfig.py):
#   - with no .config, menuconfig starts from the same configuration as
#     make (the app's defconfigs/default), not from Kconfig's defaults;
#   - a .config value Kconfig cannot keep is reported with the right
#     reason (not a bool, not an int, out of range, no such symbol), and
#     so is a defconfig's; every defconfig in the tree takes whole;
#   - CONFIG_X=y on make's command line switches an L= library on and
#     stays in .config, with no "set more than once" warning; a value
#     Kconfig cannot take stops make and leaves .config alone;
#   - make -n writes nothing in the build folder, even after .config
#     changed; a no-op make starts no Python (no Kconfig sync) and
#     compiles nothing.
. "$(dirname "$0")/../lib.sh"

APP=$UK_ROOT/apps/helloworld

# snapshot DIR FILE...: every file under DIR (and each FILE) with its
# mtime and size, to compare before and after a command.
snapshot() {
	find "$@" -printf '%p %T@ %s\n' 2>/dev/null | sort
}

# 1. menuconfig with no .config: quit at once ('Q'; nothing changed, so no
# save prompt) under a pseudo-terminal; the .config it leaves must be
# the one `make defconfig` writes.
O=$UK_TEST_DIR/menu
CFG=$O.config
if command -v script >/dev/null; then
	( sleep 3; printf 'Q' ) | TERM=xterm timeout 60 script -qfec \
		"make --no-print-directory -C '$UK_ROOT' A='$APP' O='$O' C='$CFG' menuconfig" /dev/null \
		> "$UK_TEST_DIR/menu.out" 2>&1
	log "menuconfig: status $?"
	tr -d '\033' < "$UK_TEST_DIR/menu.out" | grep -a 'unikit:' || true
	O=$UK_TEST_DIR/def
	CFG=$O.config
	uk_make defconfig
	if [ ! -f "$UK_TEST_DIR/menu.config" ]; then
		fail config/menuconfig-starts-from-defconfig "menuconfig wrote no .config"
	elif ! diff <(grep -v '^#' "$UK_TEST_DIR/menu.config" | sort) <(grep -v '^#' "$CFG" | sort); then
		fail config/menuconfig-starts-from-defconfig "menuconfig's starting .config differs from defconfigs/default (diff in the log)"
	else
		pass config/menuconfig-starts-from-defconfig
	fi
else
	fail config/menuconfig-starts-from-defconfig "no 'script' (bsdutils) to give menuconfig a terminal"
fi

# A linuxu build to work on.
if ! BUILD_NAME=hw build_app apps/helloworld linuxu-x86_64; then
	fail config/build "helloworld linuxu-x86_64 did not build"
	done_case
fi

# 2. The reasons for what sync could not keep.
cp "$CFG" "$UK_TEST_DIR/good.config"
reasons() {
	local out
	cp "$UK_TEST_DIR/good.config" "$CFG"
	sed -i '/CONFIG_LIBUKBOOT_MAXARGS=/d' "$CFG"
	printf '%s\n' "$@" >> "$CFG"
	out=$(uk_make 2>&1)
	printf '%s\n' "$out"
	OUT=$out
}
reasons CONFIG_LIBUKSCHED=maybe CONFIG_LIBUKBOOT_MAXARGS=banana CONFIG_NO_SUCH_THING=y
check config/reason-not-a-bool expect_output "CONFIG_LIBUKSCHED=maybe dropped: 'maybe' is not a bool value"
check config/reason-not-an-int expect_output "'banana' is not an int value"
check config/reason-no-such-symbol expect_output "CONFIG_NO_SUCH_THING=y dropped: no such symbol"
reasons CONFIG_LIBUKBOOT_MAXARGS=5000
check config/reason-range expect_output "5000 is outside its range 1..1024"
reasons CONFIG_LIBUKBOOT_TESTS=y
check config/reason-dependencies expect_output "CONFIG_LIBUKBOOT_TESTS=y dropped: its dependencies are off (depends on LIBUKTEST)"
cp "$UK_TEST_DIR/good.config" "$CFG"
uk_make -s >/dev/null 2>&1

# 2b. A defconfig asking for what Kconfig will not give (a symbol whose
# dependencies are off) says so, one line per symbol; every defconfig in
# the tree takes whole (test/extlib's need their L= folder: left out).
printf 'CONFIG_PLAT_LINUXU=y\nCONFIG_LIBUKBOOT_TESTS=y\nCONFIG_LIBUKBOOT_MAXARGS=31\n' > "$UK_TEST_DIR/dropping.defconfig"
OUT=$(make --no-print-directory -C "$UK_ROOT" A="$APP" C="$UK_TEST_DIR/dropping.config" \
	DEFCONFIG="$UK_TEST_DIR/dropping.defconfig" defconfig 2>&1)
printf '%s\n' "$OUT"
check config/defconfig-names-what-it-drops eval 'expect_output "dropping.defconfig: CONFIG_LIBUKBOOT_TESTS=y not taken (now n): its dependencies are off (depends on LIBUKTEST)" &&
	[ "$(grep -c "not taken" <<<"$OUT")" = 1 ] && grep -qx CONFIG_LIBUKBOOT_MAXARGS=31 "$UK_TEST_DIR/dropping.config"'
bad=
for d in "$UK_ROOT"/apps/*/defconfigs/* "$UK_ROOT"/test/apps/*/defconfigs/*; do
	grep -q '^CONFIG_LIBUKCRC=' "$d" && continue
	out=$(make --no-print-directory -C "$UK_ROOT" A="$(dirname "$(dirname "$d")")" \
		C="$UK_TEST_DIR/each.config" DEFCONFIG="$d" defconfig 2>&1 | grep -v 'wrote configuration')
	[ -z "$out" ] || { bad="$bad ${d#$UK_ROOT/}"; printf '%s\n' "$out"; }
done
check config/defconfigs-take-whole eval '[ -z "$bad" ] || { UK_FAIL_REASON="not all taken:$bad"; false; }'

# 3. CONFIG_X=y on the command line switches an L= library on.
out=$(uk_make L="$UK_ROOT/test/extlib/ukcrc" CONFIG_LIBUKCRC=y -j"$UK_TEST_MAKE_J" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ $rc != 0 ]; then
	fail config/command-line-selects "make L=test/extlib/ukcrc CONFIG_LIBUKCRC=y failed (status $rc)"
elif grep -q 'more than once' <<<"$out"; then
	fail config/command-line-selects "warned: $(grep -m1 'more than once' <<<"$out")"
elif ! grep -qx 'CONFIG_LIBUKCRC=y' "$CFG" || [ ! -f "$O/obj/libukcrc.o" ]; then
	fail config/command-line-selects "CONFIG_LIBUKCRC=y is not in .config, or libukcrc was not built"
else
	pass config/command-line-selects
fi
# It stays: the next make, without the override, keeps ukcrc.
out=$(uk_make L="$UK_ROOT/test/extlib/ukcrc" 2>&1)
printf '%s\n' "$out"
if grep -q '^  \(CC\|LD\) ' <<<"$out" || ! grep -qx 'CONFIG_LIBUKCRC=y' "$CFG"; then
	fail config/command-line-stays "the next make changed the build: $(echo $out)"
else
	pass config/command-line-stays
fi
cp "$CFG" "$UK_TEST_DIR/crc.config"
out=$(uk_make L="$UK_ROOT/test/extlib/ukcrc" CONFIG_LIBUKBOOT_MAXARGS=0 2>&1)
rc=$?
printf '%s\n' "$out"
if [ $rc = 0 ]; then
	fail config/command-line-refused "CONFIG_LIBUKBOOT_MAXARGS=0 (outside 1..1024) was accepted"
elif ! grep -q 'CONFIG_LIBUKBOOT_MAXARGS=0 (make command line) did not take: 0 is outside its range' <<<"$out"; then
	fail config/command-line-refused "failed (status $rc) without naming the value and its range"
elif ! cmp -s "$CFG" "$UK_TEST_DIR/crc.config"; then
	fail config/command-line-refused ".config changed although the value was refused"
else
	pass config/command-line-refused
fi
UK_MAKE_ARGS="L=$UK_ROOT/test/extlib/ukcrc"

# 4. make -n writes nothing, on an up-to-date build and after .config
# changed (make would otherwise sync the configuration first).
uk_make -s >/dev/null 2>&1
before=$(snapshot "$O" "$CFG")
uk_make -n > "$UK_TEST_DIR/dry1.out" 2>&1
sed -i 's/^CONFIG_LIBUKBOOT_MAXARGS=.*/CONFIG_LIBUKBOOT_MAXARGS=31/' "$CFG"
before2=$(snapshot "$O" "$CFG")
uk_make -n > "$UK_TEST_DIR/dry2.out" 2>&1
after=$(snapshot "$O" "$CFG")
cat "$UK_TEST_DIR/dry1.out" "$UK_TEST_DIR/dry2.out"
if [ "$before2" != "$after" ] || [ "$before" != "$(grep -v "^$CFG " <<<"$before2" | cat - <(grep "^$CFG " <<<"$before") | sort)" ]; then
	fail config/dry-run-writes-nothing "make -n changed: $(diff <(echo "$before2") <(echo "$after") | grep '^[<>]' | head -3 | tr '\n' ' ')"
else
	pass config/dry-run-writes-nothing
fi
uk_make -s >/dev/null 2>&1

# 5. A no-op make runs no Kconfig: UK_PYTHON is a wrapper that logs every
# start (a changed .config must start it, as the positive control).
wrap=$UK_TEST_DIR/python-wrapper
py=$(for p in python3 /usr/bin/python3; do "$p" -c 'import kconfiglib' 2>/dev/null && { command -v "$p"; break; }; done)
printf '#!/bin/sh\necho "$*" >> %s\nexec %s "$@"\n' "$UK_TEST_DIR/python.log" "$py" > "$wrap"
chmod +x "$wrap"
: > "$UK_TEST_DIR/python.log"
t0=$(now_ms)
out=$(uk_make UK_PYTHON="$wrap" 2>&1)
t1=$(now_ms)
printf '%s\n' "$out"
log "no-op make: $((t1 - t0)) ms"
if [ -s "$UK_TEST_DIR/python.log" ]; then
	fail config/no-op-runs-no-kconfig "a no-op make started Python: $(head -1 "$UK_TEST_DIR/python.log")"
elif grep -q '^  \(CC\|AS\|LD\) ' <<<"$out"; then
	fail config/no-op-runs-no-kconfig "a no-op make built: $(echo $out)"
else
	sed -i 's/^CONFIG_LIBUKBOOT_MAXARGS=.*/CONFIG_LIBUKBOOT_MAXARGS=30/' "$CFG"
	uk_make UK_PYTHON="$wrap" >/dev/null 2>&1
	if ! grep -q 'ukconfig.py.* sync' "$UK_TEST_DIR/python.log"; then
		fail config/no-op-runs-no-kconfig "a changed .config did not start Kconfig's sync either (the wrapper is not used?)"
	else
		pass config/no-op-runs-no-kconfig
	fi
fi

# Nor does it probe for a Python: a python3 first on PATH that logs.
mkdir -p "$UK_TEST_DIR/bin"
printf '#!/bin/sh\necho "$*" >> %s\nexec %s "$@"\n' "$UK_TEST_DIR/probe.log" "$py" > "$UK_TEST_DIR/bin/python3"
chmod +x "$UK_TEST_DIR/bin/python3"
uk_make -s >/dev/null 2>&1
: > "$UK_TEST_DIR/probe.log"
PATH=$UK_TEST_DIR/bin:$PATH uk_make
if [ -s "$UK_TEST_DIR/probe.log" ]; then
	fail config/no-op-probes-no-python "a no-op make ran python3 $(head -1 "$UK_TEST_DIR/probe.log")"
else
	sed -i 's/^CONFIG_LIBUKBOOT_MAXARGS=.*/CONFIG_LIBUKBOOT_MAXARGS=29/' "$CFG"
	PATH=$UK_TEST_DIR/bin:$PATH uk_make >/dev/null 2>&1
	if [ "$(grep -c 'import kconfiglib' "$UK_TEST_DIR/probe.log")" != 1 ]; then
		fail config/no-op-probes-no-python "a sync probed for Python $(grep -c 'import kconfiglib' "$UK_TEST_DIR/probe.log") times, expected once"
	else
		pass config/no-op-probes-no-python
	fi
fi

# The kit-wide flags live in the top-level Makefile.uk (beside Config.uk),
# not in support/build/: every library's flags stamp has them.
if [ ! -f "$UK_ROOT/Makefile.uk" ] || grep -q -- '-ffreestanding' "$UK_ROOT"/support/build/*.mk; then
	fail config/kit-fragment "no top-level Makefile.uk, or support/build/ still holds the kit-wide flags"
elif ! grep -q -- '-ffreestanding' "$UK_ROOT/Makefile.uk" ||
     [ -n "$(for f in "$O"/obj/*/.flags; do grep -L -- '-ffreestanding -nostdinc' "$f"; done)" ]; then
	fail config/kit-fragment "a library was compiled without the top-level Makefile.uk's flags"
else
	pass config/kit-fragment
fi
done_case
