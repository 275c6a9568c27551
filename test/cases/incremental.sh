#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Incremental builds rebuild exactly what a change touches:
#   a no-op make          no CC/AS/LD line at all
#   touch one .c          that one object, its library object, the image
#   touch a header        exactly the objects whose .d lists it
#   change a config value exactly the objects that mention the symbol
# The app is a private copy of apps/helloworld, so its main.c can be
# touched without disturbing anyone else's build.
. "$(dirname "$0")/../lib.sh"

app=$UK_TEST_DIR/app/helloworld
mkdir -p "$(dirname "$app")"
cp -r "$UK_ROOT/apps/helloworld" "$app"
rm -rf "$app/build" "$app/.config" "$app/.config.old"

if ! build_app "$app" linuxu-x86_64 || [ ! -x "$IMAGE" ]; then
	fail incremental/build "helloworld linuxu-x86_64 did not build"
	done_case
fi

# rebuild: run make, leave the step lines in $steps ("CC lib/ukboot/boot.o").
rebuild() {
	local out
	out=$(uk_make -j"$UK_TEST_MAKE_J" 2>&1)
	local rc=$?
	printf '%s\n' "$out"
	steps=$(grep -E '^  (CC|AS|LD|STRIP) ' <<<"$out" | awk '{ print $1, $2 }')
	compiled=$(grep -E '^(CC|AS) ' <<<"$steps" | awk '{ print $2 }' | sort)
	return $rc
}

# includers PATTERN: the objects (as "lib/x/y.o", the form CC prints)
# whose dependency file mentions PATTERN.
includers() {
	local d rel
	for d in $(grep -l -- "$1" $(find "$O/obj" -name '*.o.d')); do
		rel=${d%.d}
		rel=${rel#$O/obj/}
		objsrc "$rel"
	done | sort
}

# objsrc lib/path.o: the source-relative path CC prints for an object.
objsrc() {
	local lib=${1%%/*} path=${1#*/} dep
	dep=$(sed -n '1s/^[^:]*: *\([^ ]*\.[cS]\).*/\1/p' "$O/obj/$1.d")
	[ -n "$dep" ] || dep=$(grep -oE '[^ ]+\.[cS]\b' "$O/obj/$1.d" | head -1)
	dep=${dep#$UK_ROOT/}
	echo "${dep%.*}.o"
}

settle() { sleep 1; }	# mtimes have 1 s granularity on some file systems

# A second make with nothing changed.
rebuild
if [ -n "$steps" ]; then
	fail incremental/no-op "a no-op make ran: $(echo $steps)"
else
	pass incremental/no-op
fi

settle
touch "$app/main.c"
rebuild
if [ "$compiled" != "$app/main.o" ] && [ "$compiled" != "${app#$UK_ROOT/}/main.o" ]; then
	fail incremental/touch-c "compiled '$(echo $compiled)', expected only main.o"
elif ! grep -q '^LD apphelloworld.o$' <<<"$steps" || ! grep -q '^LD .*\.dbg$' <<<"$steps"; then
	fail incremental/touch-c "did not relink apphelloworld.o and the image"
elif [ "$(grep -c '^LD ' <<<"$steps")" != 2 ]; then
	fail incremental/touch-c "linked more than apphelloworld.o and the image: $(echo $steps)"
else
	pass incremental/touch-c
fi

settle
hdr=$UK_ROOT/lib/ukboot/boot.h
want=$(includers "$hdr")
touch "$hdr"
rebuild
if [ -z "$want" ]; then
	fail incremental/touch-header "no .d file lists lib/ukboot/boot.h"
elif [ "$compiled" != "$want" ]; then
	fail incremental/touch-header "compiled '$(echo $compiled)', expected '$(echo $want)'"
else
	pass incremental/touch-header
fi

settle
want=$(includers "syms/CONFIG_LIBUKBOOT_MAXARGS")
sed -i 's/^CONFIG_LIBUKBOOT_MAXARGS=.*/CONFIG_LIBUKBOOT_MAXARGS=33/' "$CFG"
rebuild
if ! grep -qx 'CONFIG_LIBUKBOOT_MAXARGS=33' "$CFG"; then
	fail incremental/config-symbol "the new value did not stay in .config"
elif [ -z "$want" ] || ! grep -qx 'lib/ukboot/boot.o' <<<"$want"; then
	fail incremental/config-symbol "lib/ukboot/boot.o is not recorded as depending on CONFIG_LIBUKBOOT_MAXARGS"
elif [ "$compiled" != "$want" ]; then
	fail incremental/config-symbol "compiled '$(echo $compiled)', expected '$(echo $want)'"
else
	pass incremental/config-symbol
fi

rebuild
if [ -n "$steps" ]; then
	fail incremental/no-op-after-changes "ran: $(echo $steps)"
else
	pass incremental/no-op-after-changes
fi
done_case
