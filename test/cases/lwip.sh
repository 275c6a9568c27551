#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# lib/lwip: lwIP from Debian through the fetch step, its OS layer, the
# stack over loopback, and interfaces on virtio-net with QEMU user
# networking (uktest cases in lib/lwip/tests, in test/apps/unittests):
# - linuxu (cooperative scheduler): sys_arch and loopback cases;
# - pc and microvm (preemptive, one image), virtio-net on user-net:
#   the DHCP lease from QEMU's built-in server (the boot line), ping
#   and ARP of the gateway, a TCP echo and a UDP round trip with a host
#   echo server on 127.0.0.1 (test/cases/lwip-peer.py, reached as
#   10.0.2.2 from the guest), a SLAAC address from user-net's router
#   advertisements and ICMPv6 echo of the router; AF_INET/AF_INET6 sockets
#   through musl and posix-socket (test_socket.c); on pc a 1 MiB TCP echo
#   from the host to the guest through hostfwd on 127.0.0.1; over a tap
#   device in a network namespace the test creates: the host pings the
#   guest (ARP answered), and a TCP echo;
# - pc: static configuration from netdev.ip=/gw=/dns= (boot line, ping;
#   musl's getaddrinfo through the /etc/resolv.conf lwip writes, to a
#   DNS server the guest runs on 127.0.0.1), and malformed values: one
#   line naming the parameter, status 2.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
libs=(CONFIG_LIBUKSCHED=y CONFIG_LIBUKSCHED_TESTS=n CONFIG_LIBUKLOCK=y
      CONFIG_LIBUKLOCK_TESTS=n CONFIG_LIBUKRANDOM=y CONFIG_LIBUKRANDOM_TESTS=n
      CONFIG_LIBLWIP=y CONFIG_LIBLWIP_TESTS=y)
net=(CONFIG_LIBUKDEBUG=y CONFIG_LIBUKDEBUG_PRINTK_INFO=y CONFIG_LIBUKNETDEV=y
     CONFIG_LIBUKVIRTIO=y CONFIG_LIBUKVIRTIO_NET=y)
# pc: musl and the socket layer, for the AF_INET/AF_INET6 cases.
sockets=(CONFIG_LIBNOLIBC=n CONFIG_LIBMUSL=y CONFIG_LIBUKALLOCTLSF=y
	 CONFIG_LIBUKALLOC_MALLOC=n CONFIG_LIBPOSIX_SIGNAL=y
	 CONFIG_LIBPOSIX_SIGNAL_TESTS=n CONFIG_LIBPOSIX_FDTAB_TESTS=n
	 CONFIG_LIBPOSIX_SOCKET=y CONFIG_LIBPOSIX_SOCKET_TESTS=n
	 CONFIG_LIBPOSIX_POLL=y CONFIG_LIBPOSIX_POLL_TESTS=n
	 CONFIG_LIBVFSCORE=y CONFIG_LIBRAMFS=y CONFIG_LIBPOSIX_FDTAB_MAX=256)
coop=(CONFIG_LIBUKSCHEDCOOP=y)
preempt=(CONFIG_LIBUKSCHEDCOOP=n CONFIG_LIBUKSCHEDPREEMPT=y)
results() { UK_RESULTS_SUITES=lwip uktest_results "lwip/$1" "$2"; }

# The cooperative scheduler here, the preemptive one on QEMU (lwIP on the
# cooperative one under load: test/cases/net.sh, apps/httpreply's).
if BUILD_NAME=linuxu build_app $app linuxu-x86_64 "${libs[@]}" "${coop[@]}" && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" 'uktest.filter=lwip.sem*,lwip.mbox*,lwip.thread*,lwip.*loopback*,lwip.tcp_connect*,lwip.siphash*,lwip.tcp_isn*'
	results linuxu 9
else
	fail lwip/linuxu "$app linuxu-x86_64 with lwip did not build"
fi

if ! have_qemu; then
	fail lwip/qemu "support/scripts/run-qemu or QEMU missing"
	done_case
fi

# The host's echo server, for the guest's lwip.test_peer=.
D=$UK_TEST_DIR
python3 "$UK_ROOT/test/cases/lwip-peer.py" "$D/peer.port" & peer_pid=$!
trap 'kill $peer_pid 2>/dev/null' EXIT
for i in $(seq 50); do [ -f "$D/peer.port" ] && break; sleep 0.1; done
PORT=$(cat "$D/peer.port" 2>/dev/null)
log "host echo server on 127.0.0.1:$PORT"

# boot MACHINE DEVICE "ARGS": the image on user-net with DEVICE.
boot() {
	local machine=$1 device=$2 args=$3
	log "run-qemu --machine $machine --append \"$args\" $IMAGE ($device)"
	OUT=$("$UK_RUN_QEMU" --machine "$machine" --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
		--append "$args" --qemu-arg -netdev --qemu-arg user,id=n0 \
		--qemu-arg -device --qemu-arg "$device,netdev=n0" "$IMAGE" 2>&1 </dev/null)
	STATUS=$?
	OUT=${OUT//$'\r'/}
	printf '%s\n' "$OUT"
	log "status $STATUS"
}

# iface_line TEXT: the boot printed the interface line ending in TEXT.
iface_line() {
	grep -qE "lwip: en1 vnet0 52:54:00:12:34:56 $1\$" <<<"$OUT" ||
		{ UK_FAIL_REASON="no interface line '... $1'"; return 1; }
}

tap_tests() {
	local ns qp i pingout tcpout
	# From the host side over a tap device in a network namespace the
	# test makes (nothing else is touched): ping the guest (its ARP
	# answer first), then one TCP echo, which also ends the guest.
	if [ "$(id -u)" != 0 ] || [ ! -c /dev/net/tun ] || ! command -v ping >/dev/null ||
	   ! ip netns add "uk-lwip-$$" 2>/dev/null; then
		skip lwip/pc/tap-ping "needs root, /dev/net/tun, ping and ip netns"
		return
	fi
	ns=uk-lwip-$$
	# Expanded now: $ns is local, gone when the trap runs.
	trap "kill $peer_pid 2>/dev/null; ip netns del $ns 2>/dev/null" EXIT
	ip netns exec $ns ip tuntap add tap0 mode tap &&
		ip -n $ns addr add 10.77.0.1/24 dev tap0 &&
		ip -n $ns link set tap0 up && ip -n $ns link set lo up
	ip netns exec $ns "$UK_RUN_QEMU" --machine pc --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
		--append "netdev.ip=10.77.0.2/24 netdev.gw=10.77.0.1 uktest.filter=lwip.socket_serve* lwip.test_serve=7200" \
		--qemu-arg -netdev --qemu-arg tap,id=n0,ifname=tap0,script=no,downscript=no \
		--qemu-arg -device --qemu-arg "$dev,netdev=n0" "$IMAGE" >"$D/tap.out" 2>&1 </dev/null &
	qp=$!
	for i in $(seq 240); do grep -q "serving on port" "$D/tap.out" && break; sleep 0.5; done
	pingout=$(ip netns exec $ns ping -c 5 -i 0.2 -W 3 10.77.0.2 2>&1)
	log "$pingout"
	tcpout=$(ip netns exec $ns python3 -c '
import socket
c = socket.create_connection(("10.77.0.2", 7200), timeout=20)
c.sendall(b"x" * 100000); c.shutdown(socket.SHUT_WR)
n = 0
while True:
    d = c.recv(65536)
    if not d: break
    n += len(d)
print("tap echo", n)' 2>&1)
	log "host: $tcpout"
	wait $qp
	STATUS=$?
	OUT=$(tr -d '\r' <"$D/tap.out")
	printf '%s\n' "$OUT"
	ip netns del $ns
	check lwip/pc/tap-ping-from-host eval 'grep -q " 5 received" <<<"$pingout"'
	check lwip/pc/tap-tcp-echo eval '[ "$tcpout" = "tap echo 100000" ] &&
		expect_output "served 100000 bytes" && expect_status 0'
}

dhcp='10\.0\.2\.15/24 gw 10\.0\.2\.2 dns 10\.0\.2\.3 \(dhcp\)'
# One image for pc and microvm (PCI and MMIO transports; microvm's
# devices come from its ACPI tables).
if ! BUILD_NAME=kvm build_app $app kvm-x86_64-pc "${libs[@]}" "${net[@]}" "${preempt[@]}" \
	"${sockets[@]}" CONFIG_LIBUKPCI=y || [ ! -f "$IMAGE" ]; then
	fail lwip/kvm "$app kvm-x86_64-pc with lwip and virtio-net did not build"
	done_case
fi
n=23
for cfg in pc microvm; do
	if [ $cfg = pc ]; then dev=virtio-net-pci; else dev=virtio-net-device; fi
	boot $cfg $dev "uktest.filter=lwip.* lwip.test_peer=10.0.2.2:$PORT"
	check lwip/$cfg/dhcp-lease iface_line "$dhcp"
	results $cfg $n
	[ $cfg = pc ] || continue

	# The host connects to the guest through hostfwd on 127.0.0.1 and
	# moves 1 MiB both ways, checked by SHA-256.
	hp=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	log "hostfwd 127.0.0.1:$hp -> guest port 7200"
	"$UK_RUN_QEMU" --machine pc --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
		--append "uktest.filter=lwip.socket_serve* lwip.test_serve=7200" \
		--qemu-arg -netdev --qemu-arg "user,id=n0,hostfwd=tcp:127.0.0.1:$hp-:7200" \
		--qemu-arg -device --qemu-arg "$dev,netdev=n0" "$IMAGE" >"$D/serve.out" 2>&1 </dev/null &
	qp=$!
	echo_out=$(python3 - "$hp" <<-'PY'
	import hashlib, os, socket, sys, threading, time
	data = os.urandom(1 << 20)
	end = time.time() + 90
	while time.time() < end:
	    try:
	        c = socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=30)
	        c.settimeout(30)
	        t = threading.Thread(target=lambda: c.sendall(data))
	        t.start()
	        got = bytearray()
	        while len(got) < len(data):
	            d = c.recv(65536)
	            if not d:
	                break
	            got += d
	        t.join()
	        # Our FIN only now: the guest sees EOF (and powers off soon
	        # after) once we hold the whole echo. Sent earlier, the end
	        # of the echo could still sit in user-net's buffers when
	        # QEMU exits (the guest's SIOCOUTQ wait sees user-net's
	        # acknowledgements, not ours): 393 bytes short once.
	        c.shutdown(socket.SHUT_WR)
	        while True:
	            d = c.recv(65536)
	            if not d:
	                break
	            got += d
	        if got:
	            print("echo", len(got), hashlib.sha256(got).hexdigest() == hashlib.sha256(data).hexdigest())
	            sys.exit(0)
	    except OSError:
	        pass
	    time.sleep(0.5)	# the guest is not listening yet (user-net resets)
	print("echo none")
	PY
	)
	wait $qp
	STATUS=$?
	OUT=$(tr -d '\r' <"$D/serve.out")
	printf '%s\n' "$OUT"
	log "host: $echo_out; status $STATUS"
	check lwip/pc/hostfwd-tcp-echo eval '[ "$echo_out" = "echo 1048576 True" ] &&
		expect_output "served 1048576 bytes" && expect_status 0'
	tap_tests

	# Static, and DNS: netdev.dns=127.0.0.1 goes to /etc/resolv.conf,
	# where musl's getaddrinfo finds a DNS server the test runs on 127.0.0.1.
	boot pc $dev "uktest.filter=lwip.netif*,lwip.ping*,lwip.socket_getaddrinfo* netdev.ip=10.0.2.16/24 netdev.gw=10.0.2.2 netdev.dns=127.0.0.1"
	check lwip/pc/static iface_line '10\.0\.2\.16/24 gw 10\.0\.2\.2 dns 127\.0\.0\.1 \(static\)'
	results pc-static 3
	boot pc $dev "netdev.ip=10.0.2.16 netdev.mask=255.255.0.0 netdev.gw=10.0.2.2 uktest.filter=lwip.netif*"
	check lwip/pc/static-mask iface_line '10\.0\.2\.16/16 gw 10\.0\.2\.2 dns none \(static\)'

	while IFS='|' read -r arg line; do
		boot pc $dev "$arg"
		check "lwip/pc/bad-value/$arg" eval 'expect_status 2 &&
			[ "$(grep -c "^lwip: malformed" <<<"$OUT")" = 1 ] &&
			expect_output "$line"'
	done <<-EOF
	netdev.ip=10.0.2.300|lwip: malformed value in 'netdev.ip=10.0.2.300': expected an IPv4 address a.b.c.d[/prefix]
	netdev.ip=10.0.2.16 netdev.mask=255.0.255.0|lwip: malformed value in 'netdev.mask=255.0.255.0': not a netmask (ones, then zeros)
	netdev.gw=10.0.2.2|lwip: malformed value in 'netdev.gw=10.0.2.2': needs netdev.ip= (without it the address comes from DHCP)
	netdev.dns=10.0.2.3,nope|lwip: malformed value in 'netdev.dns=10.0.2.3,nope': expected addresses a.b.c.d or IPv6, comma-separated
	EOF
done
done_case
