#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Redis 7.0 (lib/redis from Debian's redis source, apps/redis: its own
# redis-server) on QEMU pc, its configuration file /redis.conf from an
# initrd (with one more option on its command line), served over
# virtio-net on QEMU user networking (hostfwd on 127.0.0.1, a port picked
# free). The oracle is the host's redis-server (Debian's package), run
# with the same redis.conf on another free 127.0.0.1 port:
#   redis/<where>/script   the same command script (strings, INCR/DECR,
#                          lists, hashes, sets, sorted sets, expiry by
#                          EX/PX/EXPIREAT/PERSIST/TTL, MULTI/EXEC, a Lua
#                          EVAL, errors), through Debian's redis-cli, in
#                          two parts 1.5 s apart so that keys with a
#                          short expiry are gone in the second: the kit's
#                          output must equal the host's line by line
#   redis/<where>/malformed  malformed RESP requests (a bad bulk length,
#                          a bad multibulk length, an unbalanced quote
#                          inline) each get Redis's "-ERR Protocol error"
#                          reply, as from the host, and the server keeps
#                          serving (PING afterwards)
#   redis/kit/benchmark    redis-benchmark, 50 clients, SET and GET,
#                          $REDIS_BENCH_N (50,000) requests each (100,000 in
#                          all), every
#                          request completed, no error; on a tap device
#                          in a network namespace this case creates (over
#                          QEMU's user networking 50 clients stall for
#                          seconds on retransmits and one is reset, with
#                          the kit; a tap does not)
#   redis/kit/no-fork      BGSAVE answers an error (no fork) and the
#                          server keeps serving
# Nothing but 127.0.0.1 and this case's namespace is connected to.
. "$(dirname "$0")/../lib.sh"

app=apps/redis
REDIS_BENCH_N=${REDIS_BENCH_N:-50000}
NETNS=ukt-redis-$$
W=$UK_TEST_DIR
host_pid= kit_pid=

cleanup() {
	[ -z "$host_pid" ] || kill "$host_pid" 2>/dev/null
	[ -z "$kit_pid" ] || kill -- -"$kit_pid" 2>/dev/null
	ip netns del "$NETNS" 2>/dev/null
	true
}
trap cleanup EXIT

for t in redis-server redis-cli redis-benchmark cpio python3 ip; do
	if ! command -v $t >/dev/null; then
		fail redis/tools "$t missing: run support/scripts/setup"
		done_case
	fi
done

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# The configuration both servers read: no snapshots (the kit has no
# fork), no AOF, protected mode off (the kit's clients come from QEMU's
# gateway, not its loopback), logging to stdout.
conf=$W/redis.conf
cat >"$conf" <<'EOF'
bind 0.0.0.0
protected-mode no
save ""
appendonly no
daemonize no
logfile ""
databases 4
EOF

# The command script, in two parts; part 2 runs 1.5 s after part 1.
cat >"$W/part1" <<'EOF'
PING
SET greeting "hello world"
GET greeting
APPEND greeting "!"
STRLEN greeting
GETRANGE greeting 0 4
SET n 10
INCR n
INCRBY n 32
DECR n
INCRBYFLOAT n 0.5
INCR greeting
MSET a 1 b 2 c 3
MGET a b c nosuchkey
SETNX a 100
GET a
LPUSH list one two three
RPUSH list four
LRANGE list 0 -1
LLEN list
LPOP list
RPOP list
LINDEX list 1
LRANGE list 0 -1
LPUSH greeting x
HSET user name ada lang c year 1843
HGET user name
HGETALL user
HINCRBY user year 1
HDEL user lang
HKEYS user
HEXISTS user lang
SADD set x y z x
SCARD set
SISMEMBER set y
ZADD z 3 c 1 a 2 b
ZRANGE z 0 -1 WITHSCORES
ZSCORE z b
SET short v PX 300
SET shortex v EX 1
SET long v EX 100000
TTL long
PTTL nosuchkey
TTL greeting
EXPIRE greeting 1000
TTL greeting
PERSIST greeting
TTL greeting
SET past v
EXPIREAT past 1
GET past
EXISTS past
MULTI
INCR counter
INCR counter
EXEC
EVAL "return redis.call('INCRBY', KEYS[1], ARGV[1])" 1 counter 40
EVAL "return {1, 'two', 3.99}" 0
TYPE list
TYPE user
TYPE z
NOSUCHCOMMAND foo
GET
DBSIZE
EOF
cat >"$W/part2" <<'EOF'
GET short
GET shortex
EXISTS short shortex long
GET long
DEL a b c
EXISTS greeting n list user set z long counter a
SELECT 3
DBSIZE
SELECT 0
FLUSHALL
DBSIZE
EOF
run_script() {	# PORT OUT
	{ redis-cli -h 127.0.0.1 -p "$1" <"$W/part1" && sleep 1.5 &&
		redis-cli -h 127.0.0.1 -p "$1" <"$W/part2"; } >"$2" 2>&1
}

# The malformed requests, each on a connection of its own, then PING on
# the same connection (Redis closes a connection after a protocol
# error, so that PING gets no answer) and a PING on a new connection.
malformed() {	# PORT
	python3 - "$1" <<'EOF'
import socket, sys
port = int(sys.argv[1])
def ask(data):
    s = socket.create_connection(("127.0.0.1", port), timeout=20)
    s.sendall(data)
    out = b""
    try:
        while True:
            b = s.recv(4096)
            if not b:
                break
            out += b
    except socket.timeout:
        out += b"<timeout>"
    s.close()
    return out.decode(errors="replace").replace("\r\n", "\\r\\n")
for req in (b"*1\r\n$x\r\nPING\r\n", b"*2\r\n$4\r\nECHO\r\n$99999999999\r\n",
            b"*abc\r\n", b"*1\r\nPING\r\n", b'SET "unbalanced x\r\n',
            b"*" + b"1" * 30 + b"\r\n"):
    print(repr(req)[2:-1], "->", ask(req + b"*1\r\n$4\r\nPING\r\n"))
s = socket.create_connection(("127.0.0.1", port), timeout=20)
s.sendall(b"*1\r\n$4\r\nPING\r\n")
print("new connection PING ->", s.recv(100).decode().strip())
EOF
}

# --- the host's redis-server: the oracle --------------------------------
hport=$(free_port)
redis-server "$conf" --port "$hport" >"$W/host.log" 2>&1 &
host_pid=$!
for i in $(seq 50); do
	redis-cli -p "$hport" ping >/dev/null 2>&1 && break
	sleep 0.2
done
run_script "$hport" "$W/host.out"
cat "$W/host.out"
# The host's replies begin with PONG and end with DBSIZE's 0 after
# FLUSHALL: both parts ran to their end.
check redis/host/script eval '[ "$(head -n 1 "$W/host.out")" = PONG ] &&
	grep -qx "hello world" "$W/host.out" && [ "$(tail -n 1 "$W/host.out")" = 0 ]'
malformed "$hport" >"$W/host.malformed" 2>&1
cat "$W/host.malformed"
check redis/host/malformed eval 'grep -q "Protocol error" "$W/host.malformed" &&
	grep -qx "new connection PING -> +PONG" "$W/host.malformed"'
kill "$host_pid"; wait "$host_pid" 2>/dev/null; host_pid=

if ! have_qemu; then
	skip redis/qemu "QEMU missing"
	done_case
fi
if ! BUILD_NAME=kvm build_app $app kvm-x86_64-pc || [ ! -f "$IMAGE" ]; then
	fail redis/build "$app kvm-x86_64-pc did not build"
	done_case
fi
pass redis/build

# kit_up REDIS-CLI...: the image booted as $kit_pid answers PING within
# 150 s (false as soon as it is gone).
kit_up() {
	local i
	for i in $(seq 300); do
		"$@" ping 2>/dev/null | grep -qx PONG && return 0
		kill -0 "$kit_pid" 2>/dev/null || return 1
		sleep 0.5
	done
	return 1
}

initrd=$W/redis.cpio
(cd "$W" && echo redis.conf | cpio -o -H newc --quiet -R 0:0) >"$initrd"
kport=$(free_port)
log "boot pc: redis-server /redis.conf --port 6379, hostfwd 127.0.0.1:$kport"
(exec setsid "$UK_RUN_QEMU" --machine pc --accel "$ACCEL" --mem 64M --timeout 600 \
	--qemu-arg -netdev --qemu-arg "user,id=n0,hostfwd=tcp:127.0.0.1:$kport-:6379" \
	--qemu-arg -device --qemu-arg virtio-net-pci,netdev=n0 --qemu-arg -initrd --qemu-arg "$initrd" \
	--append "vfs.fstab=initrd:/ -- /redis.conf --port 6379" "$IMAGE" \
	>"$W/kit.log" 2>&1 </dev/null) &
kit_pid=$!
if ! kit_up redis-cli -p "$kport"; then
	fail redis/kit/serving "no PONG in 150 s: $(tail -n 3 "$W/kit.log" | tr -d '\r' | tr '\n' ' ')"
	done_case
fi
pass redis/kit/serving
check redis/kit/config-from-initrd eval 'redis-cli -p "$kport" config get databases | tr "\n" " " | grep -qx "databases 4 "'

run_script "$kport" "$W/kit.out"
if d=$(diff "$W/host.out" "$W/kit.out"); then
	pass redis/kit/script
else
	printf '%s\n' "$d"
	fail redis/kit/script "differs from the host: $(grep -m1 '^[<>]' <<<"$d")"
fi
malformed "$kport" >"$W/kit.malformed" 2>&1
if d=$(diff "$W/host.malformed" "$W/kit.malformed"); then
	pass redis/kit/malformed
else
	printf '%s\n' "$d"
	fail redis/kit/malformed "differs from the host: $(grep -m1 '^[<>]' <<<"$d")"
fi

bgsave=$(redis-cli -p "$kport" bgsave 2>&1)
log "BGSAVE: $bgsave"
check redis/kit/no-fork eval 'grep -q "^ERR" <<<"$bgsave" &&
	redis-cli -p "$kport" ping | grep -qx PONG'

kit_stop() {
	kill -- -"$kit_pid" 2>/dev/null; wait "$kit_pid" 2>/dev/null; kit_pid=
	tr -d '\r' <"$W/kit.log" | grep -v '^ ' | tail -n 20
}
kit_stop

# The load, on a tap device in a namespace of this case: the guest is
# 10.0.2.15, the namespace's tap 10.0.2.2.
if ! { ip netns add "$NETNS" && ip -n "$NETNS" link set lo up &&
	ip -n "$NETNS" tuntap add dev tap0 mode tap &&
	ip -n "$NETNS" addr add 10.0.2.2/24 dev tap0 && ip -n "$NETNS" link set tap0 up; }; then
	fail redis/netns-setup "could not create namespace $NETNS with a tap device"
	done_case
fi
inns() { ip netns exec "$NETNS" "$@"; }
log "boot pc on tap0 in $NETNS: redis-server /redis.conf"
(exec ip netns exec "$NETNS" setsid "$UK_RUN_QEMU" --machine pc --accel "$ACCEL" --mem 64M \
	--timeout 600 --qemu-arg -netdev --qemu-arg tap,id=n0,ifname=tap0,script=no,downscript=no \
	--qemu-arg -device --qemu-arg virtio-net-pci,netdev=n0 --qemu-arg -initrd --qemu-arg "$initrd" \
	--qemu-arg -monitor --qemu-arg "unix:$W/monitor,server,nowait" \
	--append "netdev.ip=10.0.2.15/24 netdev.gw=10.0.2.2 vfs.fstab=initrd:/ -- /redis.conf" "$IMAGE" \
	>"$W/kit.log" 2>&1 </dev/null) &
kit_pid=$!
if ! kit_up inns redis-cli -h 10.0.2.15; then
	fail redis/kit/tap-serving "no PONG in 150 s: $(tail -n 3 "$W/kit.log" | tr -d '\r' | tr '\n' ' ')"
	done_case
fi
log "redis-benchmark -c 50 -n $REDIS_BENCH_N -t set,get"
t0=$(now_ms)
inns timeout 300 redis-benchmark -h 10.0.2.15 -c 50 -n "$REDIS_BENCH_N" -t set,get \
	>"$W/bench.raw" 2>&1 </dev/null
bstatus=$?
# Its progress lines end in CR, not LF.
bench=$(tr '\r' '\n' <"$W/bench.raw" | grep -v 'rps=')
log "redis-benchmark: status $bstatus, $(( $(now_ms) - t0 ))ms"
grep -E "requests completed|requests per second|rror" <<<"$bench"
check redis/kit/benchmark eval '[ $bstatus = 0 ] && ! grep -qi error <<<"$bench" &&
	[ "$(grep -c "^  $REDIS_BENCH_N requests completed in" <<<"$bench")" = 2 ] &&
	[ "$(inns redis-cli -h 10.0.2.15 dbsize)" = 1 ]'
if inns timeout 10 redis-cli -h 10.0.2.15 ping | grep -qx PONG; then
	pass redis/kit/still-serving
else
	fail redis/kit/still-serving "no PONG after the benchmark"
	# Where the guest is, for whoever looks into it: its registers from
	# QEMU's monitor, the instruction pointer as a function and line.
	regs=$(python3 - "$W/monitor" <<'EOF'
import socket, sys, time
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall(b"info registers\n")
time.sleep(2)
s.settimeout(2)
out = b""
try:
    while True:
        b = s.recv(65536)
        if not b:
            break
        out += b
except socket.timeout:
    pass
print(out.decode(errors="replace"))
EOF
)
	printf '%s\n' "$regs"
	rip=$(grep -o 'RIP=[0-9a-f]*' <<<"$regs" | head -n 1 | cut -d= -f2)
	[ -z "$rip" ] || log "guest RIP $rip: $(addr2line -f -e "$IMAGE.dbg" "0x$rip" | tr '\n' ' ')"
fi
kit_stop
done_case
