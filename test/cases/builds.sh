#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# case-timeout: 2400
# (every app's defconfigs, SQLite's 8.6 MB sqlite3.c, Redis and nginx
# among them: 900 s was passed at load 5 with two randconfigs to go)
#
# The config matrix: every shipped defconfig of every app, and helloworld
# with allnoconfig, allyesconfig and 20 seeded randconfigs
# (KCONFIG_SEED=1..20). Each must build, or be refused by Kconfig: make
# stopped in a recipe of support/build/config.mk (the Kconfig step) with
# a "unikit:" line and nothing compiled; any other failure is a failure.
# Coverage: every library that allyesconfig switches on must be on in at
# least one randconfig. For each one the seeds missed, one more
# randconfig is built with it (and what it depends on) switched on
# (UK_RANDCONFIG_WANT); the case reports which randconfigs covered what,
# and fails for a library no randconfig could switch on. Builds run
# $UK_TEST_MAKE_J at a time, one make job each; each one's time is logged.
. "$(dirname "$0")/../lib.sh"

seeds=${UK_TEST_RANDCONFIGS:-20}

# one NAME APP CONFIG [env...]: a single build in a subshell, its output in
# its own log (appended to the case log afterwards), its result on fd 3.
one() {
	local name=$1 app=$2 config=$3; shift 3
	(
		exec >"$UK_TEST_DIR/$name.log" 2>&1
		[ $# = 0 ] || export "$@"
		UK_TEST_MAKE_J=1
		BUILD_NAME=$name build_app "$app" "$config"
		rc=$?
		if [ $rc = 0 ] && [ -n "$IMAGE" ] && [ -s "$IMAGE" ]; then
			pass "build/$name"
		elif [ $rc = 0 ]; then
			fail "build/$name" "make succeeded but wrote no image"
		elif [ ! -e "$O/obj" ] && grep -q '^unikit: ' "$UK_TEST_DIR/$name.log" &&
		     grep -qE '^make(\[[0-9]+\])?: \*\*\* \[[^]]*support/build/config\.mk:[0-9]+: [^]]*\] Error' \
			"$UK_TEST_DIR/$name.log"; then
			echo "refused by Kconfig: $(grep '^unikit: ' "$UK_TEST_DIR/$name.log" | tail -1)"
			pass "build/$name"
		else
			fail "build/$name" "build failed (status $rc): $(grep -m1 -E 'error|\*\*\*' "$UK_TEST_DIR/$name.log")"
		fi
		[ "$UK_TEST_FAILED" = 0 ]
	)
}

jobs=()
add() { jobs+=("$*"); }
for app in "$UK_ROOT"/apps/*/; do
	app=${app%/}
	for d in "$app"/defconfigs/*; do
		[ -f "$d" ] && add "$(basename "$app")-$(basename "$d") $app $(basename "$d")"
	done
done
add helloworld-allnoconfig apps/helloworld allnoconfig
add helloworld-allyesconfig apps/helloworld allyesconfig
for s in $(seq 1 "$seeds"); do
	add "helloworld-randconfig-$s apps/helloworld randconfig KCONFIG_SEED=$s"
done

par=${UK_TEST_MAKE_J:-2}
failed=0
# run_jobs JOB...: build them, $par at a time.
run_jobs() {
	local j k pids=()
	for j in "$@"; do
		# shellcheck disable=SC2086
		one $j &
		pids+=($!)
		if [ ${#pids[@]} -ge "$par" ]; then
			wait -n || failed=1
			for k in "${!pids[@]}"; do kill -0 "${pids[$k]}" 2>/dev/null || unset "pids[$k]"; done
		fi
	done
	for k in "${pids[@]}"; do wait "$k" || failed=1; done
}
run_jobs "${jobs[@]}"

# Coverage. The libraries: each lib/*, drivers/* Makefile.uk's
# "UK_LIBS-$(CONFIG_X) += name"; selectable: on in allyesconfig.
libsyms=$(sed -n 's/^UK_LIBS-\$(CONFIG_\([A-Za-z0-9_]*\)) *+= *\([A-Za-z0-9_-]*\).*/\1 \2/p' \
	"$UK_ROOT"/lib/*/Makefile.uk "$UK_ROOT"/drivers/*/Makefile.uk 2>/dev/null)
yes_cfg=$UK_TEST_DIR/helloworld-allyesconfig.config
rand_cfgs() { ls "$UK_TEST_DIR"/helloworld-randconfig-*.config 2>/dev/null; }
# uncovered: the selectable libraries' symbols no randconfig has on.
uncovered() {
	local sym name
	while read -r sym name; do
		[ -n "$sym" ] && grep -qx "CONFIG_$sym=y" "$yes_cfg" 2>/dev/null || continue
		grep -qx "CONFIG_$sym=y" $(rand_cfgs) /dev/null || echo "$sym"
	done <<<"$libsyms"
}
if [ ! -f "$yes_cfg" ]; then
	fail build/randconfig-coverage "no allyesconfig .config to tell which libraries are selectable"
else
	extra=()
	for sym in $(uncovered); do
		lname=$(tr 'A-Z_' 'a-z-' <<<"$sym")
		extra+=("helloworld-randconfig-$lname apps/helloworld randconfig KCONFIG_SEED=1 UK_RANDCONFIG_WANT=$sym")
	done
	if [ ${#extra[@]} -gt 0 ]; then
		echo "seeds 1..$seeds missed $(uncovered | tr '\n' ' '): ${#extra[@]} more randconfigs"
		run_jobs "${extra[@]}"
		jobs+=("${extra[@]}")
	fi
	echo "randconfig coverage (library: randconfigs with it on):"
	while read -r sym name; do
		[ -n "$sym" ] && grep -qx "CONFIG_$sym=y" "$yes_cfg" || continue
		on=$(grep -lx "CONFIG_$sym=y" $(rand_cfgs) /dev/null | sed 's|.*/helloworld-randconfig-||; s|\.config$||' | tr '\n' ' ')
		echo "  $name: ${on:-none}"
	done <<<"$libsyms"
	missing=$(uncovered | tr '\n' ' ')
	if [ -n "$missing" ]; then
		fail build/randconfig-coverage "never switched on by any randconfig: $missing"
	else
		pass build/randconfig-coverage
	fi
fi
for j in "${jobs[@]}"; do
	n=${j%% *}
	echo "=== build $n"
	cat "$UK_TEST_DIR/$n.log"
done
UK_TEST_RESULTS=$((UK_TEST_RESULTS + ${#jobs[@]}))
[ "$failed" = 0 ] || UK_TEST_FAILED=1
done_case
