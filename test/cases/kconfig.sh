#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Kconfig sanity: the whole menu (every lib/*, drivers/* and test/extlib*
# library, with each app of apps/ and test/apps/) parses with no
# kconfiglib warning, and every option a user can see has a prompt of the
# form "name: purpose" and help text (test/kconfig-lint.py has the rules).
. "$(dirname "$0")/../lib.sh"

py=
for p in python3 /usr/bin/python3; do
	if "$p" -c 'import kconfiglib' 2>/dev/null; then py=$p; break; fi
done
if [ -z "$py" ]; then
	fail kconfig "no Python with kconfiglib: run support/scripts/setup"
	done_case
fi

libs=$UK_TEST_DIR/libs.uk
for c in "$UK_ROOT"/lib/*/Config.uk "$UK_ROOT"/drivers/*/Config.uk \
	 "$UK_ROOT"/test/extlib*/Config.uk "$UK_ROOT"/test/extlib*/*/Config.uk; do
	[ -f "$c" ] && echo "source \"$c\""
done > "$libs"
cat "$libs"

# The whole tree once (with helloworld), then each other app: its own
# Config.uk's problems and any warning.
first=1
for app in "$UK_ROOT"/apps/helloworld "$UK_ROOT"/apps/*/ "$UK_ROOT"/test/apps/*/; do
	app=${app%/}
	[ -f "$app/Config.uk" ] || continue
	name=${app#$UK_ROOT/}
	[ $first = 1 ] || [ "$name" != apps/helloworld ] || continue
	log "kconfig $name"
	out=$(UK_ROOT=$UK_ROOT UK_APP=$app UK_APP_NAME=$(basename "$app") UK_KCONFIG_LIBS=$libs \
		"$py" "$UK_ROOT/test/kconfig-lint.py" "$UK_ROOT/Config.uk" 2>&1)
	rc=$?
	if [ $first = 1 ]; then
		result=kconfig/tree
	else
		result=kconfig/$name
		out=$(grep -e "^$app/" -e "^$name/" -e '^warning:' -e '^parse error' <<<"$out")
		[ -n "$out" ] || rc=0
	fi
	printf '%s\n' "$out"
	first=0
	if [ $rc = 0 ]; then
		pass "$result"
	else
		fail "$result" "$(grep -c . <<<"$out") problem(s), first: $(head -1 <<<"$out")"
	fi
done
done_case
