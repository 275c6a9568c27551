#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Networking through apps/httpreply, built two ways from one source: with
# musl-gcc as a host process, and with the kit (musl, posix-socket,
# lwIP, virtio-net) as a unikernel. The same checks run against each
# (serve_checks below; the client is apps/httpreply/tests/httpcheck.py):
#   net/<where>/curl           curl fetches "/" (the fixed page) and a file
#   net/<where>/pipeline       100 pipelined requests, HEAD, a 404 that
#                              keeps the connection, Connection: close
#   net/<where>/malformed      each bad request gets its status (400, 405,
#                              413, 414, 431, 501, 505) with a reason, and
#                              the server keeps serving
#   net/<where>/concurrent     500 connections open at once, each served
#   net/<where>/echo           64 MiB through the TCP echo port, SHA-256
#   net/<where>/wrk-rounds     ten back-to-back keep-alive wrk rounds: no
#                              error, no timeout, no stall (rates logged;
#                              bench/net measures them)
#   net/<where>/wrk-close-rounds  the same with Connection: close (a new
#                              connection each request: TIME-WAIT piles
#                              up on both sides and fills the kit's pool
#                              of connections; the kit on the tap, pc and
#                              microvm)
#   net/<where>/reuse          20 Connection: close requests from one
#                              client port: the server's TIME-WAIT
#                              connection reopens on the new SYN, no SYN
#                              is retransmitted
#   net/kit/<where>/no-lost-interrupt  the guest never had to find
#                              received frames by its idle poll
#   net/<where>/concurrent-after, reuse-after  after the rounds and
#                              TIME-WAIT: 500 at once and the reuse again
#                              (nothing the rounds took is kept)
#   net/<where>/halfopen       stalled clients do not delay others, are
#                              closed after the idle timeout (-t), and
#                              over the connection limit (-c) the oldest
#                              make room
# Where: "host" (127.0.0.1, a port picked free), "host/netns" (curl and
# the server inside a network namespace this case creates: its own
# loopback and a tap device, no host interface touched), and the kit
# over QEMU user networking (hostfwd on 127.0.0.1) and over a tap device
# in a namespace this case creates. Also net/parse-unit: the parser's
# table test under ASan/UBSan (its fuzz target, apps/httpreply/fuzz/
# parse.c, runs in test/cases/fuzz.sh as fuzz/httpreply-parse). Nothing
# but 127.0.0.1 and this case's namespaces is ever connected to.
. "$(dirname "$0")/../lib.sh"

app=apps/httpreply
src=$UK_ROOT/$app
check_py=$src/tests/httpcheck.py
NETNS=ukt-net-$$
ECHO_BYTES=$((64 * 1024 * 1024))

cleanup() {
	[ -z "${server_pid:-}" ] || kill -- -"$server_pid" 2>/dev/null ||
		kill "$server_pid" 2>/dev/null
	ip netns del "$NETNS" 2>/dev/null
	true
}
trap cleanup EXIT

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# hc WHERE CHECK ARGS...: one httpcheck run against $HOST:$PORT ($NS:
# run it inside that namespace), as result net/WHERE/CHECK.
hc() {
	local where=$1 what=$2 out t0=$(now_ms); shift 2
	log "httpcheck $HOST:$PORT $what $*"
	if out=$(${NS:+ip netns exec "$NS"} python3 "$check_py" "$HOST" "$PORT" "$@" 2>&1); then
		printf '%s\n' "$out"
		log "$what: $(($(now_ms) - t0)) ms"
		pass "net/$where/$what"
	else
		printf '%s\n' "$out"
		fail "net/$where/$what" "$(grep -m1 '^httpcheck: ' <<<"$out" || tail -n1 <<<"$out")"
	fi
}

# curl_checks WHERE FILE: "/" is the page; FILE (a path under the
# server's root holding "file content\n", or empty) is served.
curl_checks() {
	local where=$1 file=$2 body ok=1 run=(${NS:+ip netns exec "$NS"} curl -sS --max-time 20)
	body=$("${run[@]}" "http://$HOST:$PORT/" 2>&1) || ok=0
	grep -q "Hello from httpreply" <<<"$body" || ok=0
	if [ -n "$file" ]; then
		body=$("${run[@]}" -f "http://$HOST:$PORT$file" 2>&1) || ok=0
		[ "$body" = "file content" ] || ok=0
	fi
	if [ $ok = 1 ]; then
		pass "net/$where/curl"
	else
		fail "net/$where/curl" "curl http://$HOST:$PORT: ${body:0:120}"
	fi
}

# cpu_ticks ID: CPU time (clock ticks) used so far by the server: the
# processes whose pid or process group is ID (QEMU in a kit run).
cpu_ticks() {
	local f l t=0
	for f in /proc/[0-9]*/stat; do
		read -r l <"$f" 2>/dev/null || continue
		set -- ${l##*) }	# state ppid pgrp ... utime ($12) stime ($13)
		[ "${l%% *}" = "$ID" ] || [ "$3" = "$ID" ] || continue
		t=$((t + ${12} + ${13}))
	done
	echo $t
}

# wrk_round SECONDS: one round (8 connections; keep-alive, or a new
# connection for each request with WRK_CLOSE=1); sets rps and
# per_cpu (requests per second of the server's CPU time), or sets
# UK_FAIL_REASON and returns 1: connect errors, timeouts, non-2xx
# answers, or a response that took a second or more (a stall).
wrk_round() {
	local out t0 t1
	t0=$(ID=$server_pid cpu_ticks)
	out=$(${NS:+ip netns exec "$NS"} wrk -t1 -c8 -d"${1}s" \
		${WRK_CLOSE:+-H "Connection: close"} "http://$HOST:$PORT/" 2>&1)
	t1=$(ID=$server_pid cpu_ticks)
	printf '%s\n' "$out"
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
	per_cpu=$(awk -v r="$rps" -v s="$1" -v t=$((t1 - t0)) -v hz="$(getconf CLK_TCK)" \
		'BEGIN { x = 0; if (t > 0) x = r * s / (t / hz); printf "%.0f", x }')
	log "round: $rps requests/s, $((t1 - t0)) ticks of server CPU: $per_cpu requests per CPU second"
	if [ -z "$rps" ] || grep -qE 'Socket errors: connect [1-9]|timeout [1-9]|Non-2xx' <<<"$out"; then
		UK_FAIL_REASON="$(grep -m1 -E 'Socket errors|Non-2xx|unable|error' <<<"$out" || echo no Requests/sec line)"
		return 1
	fi
	if awk '$1 == "Latency" && $4 ~ /[0-9.]+s$/ && $4 !~ /(us|ms)$/ { f = 1 } END { exit !f }' <<<"$out"; then
		UK_FAIL_REASON="a response took $(awk '$1 == "Latency" { print $4 }' <<<"$out") (a stall)"
		return 1
	fi
}

# wrk_rounds WHERE SECONDS [NAME]: ten rounds back to back (result
# net/WHERE/NAME, default wrk-rounds), each without a connect error, a
# timeout, a non-2xx answer or a stall (a response that took a second
# or more: a SYN dropped and sent again, a lost wake-up). Their rates
# are logged, not judged: how fast is bench/net's to say (a shared
# machine moves a round's rate by 2x); that the server keeps what the
# rounds need is serve_checks' "-after" checks.
wrk_rounds() {
	local where=$1 secs=$2 name=${3:-wrk-rounds} i all= t0=$(now_ms)
	for i in $(seq 1 10); do
		if ! wrk_round "$secs"; then
			fail "net/$where/$name" "round $i: $UK_FAIL_REASON"
			UK_FAIL_REASON=
			return
		fi
		all="$all ${rps%.*}/$per_cpu"
	done
	log "wrk requests/s / requests per CPU second, per round:$all ($(($(now_ms) - t0)) ms)"
	pass "net/$where/$name"
}

# serve_checks WHERE ECHOPORT WRKSECS IDLE: everything against a server
# at $HOST:$PORT started with -c 600 -t IDLE and its echo port ECHOPORT;
# with CLOSE_ROUNDS=1 also the Connection: close rounds.
serve_checks() {
	local where=$1 echo_port=$2 secs=$3 idle=$4
	curl_checks "$where" "${FILE_PATH:-}"
	hc "$where" pipeline pipeline 100
	hc "$where" malformed malformed
	hc "$where" reuse reuse 20
	hc "$where" concurrent concurrent 500
	PORT=$echo_port hc "$where" echo echo $ECHO_BYTES
	wrk_rounds "$where" "$secs"
	if [ "${CLOSE_ROUNDS:-}" = 1 ]; then
		WRK_CLOSE=1 wrk_rounds "$where" "$secs" wrk-close-rounds
		log "client TIME-WAIT sockets after the close rounds: $(ip netns exec "$NS" ss -Htan state time-wait | wc -l)"
	fi
	# What the rounds took came back: once TIME-WAIT is over (2 s in
	# the kit), 500 connections at once are served again, and a client
	# port reused at once still reopens the server's TIME-WAIT.
	sleep 3
	hc "$where" concurrent-after concurrent 500
	hc "$where" reuse-after reuse 20
	hc "$where" halfopen halfopen 50 "$idle" 600
}

# --- host -------------------------------------------------------------
missing=
for t in musl-gcc curl wrk python3 ip; do
	command -v $t >/dev/null || missing="$missing $t"
done
if [ -n "$missing" ]; then
	fail net/tools "missing:$missing (run support/scripts/setup)"
	done_case
fi

host=$UK_TEST_DIR/httpreply-host
log "musl-gcc -static $src/*.c"
if musl-gcc -static -O2 -Wall -Wextra -Werror -o "$host" "$src"/*.c; then
	pass net/host-build
else
	fail net/host-build "musl-gcc could not build $app"
	done_case
fi

log "parse_test"
if gcc -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -Wall -Wextra -Werror \
	-o "$UK_TEST_DIR/parse_test" "$src/tests/parse_test.c" "$src/http_parse.c" &&
   out=$("$UK_TEST_DIR/parse_test" 2>&1); then
	printf '%s\n' "$out"
	pass net/parse-unit
else
	printf '%s\n' "${out:-}"
	fail net/parse-unit "$(grep -m1 -E '^FAIL|ERROR' <<<"${out:-build failed}")"
fi

www=$UK_TEST_DIR/www
mkdir -p "$www/sub"
echo "file content" >"$www/sub/f.txt"
HOST=127.0.0.1 PORT=$(free_port) echo_port=$(free_port)
"$host" -a 127.0.0.1 -p "$PORT" -e "$echo_port" -r "$www" -c 600 -t 3 &
server_pid=$!
if NS= hc host wait wait 10; then
	FILE_PATH=/sub/f.txt serve_checks host "$echo_port" 1 3
fi
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=

# Over the connection limit: the oldest stalled client makes room.
PORT=$(free_port)
"$host" -a 127.0.0.1 -p "$PORT" -c 30 -t 3 &
server_pid=$!
hc host wait-limit wait 10 && hc host halfopen-limit halfopen 40 3 30
kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=

# --- a namespace of our own -------------------------------------------
# netns_up: $NETNS with its loopback up and tap0 at 10.0.2.2/24 (for a
# guest at 10.0.2.15); nothing outside it is touched. Its clients may
# reuse a port of theirs in TIME-WAIT (tcp_tw_reuse=1, Linux's own
# TIME-WAIT is 60 s) from the whole port range, and keep at most 4096
# in TIME-WAIT: thousands of Connection: close requests a second would
# run out of ports in the Connection: close rounds otherwise, and with
# 30,000 of them each connect() searched for a port for 10 ms (wrk at
# 100 requests/s, the guest idle). A limit of the client, not of the
# server under test. (Under TCG the client closes first: it has the
# whole answer before the slower guest's FIN is out.)
netns_up() {
	ip netns add "$NETNS" &&
	ip netns exec "$NETNS" sh -c 'echo 1 >/proc/sys/net/ipv4/tcp_tw_reuse &&
		echo "1024 65535" >/proc/sys/net/ipv4/ip_local_port_range &&
		echo 4096 >/proc/sys/net/ipv4/tcp_max_tw_buckets' &&
	ip -n "$NETNS" link set lo up &&
	ip -n "$NETNS" tuntap add dev tap0 mode tap &&
	ip -n "$NETNS" addr add 10.0.2.2/24 dev tap0 &&
	ip -n "$NETNS" link set tap0 up
}
if netns_up; then
	pass net/netns-setup
	HOST=127.0.0.1 PORT=8080
	ip netns exec "$NETNS" "$host" -a 127.0.0.1 -p "$PORT" -r "$www" &
	server_pid=$!
	NS=$NETNS hc host/netns wait wait 10 &&
		NS=$NETNS FILE_PATH=/sub/f.txt curl_checks host/netns /sub/f.txt
	# The host's own loopback does not reach into the namespace.
	if curl -s --max-time 2 "http://127.0.0.1:$PORT/" 2>/dev/null | grep -q "Hello from httpreply"; then
		fail net/host/netns-isolated "the namespace's server answered on the host's 127.0.0.1:$PORT"
	else
		pass net/host/netns-isolated
	fi
	kill "$server_pid"; wait "$server_pid" 2>/dev/null; server_pid=
else
	fail net/netns-setup "could not create namespace $NETNS with a tap device"
fi

# --- the kit --------------------------------------------------------------
# kit_boot MACHINE NIC NETDEV APPEND: boot $IMAGE in the background, in
# $NS when set, in a process group of its own (kit_stop ends it by id);
# its console goes to $UK_TEST_DIR/kit-<n>.out. The files of $www come
# as QEMU's -initrd, mounted at /www (lib/initrd).
kit_n=0
kit_boot() {
	local machine=$1 nic=$2 netdev=$3 append=$4
	kit_n=$((kit_n + 1))
	kit_out=$UK_TEST_DIR/kit-$kit_n.out
	log "boot $machine: -netdev $netdev --append \"$append\" (console: $kit_out)"
	(exec ${NS:+ip netns exec "$NS"} setsid "$UK_RUN_QEMU" --machine "$machine" --accel "$ACCEL" \
		--mem 128M --timeout 600 --qemu-arg -netdev --qemu-arg "$netdev" \
		--qemu-arg -device --qemu-arg "$nic" --qemu-arg -initrd --qemu-arg "$www_cpio" \
		--append "vfs.fstab=initrd:/www $append" "$IMAGE" \
		>"$kit_out" 2>&1 </dev/null) &
	server_pid=$!
}
kit_stop() {
	kill -- -"$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
	cat "$kit_out"
}
# kit_no_lost_interrupt WHERE: the stopped image's console never said
# that received frames waited for lib/lwip's idle poll (a receive
# interrupt lost: QEMU 7.2's TCG lost them all the time before run-qemu
# gave it room for a second vCPU).
kit_no_lost_interrupt() {
	if grep -q 'waited without a receive interrupt' "$kit_out"; then
		fail "net/$1/no-lost-interrupt" "$(grep -m1 'waited without' "$kit_out" | tr -d '\r')"
	else
		pass "net/$1/no-lost-interrupt"
	fi
}
# kit_serving WHERE: the booted image answers, else fail with its console.
kit_serving() {
	if hc "$1" serving wait 180; then
		return 0
	fi
	log "console: $(tail -n 3 "$kit_out" | tr -d '\r' | tr '\n' ' ')"
	return 1
}

if ! BUILD_NAME=kit-pc build_app $app kvm-x86_64-pc || [ ! -f "$IMAGE" ]; then
	fail net/kit-build "$app kvm-x86_64-pc did not build"
	done_case
fi
pass net/kit-build
missing=
for l in LIBLWIP LIBPOSIX_SOCKET LIBPOSIX_POLL LIBUKVIRTIO_NET LIBINITRD; do
	grep -q "^CONFIG_$l=y" "$CFG" || missing="$missing CONFIG_$l"
done
if [ -n "$missing" ]; then
	skip net/kit "the kit image lacks$missing (not in this tree or not in the app's defconfig)"
	done_case
fi
ARGS="-p 80 -e 7 -c 600 -t 3"
www_cpio=$UK_TEST_DIR/www.cpio
(cd "$www" && find . | sort | cpio -o -H newc --quiet -R 0:0) >"$www_cpio"

# pc over QEMU user networking: hostfwd on 127.0.0.1 only.
NS= HOST=127.0.0.1 PORT=$(free_port) echo_port=$(free_port)
kit_boot pc virtio-net-pci,netdev=n0 \
	"user,id=n0,hostfwd=tcp:127.0.0.1:$PORT-:80,hostfwd=tcp:127.0.0.1:$echo_port-:7" "-- $ARGS"
if kit_serving kit/pc-usernet; then
	curl_checks kit/pc-usernet /sub/f.txt
	hc kit/pc-usernet pipeline pipeline 100
	hc kit/pc-usernet malformed malformed
fi
kit_stop

# On a tap device in our namespace, static address: microvm (virtio-mmio)
# under load, then pc with everything. (microvm on user networking is
# lib/lwip's: test/cases/lwip.sh boots it there.)
if ip netns list | grep -qw "$NETNS"; then
	NS=$NETNS HOST=10.0.2.15 PORT=80
	kit_boot microvm virtio-net-device,netdev=n0 "tap,id=n0,ifname=tap0,script=no,downscript=no" \
		"netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 -- $ARGS"
	if kit_serving kit/microvm-tap; then
		curl_checks kit/microvm-tap /sub/f.txt
		hc kit/microvm-tap concurrent concurrent 500
		PORT=7 hc kit/microvm-tap echo echo $ECHO_BYTES
		WRK_CLOSE=1 wrk_rounds kit/microvm-tap 2 wrk-close-rounds
		sleep 3
		hc kit/microvm-tap concurrent-after concurrent 500
	fi
	kit_stop
	kit_no_lost_interrupt kit/microvm-tap
	NS=$NETNS HOST=10.0.2.15 PORT=80
	kit_boot pc virtio-net-pci,netdev=n0 "tap,id=n0,ifname=tap0,script=no,downscript=no" \
		"netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 -- $ARGS"
	if kit_serving kit/pc-tap; then
		CLOSE_ROUNDS=1 FILE_PATH=/sub/f.txt serve_checks kit/pc-tap 7 2 3
	fi
	kit_stop
	kit_no_lost_interrupt kit/pc-tap
fi

done_case
