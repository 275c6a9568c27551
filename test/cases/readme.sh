#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The README quotes figures from a dated report, not by hand:
#   readme/image-size   the helloworld image size in README.md is the
#                       kvm-x86_64-pc "stripped (bytes)" of the bench
#                       report the README names, and that report exists
. "$(dirname "$0")/../lib.sh"

readme=$UK_ROOT/README.md
report=$(grep -o 'bench/results/[0-9-]*[A-Za-z0-9_-]*\.md' "$readme" | head -n 1)
quoted=$(tr '\n' ' ' < "$readme" | sed -n 's/.*kvm-x86_64-pc` is a \([0-9,]*\)-byte.*/\1/p' | tr -d ,)
measured=
[ -n "$report" ] && [ -f "$UK_ROOT/$report" ] &&
	measured=$(awk -F'|' '$2 ~ /^ *helloworld *$/ && $3 ~ /^ *kvm-x86_64-pc *$/ { gsub(/ /, "", $4); print $4; exit }' "$UK_ROOT/$report")
log "README names '$report'; quotes '$quoted' bytes; the report says '$measured'"
UK_FAIL_REASON="README quotes '${quoted:-no figure}' bytes, ${report:-no report} says '${measured:-nothing}'"
check readme/image-size eval '[ -n "$quoted" ] && [ "$quoted" = "$measured" ]'
done_case
