#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# uknetdev and virtio-net (issue 14): uknetdev's uktest cases on linuxu,
# then on QEMU pc, q35 and microvm with test/apps/netdev (frames built by
# hand, no network stack):
# - user networking: an ARP request for 10.0.2.2 answered, then 64 ICMP
#   echo requests, 16 in flight, each answered with its payload;
# - the host echo (test/cases/netdev-echo.py behind -netdev dgram on a
#   unix socket): 2000 frames of 60..1514 bytes, 128 in flight, each
#   back in order with its pattern inverted by the host; the guest's
#   queue counters equal its own counts and the host's (frames, bytes);
#   by rx callbacks (MSI-X, INTx, mmio line), by polling
#   (appnetdev.poll=1), and on a device with no interrupt
#   (ukvirtio.poll=1: the callback is refused, the app polls);
# - stop refuses bursts (-ENETDOWN), start again re-arms the callback;
# - link status: the host script takes the link down and up through
#   QEMU's monitor (set_link), the guest sees both changes;
# - mergeable receive buffers: 512-byte buffers, frames come back as
#   chains; without mrg_rxbuf the same pool is refused with a line;
# - microvm: virtio-mmio legacy (QEMU's default) and modern;
# - offloads seen by a real TCP receiver (IPv4, and IPv6 with GSO_TCPV6) (tcp, needs root, ip, ethtool:
#   skipped with the reason otherwise): the NIC on a tap (vnet_hdr) in
#   a network namespace the test creates, routed through a veth with
#   checksum offload and segmentation off into a second namespace, whose
#   kernel verifies every checksum; a TCP connection by hand sends 40000
#   bytes as two TSO frames (or MSS segments when TSO/csum are off on
#   the device or in the app) that the server there checks byte for
#   byte; frames from the first namespace's own stack arrive with
#   partial checksums (rx-csum: flagged; without it: completed by the
#   driver and verified by the app);
# - a device with four queue pairs: their count is read, one is used;
# - a hostile device (ukvirtio.fault=idx|id|len: a used index past the
#   ring, an id out of range, a length past the buffer): the device is
#   failed with its line, the burst returns -EIO, the queue that saw it
#   counts one error, the guest exits normally with status 1.
. "$(dirname "$0")/../lib.sh"

# uknetdev's own uktest cases (a loopback device of the tests'), linuxu.
if BUILD_NAME=unittests build_app test/apps/unittests linuxu-x86_64-musl CONFIG_LIBUKNETDEV=y &&
   [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "uktest.filter=uknetdev.*"
	uktest_results netdev/linuxu 5
else
	fail netdev/linuxu "test/apps/unittests linuxu-x86_64-musl with uknetdev did not build"
fi

if ! have_qemu; then
	fail netdev "support/scripts/run-qemu or QEMU missing"
	done_case
fi
ECHO=$UK_ROOT/test/cases/netdev-echo.py
D=$UK_TEST_DIR

# boot MACHINE "ARGS" QEMU-ARG...: run_qemu on $IMAGE, lines without \r.
boot() {
	local machine=$1 args=$2; shift 2
	run_qemu "$machine" "$IMAGE" "$args" "$@"
	OUT=${OUT//$'\r'/}
}

# expect_lines LINE...: each line printed exactly (fixed string).
expect_lines() {
	local l
	for l in "$@"; do
		grep -qxF -- "$l" <<<"$OUT" || { UK_FAIL_REASON="no line '$l'"; return 1; }
	done
}

# echo_boot MACHINE "ARGS" DEVICE [QEMU-ARG...]: boot with the NIC DEVICE
# on a dgram netdev whose other end is the host echo script; HOST is
# then what the script received ("host: N frames B bytes M other").
# QEMU's monitor is on $D/mon.sock, for the script's link toggle.
echo_boot() {
	local machine=$1 args=$2 device=$3 i; shift 3
	rm -f "$D/host.sock" "$D/guest.sock" "$D/host.out" "$D/host.out.ready" "$D/mon.sock"
	python3 "$ECHO" "$D/host.sock" 5 "$D/host.out" "$D/mon.sock" & local hp=$!
	for i in $(seq 50); do [ -f "$D/host.out.ready" ] && break; sleep 0.1; done
	boot "$machine" "$args" -netdev \
		"dgram,id=n0,local.type=unix,local.path=$D/guest.sock,remote.type=unix,remote.path=$D/host.sock" \
		-device "$device" -monitor "unix:$D/mon.sock,server=on,wait=off" "$@"
	kill "$hp" 2>/dev/null; wait "$hp" 2>/dev/null
	HOST=$(cat "$D/host.out" 2>/dev/null)
	log "$HOST"
}

# echo_ok [N]: N frames (2000) went and came back, and the three counts
# agree.
echo_ok() {
	local b n=${1:-2000}
	expect_output "echo: $n sent, $n back, 0 bad, at most 128 in flight" &&
		expect_output "echo: counters ok" || return 1
	b=$(sed -n "s/^txq0 packets $n bytes \([0-9]*\) drops 0 errors 0\$/\1/p" <<<"$OUT")
	[ -n "$b" ] || { UK_FAIL_REASON="no txq0 line with $n packets"; return 1; }
	grep -qx "rxq0 packets $n bytes $b drops 0 errors 0 nobuf 0" <<<"$OUT" ||
		{ UK_FAIL_REASON="rxq0 counters differ from txq0's"; return 1; }
	[ "$HOST" = "host: $n frames $b bytes 0 other" ] ||
		{ UK_FAIL_REASON="host saw '$HOST', guest sent $n frames $b bytes"; return 1; }
	expect_status 0
}

# callbacks_used / polled: the receive path took callbacks, or none.
callbacks_used() {
	local n; n=$(sed -n 's/^rx callbacks //p' <<<"$OUT")
	[ "${n:-0}" -gt 0 ] || { UK_FAIL_REASON="no rx callbacks"; return 1; }
}
polled() {
	grep -qx "rx callbacks 0" <<<"$OUT" && expect_output "netdev: started, polling" ||
		{ UK_FAIL_REASON="callbacks taken while polling"; return 1; }
}

# ns_up: namespaces A (the tap, 10.0.9.1, forwarding) and B (10.0.10.2
# behind a veth pair without offloads); 1 (and a SKIP) when impossible.
NSA=uknd$$a NSB=uknd$$b NSC=uknd$$c
ns_up() {
	local why=
	[ "$(id -u)" = 0 ] || why="not root"
	command -v ip >/dev/null || why="no ip (iproute2)"
	command -v ethtool >/dev/null || why="no ethtool"
	[ -c /dev/net/tun ] || why="no /dev/net/tun"
	if [ -z "$why" ] && ! ip netns add $NSA 2>/dev/null; then why="ip netns add failed"; fi
	if [ -n "$why" ]; then skip netdev/tcp "$why"; return 1; fi
	trap 'ns_down' EXIT
	ip netns add $NSB
	ina() { ip netns exec $NSA "$@"; }
	inb() { ip netns exec $NSB "$@"; }
	ina ip tuntap add dev tap0 mode tap vnet_hdr &&
	ina ip link set tap0 up && ina ip link set lo up &&
	ina ip addr add 10.0.9.1/24 dev tap0 &&
	ina ip neigh add 10.0.9.2 lladdr 52:54:00:12:34:56 dev tap0 nud permanent &&
	ina ip -6 addr add fd00:9::1/64 dev tap0 nodad &&
	ina ip -6 neigh add fd00:9::2 lladdr 52:54:00:12:34:56 dev tap0 nud permanent &&
	ina ip link add vA type veth peer name vB netns $NSB &&
	ina ip addr add 10.0.10.1/24 dev vA && ina ip -6 addr add fd00:10::1/64 dev vA nodad &&
	ina ip link set vA up && ina sysctl -qw net.ipv4.ip_forward=1 &&
	ina sysctl -qw net.ipv6.conf.all.forwarding=1 &&
	ina ethtool -K vA tx off tso off gso off sg off >/dev/null &&
	inb ip addr add 10.0.10.2/24 dev vB && inb ip -6 addr add fd00:10::2/64 dev vB nodad &&
	inb ip link set vB up && inb ip link set lo up &&
	inb ip route add default via 10.0.10.1 && inb ip -6 route add default via fd00:10::1 &&
	inb ethtool -K vB tx off tso off gso off sg off >/dev/null ||
		{ fail netdev/tcp-setup "namespace set-up failed (see the log)"; return 1; }
}
ns_down() {
	ip netns del $NSA 2>/dev/null
	ip netns del $NSB 2>/dev/null
	ip netns del $NSC 2>/dev/null
}

# tcp_boot MACHINE NS "SERVER PORT" "ARGS" DEVICE [QEMU-ARG...]: the tcp
# check against netdev-tcp.py in namespace NS; SERVER_OUT is its verdict.
tcp_boot() {
	local machine=$1 ns=$2 srv=$3 args=$4 device=$5 i; shift 5
	rm -f "$D/srv.out" "$D/srv.out.ready"
	ip netns exec "$ns" python3 "$UK_ROOT/test/cases/netdev-tcp.py" $srv "$D/srv.out" 30 &
	local sp=$!
	for i in $(seq 50); do [ -f "$D/srv.out.ready" ] && break; sleep 0.1; done
	# A new port each connection: the last one's may linger on the host.
	SPORT=$((${SPORT:-40000} + 1))
	args="appnetdev.run=tcp appnetdev.sport=$SPORT appnetdev.ip=10.0.9.2 appnetdev.peer=10.0.9.1 appnetdev.server=${srv% *} appnetdev.port=${srv#* } $args"
	# QEMU runs in namespace A, where the tap is.
	printf '#!/bin/sh\nexec ip netns exec %s "%s" "$@"\n' $NSA "$UK_RUN_QEMU" >"$D/run-qemu-in-ns"
	chmod +x "$D/run-qemu-in-ns"
	UK_RUN_QEMU=$D/run-qemu-in-ns boot "$machine" "$args" \
		-netdev tap,id=n0,ifname=tap0,script=no,downscript=no,vnet_hdr=on \
		-device "$device" "$@"
	wait "$sp"
	SERVER_OUT=$(cat "$D/srv.out" 2>/dev/null)
	log "$SERVER_OUT"
}

# tcp_ok HOW: 40000 bytes went HOW ("TSO frames", "segments"), all
# acknowledged, and the server got them right.
tcp_ok() {
	expect_output "tcp: 40000 bytes in $1, 40000 acknowledged and the FIN" &&
		[ "$SERVER_OUT" = "server: 40000 bytes, pattern ok" ] ||
		{ UK_FAIL_REASON="${UK_FAIL_REASON:-server: '$SERVER_OUT'}"; return 1; }
	grep -q "^tcp: rx checksums: .* 0 bad$" <<<"$OUT" ||
		{ UK_FAIL_REASON="bad rx checksums"; return 1; }
	expect_status 0
}

NIC=virtio-net-pci,netdev=n0,addr=0x5
# Without the Multiboot header QEMU boots the image by PVH on pc, q35
# and microvm alike (microvm passes virtio_mmio.device= on the boot line
# only to PVH kernels, which acpi=off needs): one build for all three.
build_app test/apps/netdev kvm-pc CONFIG_PLAT_KVM_MULTIBOOT=n
if [ -f "$IMAGE" ]; then
	boot pc "appnetdev.run=arp,ping appnetdev.frames=64 appnetdev.window=16" \
		-netdev user,id=n0 -device "$NIC"
	check netdev/pc/user-arp-ping eval 'expect_lines \
		"netdev vnet0 mac 52:54:00:12:34:56 mtu 1500 link up offloads rx-merge queues 1/1 of 1 rx 256 tx 256 parts 15 intr" \
		"arp: 10.0.2.2 is at 52:55:0a:00:02:02" "ping: 64 sent, 64 answered" &&
		expect_status 0'
	for m in pc q35; do
		echo_boot $m "appnetdev.run=echo" "$NIC"
		check netdev/$m/echo-msix eval 'expect_output "pci 00:05.0: virtio-net (msix)" &&
			echo_ok && callbacks_used'
	done
	echo_boot pc "appnetdev.run=echo appnetdev.frames=1000" "$NIC,vectors=0"
	check netdev/pc/echo-intx eval 'expect_output "pci 00:05.0: virtio-net (intx)" &&
		echo_ok 1000 && callbacks_used'
	echo_boot q35 "appnetdev.run=echo appnetdev.poll=1 appnetdev.frames=1000" "$NIC"
	check netdev/q35/echo-polling eval 'echo_ok 1000 && polled'
	echo_boot pc "appnetdev.run=echo ukvirtio.poll=1 appnetdev.frames=1000" "$NIC"
	check netdev/pc/echo-device-polls eval 'expect_output " no-intr" && echo_ok 1000 && polled'
	echo_boot pc "appnetdev.run=restart,echo appnetdev.frames=1000" "$NIC"
	check netdev/pc/stop-start eval 'expect_lines "restart: stopped (tx -100, rx -100), started again: 0" \
		"restart: callback after start" &&
		expect_output "echo: 1000 sent, 1000 back, 0 bad, at most 128 in flight" &&
		expect_output "echo: counters ok" && expect_status 0'
	echo_boot pc "appnetdev.run=link" "$NIC"
	check netdev/pc/link-status eval 'expect_output "link: up, down, up again" && expect_status 0'
	echo_boot pc "appnetdev.run=echo appnetdev.rxbuf=512" "$NIC"
	check netdev/pc/mergeable-rx eval 'echo_ok && callbacks_used &&
		! grep -q "in flight, 0 in chains" <<<"$OUT"'
	echo_boot pc "appnetdev.run=echo appnetdev.rxbuf=512" "$NIC,mrg_rxbuf=off"
	check netdev/pc/small-buffers-refused-without-merge eval 'expect_output \
		"vnet0: rx pool buffers 448 bytes after the headroom, need 1518 (a whole frame without RX_MERGE)" &&
		expect_output "netdev: rxq_configure: -22" && expect_status 1'
	for f in idx:"used index jumped past the ring" id:"used descriptor id out of range" \
		 len:"used length larger than the buffer"; do
		echo_boot pc "appnetdev.run=echo ukvirtio.fault=${f%%:*} ukvirtio.fault_at=50" "$NIC"
		check netdev/hostile/${f%%:*} eval 'expect_output "pci 00:05.0: device failed: ${f#*:}" &&
			grep -q "^echo: [rt]x_burst: -5$" <<<"$OUT" &&
			grep -q "^[rt]xq0 packets .* errors 1" <<<"$OUT" && expect_status 1'
	done
	if ns_up; then
		B="10.0.10.2 5001" A="10.0.9.1 5002"
		tcp_boot pc $NSB "$B" "" "$NIC"
		check netdev/pc/tcp-tso-csum eval 'expect_output \
			"offloads tx-csum rx-csum tso4 tso6 rx-merge" && tcp_ok "TSO frames" &&
			grep -q "^txq0 packets 6 " <<<"$OUT"'
		tcp_boot q35 $NSB "fd00:10::2 5001" "appnetdev.tcp6=1" "$NIC"
		check netdev/q35/tcp6-tso-csum eval 'expect_output "tcp: over IPv6" && tcp_ok "TSO frames"'
		tcp_boot q35 $NSB "$B" "appnetdev.offloads=0" "$NIC"
		check netdev/q35/tcp-software-checksums eval 'tcp_ok segments'
		tcp_boot pc $NSB "$B" "" "$NIC,csum=off,guest_csum=off"
		check netdev/pc/tcp-device-without-csum eval 'expect_output \
			"mtu 1500 link up offloads rx-merge queues" && tcp_ok segments'
		tcp_boot pc $NSA "$A" "" "$NIC"
		check netdev/pc/tcp-rx-partial-flagged eval 'tcp_ok "TSO frames" &&
			grep -q "^tcp: rx checksums: 0 valid, [1-9][0-9]* partial, 0 checked here" <<<"$OUT"'
		tcp_boot pc $NSA "$A" "appnetdev.offloads=29" "$NIC"
		check netdev/pc/tcp-rx-partial-completed eval 'tcp_ok "TSO frames" &&
			grep -q "^tcp: rx checksums: 0 valid, 0 partial, [1-9][0-9]* checked here" <<<"$OUT"'
		# A device with 4 queue pairs (a multi-queue tap in namespace
		# C): its count is read, pair 0 carries ARP and pings.
		if ip netns add $NSC && ip netns exec $NSC ip tuntap add dev tapmq mode tap vnet_hdr multi_queue &&
		   ip netns exec $NSC ip link set tapmq up && ip netns exec $NSC ip addr add 10.0.9.1/24 dev tapmq; then
			printf '#!/bin/sh\nexec ip netns exec %s "%s" "$@"\n' $NSC "$UK_RUN_QEMU" >"$D/run-qemu-in-c"
			chmod +x "$D/run-qemu-in-c"
			UK_RUN_QEMU=$D/run-qemu-in-c boot pc \
				"appnetdev.run=ping appnetdev.frames=16 appnetdev.ip=10.0.9.2 appnetdev.peer=10.0.9.1" \
				-netdev tap,id=n0,ifname=tapmq,script=no,downscript=no,vnet_hdr=on,queues=4 \
				-device "$NIC,mq=on,vectors=10"
			check netdev/pc/multiqueue-device-one-pair eval 'expect_output "queues 1/1 of 4 rx 256" &&
				expect_output "ping: 16 sent, 16 answered" && expect_status 0'
		else
			fail netdev/multiqueue-setup "namespace C with a multi-queue tap: set-up failed"
		fi
	fi
else
	fail netdev/build "test/apps/netdev (kvm-pc) did not build"
fi

# microvm boots the same image (virtio-mmio devices from the boot line
# or ACPI).
if [ -f "$IMAGE" ]; then
	for legacy in true false; do
		echo_boot microvm "appnetdev.run=echo appnetdev.frames=1000" virtio-net-device,netdev=n0 \
			-M microvm,acpi=off -global virtio-mmio.force-legacy=$legacy
		check netdev/microvm/echo-mmio-legacy=$legacy eval 'expect_output "virtio-net (line)" &&
			echo_ok 1000 && callbacks_used'
	done
	echo_boot microvm "appnetdev.run=echo appnetdev.poll=1 appnetdev.frames=1000" virtio-net-device,netdev=n0
	check netdev/microvm/echo-polling-acpi eval 'echo_ok 1000 && polled'
	if [ -n "$(ip netns list 2>/dev/null | grep "^$NSA")" ]; then
		tcp_boot microvm $NSB "$B" "" virtio-net-device,netdev=n0
		check netdev/microvm/tcp-tso-csum eval 'tcp_ok "TSO frames"'
	fi
fi
done_case
