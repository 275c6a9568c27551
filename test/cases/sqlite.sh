#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# SQLite 3.40.1 (lib/sqlite from Debian's sqlite3 source, apps/sqlite:
# its own sqlite3 shell) runs apps/sqlite/tests/script.sql: a schema,
# 1,200 rows and then 100,000 orders inserted one INSERT statement each
# in ten transactions (the statements are written by SQL into tmp/ and
# read back with .read), a transaction rolled back, indexes, ANALYZE,
# joins, aggregates, a window function, JSON, an UPDATE and DELETE
# through the indexes, VACUUM, PRAGMA integrity_check. The oracle is the
# host's sqlite3 (Debian's package) on the same script in a copy of the
# same tree: each kit run's output must equal the host's line by line
# from "oracle: begin" on, with the same exit status. The database is
# written three ways:
#   - on ramfs (the initrd's tree as the root), on microvm;
#   - on a host folder over 9p (the root), on microvm: the file the guest
#     wrote must open on the host, check "ok" and hold the same data as
#     the host's (.sha3sum of the content);
#   - on an ext2 disk (virtio-blk, mounted on /data), on pc: e2fsck -fn
#     must find the image clean, and the database copied out with
#     debugfs must check "ok" and hash as the host's.
# Bad input: a database with a page overwritten and a file that is not
# a database at all get SQLite's own errors ("database disk image is
# malformed", "file is not a database") and exit statuses, as on the
# host, and the kit does not crash.
. "$(dirname "$0")/../lib.sh"

app=apps/sqlite
root=$UK_TEST_DIR/root
initrd=$UK_TEST_DIR/sqlite.cpio

for t in sqlite3 tclsh cpio mkfs.ext2 e2fsck debugfs stdbuf; do
	if ! command -v $t >/dev/null; then
		fail sqlite/tools "$t missing: run support/scripts/setup"
		done_case
	fi
done

# host_sqlite DIR ARGS...: the host's sqlite3 in DIR, stdout line-buffered
# as the kit's console is (so its error lines fall where the kit's do).
host_sqlite() {
	local dir=$1; shift
	(cd "$dir" && timeout 120 stdbuf -oL sqlite3 "$@" 2>&1 </dev/null)
}
# sha3 DB: the hash of the database's content (schema and rows).
sha3() { sqlite3 "$1" .sha3sum 2>&1; }

# The tree both sides run in: tests/script.sql, an empty tmp/, and the
# bad databases: one whose fourth page (a b-tree page) is all 0xff, one
# of 8 KiB of 'x'. (16 bytes of 0xff over a page's cell pointers made
# SQLite read past the cells: integrity_check then told different
# stories run to run on the host itself, so a whole page it is.)
mkdir -p "$root/tests" "$root/tmp" "$root/bad"
cp "$UK_ROOT/$app/tests/script.sql" "$root/tests/"
sqlite3 "$root/bad/corrupt.db" "CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT);
	WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
	INSERT INTO t SELECT i, printf('%0100d', i) FROM n; CREATE INDEX tb ON t(b);"
head -c 4096 /dev/zero | tr '\0' '\377' |
	dd of="$root/bad/corrupt.db" bs=4096 seek=3 conv=notrunc status=none
head -c 8192 /dev/zero | tr '\0' x >"$root/bad/notadb.db"
(cd "$root" && find tests tmp bad | LC_ALL=C sort | cpio -o -H newc --quiet) >"$initrd"

script=(t.db ".read tests/script.sql")
bad_args() {	# the command line for bad/$1.db, host and kit alike
	args=("bad/$1.db" ".print oracle: begin" "PRAGMA integrity_check"
	      "SELECT count(*), sum(length(b)) FROM t" ".print oracle: end")
}
host=$UK_TEST_DIR/host
cp -r "$root" "$host"
OUT=$(host_sqlite "$host" "${script[@]}")
host_status=$?
printf '%s\n' "$OUT"
oracle_lines <<<"$OUT" >"$UK_TEST_DIR/script.host"
check sqlite/host/script eval 'grep -qx "oracle: end" "$UK_TEST_DIR/script.host"'
host_sha=$(sha3 "$host/t.db")
declare -A bad_status want_status=([corrupt]=11 [notadb]=26)
for b in corrupt notadb; do
	bad_args $b
	OUT=$(host_sqlite "$host" "${args[@]}")
	bad_status[$b]=$?
	printf '%s\n' "$OUT"
	oracle_lines <<<"$OUT" >"$UK_TEST_DIR/$b.host"
	# SQLite's own error (SQLITE_CORRUPT, SQLITE_NOTADB), on the host too
	check sqlite/host/$b eval '[ "${bad_status[$b]}" = "${want_status[$b]}" ]'
done

if ! have_qemu; then
	skip sqlite/qemu "QEMU missing"
	done_case
fi
if ! { BUILD_NAME=kvm build_app $app kvm-x86_64-pc && [ -f "$IMAGE" ]; }; then
	fail sqlite/build "$app kvm-x86_64-pc did not build"
	done_case
fi
pass sqlite/build
# A 100,000-insert run takes 18-48 s under TCG on a loaded 2-core host:
# wide margin over lib.sh's 120 s, for two cases running at once in CI.
QEMU_TIMEOUT=300
# size-report on an image with more than 1 MiB of debug info (its
# .debug_* offsets fall inside the loaded range: it once stopped there).
check sqlite/size-report uk_make size-report
cmdline() { local a s=; for a in "$@"; do s+=" \"$a\""; done; echo "--$s"; }

# ramfs: the initrd's tree is the root, the database lands on it.
run_qemu microvm "$IMAGE" "vfs.fstab=initrd:/ $(cmdline "${script[@]}")" -initrd "$initrd"
oracle_compare sqlite/ramfs script.host "$host_status"

# 9p: a copy of the tree shared as the root; the host opens what the
# guest wrote.
share=$UK_TEST_DIR/share
cp -r "$root" "$share"
run_qemu microvm "$IMAGE" "vfs.fstab=9p:share:/ $(cmdline "${script[@]}")" \
	-fsdev "local,id=share,path=$share,security_model=none" \
	-device virtio-9p-device,fsdev=share,mount_tag=share
oracle_compare sqlite/9p script.host "$host_status"
check sqlite/9p/host-check eval '[ "$(sqlite3 "$share/t.db" "PRAGMA integrity_check" 2>&1)" = ok ]'
check sqlite/9p/content eval '[ "$(sha3 "$share/t.db")" = "$host_sha" ]'

# ext2: a fresh file system on a virtio-blk disk at /data.
img=$UK_TEST_DIR/data.img
mkfs.ext2 -q -F -b 4096 "$img" 64M
run_qemu pc "$IMAGE" "vfs.fstab=\"initrd:/ ext2:vda:/data\" $(cmdline /data/t.db "${script[1]}")" \
	-initrd "$initrd" -drive "if=none,id=d0,format=raw,file=$img" -device virtio-blk-pci,drive=d0
oracle_compare sqlite/ext2 script.host "$host_status"
check sqlite/ext2/e2fsck e2fsck -fn "$img"
rm -f "$UK_TEST_DIR/ext2.db"
debugfs -R "dump /t.db $UK_TEST_DIR/ext2.db" "$img" 2>/dev/null
check sqlite/ext2/host-check eval '[ "$(sqlite3 "$UK_TEST_DIR/ext2.db" "PRAGMA integrity_check" 2>&1)" = ok ]'
check sqlite/ext2/content eval '[ "$(sha3 "$UK_TEST_DIR/ext2.db")" = "$host_sha" ]'

# Bad input: SQLite's own error and status, as on the host.
for b in corrupt notadb; do
	bad_args $b
	run_qemu pc "$IMAGE" "vfs.fstab=initrd:/ $(cmdline "${args[@]}")" -initrd "$initrd"
	oracle_compare sqlite/bad/$b $b.host "${bad_status[$b]}"
done
done_case
