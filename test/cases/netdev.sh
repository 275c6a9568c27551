#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# uknetdev and virtio-net (issue 14) on QEMU pc, q35 and microvm, with
# test/apps/netdev (frames built by hand, no network stack):
# - user networking: an ARP request for 10.0.2.2 answered, then 64 ICMP
#   echo requests, 16 in flight, each answered with its payload;
# - the host echo (test/cases/netdev-echo.py behind -netdev dgram on a
#   unix socket): 2000 frames of 60..1514 bytes, 128 in flight, each
#   back in order with its pattern inverted by the host; the guest's
#   queue counters equal its own counts and the host's (frames, bytes);
#   by rx callbacks (MSI-X, INTx, mmio line), by polling
#   (appnetdev.poll=1), and on a device with no interrupt
#   (ukvirtio.poll=1: the callback is refused, the app polls);
# - mergeable receive buffers: 512-byte buffers, frames come back as
#   chains; without mrg_rxbuf the same pool is refused with a line;
# - microvm: virtio-mmio legacy (QEMU's default) and modern;
# - a hostile device (ukvirtio.fault=len: a used length past the
#   buffer): the device is failed with its line, the burst returns -EIO,
#   the guest exits normally with status 1.
. "$(dirname "$0")/../lib.sh"

if ! have_qemu; then
	fail netdev "support/scripts/run-qemu or QEMU missing"
	done_case
fi
ECHO=$UK_ROOT/test/cases/netdev-echo.py
D=$UK_TEST_DIR

# boot MACHINE "ARGS" QEMU-ARG...: like run_qemu, with extra QEMU options.
boot() {
	local machine=$1 args=$2 opts=(--machine "$1") a; shift 2
	for a in "$@"; do opts+=(--qemu-arg "$a"); done
	log "run-qemu ${opts[*]} --append \"$args\" $IMAGE"
	OUT=$("$UK_RUN_QEMU" "${opts[@]}" --accel "$ACCEL" --timeout "$QEMU_TIMEOUT" \
		--append "$args" "$IMAGE" 2>&1 </dev/null)
	STATUS=$?
	OUT=${OUT//$'\r'/}
	printf '%s\n' "$OUT"
	log "status $STATUS"
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
echo_boot() {
	local machine=$1 args=$2 device=$3 i; shift 3
	rm -f "$D/host.sock" "$D/guest.sock" "$D/host.out" "$D/host.out.ready"
	python3 "$ECHO" "$D/host.sock" 5 "$D/host.out" & local hp=$!
	for i in $(seq 50); do [ -f "$D/host.out.ready" ] && break; sleep 0.1; done
	boot "$machine" "$args" -netdev \
		"dgram,id=n0,local.type=unix,local.path=$D/guest.sock,remote.type=unix,remote.path=$D/host.sock" \
		-device "$device" "$@"
	kill "$hp" 2>/dev/null; wait "$hp" 2>/dev/null
	HOST=$(cat "$D/host.out" 2>/dev/null)
	log "$HOST"
}

# echo_ok: 2000 frames went and came back, and the three counts agree.
echo_ok() {
	local b
	expect_output "echo: 2000 sent, 2000 back, 0 bad, at most 128 in flight" &&
		expect_output "echo: counters ok" || return 1
	b=$(sed -n 's/^txq0 packets 2000 bytes \([0-9]*\) drops 0 errors 0$/\1/p' <<<"$OUT")
	[ -n "$b" ] || { UK_FAIL_REASON="no txq0 line with 2000 packets"; return 1; }
	grep -qx "rxq0 packets 2000 bytes $b drops 0 errors 0 nobuf 0" <<<"$OUT" ||
		{ UK_FAIL_REASON="rxq0 counters differ from txq0's"; return 1; }
	[ "$HOST" = "host: 2000 frames $b bytes 0 other" ] ||
		{ UK_FAIL_REASON="host saw '$HOST', guest sent 2000 frames $b bytes"; return 1; }
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

NIC=virtio-net-pci,netdev=n0,addr=0x5
build_app test/apps/netdev kvm-pc
if [ -f "$IMAGE" ]; then
	boot pc "appnetdev.run=arp,ping appnetdev.frames=64 appnetdev.window=16" \
		-netdev user,id=n0 -device "$NIC"
	check netdev/pc/user-arp-ping eval 'expect_lines \
		"netdev vnet0 mac 52:54:00:12:34:56 mtu 1500 link up offloads rx-merge queues 1/1 rx 256 tx 256 parts 15 intr" \
		"arp: 10.0.2.2 is at 52:55:0a:00:02:02" "ping: 64 sent, 64 answered" &&
		expect_status 0'
	for m in pc q35; do
		echo_boot $m "appnetdev.run=echo" "$NIC"
		check netdev/$m/echo-msix eval 'expect_output "pci 00:05.0: virtio-net (msix)" &&
			echo_ok && callbacks_used'
	done
	echo_boot pc "appnetdev.run=echo" "$NIC,vectors=0"
	check netdev/pc/echo-intx eval 'expect_output "pci 00:05.0: virtio-net (intx)" &&
		echo_ok && callbacks_used'
	echo_boot q35 "appnetdev.run=echo appnetdev.poll=1" "$NIC"
	check netdev/q35/echo-polling eval 'echo_ok && polled'
	echo_boot pc "appnetdev.run=echo ukvirtio.poll=1" "$NIC"
	check netdev/pc/echo-device-polls eval 'expect_output " no-intr" && echo_ok && polled'
	echo_boot pc "appnetdev.run=echo appnetdev.rxbuf=512" "$NIC"
	check netdev/pc/mergeable-rx eval 'echo_ok && callbacks_used &&
		! grep -q "in flight, 0 in chains" <<<"$OUT"'
	echo_boot pc "appnetdev.run=echo appnetdev.rxbuf=512" "$NIC,mrg_rxbuf=off"
	check netdev/pc/small-buffers-refused-without-merge eval 'expect_output \
		"vnet0: rx pool buffers 448 bytes after the headroom, need 1518 (a whole frame without RX_MERGE)" &&
		expect_output "netdev: rxq_configure: -22" && expect_status 1'
	echo_boot pc "appnetdev.run=echo ukvirtio.fault=len ukvirtio.fault_at=50" "$NIC"
	check netdev/hostile/len eval 'expect_output "pci 00:05.0: device failed: used length larger than the buffer" &&
		grep -q "^echo: [rt]x_burst: -5$" <<<"$OUT" && expect_status 1'
else
	fail netdev/build "test/apps/netdev (kvm-pc) did not build"
fi

build_app test/apps/netdev kvm-microvm
if [ -f "$IMAGE" ]; then
	for legacy in true false; do
		echo_boot microvm "appnetdev.run=echo" virtio-net-device,netdev=n0 \
			-M microvm,acpi=off -global virtio-mmio.force-legacy=$legacy
		check netdev/microvm/echo-mmio-legacy=$legacy eval 'expect_output "virtio-net (line)" &&
			echo_ok && callbacks_used'
	done
	echo_boot microvm "appnetdev.run=echo appnetdev.poll=1" virtio-net-device,netdev=n0
	check netdev/microvm/echo-polling-acpi eval 'echo_ok && polled'
else
	fail netdev/build "test/apps/netdev (kvm-microvm) did not build"
fi
done_case
