#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# 9pfs and uk9pdev (lib/9pfs, lib/uk9pdev):
# - the codec and the client on crafted replies (uktest 9pfs.*,
#   uk9pdev.*): on linuxu and in the QEMU runs below; the lines the
#   malformed replies print are checked too;
# - a live session against QEMU's 9p server on pc (virtio-pci) and
#   microvm (virtio-mmio), security_model=none and mapped-xattr: the
#   guest reads a file the host wrote (9pfs.live_host_file_reads), and
#   writes a tree (9pfs.live_guest_writes_a_tree) that this script then
#   checks on the host: contents, modes (mapped-xattr: in the
#   user.virtfs.* attributes), the hard link, the symlink, the node, the
#   rename and the removed directory.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter="uktest.filter=9pfs.*,uk9pdev.*"
libs=(CONFIG_LIBUKALLOC=y CONFIG_LIBUKSCHED=y CONFIG_LIBUKSCHEDCOOP=y
	CONFIG_LIBUKLOCK=y CONFIG_LIBUK9PDEV=y CONFIG_LIB9PFS=y)
share=$UK_TEST_DIR/share

# The crafted-reply lines the scripted cases must print (and nothing
# else may complain).
expect_complaints() {
	expect_output "[err] 9pfs: fake: malformed Rversion: msize 1048576 for 65536 asked" &&
	expect_output "[err] 9pfs: fake: the server does not speak 9P2000.L" &&
	expect_output "[err] 9pfs: fake: malformed Rclunk: reply tag 0 for request tag 1" &&
	expect_output "[err] uk9pdev: fake: malformed 9P reply (9 bytes, size field 12)" &&
	[ "$(grep -c '\[err\]' <<<"$OUT")" = 8 ] ||
		{ UK_FAIL_REASON="complaints: $(grep '\[err\]' <<<"$OUT" | tr '\n' '|')"; false; }
}

if BUILD_NAME=linuxu build_app $app linuxu-x86_64-musl CONFIG_LIBUK9PDEV=y CONFIG_LIB9PFS=y &&
   [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter"
	uktest_results 9pfs/linuxu 18
	check 9pfs/linuxu/complaints expect_complaints
else
	fail 9pfs/linuxu "$app linuxu-x86_64-musl with 9pfs did not build"
fi

if ! have_qemu; then
	fail 9pfs/qemu "support/scripts/run-qemu or QEMU missing"
	done_case
fi

# boot MACHINE QEMU-ARG...: the image with the 9pfs filter.
boot() {
	local machine=$1 opts=() a; shift
	for a in "$@"; do opts+=(--qemu-arg "$a"); done
	log "run-qemu --machine $machine ${opts[*]} $IMAGE"
	OUT=$("$UK_RUN_QEMU" --machine "$machine" "${opts[@]}" --accel "$ACCEL" \
		--timeout "$QEMU_TIMEOUT" --append "$filter" "$IMAGE" 2>&1 </dev/null)
	STATUS=$?
	OUT=${OUT//$'\r'/}
	printf '%s\n' "$OUT"
	log "status $STATUS"
}

fresh_share() {
	rm -rf "$share"
	mkdir -p "$share"
	printf 'hello from the host\n' > "$share/from-host.txt"
}

# xattr FILE NAME: the mapped-xattr attribute as a number, or "-".
xattr() {
	python3 -c 'import os,sys
try: print(int.from_bytes(os.getxattr(sys.argv[1], sys.argv[2], follow_symlinks=False), "little"))
except OSError: print("-")' "$1" "$2"
}

# host_sees MODEL: what the guest wrote, as the host sees it.
host_sees() {
	local g=$share/from-guest
	[ "$(cat "$g/a.txt")" = "written" ] ||
		{ UK_FAIL_REASON="a.txt holds '$(cat "$g/a.txt" 2>&1)'"; return 1; }
	[ "$(stat -c %i "$g/a.txt")" = "$(stat -c %i "$share/renamed")" ] ||
		{ UK_FAIL_REASON="renamed is not a.txt's hard link"; return 1; }
	[ ! -e "$g/gone" ] && [ ! -e "$g/hard" ] ||
		{ UK_FAIL_REASON="gone or hard still there"; return 1; }
	case $1 in
	none)
		[ "$(stat -c %a "$g/a.txt")" = 600 ] && [ -f "$g/node" ] &&
		[ "$(stat -c %a "$g/node")" = 640 ] &&
		[ "$(readlink "$g/link")" = a.txt ] ||
			{ UK_FAIL_REASON="mode $(stat -c %a "$g/a.txt"), node/link: $(ls -l "$g" | tr '\n' '|')"; return 1; } ;;
	mapped-xattr)
		# files are plain to the host; the guest's view is in xattrs
		[ "$(xattr "$g/a.txt" user.virtfs.mode)" = $((0100600)) ] &&
		[ "$(xattr "$g/node" user.virtfs.mode)" = $((0100640)) ] &&
		[ -f "$g/link" ] && [ "$(cat "$g/link")" = a.txt ] ||
			{ UK_FAIL_REASON="xattrs: a.txt $(xattr "$g/a.txt" user.virtfs.mode), node $(xattr "$g/node" user.virtfs.mode), link '$(cat "$g/link" 2>&1)'"; return 1; } ;;
	esac
}

for m in pc microvm; do
	extra=(CONFIG_LIBUKVIRTIO=y CONFIG_LIBUKVIRTIO_9P=y)
	if [ $m = pc ]; then
		extra+=(CONFIG_LIBUKPCI=y)
		dev=virtio-9p-pci
		mopt=()
	else
		extra+=(CONFIG_PLAT_KVM_MULTIBOOT=n)
		dev=virtio-9p-device
		mopt=(-M microvm,acpi=off)
	fi
	if ! BUILD_NAME=kvm-$m build_app $app kvm-x86_64-$m "${libs[@]}" "${extra[@]}" ||
	   [ ! -f "$IMAGE" ]; then
		fail 9pfs/$m "$app kvm-x86_64-$m with 9pfs did not build"
		continue
	fi
	for model in none mapped-xattr; do
		fresh_share
		boot $m "${mopt[@]}" -fsdev "local,id=f0,path=$share,security_model=$model" \
			-device "$dev,fsdev=f0,mount_tag=share"
		uktest_results 9pfs/$m/$model 18
		check 9pfs/$m/$model/no-case-skipped eval '! grep -q "^uktest: SKIP" <<<"$OUT"'
		check 9pfs/$m/$model/host-sees-guest-tree host_sees $model
	done
done
done_case
