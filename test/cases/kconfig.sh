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

# lint APP: lint the whole menu with APP; OUT its problems, RC its
# status. For every app after the first, problems the tree run already
# reported (BASELINE) are left out, and only then may the status be
# excused: a problem that is new with this app fails it, wherever the
# file it names lives.
BASELINE=
lint() {
	local app=$1
	OUT=$(UK_ROOT=$UK_ROOT UK_APP=$app UK_APP_NAME=$(basename "$app") UK_KCONFIG_LIBS=$libs \
		"$py" "$UK_ROOT/test/kconfig-lint.py" "$UK_ROOT/Config.uk" 2>&1)
	RC=$?
	if [ -n "$BASELINE" ]; then
		OUT=$(grep -vxF -f <(printf '%s\n' "$BASELINE") <<<"$OUT")
		[ -n "$OUT" ] || RC=0
	fi
}

# The whole tree once (with helloworld), then each other app.
first=1
for app in "$UK_ROOT"/apps/helloworld "$UK_ROOT"/apps/*/ "$UK_ROOT"/test/apps/*/; do
	app=${app%/}
	[ -f "$app/Config.uk" ] || continue
	name=${app#$UK_ROOT/}
	[ $first = 1 ] || [ "$name" != apps/helloworld ] || continue
	log "kconfig $name"
	lint "$app"
	printf '%s\n' "$OUT"
	if [ $first = 1 ]; then
		result=kconfig/tree
		BASELINE=${OUT:-(none)}
	else
		result=kconfig/$name
	fi
	first=0
	if [ $RC = 0 ]; then
		pass "$result"
	else
		fail "$result" "$(grep -c . <<<"$OUT") problem(s), first: $(head -1 <<<"$OUT")"
	fi
done

# The negative control: an app whose Config.uk sources a shared fragment
# (outside the app's folder) with an option that has no help. Its lint
# must fail, naming the fragment.
fake=$UK_TEST_DIR/fakeapp
mkdir -p "$fake"
cat > "$UK_TEST_DIR/shared.uk" <<'KEOF'
config APPFAKE_OPTION
	bool "option: a shared option without help"
KEOF
printf 'config APPFAKEAPP\n\tbool\n\tdefault y\nsource "%s"\n' "$UK_TEST_DIR/shared.uk" > "$fake/Config.uk"
lint "$fake"
printf '%s\n' "$OUT"
if [ $RC != 0 ] && grep -q "shared.uk:.*APPFAKE_OPTION: no help text" <<<"$OUT"; then
	pass kconfig/lint-fails-for-an-app
else
	fail kconfig/lint-fails-for-an-app "an app's option without help passed the lint (status $RC)"
fi
done_case
