#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Incremental builds rebuild exactly what a change touches:
#   a no-op make          no CC/AS/LD line at all
#   touch one .c          that one object, its library object, the image
#   touch a header        exactly the sources that include it
#   change a config value exactly the sources that mention the symbol
#                         (themselves or in a header they include)
#   a global flag         every object (the optimisation level)
#   one library's flag    that library's objects only
#   (de)select a library  the image is relinked: its symbols come and go
# The expected sets come from outside the build (the sources' text, the
# objects on disk, the app's own sources, nm of the image), never from
# the .d files the build itself writes.
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

# ukboot_sources_with REGEX: the compiled sources of lib/ukboot (objects
# on disk under obj/libukboot/, as "lib/ukboot/x.o", the form CC prints)
# whose own text matches REGEX, or that include one of ukboot's headers
# (private or include/uk/) whose text does. Read from the sources, not
# from the build's .d files.
ukboot_sources_with() {
	local o src hdrs
	hdrs=$(grep -rlE -- "$1" "$UK_ROOT"/lib/ukboot/*.h "$UK_ROOT"/lib/ukboot/include 2>/dev/null |
		xargs -r -n1 basename | sed 's/[.]/[.]/g' | paste -sd'|')
	for o in $(cd "$O/obj/libukboot" && find . -name '*.o' | sed 's|^\./||'); do
		src=$UK_ROOT/lib/ukboot/${o%.o}.c
		[ -f "$src" ] || continue
		if grep -qE -- "$1" "$src" ||
		   { [ -n "$hdrs" ] && grep -qE "^#include [<\"]([^>\"]*/)?($hdrs)[>\"]" "$src"; }; then
			echo "lib/ukboot/${o%.o}.o"
		fi
	done | sort
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
want=$(ukboot_sources_with '^#include "(\.\./)?boot\.h"')
touch "$hdr"
rebuild
if [ -z "$want" ]; then
	fail incremental/touch-header "no compiled source of lib/ukboot includes boot.h"
elif [ "$compiled" != "$want" ]; then
	fail incremental/touch-header "compiled '$(echo $compiled)', expected '$(echo $want)'"
else
	pass incremental/touch-header
fi

settle
want=$(ukboot_sources_with 'CONFIG_LIBUKBOOT_MAXARGS')
sed -i 's/^CONFIG_LIBUKBOOT_MAXARGS=.*/CONFIG_LIBUKBOOT_MAXARGS=33/' "$CFG"
rebuild
if ! grep -qx 'CONFIG_LIBUKBOOT_MAXARGS=33' "$CFG"; then
	fail incremental/config-symbol "the new value did not stay in .config"
elif [ -z "$want" ] || ! grep -qx 'lib/ukboot/boot.o' <<<"$want"; then
	fail incremental/config-symbol "lib/ukboot/boot.c does not mention CONFIG_LIBUKBOOT_MAXARGS (the check checks nothing)"
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

# A global compiler flag (-Os -> -O2; no source mentions CONFIG_OPTIMIZE_*,
# so only the per-library flags stamps can notice): every object of every
# library rebuilds. Expected: every .o under obj/<lib>/ on disk.
settle
want=$(cd "$O/obj" && find . -mindepth 2 -name '*.o' | sed 's|^\./||' | sort)
sed -i -e 's/^CONFIG_OPTIMIZE_SIZE=y/# CONFIG_OPTIMIZE_SIZE is not set/' \
       -e 's/^# CONFIG_OPTIMIZE_PERF is not set/CONFIG_OPTIMIZE_PERF=y/' "$CFG"
rebuild
ncomp=$(grep -c . <<<"$compiled")
if ! grep -qx 'CONFIG_OPTIMIZE_PERF=y' "$CFG"; then
	fail incremental/global-flag "CONFIG_OPTIMIZE_PERF=y did not stay in .config"
elif [ -z "$want" ] || [ "$ncomp" != "$(grep -c . <<<"$want")" ]; then
	fail incremental/global-flag "compiled $ncomp objects after -Os -> -O2, expected all $(grep -c . <<<"$want")"
else
	pass incremental/global-flag
fi

# One library's flag (the app's <LIB>_CFLAGS-y): the app's own sources
# rebuild (expected: the .c files in its folder), nothing else does.
settle
echo 'APPHELLOWORLD_CFLAGS-y += -DUK_TEST_INCREMENTAL=1' >> "$app/Makefile.uk"
want=$(cd "$app" && ls *.c | sed "s|^|${app#$UK_ROOT/}/|; s|\.c$|.o|" | sort)
rebuild
if [ "$compiled" != "$want" ] && [ "$compiled" != "$(sed "s|^|$UK_ROOT/|" <<<"$want")" ]; then
	fail incremental/library-flag "compiled '$(echo $compiled)', expected '$(echo $want)'"
elif ! grep -q '^LD .*\.dbg$' <<<"$steps"; then
	fail incremental/library-flag "did not relink the image"
else
	pass incremental/library-flag
fi

# Selecting and deselecting a library relinks, also when no object
# changed: test/extlib-exports (an L= library with no include/ folder, so
# no other library's flags change, and no source mentions its symbol) is
# built once, then switched off and on again. Expected: nm of the image
# shows its probe_init exactly while it is selected.
UK_MAKE_ARGS="L=$UK_ROOT/test/extlib-exports"
has_probe() { nm "$IMAGE.dbg" 2>/dev/null | grep -q ' t probe_init$'; }
toggle() {
	settle
	sed -i "/CONFIG_$1[= ]/d" "$CFG"
	if [ "$2" = y ]; then echo "CONFIG_$1=y" >> "$CFG"; else echo "# CONFIG_$1 is not set" >> "$CFG"; fi
	rebuild
}
toggle LIBEXPORTSPROBE y
if ! has_probe; then
	fail incremental/select-links "exportsprobe selected, but probe_init is not in the image"
else
	pass incremental/select-links
fi
toggle LIBEXPORTSPROBE n
if has_probe; then
	fail incremental/deselect-relinks "exportsprobe deselected, but the image still has probe_init (not relinked: $(echo $steps))"
elif [ -n "$compiled" ]; then
	fail incremental/deselect-relinks "deselecting exportsprobe compiled '$(echo $compiled)'"
else
	pass incremental/deselect-relinks
fi
toggle LIBEXPORTSPROBE y
if ! has_probe; then
	fail incremental/reselect-relinks "exportsprobe selected again (its objects unchanged), but the image was not relinked with it: $(echo $steps)"
elif [ -n "$compiled" ]; then
	fail incremental/reselect-relinks "selecting exportsprobe again compiled '$(echo $compiled)'"
else
	pass incremental/reselect-relinks
fi
done_case
