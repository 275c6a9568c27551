#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# lib/ext2 (issue 13): images made on the host with mkfs.ext2, checked
# with e2fsck -fn and debugfs after the kit wrote them.
# - host: lib/ext2's core built for the host (tests/host_ext2.c) runs a
#   workload on 1 KiB and 4 KiB block images: e2fsck -fn clean, contents
#   as written; and refuses bad input with one line: a corrupt
#   superblock, a group descriptor pointing outside the fs, unknown
#   features (mkfs.ext4's, named), a directory block whose rec_len is 0
#   (a loop), a block number past the end.
# - guest (test/apps/ext2work, vfs.fstab=ext2:vda:/var) on pc and
#   microvm: the write workload (direct .. triple indirect, sparse,
#   symlinks fast and slow, links, renames, truncates, 300 names), then
#   e2fsck -fn clean and every file's bytes checked through debugfs; a
#   tree the host put in the image (mkfs.ext2 -d) listed with sizes and
#   hashes by the guest, equal to the host's own listing; bad images:
#   mount refused with the line naming the problem (status 1), a
#   directory loop and an out-of-range block reported as errors of
#   those files only (the rest reads); ro_compat-only unknown features
#   mount read-only.
# - test/apps/fs-oracle on ext2, pc and microvm: the
#   same output as the host's tmpfs, and e2fsck -fn clean after it.
. "$(dirname "$0")/../lib.sh"

for t in mkfs.ext2 e2fsck debugfs gcc; do
	command -v $t >/dev/null || PATH=$PATH:/sbin:/usr/sbin
	if ! command -v $t >/dev/null; then
		fail ext2/tools "$t missing: run support/scripts/setup (e2fsprogs)"
		done_case
	fi
done

T=$UK_TEST_DIR
HOST=$T/host_ext2
src=$UK_ROOT/lib/ext2

# fsck_clean IMG: e2fsck -fn finds nothing to fix: exit 0 and nothing
# but its pass lines and the summary (it exits 0 on wrong superblock
# free counts, which it only reports).
fsck_clean() {
	local out rc extra
	out=$(e2fsck -fn "$1" 2>&1); rc=$?
	printf '%s\n' "$out"
	extra=$(grep -v -e '^e2fsck [0-9]' -e '^Pass [1-5]' -e ' files (.* blocks$' <<<"$out" | head -3 | tr '\n' ' ')
	[ $rc = 0 ] && [ -z "$extra" ] || { UK_FAIL_REASON="e2fsck -fn: status $rc: $extra"; return 1; }
}

# pattern_ok IMG PATH OFF LEN SEED [SIZE]: debugfs's copy of PATH holds
# the pattern (x * 131 + SEED) & 0xff over [OFF, OFF+LEN), zeros before
# OFF, and is SIZE bytes long (default OFF + LEN).
pattern_ok() {
	debugfs -R "dump $2 $T/dump" "$1" >/dev/null 2>&1
	python3 - "$T/dump" "$3" "$4" "$5" "${6:-$(($3 + $4))}" <<'PY' || { UK_FAIL_REASON="$2 differs"; return 1; }
import sys
f, off, ln, seed, size = sys.argv[1], *map(int, sys.argv[2:])
d = open(f, "rb").read()
want = bytes(off) + bytes(((off + i) * 131 + seed) & 0xff for i in range(ln))
if len(d) != size or d[:off + ln] != want or any(d[off + ln:]):
    print("pattern: %s: %d bytes, expected %d" % (f, len(d), size))
    sys.exit(1)
PY
}

# ---- host: the core on image files ----
gcc -std=gnu11 -Wall -Wextra -Werror -g -fsanitize=address,undefined -o "$HOST" \
	"$src/tests/host_ext2.c" "$src"/{disk,fs,alloc,file,dir,ops}.c
check ext2/host/build test -x "$HOST"
for bs in 1024 4096; do
	img=$T/h$bs.img; rm -f "$img"
	mkfs.ext2 -q -F -b $bs "$img" 96M
	long=$(printf 'y%.0s' {1..150})
	ops="mkdir /d write /d/f 100000 7 symlink /d/f /s symlink $long /slow"
	ops="$ops write /big 6000000 3 write /sparse 10 1 80000000 write /gone 400000 5"
	ops="$ops unlink /gone rename /d/f /g link /g /d/hard truncate /big 777777"
	ops="$ops mkdir /e rename /e /d/e rmdir /d/e"
	# shellcheck disable=SC2086 # the words of ops are the tool's arguments
	"$HOST" "$img" $ops
	rc=$?
	check ext2/host/$bs/workload test $rc = 0
	check ext2/host/$bs/e2fsck-clean fsck_clean "$img"
	check ext2/host/$bs/contents eval 'pattern_ok "$img" /g 0 100000 7 &&
		pattern_ok "$img" /big 0 777777 3 && pattern_ok "$img" /sparse 80000000 10 1'
done

# A file with an extended attribute block (debugfs ea_set, 128-byte
# inodes so it cannot stay in the inode): unlinking frees the block.
img=$T/xattr.img; rm -f "$img"; mkfs.ext2 -q -F -I 128 "$img" 8M >/dev/null
"$HOST" "$img" write /f 10 1 >/dev/null
debugfs -w -R "ea_set /f user.k $(printf 'v%.0s' {1..80})" "$img" >/dev/null 2>&1
check ext2/host/xattr-block-made eval '[ "$(debugfs -R "stat /f" "$img" 2>/dev/null | grep -c "File ACL: [1-9]")" = 1 ]'
"$HOST" "$img" unlink /f
check ext2/host/xattr-block-freed fsck_clean "$img"

# bad IMG NAME TEXT ARGS...: host_ext2 on IMG fails, printing TEXT.
bad() {
	local img=$1 name=$2 text=$3; shift 3
	OUT=$("$HOST" "$img" "$@" 2>&1); STATUS=$?
	printf '%s\n' "$OUT"
	check "ext2/host/bad/$name" eval 'expect_output "$text" && [ $STATUS != 0 ]'
}
# mkimg NAME: a small 1 KiB-block image with /d/f and /g.
mkimg() {
	rm -f "$T/$1.img"; mkfs.ext2 -q -F -b 1024 "$T/$1.img" 8M >/dev/null
	"$HOST" "$T/$1.img" mkdir /d write /d/f 5000 1 write /g 3000 2 >/dev/null
	echo "$T/$1.img"
}
# poke IMG OFFSET HEXBYTES: overwrite bytes of IMG.
poke() {
	python3 -c "import sys; f=open(sys.argv[1],'r+b'); f.seek(int(sys.argv[2])); f.write(bytes.fromhex(sys.argv[3]))" "$@"
}
i=$(mkimg magic); poke "$i" $((1024 + 56)) 0000
bad "$i" superblock-magic "ext2: superblock: bad magic 0x0000 (not ext2)" ls /
i=$(mkimg count); poke "$i" $((1024 + 4)) ffffff00
bad "$i" superblock-blocks-count "superblock: blocks count 16777215 past the device's end" ls /
i=$(mkimg bpg); poke "$i" $((1024 + 32)) 00000100
bad "$i" superblock-blocks-per-group "superblock: blocks per group 65536" ls /
i=$(mkimg gd); debugfs -w -R "set_bg 0 inode_table 9999999" "$i" >/dev/null 2>&1
bad "$i" group-inode-table "group 0: inode table at block 9999999 out of range" ls /
i=$T/ext4.img; rm -f "$i"; mkfs.ext4 -q -F -O ^has_journal "$i" 8M
bad "$i" unknown-features "unknown features: incompatible extent,64bit,flex_bg; read-only compatible huge_file,dir_nlink,extra_isize,metadata_csum" ls /
i=$(mkimg loop); b=$(debugfs -R "bmap /d 0" "$i" 2>/dev/null); poke "$i" $((b * 1024 + 4)) 0000
bad "$i" dir-rec-len-0 "directory 12 block 0: entry at offset 0: record length 0 (block of 1024)" ls /d
i=$(mkimg loop2); b=$(debugfs -R "bmap /d 0" "$i" 2>/dev/null); poke "$i" $((b * 1024 + 4)) 0008
bad "$i" dir-rec-len-past-block "directory 12 block 0: entry at offset 0: record length 2048 (block of 1024)" ls /d
check ext2/host/bad/dir-loop-left-fs-alone eval '"$HOST" "$i" check /g 3000 2'
i=$(mkimg range); debugfs -w -R "sif /g block[1] 4000000000" "$i" >/dev/null 2>&1
bad "$i" block-out-of-range "inode 14: block number 4000000000 out of range (blocks count 8192)" check /g 3000 2
check ext2/host/bad/block-out-of-range-rest-reads eval '"$HOST" "$i" check /d/f 5000 1'

# ---- guest ----
if ! have_qemu; then
	fail ext2/qemu "support/scripts/run-qemu or QEMU missing"
	done_case
fi

# A tree for mkfs.ext2 -d, and its listing as ext2work prints it.
tree=$T/tree; rm -rf "$tree"; mkdir -p "$tree/a/b/c" "$tree/empty"
python3 - "$tree" <<'PY'
import os, sys
t = sys.argv[1]
def pat(n, s): return bytes((i * 131 + s) & 0xff for i in range(n))
for p, n, s in [("one", 1, 1), ("a/k", 4096, 2), ("a/b/mid", 300000, 3),
                ("a/b/c/big", 3 << 20, 4), ("zero", 0, 0), ("odd", 12345, 5)]:
    open(os.path.join(t, p), "wb").write(pat(n, s))
with open(os.path.join(t, "holes"), "wb") as f:
    f.seek(20 << 20); f.write(pat(5000, 6))
os.symlink("a/b/mid", os.path.join(t, "fastlink"))
os.symlink("/" + "z" * 180, os.path.join(t, "slowlink"))
os.link(os.path.join(t, "odd"), os.path.join(t, "a/oddlink"))
PY
host_list() {
	python3 - "$tree" <<'PY' | LC_ALL=C sort
import os, sys
t = sys.argv[1]
for root, dirs, files in os.walk(t):
    for n in dirs + files:
        p = os.path.join(root, n); r = p[len(t):]
        if os.path.islink(p):
            print("list %s l %s" % (r, os.readlink(p)))
        elif os.path.isdir(p):
            print("list %s d" % r)
        else:
            h = 0xcbf29ce484222325
            d = open(p, "rb").read()
            for b in d:
                h = ((h ^ b) * 0x100000001b3) % 2**64
            print("list %s f %d %016x" % (r, len(d), h))
PY
}

# boot_ext2 MACHINE IMG ARGS: boot ext2work with IMG as the first drive.
boot_ext2() {
	local dev=virtio-blk-pci
	[ "$1" = microvm ] && dev=virtio-blk-device
	run_qemu "$1" "$IMAGE" "$3" -drive "if=none,id=d0,format=raw,file=$2" -device "$dev,drive=d0"
	OUT=${OUT//$'\r'/}
}

guest() {
	local m=$1 img
	img=$T/$m-w.img; rm -f "$img"; mkfs.ext2 -q -F -b 1024 "$img" 128M
	boot_ext2 "$m" "$img" appext2work.run=write
	check ext2/$m/write-workload eval 'expect_output "ext2work: write: ok" && expect_status 0'
	check ext2/$m/e2fsck-clean fsck_clean "$img"
	check ext2/$m/host-reads-guest-data eval '
		pattern_ok "$img" /small 0 100 1 && pattern_ok "$img" /d/hard 0 100 1 &&
		pattern_ok "$img" /d/ind 0 204800 2 && pattern_ok "$img" /d/dind 0 1000000 3 &&
		pattern_ok "$img" /sparse 83886080 4096 4 && pattern_ok "$img" /over 0 3000 7 &&
		pattern_ok "$img" /grow 0 10 8 1048576 &&
		pattern_ok "$img" /many/file-with-a-long-name-298 0 298 298 &&
		[ "$(debugfs -R "stat /fast" "$img" 2>/dev/null | grep -c "Fast link dest: \"d/ind\"")" = 1 ] &&
		[ "$(debugfs -R "ls -l /many" "$img" 2>/dev/null | awk '\''$1 != 0'\'' | grep -c file-with-a-long-name-)" = 150 ] &&
		! debugfs -R "stat /gone" "$img" 2>&1 | grep -q "Inode:"'
	img=$T/$m-r.img; rm -f "$img"; mkfs.ext2 -q -F -b 4096 -d "$tree" "$img" 64M
	boot_ext2 "$m" "$img" appext2work.run=list
	check ext2/$m/guest-reads-host-tree eval 'expect_status 0 &&
		diff <(grep "^list " <<<"$OUT" | LC_ALL=C sort) <(host_list)'
}

build_app test/apps/ext2work kvm-pc
if [ -f "$IMAGE" ]; then
	guest pc
	# bad images: one line, status 1, nothing written
	i=$(mkimg g-magic); poke "$i" $((1024 + 56)) 0000; sum=$(md5sum <"$i")
	boot_ext2 pc "$i" appext2work.run=list
	check ext2/pc/bad/superblock eval 'expect_output "ext2: vblk0: superblock: bad magic 0x0000 (not ext2)" &&
		expect_status 1 && [ "$(md5sum <"$i")" = "$sum" ]'
	boot_ext2 pc "$T/ext4.img" appext2work.run=list
	check ext2/pc/bad/unknown-features eval 'expect_output "ext2: vblk0: superblock: unknown features: incompatible extent,64bit,flex_bg;" &&
		expect_status 1'
	i=$T/g-huge.img; rm -f "$i"; mkfs.ext2 -q -F -O huge_file -d "$tree" "$i" 32M
	boot_ext2 pc "$i" "appext2work.run=list"
	check ext2/pc/bad/ro-compat-refused-rw eval 'expect_output "unknown features: read-only compatible huge_file (a read-only mount works)" &&
		expect_status 1'
	boot_ext2 pc "$i" "appext2work.run=list vfs.fstab=ext2:vda:/var:ro"
	check ext2/pc/ro-compat-mounts-ro eval 'expect_status 0 &&
		diff <(grep "^list " <<<"$OUT" | LC_ALL=C sort) <(host_list)'
	i=$(mkimg g-loop); b=$(debugfs -R "bmap /d 0" "$i" 2>/dev/null); poke "$i" $((b * 1024 + 4)) 0000
	boot_ext2 pc "$i" appext2work.run=readall
	check ext2/pc/bad/dir-loop eval 'expect_output "ext2: vblk0: directory 12 block 0: entry at offset 0: record length 0" &&
		expect_output "ext2work: readdir /var/d: errno 117" &&
		expect_output "ext2work: readall: 2 errors" && expect_status 1'
	i=$(mkimg g-free); debugfs -w -R "clri /g" "$i" >/dev/null 2>&1
	boot_ext2 pc "$i" appext2work.run=readall
	check ext2/pc/bad/entry-to-a-free-inode eval 'expect_output "ext2: vblk0: inode 14: named in a directory but free (links count 0)" &&
		expect_output "ext2work: /var/g: errno 117" &&
		expect_output "ext2work: readall: 2 errors" && expect_status 1'
	i=$(mkimg g-range); debugfs -w -R "sif /g block[1] 4000000000" "$i" >/dev/null 2>&1
	boot_ext2 pc "$i" appext2work.run=readall
	check ext2/pc/bad/block-out-of-range eval 'expect_output "ext2: vblk0: inode 14: block number 4000000000 out of range" &&
		expect_output "ext2work: /var/g: read 1024 of 3000 bytes" &&
		expect_output "ext2work: readall: 2 errors" && expect_status 1'
else
	fail ext2/pc/build "test/apps/ext2work (kvm-pc) did not build"
fi

build_app test/apps/ext2work kvm-microvm
if [ -f "$IMAGE" ]; then
	guest microvm
else
	fail ext2/microvm/build "test/apps/ext2work (kvm-microvm) did not build"
fi

# The files engineer's oracle (test/apps/fs-oracle) on an ext2 mount:
# its output must equal the host's on tmpfs line by line, then e2fsck
# -fn clean. Sections ext2 cannot match are named with why (SKIPs).
if [ -f "$UK_ROOT/test/apps/fs-oracle/oracle.sh" ]; then
	. "$UK_ROOT/test/apps/fs-oracle/oracle.sh"
	FS_ORACLE_NOT_YET="files:fallocate: ext2 has no preallocation (Linux's ext2 has no fallocate either) mmap:shared mappings reach an ext2 file at msync or munmap (posix-mmap's copy), not at once as through Linux's page cache"
	if fs_oracle_host; then
		for m in pc microvm; do
			pci=; [ $m = pc ] && pci=CONFIG_LIBUKPCI=y
			BUILD_NAME=oracle-$m build_app test/apps/fs-oracle kvm-x86_64-$m $pci \
				CONFIG_LIBUKBLKDEV=y CONFIG_LIBUKVIRTIO=y CONFIG_LIBUKVIRTIO_BLK=y CONFIG_LIBEXT2=y
			if [ ! -f "$IMAGE" ]; then
				fail ext2/fs-oracle/$m/build "test/apps/fs-oracle with ext2 did not build"
				continue
			fi
			fs_oracle_sections "$IMAGE"
			img=$T/oracle-$m.img; rm -f "$img"; mkfs.ext2 -q -F "$img" 64M >/dev/null
			boot_ext2 $m "$img" "vfs.fstab=ext2:vda:/data -- /data $FS_ORACLE_SECTIONS"
			fs_oracle_compare ext2/$m
			boot_ext2 $m "$img" "vfs.fstab=ext2:vda:/data -- /data $FS_ORACLE_EXERCISE"
			fs_oracle_compare ext2/$m exercise
			check ext2/fs-oracle/$m/e2fsck-clean fsck_clean "$img"
		done
	fi
fi
done_case
