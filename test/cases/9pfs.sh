#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# 9pfs and uk9pdev (lib/9pfs, lib/uk9pdev):
# - the codec and the client on crafted replies (uktest 9pfs.*,
#   uk9pdev.*): on linuxu and in the QEMU runs below; the lines the
#   malformed replies print are checked too;
# - a live session against QEMU's 9p server on pc (virtio-pci) and
#   microvm (virtio-mmio), security_model=none and mapped-xattr (and
#   with ukvirtio.poll=1): another thread runs while one waits for a
#   reply (9pfs.live_request_lets_other_threads_run); the
#   guest reads a file the host wrote (9pfs.live_host_file_reads), and
#   writes a tree (9pfs.live_guest_writes_a_tree) that this script then
#   checks on the host: contents, modes (mapped-xattr: in the
#   user.virtfs.* attributes), the hard link, the symlink, the node, the
#   rename and the removed directory;
# - the file system type "9p" through vfscore and musl
#   (test/apps/hostfiles, vfs.fstab="9p:share:DIR"): mounted at /data
#   and as the root, on pc and microvm, with both models: the guest
#   reads what the host wrote, writes a tree (rename, symlink, a 1 MiB
#   file across many messages, a file unlinked while open) that the
#   script checks byte for byte on the host; a missing tag and a bad
#   option are one line each and a non-zero exit; the share given by
#   -fsdev/-device, by run-qemu --share and by make run SHARE= (as the
#   tutorial does);
# - the file system oracle (test/apps/fs-oracle) on a 9p mount at /data,
#   pc with security_model=none and microvm with mapped-xattr: each
#   section the image has the calls for and the seeded exerciser,
#   compared line by line with the same program on the host's tmpfs,
#   less the sub-sections where 9P answers as Linux's own 9p client
#   does, not as tmpfs (FS9P_DIFFERS below).
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

# boot MACHINE QEMU-ARG...: the image with the 9pfs filter (or $FILTER).
boot() {
	local machine=$1 opts=() a; shift
	for a in "$@"; do opts+=(--qemu-arg "$a"); done
	log "run-qemu --machine $machine ${opts[*]} $IMAGE"
	OUT=$("$UK_RUN_QEMU" --machine "$machine" "${opts[@]}" --accel "$ACCEL" \
		--timeout "$QEMU_TIMEOUT" --append "${FILTER:-$filter}" "$IMAGE" 2>&1 </dev/null)
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

# hostfiles_sees MODEL: what test/apps/hostfiles wrote, on the host.
hostfiles_sees() {
	local g=$share/g want
	[ "$(cat "$g/renamed.txt" 2>&1)" = "guest wrote this" ] && [ ! -e "$g/f.txt" ] ||
		{ UK_FAIL_REASON="g/renamed.txt: '$(cat "$g/renamed.txt" 2>&1)'"; return 1; }
	want=$(python3 -c 'import hashlib,sys
n = 1024 * 1024 + 123
print(hashlib.sha256(bytes((i * 7 + i // 4096) & 255 for i in range(n))).hexdigest())')
	[ "$(sha256sum < "$g/big" | cut -d" " -f1)" = "$want" ] ||
		{ UK_FAIL_REASON="g/big differs ($(stat -c %s "$g/big" 2>&1) bytes)"; return 1; }
	[ ! -e "$g/t" ] && [ ! -e "$g/gone" ] && [ -d "$g/sub" ] ||
		{ UK_FAIL_REASON="g/t or g/gone left, or no g/sub: $(ls "$g" | tr '\n' ' ')"; return 1; }
	case $1 in
	none)
		[ "$(readlink "$g/link")" = renamed.txt ] && [ "$(stat -c %a "$g/sub")" = 750 ] ||
			{ UK_FAIL_REASON="link -> '$(readlink "$g/link")', sub mode $(stat -c %a "$g/sub")"; return 1; } ;;
	mapped-xattr)
		[ -f "$g/link" ] && [ "$(cat "$g/link")" = renamed.txt ] &&
		[ "$(xattr "$g/link" user.virtfs.mode)" = $((0120777)) ] &&
		[ "$(xattr "$g/sub" user.virtfs.mode)" = $((040750)) ] ||
			{ UK_FAIL_REASON="link '$(cat "$g/link" 2>&1)' mode $(xattr "$g/link" user.virtfs.mode), sub $(xattr "$g/sub" user.virtfs.mode)"; return 1; } ;;
	esac
}

# hostfiles_run MACHINE MODEL DIR HOW QEMU-ARGS...: one boot, checked.
# HOW gives QEMU the share: "fsdev" (-fsdev and -device $dev), "share"
# (run-qemu --share DIR:TAG:MODEL), "make" (make run SHARE=DIR:TAG:MODEL
# ARGS=..., as docs/tutorial-give-your-app-files.md does it).
hostfiles_run() {
	local m=$1 model=$2 dir=$3 how=$4 name a opts=(); shift 4
	local params="vfs.fstab=9p:share:$dir apphostfiles.dir=$dir"
	name=9pfs/$m/hostfiles/$model${dir//\//-}
	[ "$dir" = / ] && name=${name%-}-root
	name=$name/$how
	fresh_share
	mkdir -p "$share/host-dir" && printf abc > "$share/host-dir/inner"
	case $how in
	fsdev)
		FILTER=$params boot $m "$@" \
			-fsdev "local,id=f0,path=$share,security_model=$model" \
			-device "$dev,fsdev=f0,mount_tag=share" ;;
	share)
		for a in "$@"; do opts+=(--qemu-arg "$a"); done
		log "run-qemu --machine $m --share $share:share:$model ${opts[*]}"
		OUT=$("$UK_RUN_QEMU" --machine "$m" --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
			--share "$share:share:$model" "${opts[@]}" --append "$params" \
			"$IMAGE" 2>&1 </dev/null)
		STATUS=$? ;;
	make)
		OUT=$(timeout "$QEMU_TIMEOUT" make --no-print-directory -C "$UK_ROOT" A="$APP" \
			O="$O" C="$CFG" run MACHINE=$m ACCEL="$ACCEL" \
			SHARE="$share:share:$model" ARGS="$params" 2>&1 </dev/null)
		STATUS=$? ;;
	esac
	OUT=${OUT//$'\r'/}
	printf '%s\n' "$OUT"
	check $name eval 'expect_output "hostfiles: ok" && expect_status 0 &&
		! grep -q "hostfiles: FAIL" <<<"$OUT"'
	check $name/host-sees hostfiles_sees $model
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
	# polling mode: the waiting thread polls and yields to the others
	fresh_share
	FILTER="ukvirtio.poll=1 uktest.filter=9pfs.live*" boot $m "${mopt[@]}" \
		-fsdev "local,id=f0,path=$share,security_model=none" \
		-device "$dev,fsdev=f0,mount_tag=share"
	uktest_results 9pfs/$m/poll 3
	if ! BUILD_NAME=hostfiles-$m build_app test/apps/hostfiles kvm-x86_64-$m ||
	   [ ! -f "$IMAGE" ]; then
		fail 9pfs/$m/hostfiles "test/apps/hostfiles kvm-x86_64-$m did not build"
		continue
	fi
	if [ $m = pc ]; then
		# size-report on a musl image that uses stdio's files: libc.a's
		# merged string sections are listed at their size before the
		# merge (it stopped on .rodata.__fdopen.str1.1 once).
		OUT=$(uk_make size-report 2>&1)
		STATUS=$?
		printf '%s\n' "$OUT"
		check 9pfs/pc/size-report-on-musl eval 'expect_status 0 &&
			expect_output "Both columns add up exactly (checked)."'
		hostfiles_run pc none /data make
		hostfiles_run pc mapped-xattr / fsdev
		# a tag nobody has, a bad option: one line, a non-zero exit
		FILTER="vfs.fstab=9p:nosuch:/data" boot pc \
			-fsdev "local,id=f0,path=$share,security_model=none" \
			-device "$dev,fsdev=f0,mount_tag=share"
		check 9pfs/pc/mount-unknown-tag eval 'expect_output "[err] 9pfs: no 9P device tagged \"nosuch\" (QEMU'"'"'s mount_tag)" &&
			! expect_status 0 && ! grep -q "^hostfiles:" <<<"$OUT"'
		FILTER="vfs.fstab=9p:share:/data:msize=12" boot pc \
			-fsdev "local,id=f0,path=$share,security_model=none" \
			-device "$dev,fsdev=f0,mount_tag=share"
		check 9pfs/pc/mount-bad-option eval 'expect_output "[err] 9pfs: bad mount option '"'"'msize=12'"'"' (9p takes msize=N, N >= 4096)" &&
			! expect_status 0 && ! grep -q "^hostfiles:" <<<"$OUT"'
	else
		hostfiles_run microvm none / fsdev "${mopt[@]}"
		hostfiles_run microvm mapped-xattr /data share "${mopt[@]}"
		# --share refuses a folder that is not there, before QEMU
		OUT=$("$UK_RUN_QEMU" --machine microvm --share "$share/none:share" "$IMAGE" 2>&1)
		STATUS=$?
		check 9pfs/run-qemu/share-missing-folder eval 'expect_status 2 &&
			expect_output "run-qemu: --share $share/none:share: no folder '"'"'$share/none'"'"'"' 
	fi
done
# Sub-sections of the oracle where 9P answers as Linux's v9fs does, not
# as tmpfs: fallocate is EOPNOTSUPP ("files: truncate, fallocate, sync"),
# renameat2(RENAME_EXCHANGE) EINVAL ("dirs: rename", and "dirs: cwd",
# which works in the tree the exchanges left). Left out of both sides,
# each named by a SKIP; the rest must match line for line.
FS9P_DIFFERS="files: truncate, fallocate, sync|dirs: rename|dirs: cwd"
fs9p_drop() {
	awk -v re="^($FS9P_DIFFERS)\$" '
		/^(oracle|files|dirs|links|attrs|io|pipes|mmap|errors|dev): [a-z ,]+$/ { drop = ($0 ~ re) }
		!drop'
}

# fs9p_compare WHERE [exercise]: like fs_oracle_compare, less FS9P_DIFFERS
fs9p_compare() {
	local where=$1 what=${2:-conformance} dir args=$FS_ORACLE_SECTIONS d
	local exp=$UK_TEST_DIR/fs9p-expected-${where//\//-}-$what.out
	local got=$UK_TEST_DIR/fs9p-${where//\//-}-$what.out
	[ "$what" = exercise ] && args=$FS_ORACLE_EXERCISE
	dir=$(mktemp -d /dev/shm/fs-oracle.XXXXXX)
	# shellcheck disable=SC2086 # the section words
	fs_oracle_host_run "expected-9p" "$dir" $args >/dev/null
	rm -rf "$dir"
	fs9p_drop < "$UK_TEST_DIR/fs-oracle-expected-9p.out" > "$exp"
	fs_oracle_lines <<<"$OUT" | fs9p_drop > "$got"
	if [ "$(tail -n 1 "$got")" != "oracle: end" ]; then
		fail "fs-oracle/$where/$what" "the kit's run did not reach 'oracle: end' (status $STATUS)"
	elif d=$(diff "$exp" "$got"); then
		pass "fs-oracle/$where/$what"
	else
		printf '%s\n' "$d"
		fail "fs-oracle/$where/$what" \
			"differs from the host: $(grep -m1 '^[<>]' <<<"$d") ($(grep -c '^<' <<<"$d") host lines differ; diff in the log)"
	fi
}

if [ -f "$UK_ROOT/test/apps/fs-oracle/oracle.sh" ]; then
	. "$UK_ROOT/test/apps/fs-oracle/oracle.sh"
	if fs_oracle_host; then
		for m in pc microvm; do
			extra=(CONFIG_LIBUKVIRTIO=y CONFIG_LIBUK9PDEV=y CONFIG_LIBUKVIRTIO_9P=y CONFIG_LIB9PFS=y)
			if [ $m = pc ]; then
				extra+=(CONFIG_LIBUKPCI=y) dev=virtio-9p-pci mopt=() model=none
			else
				extra+=(CONFIG_PLAT_KVM_MULTIBOOT=n)
				dev=virtio-9p-device mopt=(-M microvm,acpi=off) model=mapped-xattr
			fi
			if ! BUILD_NAME=oracle-$m build_app test/apps/fs-oracle kvm-x86_64-$m "${extra[@]}" ||
			   [ ! -f "$IMAGE" ]; then
				fail fs-oracle/9p/$m "test/apps/fs-oracle kvm-x86_64-$m with 9pfs did not build"
				continue
			fi
			FS_ORACLE_WHERE=9p/$m fs_oracle_sections "$IMAGE"
			skip fs-oracle/9p/$m/9p-differs "left out: ${FS9P_DIFFERS//|/; } (9P: no fallocate, no RENAME_EXCHANGE)"
			for what in conformance exercise; do
				args=$FS_ORACLE_SECTIONS
				[ $what = exercise ] && args=$FS_ORACLE_EXERCISE
				fresh_share
				FILTER="vfs.fstab=9p:share:/data -- /data $args" boot $m "${mopt[@]}" \
					-fsdev "local,id=f0,path=$share,security_model=$model" \
					-device "$dev,fsdev=f0,mount_tag=share"
				fs9p_compare 9p/$m-$model $what
				check fs-oracle/9p/$m-$model/$what/status expect_status 0
			done
		done
	fi
else
	skip fs-oracle/9p "no test/apps/fs-oracle in this tree"
fi
done_case
