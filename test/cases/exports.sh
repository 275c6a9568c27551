#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Exports are enforced at link time: test/extlib-exports (an L= library)
# links when it calls ukboot's exported uk_boot_exit, and the image
# fails to link with "undefined reference" once it also calls
# uk_boot_parse_cmdline, which is global in libukboot but not exported.
# A library whose exportsyms.uk is empty, or missing, exports nothing
# (and still links: its init entry is reached through uk_inittab).
# `make exports LIB=name` drafts the list from what others reference.
. "$(dirname "$0")/../lib.sh"

UK_MAKE_ARGS="L=$UK_ROOT/test/extlib-exports"

# The control: the library links when it uses only exported symbols.
if BUILD_NAME=legal build_app apps/helloworld linuxu-x86_64 CONFIG_LIBEXPORTSPROBE=y &&
   [ -d "$O/obj/libexportsprobe" ] && [ -x "$IMAGE" ]; then
	pass exports/exported-call-links
else
	fail exports/exported-call-links "helloworld with L=test/extlib-exports did not build"
fi

BUILD_NAME=hidden build_app apps/helloworld linuxu-x86_64 \
	CONFIG_LIBEXPORTSPROBE=y CONFIG_LIBEXPORTSPROBE_HIDDEN=y > "$UK_TEST_DIR/hidden.out" 2>&1
rc=$?
cat "$UK_TEST_DIR/hidden.out"
if [ $rc = 0 ]; then
	fail exports/unexported-call-refused "linked although uk_boot_parse_cmdline is not exported"
elif ! grep -q "undefined reference to .uk_boot_parse_cmdline" "$UK_TEST_DIR/hidden.out"; then
	fail exports/unexported-call-refused "failed (status $rc), but not with \"undefined reference to uk_boot_parse_cmdline\""
else
	pass exports/unexported-call-refused
fi

# And the symbol really is global inside libukboot before localization.
if nm "$O/obj/libukboot/cmdline.o" | grep -q ' T uk_boot_parse_cmdline$' &&
   nm "$O/obj/libukboot.o" | grep -q ' t uk_boot_parse_cmdline$'; then
	pass exports/localized-in-library-object
else
	fail exports/localized-in-library-object "uk_boot_parse_cmdline is not T in cmdline.o and t in libukboot.o"
fi

# The draft list: on the image that fails to link, it names the symbol
# the probe needs from ukboot (and only names ukboot defines).
out=$(uk_make -s exports LIB=ukboot 2>&1)
rc=$?
printf '%s\n' "$out"
names=$(grep -v -e '^#' -e '^---' <<<"$out")
if [ $rc != 0 ]; then
	fail exports/draft-list "make exports LIB=ukboot failed (status $rc)"
elif ! grep -qx uk_boot_parse_cmdline <<<"$names" || ! grep -qx uk_boot_exit <<<"$names"; then
	fail exports/draft-list "the draft lacks uk_boot_parse_cmdline or uk_boot_exit: $(echo $names)"
elif nm --defined-only "$O"/obj/libukboot/*.o | awk '{ print $NF }' | sort -u | comm -13 - <(sort <<<"$names") | grep -q .; then
	fail exports/draft-list "the draft names symbols ukboot does not define: $(echo $names)"
else
	pass exports/draft-list
fi

# exports_nothing NAME: libexportsprobe.o has exportsprobe_helper local
# (the image linked, so exporting nothing still links).
exports_nothing() {
	local o=$O/obj/libexportsprobe.o
	if [ ! -x "$IMAGE" ]; then
		fail "$1" "the image did not link"
	elif ! nm "$O/obj/libexportsprobe/probe.o" | grep -q ' T exportsprobe_helper$'; then
		fail "$1" "exportsprobe_helper is not global in probe.o (the check checks nothing)"
	elif nm "$o" | grep -q ' T exportsprobe_helper$' || ! nm "$o" | grep -q ' t exportsprobe_helper$'; then
		fail "$1" "exportsprobe_helper is still global in libexportsprobe.o: $(nm "$o" | grep -E ' [A-Z] ' | tr '\n' ' ')"
	else
		pass "$1"
	fi
}
BUILD_NAME=empty build_app apps/helloworld linuxu-x86_64 CONFIG_LIBEXPORTSPROBE=y
exports_nothing exports/empty-list-exports-nothing
if nm "$IMAGE.dbg" | grep -q ' t probe_init$'; then
	pass exports/exporting-nothing-links-and-runs-init
	run_linuxu "$IMAGE"
	check exports/exporting-nothing-runs expect_status 0
else
	fail exports/exporting-nothing-links-and-runs-init "probe_init is not in the image"
fi

# The same library without any exportsyms.uk.
noexp=$UK_TEST_DIR/noexp
cp -r "$UK_ROOT/test/extlib-exports" "$noexp"
rm -f "$noexp/exportsyms.uk"
UK_MAKE_ARGS="L=$noexp"
BUILD_NAME=missing build_app apps/helloworld linuxu-x86_64 CONFIG_LIBEXPORTSPROBE=y
exports_nothing exports/missing-list-exports-nothing
done_case
