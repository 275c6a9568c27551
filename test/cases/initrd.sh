#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# lib/initrd and lib/devfs. The round trip: a tree of files (empty, small,
# 300 KB of random bytes, a name with a space), directories (deep, empty,
# sticky), symlinks (relative, absolute, dangling), a hard link, a fifo,
# modes (setuid, 0600), owners and mtimes of every entry, packed on the
# host with cpio -H newc, handed over as QEMU's -initrd (a Multiboot
# module; with the image's Multiboot header patched out, a PVH module;
# on pc and microvm) or UKPLAT_INITRD (linuxu), mounted by vfs.fstab=, walked
# by test/apps/fs-oracle --walk on the kit and on the host: the listings
# (path, type, mode, owner, links, size, mtime, target, FNV-1a 64 of the
# contents) must be equal. At a path (initrd:/srv, root ramfs) on all
# three, as the root (initrd:/) on linuxu. Bad archives: truncated in a
# header, in a name and in data, without a trailer, not cpio, a ".."
# name, and no initrd at all: one error line naming the byte offset and
# the entry, exit status 1 (vfscore: a mount failed), no app output.
# The uktest cases of initrd (rollback, no leak, every truncation) and
# devfs run on linuxu and pc.
. "$(dirname "$0")/../lib.sh"

app=test/apps/fs-oracle
# One image for both: the uktests (POWEROFF off, so main() runs after
# them) and the app; app runs take one quick case, devfs.mounted.
uk=(CONFIG_LIBUKTEST=y CONFIG_LIBUKTEST_POWEROFF=n CONFIG_LIBINITRD_TESTS=y
    CONFIG_LIBDEVFS_TESTS=y CONFIG_LIBVFSCORE_TESTS=n CONFIG_LIBRAMFS_TESTS=n)
host=$UK_TEST_DIR/fs-oracle-host
tree=$UK_TEST_DIR/tree
nofilter=uktest.filter=devfs.mounted

for t in musl-gcc cpio; do
	command -v $t >/dev/null || {
		fail initrd/tools "$t missing: run support/scripts/setup"
		done_case
	}
done
if ! musl-gcc -static -O2 -Wall -Wextra -Werror -o "$host" "$UK_ROOT/$app"/*.c; then
	fail initrd/host-build "musl-gcc could not build $app"
	done_case
fi

# The tree, owned and dated entry by entry (as root: chown works).
mkdir -p "$tree"/{etc,usr/bin,empty,sticky,dev,"dir with space",a/b/c/d/e}
printf 'hello\n' >"$tree/etc/hello"
: >"$tree/etc/empty"
head -c 300000 /dev/urandom >"$tree/usr/bin/big"
printf 'x' >"$tree/dir with space/f"
printf 'deep\n' >"$tree/a/b/c/d/e/file"
ln -s ../etc/hello "$tree/usr/link"
ln -s /etc/hello "$tree/abslink"
ln -s nowhere "$tree/dangling"
ln "$tree/etc/hello" "$tree/etc/hardlink"
mkfifo "$tree/fifo"
chown 1000:1001 "$tree/usr/bin/big" "$tree/dir with space"
chown -h 7:8 "$tree/dangling"
chmod 4755 "$tree/usr/bin/big"		# after chown, which clears setuid
chmod 0600 "$tree/etc/hello"
chmod 1777 "$tree/sticky"
chmod 0700 "$tree/empty"
n=0
while IFS= read -r p; do
	n=$((n + 1))
	touch -h -d "@$((1000000000 + n * 86400))" "$tree/$p"
done < <(cd "$tree" && find . -depth | LC_ALL=C sort -r)
(cd "$tree" && find . | LC_ALL=C sort | cpio --quiet -o -H newc) >"$UK_TEST_DIR/tree.cpio"
(cd "$tree" && "$host" --walk "$tree") >"$UK_TEST_DIR/host.walk"
cat "$UK_TEST_DIR/host.walk"
# devfs covers /dev on the kit: its mount point is not walked there
grep -v '^dev: ' "$UK_TEST_DIR/host.walk" >"$UK_TEST_DIR/host-root.walk"
check initrd/host-walk eval 'grep -q "^usr/bin/big: mode=0104755 uid=1000" "$UK_TEST_DIR/host.walk" && grep -qx "walk: end" "$UK_TEST_DIR/host.walk"'

# Bad archives, each with the line it must give
bad=$UK_TEST_DIR/bad
mkdir -p "$bad"
good=$UK_TEST_DIR/tree.cpio
head -c 50 "$good" >"$bad/in-header"
head -c 111 "$good" >"$bad/in-name"
big_data=$(grep -abo 'usr/bin/big' "$good" | head -n 1 | cut -d: -f1)
head -c $((big_data + 2000)) "$good" >"$bad/in-data"
trailer=$(grep -abo 'TRAILER!!!' "$good" | cut -d: -f1)
head -c $((trailer - 110)) "$good" >"$bad/no-trailer"
for i in 1 2 3 4 5 6; do printf 'not a cpio archive at all, just text\n'; done >"$bad/not-cpio"
python3 - "$bad/dotdot" <<'PY'
import sys
def ent(name, mode, data=b""):
    n = name.encode() + b"\0"
    h = b"070701" + b"".join(b"%08X" % v for v in
        (1, mode, 0, 0, 1, 0, len(data), 0, 0, 0, 0, len(n), 0))
    b = h + n
    b += b"\0" * (-len(b) % 4) + data
    return b + b"\0" * (-len(b) % 4)
a = ent("ok", 0o100644, b"fine") + ent("../escape", 0o100644, b"x") + ent("TRAILER!!!", 0)
open(sys.argv[1], "wb").write(a)
PY
declare -A want=(
	[in-header]='bad archive (50 bytes) at byte 0, entry "": truncated header; nothing was created'
	[in-name]='bad archive (111 bytes) at byte 110, entry ".": name runs past the end of the archive (truncated)'
	[in-data]="entry \"usr/bin/big\": data runs past the end of the archive (truncated); nothing was created"
	[no-trailer]="at byte $((trailer - 110)), entry \"\": archive ends without TRAILER!!! (truncated)"
	[not-cpio]="bad archive ($(wc -c <"$bad/not-cpio") bytes) at byte 0, entry \"\": bad magic (not a cpio newc archive: make it with cpio -H newc)"
	[dotdot]='at byte 230, entry "../escape": a ".." component in the name (leaves the root)'
)

# refused WHERE NAME: the last run failed the boot with one line
refused() {
	local where=$1 name=$2 errs
	errs=$(tr -d '\r' <<<"$OUT" | grep -c '^\[err\]')
	if [ "$STATUS" != 1 ]; then
		fail "initrd/$where/bad/$name" "exit status $STATUS, expected 1"
	elif ! grep -qF -- "${want[$name]}" <<<"$OUT"; then
		fail "initrd/$where/bad/$name" "no line '${want[$name]}'"
	elif grep -q '^walk: begin' <<<"$OUT"; then
		fail "initrd/$where/bad/$name" "the app ran"
	elif [ "$errs" -gt 2 ]; then
		fail "initrd/$where/bad/$name" "$errs error lines"
	else
		pass "initrd/$where/bad/$name"
	fi
}

# walked WHERE EXPECTED: the last run's listing equals the host's
walked() {
	local where=$1 exp=$2 d
	tr -d '\r' <<<"$OUT" | sed -n '/^walk: begin$/,/^walk: end$/p' >"$UK_TEST_DIR/$where.walk"
	if d=$(diff "$exp" "$UK_TEST_DIR/$where.walk"); then
		pass "initrd/$where/round-trip"
	else
		printf '%s\n' "$d"
		fail "initrd/$where/round-trip" "listing differs: $(grep -m1 '^[<>]' <<<"$d") ($(grep -c '^<' <<<"$d") host lines differ)"
	fi
	check "initrd/$where/status" expect_status 0
}

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 "${uk[@]}" && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" 'uktest.filter=initrd.*,devfs.*' -- --walk /dev
	uktest_results initrd/linuxu/uktest 10
	check initrd/linuxu/dev-console expect_output "devfs: hello through /dev/console"
	UKPLAT_INITRD=$good run_linuxu "$IMAGE" $nofilter vfs.fstab=initrd:/srv -- --walk /srv
	walked linuxu "$UK_TEST_DIR/host.walk"
	UKPLAT_INITRD=$good run_linuxu "$IMAGE" $nofilter vfs.fstab=initrd:/ -- --walk /
	walked linuxu-root "$UK_TEST_DIR/host-root.walk"
	for b in "${!want[@]}"; do
		UKPLAT_INITRD=$bad/$b run_linuxu "$IMAGE" $nofilter vfs.fstab=initrd:/srv -- --walk /srv
		refused linuxu "$b"
	done
	run_linuxu "$IMAGE" $nofilter vfs.fstab=initrd:/srv -- --walk /srv
	check initrd/linuxu/none eval '[ $STATUS = 1 ] && expect_output "no initrd was handed over (QEMU: -initrd FILE; linuxu: UKPLAT_INITRD=FILE)"'
	# a mount point devfs refuses to make: one line, no crash (vfscore's
	# line used musl's strerror, which crashed at boot)
	run_linuxu "$IMAGE" $nofilter 'vfs.fstab=devfs:/dev ramfs:/dev/x' -- --walk /
	check initrd/linuxu/devfs-no-mount-point eval '[ $STATUS = 1 ] && expect_output "'"'"'ramfs:/dev/x'"'"': cannot make the mount point /dev/x: EPERM"'
	UKPLAT_INITRD=$bad/nonexistent run_linuxu "$IMAGE" $nofilter vfs.fstab=initrd:/srv -- --walk /srv
	check initrd/linuxu/unreadable eval '[ $STATUS = 1 ] && expect_output "linuxu: UKPLAT_INITRD=$bad/nonexistent: cannot open it"'
else
	fail initrd/linuxu "$app linuxu-x86_64 did not build"
fi

if have_qemu; then
	for cfg in pc microvm; do
		if ! BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg "${uk[@]}" || [ ! -f "$IMAGE" ]; then
			fail initrd/$cfg "$app kvm-x86_64-$cfg did not build"
			continue
		fi
		run_qemu $cfg "$IMAGE" "$nofilter vfs.fstab=initrd:/srv -- --walk /srv" -initrd "$good"
		walked $cfg "$UK_TEST_DIR/host.walk"
		# QEMU takes the Multiboot header when there is one: the PVH
		# module path needs the image without it
		pvh_only "$IMAGE" "$IMAGE.pvh"
		run_qemu $cfg "$IMAGE.pvh" "$nofilter vfs.fstab=initrd:/srv -- --walk /srv" -initrd "$good"
		walked $cfg-pvh "$UK_TEST_DIR/host.walk"
		run_qemu $cfg "$IMAGE" "$nofilter vfs.fstab=initrd:/srv -- --walk /srv" -initrd "$bad/in-data"
		refused $cfg in-data
		if [ $cfg = pc ]; then
			run_qemu $cfg "$IMAGE" 'uktest.filter=initrd.*,devfs.* -- --walk /dev'
			uktest_results initrd/$cfg/uktest 10
			run_qemu $cfg "$IMAGE" "$nofilter vfs.fstab=initrd:/srv -- --walk /srv"
			check initrd/$cfg/none eval '[ $STATUS = 1 ] && expect_output "no initrd was handed over"'
		fi
	done
fi
done_case
