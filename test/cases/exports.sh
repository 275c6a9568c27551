#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Exports are enforced at link time: test/extlib-exports (an L= library)
# links when it calls ukboot's exported uk_boot_exit, and the image
# fails to link with "undefined reference" once it also calls
# uk_boot_parse_cmdline, which is global in libukboot but not exported.
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
done_case
