#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The reports explain the image truthfully (issue 5), on one small linuxu
# build:
#   - size-report attributes exactly the image's loaded bytes (the sum of
#     its PT_LOAD memory sizes, read here with readelf, not by the report)
#     and exactly its file size;
#   - `make why LIB=ukdebug` names the real chain: ukdebug depends on
#     HAVE_LIBC, which LIBNOLIBC selects; and with nolibc off, says that
#     ukdebug is out because nothing selects HAVE_LIBC;
#   - `make graph` draws a node for every library linked into the image.
. "$(dirname "$0")/../lib.sh"

# is_png FILE: FILE starts with the PNG signature and has an IHDR chunk.
is_png() {
	[ "$(head -c 8 "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] &&
	[ "$(head -c 16 "$1" | tail -c 4)" = IHDR ]
}

if ! build_app apps/helloworld linuxu-x86_64; then
	fail build "helloworld linuxu-x86_64 did not build"
	done_case
fi

# size-report: the TOTAL row against readelf's view of the image.
if uk_make size-report; then
	tsv=$O/report/size.tsv
	total=$(awk -F'\t' '$1 == "TOTAL" { print $(NF-1) }' "$tsv")
	file=$(awk -F'\t' '$1 == "TOTAL" { print $NF }' "$tsv")
	rows=$(awk -F'\t' 'NR > 1 && $1 != "TOTAL" { s += $(NF-1) } END { print s }' "$tsv")
	loads=0
	for h in $(readelf -lW "$IMAGE" | awk '$1 == "LOAD" { print $6 }'); do
		loads=$((loads + h))
	done
	UK_FAIL_REASON="rows sum to $rows, TOTAL says $total, readelf says $loads"
	check size-sums-to-loaded eval '[ "$rows" = "$loads" ] && [ "$total" = "$loads" ]'
	UK_FAIL_REASON="TOTAL file $file, image is $(stat -c %s "$IMAGE") bytes"
	check size-file-total [ "$file" = "$(stat -c %s "$IMAGE")" ]
	UK_FAIL_REASON="$O/report/size.png is not a PNG"
	check size-png is_png "$O/report/size.png"
else
	fail size-report "make size-report failed"
fi

# why: the known chain, in and out.
why=$(uk_make why LIB=ukdebug 2>&1)
printf '%s\n' "$why"
UK_FAIL_REASON="no 'depends on HAVE_LIBC ... selected by LIBNOLIBC' in: $why"
check why-in bash -c 'grep -q "libukdebug is in the image" <<<"$1" &&
	grep -q "depends on .*HAVE_LIBC" <<<"$1" &&
	grep -q "selected by LIBNOLIBC=y" <<<"$1"' _ "$why"

off=$UK_TEST_DIR/why-off
mkdir -p "$off"
sed 's/^CONFIG_LIBNOLIBC=y/# CONFIG_LIBNOLIBC is not set/' "$CFG" > "$off.config"
whyoff=$(O=$off CFG=$off.config uk_make why LIB=libukdebug 2>&1)
printf '%s\n' "$whyoff"
UK_FAIL_REASON="no 'not in the image ... LIBNOLIBC (=n)' in: $whyoff"
check why-out bash -c 'grep -q "libukdebug is not in the image" <<<"$1" &&
	grep -q "dependencies do not hold" <<<"$1" &&
	grep -q "LIBNOLIBC (=n)" <<<"$1"' _ "$whyoff"

UK_FAIL_REASON="make why LIB=nosuchlib did not fail with a message"
check why-unknown bash -c '! out=$(cd "$1" && make --no-print-directory A="$2" O="$3" C="$4" \
	why LIB=nosuchlib 2>&1) && grep -q "no such library" <<<"$out"' _ "$UK_ROOT" "$APP" "$O" "$CFG"

# graph: one node per library object linked into the image.
if uk_make graph; then
	missing=
	for o in "$O"/obj/*.o; do
		lib=$(basename "$o" .o)
		case "$lib" in symtab*) continue ;; esac
		grep -q "^  \"$lib\" \[shape=box" "$O/report/graph.dot" || missing="$missing $lib"
	done
	UK_FAIL_REASON="no node for:$missing"
	check graph-nodes [ -z "$missing" ]
	UK_FAIL_REASON="graph.svg is not an SVG or graph.png not a PNG"
	check graph-svg-png eval 'grep -q "<svg" "$O/report/graph.svg" && is_png "$O/report/graph.png"'
else
	fail graph "make graph failed"
fi

done_case
