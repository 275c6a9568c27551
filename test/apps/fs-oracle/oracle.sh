# SPDX-License-Identifier: BSD-3-Clause
#
# test/apps/fs-oracle/oracle.sh: what a test case sources (after
# test/lib.sh) to run the file system oracle on its own file system.
# test/cases/fs-oracle.sh runs it on ramfs; a 9pfs or ext2 case does:
#
#   . "$UK_ROOT/test/apps/fs-oracle/oracle.sh"
#   fs_oracle_host || done_case             # the oracle, on tmpfs
#   BUILD_NAME=9p build_app test/apps/fs-oracle kvm-x86_64-pc CONFIG_LIB9PFS=y
#   fs_oracle_sections "$IMAGE"             # what this image can run
#   run_qemu pc "$IMAGE" "vfs.fstab=9pfs:share:/data -- /data $FS_ORACLE_SECTIONS" \
#       -fsdev ... -device ...
#   fs_oracle_compare 9p/pc                 # result fs-oracle/9p/pc/conformance
#   run_qemu pc "$IMAGE" "vfs.fstab=... -- /data $FS_ORACLE_EXERCISE"
#   fs_oracle_compare 9p/pc exercise        # result fs-oracle/9p/pc/exercise
#
# fs_oracle_host            build the oracle with musl-gcc, run every
#                           section and the exerciser on a fresh tmpfs
#                           folder (twice: the output must not depend on
#                           the run); results fs-oracle/host-*
# fs_oracle_sections IMAGE  FS_ORACLE_SECTIONS: the conformance sections
#                           IMAGE has the system calls for (read from its
#                           .dbg), less $FS_ORACLE_NOT_YET; a SKIP line for
#                           each left out; FS_ORACLE_EXERCISE: "exercise",
#                           or "exercise-nommap" without the mmap section
# fs_oracle_compare WHERE [exercise]
#                           $OUT (a kit run of $FS_ORACLE_SECTIONS, or of
#                           "exercise") against a host run of the same,
#                           one result fs-oracle/WHERE/conformance (or
#                           .../exercise)
#
# The kit's own messages (library-prefixed lines, "[warn] ..." lines) are
# left out of the comparison; everything from "oracle: begin" on is kept.

FS_ORACLE_SRC=$UK_ROOT/test/apps/fs-oracle
FS_ORACLE_HOST=$UK_TEST_DIR/fs-oracle-host
FS_ORACLE_ALL="files dirs links attrs io pipes mmap errors dev"
FS_ORACLE_SECTIONS=$FS_ORACLE_ALL
FS_ORACLE_EXERCISE=exercise
# Sections the kit cannot run yet, whatever the image has: "section:why"
FS_ORACLE_NOT_YET=${FS_ORACLE_NOT_YET:-}

# The kit's messages left out: test/lib.sh's oracle_lines
fs_oracle_lines() {
	oracle_lines
}

# fs_oracle_host_run NAME DIR ARGS...: the host oracle into NAME.out
fs_oracle_host_run() {
	local name=$1 dir=$2 st; shift 2
	log "host: fs-oracle $dir $*"
	(cd "$dir" && umask 022 && std_fds_only timeout 120 "$FS_ORACLE_HOST" "$dir" "$@" 2>&1 </dev/null) |
		fs_oracle_lines >"$UK_TEST_DIR/fs-oracle-$name.out"
	st=${PIPESTATUS[0]}
	cat "$UK_TEST_DIR/fs-oracle-$name.out"
	[ "$st" = 0 ] && tail -n 1 "$UK_TEST_DIR/fs-oracle-$name.out" | grep -qx 'oracle: end'
}

fs_oracle_host() {
	local d1 d2 s
	if ! command -v musl-gcc >/dev/null; then
		fail fs-oracle/host "musl-gcc missing (Debian musl-tools: run support/scripts/setup)"
		return 1
	fi
	if ! musl-gcc -static -O2 -Wall -Wextra -Werror -o "$FS_ORACLE_HOST" "$FS_ORACLE_SRC"/*.c; then
		fail fs-oracle/host-build "musl-gcc could not build test/apps/fs-oracle"
		return 1
	fi
	pass fs-oracle/host-build
	d1=$(mktemp -d /dev/shm/fs-oracle.XXXXXX) && d2=$(mktemp -d /dev/shm/fs-oracle.XXXXXX) || {
		fail fs-oracle/host "no tmpfs folder in /dev/shm"
		return 1
	}
	# shellcheck disable=SC2086 # the section words
	fs_oracle_host_run all "$d1" $FS_ORACLE_ALL &&
	fs_oracle_host_run all2 "$d2" $FS_ORACLE_ALL &&
	fs_oracle_host_run exercise "$d1" exercise &&
	fs_oracle_host_run exercise2 "$d2" exercise
	check fs-oracle/host-deterministic eval \
		'cmp -s "$UK_TEST_DIR/fs-oracle-all.out" "$UK_TEST_DIR/fs-oracle-all2.out" &&
		 cmp -s "$UK_TEST_DIR/fs-oracle-exercise.out" "$UK_TEST_DIR/fs-oracle-exercise2.out" &&
		 grep -q "^exercise: end: .*, 0 differences from the model$" "$UK_TEST_DIR/fs-oracle-exercise.out"'
	rm -rf "$d1" "$d2"
}

# fs_oracle_has IMAGE CALL...: the image provides every CALL
fs_oracle_has() {
	local image=$1 c; shift
	for c in "$@"; do
		grep -q " uk_syscall_e_$c\$" <<<"$FS_ORACLE_SYMS" || return 1
	done
}

fs_oracle_sections() {
	local image=$1 s why nw
	FS_ORACLE_SYMS=$(nm "$image.dbg" 2>/dev/null)
	FS_ORACLE_SECTIONS=
	for s in $FS_ORACLE_ALL; do
		why=
		case "$s" in
		io) fs_oracle_has "$image" sendfile copy_file_range ||
			why="the image has no sendfile or copy_file_range" ;;
		pipes) fs_oracle_has "$image" pipe2 poll select ||
			why="the image has no pipe2, poll or select (lib/posix-pipe, lib/posix-poll)" ;;
		dev) grep -q ' uk_devfs_register$' <<<"$FS_ORACLE_SYMS" ||
			why="the image has no devfs" ;;
		esac
		for nw in $FS_ORACLE_NOT_YET; do
			[ "${nw%%:*}" = "$s" ] && why=${nw#*:}
		done
		if [ -n "$why" ]; then
			skip "fs-oracle/${FS_ORACLE_WHERE:-kit}/$s" "${why//_/ }"
		else
			FS_ORACLE_SECTIONS="$FS_ORACLE_SECTIONS $s"
		fi
	done
	FS_ORACLE_SECTIONS=${FS_ORACLE_SECTIONS# }
	case " $FS_ORACLE_SECTIONS " in
	*" mmap "*) FS_ORACLE_EXERCISE=exercise ;;
	*) FS_ORACLE_EXERCISE=exercise-nommap
	   skip "fs-oracle/${FS_ORACLE_WHERE:-kit}/exercise-mmap" "no mmap section here: the exerciser runs without mmap" ;;
	esac
}

fs_oracle_compare() {
	local where=$1 what=${2:-conformance} d exp got
	exp=$UK_TEST_DIR/fs-oracle-expected-${where//\//-}-$what.out
	got=$UK_TEST_DIR/fs-oracle-${where//\//-}-$what.out
	# The host run with the same arguments (descriptor numbers
	# depend on what ran before)
	local dir args=$FS_ORACLE_SECTIONS
	[ "$what" = exercise ] && args=$FS_ORACLE_EXERCISE
	dir=$(mktemp -d /dev/shm/fs-oracle.XXXXXX)
	# shellcheck disable=SC2086 # the section words
	fs_oracle_host_run "expected-${where//\//-}" "$dir" $args
	rm -rf "$dir"
	mv "$UK_TEST_DIR/fs-oracle-expected-${where//\//-}.out" "$exp"
	fs_oracle_lines <<<"$OUT" >"$got"
	if d=$(diff "$exp" "$got"); then
		pass "fs-oracle/$where/$what"
	else
		printf '%s\n' "$d"
		fail "fs-oracle/$where/$what" \
			"differs from the host: $(grep -m1 '^[<>]' <<<"$d") ($(grep -c '^<' <<<"$d") host lines differ; diff in the log)"
	fi
}
