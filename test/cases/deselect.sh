#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# A deselected library compiles and links nothing: with CONFIG_LIBUKDEBUG
# (then CONFIG_LIBNOLIBC) off, its object folder is absent from the build
# directory and its symbols from the image; with it on, both are there.
. "$(dirname "$0")/../lib.sh"

# strong_exports DIR: the symbols in DIR/exportsyms.uk that the image
# defines strongly, leaving out any that another library linked in this
# build also exports (ukboot's fallback uk_boot_crash when ukdebug is off) and
# weak fallbacks.
strong_exports() {
	local lib=lib$(basename "$1") o
	local others; others=$(for o in "$O"/obj/*.o; do
		case "$o" in */"$lib".o|*/symtab*.o) continue ;; esac
		nm --defined-only -g "$o" | awk '$2 ~ /^[TDBR]$/ { print $3 }'
	done)
	nm --defined-only "$IMAGE.dbg" | awk '$2 ~ /^[TDBRtdbr]$/ { print $3 }' |
		grep -Fxf <(grep -v '^#' "$1/exportsyms.uk") |
		grep -vFx -e "${others:-/}" || true
}

# present NAME LIB DIR SYMBOL: the library was compiled (its object
# folder, and SYMBOL in its one object) and the image links some of its
# exports.
present() {
	if [ ! -d "$O/obj/$2" ] || [ ! -f "$O/obj/$2.o" ]; then
		fail "$1" "$O/obj/$2/ or $2.o missing"
	elif ! nm "$O/obj/$2.o" | grep -qw "T $4"; then
		fail "$1" "$2.o does not define $4"
	elif [ -z "$(strong_exports "$3")" ]; then
		fail "$1" "the image defines none of $2's exports"
	else
		pass "$1"
	fi
}

# absent NAME LIB DIR SYMBOL: nothing of it in the build directory, SYMBOL
# nowhere in the image, none of its exports defined by the image.
absent() {
	local s
	if [ -e "$O/obj/$2" ] || [ -e "$O/obj/$2.o" ]; then
		fail "$1" "$O/obj/$2 exists"
	elif nm "$IMAGE.dbg" | grep -qw "$4"; then
		fail "$1" "nm $(basename "$IMAGE").dbg shows $4"
	elif s=$(strong_exports "$3") && [ -n "$s" ]; then
		fail "$1" "the image defines $2's exports: $(echo $s)"
	else
		pass "$1"
	fi
}

built() { [ -n "$IMAGE" ] && [ -f "$IMAGE.dbg" ]; }

if BUILD_NAME=all-on build_app apps/helloworld linuxu-x86_64 CONFIG_LIBUKDEBUG=y CONFIG_LIBNOLIBC=y && built; then
	present deselect/ukdebug-on libukdebug "$UK_ROOT/lib/ukdebug" uk_debug_printk
	present deselect/nolibc-on libnolibc "$UK_ROOT/lib/nolibc" vsnprintf
else
	fail deselect/on "helloworld with ukdebug and nolibc did not build"
fi

if BUILD_NAME=ukdebug-off build_app apps/helloworld linuxu-x86_64 CONFIG_LIBUKDEBUG=n && built; then
	absent deselect/ukdebug-off libukdebug "$UK_ROOT/lib/ukdebug" uk_debug_printk
	present deselect/ukdebug-off-keeps-nolibc libnolibc "$UK_ROOT/lib/nolibc" vsnprintf
	run_linuxu "$IMAGE" -- exit=4
	check deselect/ukdebug-off-runs eval 'expect_output "Hello, world!" && expect_status 4'
else
	fail deselect/ukdebug-off "helloworld without ukdebug did not build"
fi

if [ -d "$UK_ROOT/lib/nolibc" ]; then
	if BUILD_NAME=nolibc-off build_app apps/helloworld linuxu-x86_64 CONFIG_LIBNOLIBC=n && built; then
		absent deselect/nolibc-off libnolibc "$UK_ROOT/lib/nolibc" vsnprintf
		absent deselect/nolibc-off-drops-ukdebug libukdebug "$UK_ROOT/lib/ukdebug" uk_debug_printk
		run_linuxu "$IMAGE" -- exit=6
		check deselect/nolibc-off-runs eval 'expect_output "Hello, world!" && expect_status 6'
	else
		fail deselect/nolibc-off "helloworld without nolibc did not build"
	fi
fi
done_case
