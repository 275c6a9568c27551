#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Lua 5.4 (lib/lua from Debian's lua5.4 source, apps/lua: its own lua.c)
# runs the scripts of apps/lua/tests (string library and patterns,
# closures and coroutines, metatables, errors with tracebacks, io on
# files written and read back, os.time/os.date/os.clock used
# deterministically) from QEMU's -initrd, a cpio newc archive packed
# here, and from a host folder over 9p as the root (the files the
# scripts write must then be the host's, byte for byte), on pc and
# microvm. The oracle is the host's lua5.4 (Debian's
# package) run on the same scripts in a copy of the same tree: each kit
# run's output must equal the host's line by line from "oracle: begin"
# on (uncaught errors and their tracebacks included), with the same exit
# status. Nothing expected is written by hand.
. "$(dirname "$0")/../lib.sh"

app=apps/lua
tests=$UK_ROOT/$app/tests
root=$UK_TEST_DIR/root
initrd=$UK_TEST_DIR/lua.cpio

for t in lua5.4 cpio; do
	if ! command -v $t >/dev/null; then
		fail lua/tools "$t missing: run support/scripts/setup"
		done_case
	fi
done

# The tree both sides run in: tests/*.lua and an empty tmp/.
mkdir -p "$root/tests" "$root/tmp"
cp "$tests"/*.lua "$root/tests/"
(cd "$root" && find tests tmp | LC_ALL=C sort | cpio -o -H newc --quiet) >"$initrd"

scripts=()
for s in "$tests"/*.lua; do scripts+=("$(basename "$s" .lua)"); done
declare -A host_status
for s in "${scripts[@]}"; do
	# argv[0] "lua", as the kit's lua.c sees it: error lines start "lua: ".
	OUT=$(cd "$root" && TZ=UTC timeout 30 bash -c 'exec -a lua lua5.4 "$@"' lua \
		"tests/$s.lua" 2>&1 </dev/null)
	host_status[$s]=$?
	printf '%s\n' "$OUT"
	oracle_lines <<<"$OUT" >"$UK_TEST_DIR/$s.host"
	check lua/host/$s eval 'grep -qx "oracle: end" "$UK_TEST_DIR/$s.host"'
done
# What the host's scripts wrote, to hold the guest's 9p writes against.
cp -r "$root/tmp" "$UK_TEST_DIR/host-tmp"
rm -rf "$root/tmp"/*

if ! have_qemu; then
	skip lua/qemu "QEMU missing"
	done_case
fi
if BUILD_NAME=kvm build_app $app kvm-x86_64-pc && [ -f "$IMAGE" ]; then
	pass lua/build
	for m in pc microvm; do
		for s in "${scripts[@]}"; do
			run_qemu $m "$IMAGE" "vfs.fstab=initrd:/ -- tests/$s.lua" -initrd "$initrd"
			oracle_compare "lua/$m/$s" "$s.host" "${host_status[$s]}"
		done
		# The same scripts from a host folder over 9p as the root: the
		# files they write land in the host's folder, byte for byte the
		# host lua5.4's.
		share=$UK_TEST_DIR/share-$m
		rm -rf "$share" && cp -r "$root" "$share"
		for s in "${scripts[@]}"; do
			run_qemu $m "$IMAGE" "vfs.fstab=9p:share:/ -- tests/$s.lua" -fsdev \
				"local,id=share,path=$share,security_model=none" -device \
				"$([ $m = microvm ] && echo virtio-9p-device || echo virtio-9p-pci),fsdev=share,mount_tag=share"
			oracle_compare "lua/$m/9p/$s" "$s.host" "${host_status[$s]}"
		done
		check lua/$m/9p/files diff -r "$UK_TEST_DIR/host-tmp" "$share/tmp"
	done
else
	fail lua/build "$app kvm-x86_64-pc did not build"
fi
done_case
