# SPDX-License-Identifier: BSD-3-Clause
#
# test/lib.sh: what every test/cases/*.sh sources. test/run sets
#   UK_ROOT        the source tree
#   UK_TEST_BUILD  the build root of this run (default test/build/)
#   UK_TEST_CASE   this case's name (its file name without .sh)
# and reads this case's stdout for result lines, one per check:
#   PASS: name
#   FAIL: name: reason
# Everything else a case prints goes to $UK_TEST_BUILD/logs/<case>.log.
# A case can also be run alone: bash test/cases/boot-qemu.sh
#
# Helpers (each logs what it does):
#   build_app APP CONFIG [LINE...]   configure and build APP into a private
#       O= ($UK_TEST_DIR/<name>, name from $BUILD_NAME or APP-CONFIG);
#       CONFIG is a defconfig name, a file, or a config target
#       (allnoconfig, allyesconfig, randconfig with $KCONFIG_SEED); LINEs
#       (CONFIG_X=y) are then applied with olddefconfig. Sets O, CFG, IMAGE
#       and returns make's status.
#       A LINE that olddefconfig drops makes build_app fail (status 3).
#   uk_make ARGS...                  make -C $UK_ROOT A=$APP O=$O C=$CFG
#                                    $UK_MAKE_ARGS ARGS
#   run_linuxu IMAGE ARGS...         run a linuxu image; sets OUT, STATUS
#   run_qemu MACHINE IMAGE ARGS [QEMU-ARG...]  boot on QEMU (ACCEL,
#       default tcg); MACHINE is pc, pc-seabios, q35 or microvm; each
#       QEMU-ARG goes to QEMU (-drive ...); sets OUT, STATUS
#   expect_output TEXT               did the last run print TEXT? (fixed string)
#   expect_status N                  did the last run exit N?
#   check NAME CMD...                pass NAME if CMD succeeds, else fail
#   pass NAME / fail NAME REASON     report one result
#   skip NAME REASON                 report a check that could not run here
#                                    (counted apart: never a pass)
#   uktest_results PREFIX [MIN]      one result per uktest line of $OUT,
#       then the run as a whole (see below)
#   std_fds_only CMD...              run CMD with only descriptors 0, 1
#       and 2 open (a host oracle's descriptor numbers and "a closed fd"
#       must mean what they mean in a kit image, whose table starts
#       empty, whatever the caller (a CI runner, test/run's fd 3) left open)
#   oracle_lines < OUTPUT            an oracle app's lines (from "oracle:
#       begin" on, without the kit's own messages)
#   oracle_compare NAME HOSTFILE STATUS  $OUT's oracle lines against
#       $UK_TEST_DIR/HOSTFILE line by line (result NAME/output; kept in
#       $UK_TEST_DIR/<last word of NAME>.out) and $STATUS against STATUS
#       (NAME/status)

set -u

UK_ROOT=${UK_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}
UK_TEST_BUILD=${UK_TEST_BUILD:-$UK_ROOT/test/build}
UK_TEST_CASE=${UK_TEST_CASE:-$(basename "$0" .sh)}
UK_TEST_DIR=$UK_TEST_BUILD/$UK_TEST_CASE
UK_TEST_LOG=$UK_TEST_BUILD/logs/$UK_TEST_CASE.log
UK_RUN_QEMU=$UK_ROOT/support/scripts/run-qemu
QEMU_TIMEOUT=${QEMU_TIMEOUT:-120}
export ACCEL=${ACCEL:-tcg}
# Build jobs per make (test/run divides the machine between cases).
UK_TEST_MAKE_J=${UK_TEST_MAKE_J:-2}

rm -rf "$UK_TEST_DIR"
mkdir -p "$UK_TEST_DIR" "$(dirname "$UK_TEST_LOG")"
# fd 3: result lines (the runner's pipe, and the terminal when run alone).
exec 3>&1 >>"$UK_TEST_LOG" 2>&1
echo "=== $UK_TEST_CASE: $(date -u +%FT%TZ)"

UK_TEST_FAILED=0
UK_TEST_RESULTS=0

log() { echo "--- $*"; }

pass() {
	UK_TEST_RESULTS=$((UK_TEST_RESULTS + 1))
	echo "PASS: $1"
	echo "PASS: $1" >&3
}

fail() {
	UK_TEST_RESULTS=$((UK_TEST_RESULTS + 1))
	UK_TEST_FAILED=1
	echo "FAIL: $1: $2"
	echo "FAIL: $1: $2" >&3
}

skip() {
	echo "SKIP: $1: $2"
	echo "SKIP: $1: $2" >&3
}

# check NAME CMD...: pass when CMD exits 0.
check() {
	local name=$1; shift
	log "check $name: $*"
	if "$@"; then pass "$name"; else fail "$name" "${UK_FAIL_REASON:-'$*' failed}"; fi
	UK_FAIL_REASON=
}
UK_FAIL_REASON=

# now_ms: milliseconds since the epoch, for timings in the log.
now_ms() { date +%s%3N; }

uk_make() {
	log "make A=$APP O=$O C=$CFG $*"
	# shellcheck disable=SC2086 # UK_MAKE_ARGS: words like L=dir
	make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O" C="$CFG" ${UK_MAKE_ARGS:-} "$@"
}

build_app() {
	local app=$1 config=$2; shift 2
	local name=${BUILD_NAME:-$(basename "$app")-$(basename "$config")}
	local t0 rc=0
	APP=$app
	case "$APP" in /*) ;; *) APP=$UK_ROOT/$APP ;; esac
	O=$UK_TEST_DIR/$name
	CFG=$O.config
	rm -rf "$O" "$CFG" "$CFG.old"
	t0=$(now_ms)
	case "$config" in
	allnoconfig|allyesconfig|randconfig|alldefconfig)
		uk_make "$config" || rc=$? ;;
	*)
		uk_make defconfig DEFCONFIG="$config" || rc=$? ;;
	esac
	if [ $rc = 0 ] && [ $# -gt 0 ]; then
		printf '%s\n' "$@" >> "$CFG"
		uk_make olddefconfig || rc=$?
		local l
		for l in "$@"; do
			case "$l" in
			CONFIG_*=n) grep -qx "# ${l%=n} is not set" "$CFG" ||
				! grep -q "^${l%=n}=" "$CFG" ;;
			*) grep -qxF "$l" "$CFG" ;;
			esac || { log "build_app: '$l' did not stick"; rc=3; }
		done
	fi
	if [ $rc = 0 ]; then
		uk_make -j"$UK_TEST_MAKE_J" || rc=$?
	fi
	IMAGE=
	local f
	for f in "$O"/*_*-*; do
		case "$f" in *.dbg|*.map) ;; *) [ -f "$f" ] && IMAGE=$f ;; esac
	done
	log "build $name: status $rc, $(( ($(now_ms) - t0) ))ms"
	return $rc
}

# run IMAGE (a linuxu process) with ARGS; OUT holds its output, STATUS
# its exit status.
run_linuxu() {
	local image=$1; shift
	log "run $image $*"
	OUT=$(timeout 60 "$image" "$@" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	log "status $STATUS"
}

run_qemu() {
	local machine=$1 image=$2 args=${3:-} opts=() a
	shift $(( $# < 3 ? $# : 3 ))
	case "$machine" in
	pc-seabios) opts=(--machine pc --bios seabios) ;;
	*) opts=(--machine "$machine") ;;
	esac
	for a in "$@"; do opts+=(--qemu-arg "$a"); done
	log "run-qemu ${opts[*]} --accel $ACCEL --append \"$args\" $image"
	local t0; t0=$(now_ms)
	OUT=$("$UK_RUN_QEMU" "${opts[@]}" --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
		--append "$args" "$image" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	log "status $STATUS, $(( $(now_ms) - t0 ))ms"
}

expect_output() {
	if grep -qF -- "$1" <<<"$OUT"; then return 0; fi
	UK_FAIL_REASON="output lacks '$1'"
	return 1
}

expect_status() {
	if [ "$STATUS" = "$1" ]; then return 0; fi
	UK_FAIL_REASON="exit status $STATUS, expected $1"
	return 1
}

# uktest_results PREFIX [MIN]: a result per line of uktest in $OUT:
# "uktest: PASS s.c" passes PREFIX/s.c, "uktest: FAIL s.c: why" fails it
# with why, "uktest: SKIP s.c: why" skips it. $UK_RESULTS_SUITES (words,
# e.g. "uksched uklock"; default all) limits the suites taken. Then the
# run fails as PREFIX unless uktest's summary line is there, at least MIN
# (default 1) cases were taken, and the exit status agrees with the
# cases: 0 when none failed, non-zero when one did.
uktest_results() {
	local where=$1 min=${2:-1} line name suite n=0 nfail=0 sfail
	while IFS= read -r line; do
		line=${line%$'\r'}	# the serial console's line ends
		case "$line" in
		"uktest: PASS "*|"uktest: FAIL "*|"uktest: SKIP "*) ;;
		*) continue ;;
		esac
		name=${line#uktest: ???? }
		suite=${name%%.*}
		if [ -n "${UK_RESULTS_SUITES:-}" ] &&
		   [[ " $UK_RESULTS_SUITES " != *" $suite "* ]]; then
			continue
		fi
		case "$line" in
		"uktest: PASS "*) pass "$where/$name" ;;
		"uktest: FAIL "*) fail "$where/${name%%: *}" "${name#*: }"; nfail=$((nfail + 1)) ;;
		"uktest: SKIP "*) skip "$where/${name%%: *}" "${name#*: }" ;;
		esac
		n=$((n + 1))
	done <<<"$OUT"
	line=$(grep -E '^uktest: [0-9]+ passed, [0-9]+ failed' <<<"${OUT//$'\r'/}" | tail -n 1)
	sfail=${line#*passed, }
	sfail=${sfail%% failed*}
	if [ -z "$line" ]; then
		fail "$where" "no uktest summary line (status $STATUS, $n cases reported)"
	elif [ "$n" -lt "$min" ]; then
		fail "$where" "$n cases reported, expected at least $min (status $STATUS)"
	elif [ "$nfail" = 0 ] && [ "$sfail" != 0 ]; then
		fail "$where" "the summary says $sfail failed: $line"
	elif [ "$sfail" = 0 ] && [ "$STATUS" != 0 ]; then
		fail "$where" "exit status $STATUS although no case failed"
	elif [ "$sfail" != 0 ] && [ "$STATUS" = 0 ]; then
		fail "$where" "exit status 0 although $sfail cases failed"
	fi
}

# have_qemu: the runner and QEMU are there (else boot cases skip).
# pvh_only IMAGE COPY: COPY is IMAGE with its Multiboot magic patched
# out, so loaders boot it by its PVH note.
pvh_only() {
	python3 - "$1" "$2" <<'PY'
import sys
d = bytearray(open(sys.argv[1], "rb").read())
i = d.find(bytes.fromhex("02b0ad1b"), 0, 8192)  # Multiboot magic
d[i] = 0
open(sys.argv[2], "wb").write(d)
PY
}

std_fds_only() {
	(
		local fd
		for fd in $(ls /proc/$BASHPID/fd); do
			[ "$fd" -gt 2 ] && eval "exec $fd>&-"
		done
		exec "$@"
	)
}

oracle_lines() {
	tr -d '\r' | sed -n '/^oracle: begin$/,$p' |
		grep -vE '^(\[(crit|err|warn|info|debug)\] |(uk[a-z_]*|syscall_shim|posix_[a-z]*|musl|kvmplat|linuxuplat|vfscore|ramfs|devfs|initrd|9pfs|ext2|virtio[a-z_]*): )'
}

oracle_compare() {
	local name=$1 hostfile=$2 status=$3 d out
	out=$UK_TEST_DIR/${name##*/}.out
	oracle_lines <<<"$OUT" >"$out"
	if d=$(diff "$UK_TEST_DIR/$hostfile" "$out"); then
		pass "$name/output"
	else
		printf '%s\n' "$d"
		fail "$name/output" \
			"differs from the host: $(grep -m1 '^[<>]' <<<"$d") ($(grep -c '^<' <<<"$d") host lines differ)"
	fi
	check "$name/status" expect_status "$status"
}

have_qemu() {
	[ -x "$UK_RUN_QEMU" ] && command -v "${QEMU:-qemu-system-x86_64}" >/dev/null
}

# done_case: call last; the exit status tells the runner whether all passed.
done_case() {
	[ "$UK_TEST_RESULTS" -gt 0 ] || fail "$UK_TEST_CASE" "reported no result"
	exit $UK_TEST_FAILED
}
