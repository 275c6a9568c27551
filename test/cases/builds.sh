#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The config matrix: every shipped defconfig of every app, and helloworld
# with allnoconfig, allyesconfig and 20 seeded randconfigs
# (KCONFIG_SEED=1..20). Each must build, or be refused by Kconfig with a
# "unikit:" message; a compile or link failure is a failure. Builds run
# $UK_TEST_MAKE_J at a time, one make job each; each one's time is logged.
. "$(dirname "$0")/../lib.sh"

seeds=${UK_TEST_RANDCONFIGS:-20}

# one NAME APP CONFIG [env...]: a single build in a subshell, its output in
# its own log (appended to the case log afterwards), its result on fd 3.
one() {
	local name=$1 app=$2 config=$3; shift 3
	(
		exec >"$UK_TEST_DIR/$name.log" 2>&1
		export "$@" 2>/dev/null
		UK_TEST_MAKE_J=1
		BUILD_NAME=$name build_app "$app" "$config"
		rc=$?
		if [ $rc = 0 ] && [ -n "$IMAGE" ] && [ -s "$IMAGE" ]; then
			pass "build/$name"
		elif [ $rc = 0 ]; then
			fail "build/$name" "make succeeded but wrote no image"
		elif ! grep -q '\*\*\* \|Error [0-9]' "$UK_TEST_DIR/$name.log" ||
		     ! grep -q 'unikit: ' "$UK_TEST_DIR/$name.log"; then
			fail "build/$name" "failed (status $rc) without a unikit: message"
		elif [ ! -e "$O/obj" ] && grep -q 'unikit: ' "$UK_TEST_DIR/$name.log"; then
			echo "refused by Kconfig: $(grep 'unikit: ' "$UK_TEST_DIR/$name.log" | tail -1)"
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
pids=()
i=0
for j in "${jobs[@]}"; do
	# shellcheck disable=SC2086
	one $j &
	pids+=($!)
	i=$((i + 1))
	if [ ${#pids[@]} -ge "$par" ]; then
		wait -n || failed=1
		for k in "${!pids[@]}"; do kill -0 "${pids[$k]}" 2>/dev/null || unset "pids[$k]"; done
	fi
done
for p in "${pids[@]}"; do wait "$p" || failed=1; done
for j in "${jobs[@]}"; do
	n=${j%% *}
	echo "=== build $n"
	cat "$UK_TEST_DIR/$n.log"
done
UK_TEST_RESULTS=${#jobs[@]}
UK_TEST_FAILED=$failed
done_case
