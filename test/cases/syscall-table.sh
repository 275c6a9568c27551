#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# docs/syscalls.md is what support/scripts/syscall-table makes of the
# tree's UK_SYSCALL_DEFINEn registrations (a library that adds or drops
# a call regenerates the page in the same commit), and no call is
# registered by two libraries.
. "$(dirname "$0")/../lib.sh"

page=$UK_ROOT/docs/syscalls.md
if "$UK_ROOT/support/scripts/syscall-table" "$UK_ROOT" >"$UK_TEST_DIR/syscalls.md"; then
	if d=$(diff "$page" "$UK_TEST_DIR/syscalls.md"); then
		pass syscall-table/up-to-date
	else
		printf '%s\n' "$d"
		fail syscall-table/up-to-date \
			"docs/syscalls.md differs from the registrations: run support/scripts/syscall-table > docs/syscalls.md ($(grep -m1 '^[<>]' <<<"$d"))"
	fi
	dups=$(awk -F'|' '/^\| `/ { print $2 }' "$UK_TEST_DIR/syscalls.md" | sort | uniq -d | tr -d ' `' | tr '\n' ' ')
	UK_FAIL_REASON="registered by two libraries: $dups"
	check syscall-table/one-provider-each [ -z "$dups" ]
	n=$(grep -c '^| `' "$UK_TEST_DIR/syscalls.md")
	UK_FAIL_REASON="only $n calls in the table"
	check syscall-table/has-rows [ "$n" -gt 20 ]
else
	fail syscall-table/runs "support/scripts/syscall-table failed"
fi
done_case
