#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The device stack (issue 11) on QEMU pc, q35 and microvm, with
# test/apps/devices:
# - enumeration: the PCI functions and virtio devices the guest lists
#   are the ones this script put on QEMU's command line (slot, IDs, and
#   the interrupt path: MSI-X, INTx when vectors=0, polling);
# - ECAM (q35) and port access (ukpci.ecam=0) list the same functions;
# - virtio-mmio on microvm from virtio_mmio.device= (acpi=off, PVH),
#   legacy (QEMU's default) and modern (force-legacy=false), and from the
#   DSDT with ACPI on (interrupts on the second IOAPIC's GSIs);
# - virtio-rng: 64 KiB pass a monobit and a chi-square check;
# - a hostile device (ukvirtio.fault=idx|id|len corrupts a used-ring
#   entry inside the kit's virtqueue code): the device is failed with
#   its one line, the read returns an error, the guest exits normally;
# - ukrandom seeded from virtio-rng ("ChaCha20 seeded from virtio-rng"),
#   its output through the same checks;
# - virtio-blk: 2 MiB of a pattern written (32 KiB requests, 32 in
#   flight) and flushed, verified by the host byte for byte after
#   power-off; a pattern the host wrote read back (4 KiB requests, 32 in
#   flight) and compared, by interrupts and polling, with 512- and
#   4096-byte sectors, on PCI and MMIO; a read-only drive refuses a
#   write with -EROFS;
# - with uksched (ukschedcoop): a thread waiting for a virtio-blk read
#   blocks on the device's wait queue and another thread runs meanwhile
#   (interrupts on pc, polling on q35, mmio on microvm); a device failed
#   mid-request wakes its waiter with -EIO instead of hanging it;
# - virtio-9p (uk9pdev): Tversion through the device tagged "share"
#   returns Rversion "9P2000.L" on pc and microvm; a request whose size
#   field lies is refused (-EINVAL) before it reaches the device.
. "$(dirname "$0")/../lib.sh"

if ! have_qemu; then
	fail devices "support/scripts/run-qemu or QEMU missing"
	done_case
fi

# boot MACHINE "ARGS" QEMU-ARG...: like run_qemu, with extra QEMU options.
boot() {
	local machine=$1 args=$2 opts=() a; shift 2
	case "$machine" in
	pc-seabios) opts=(--machine pc --bios seabios) ;;
	*) opts=(--machine "$machine") ;;
	esac
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

# pattern FILE SEED [write]: check (or write) the guest's pattern over the
# first 2 MiB: word w (little-endian 64-bit at 8w) = (w + SEED) * 0x9e3779b97f4a7c15.
pattern() {
	python3 - "$@" <<'PY'
import struct, sys
f, seed = sys.argv[1], int(sys.argv[2])
words = [((w + seed) * 0x9e3779b97f4a7c15) % 2**64 for w in range((2 << 20) // 8)]
data = struct.pack("<%dQ" % len(words), *words)
if len(sys.argv) > 3:
    with open(f, "r+b") as fh:
        fh.write(data)
    sys.exit(0)
got = open(f, "rb").read(len(data))
if got != data:
    bad = next(i for i in range(len(data)) if i >= len(got) or got[i] != data[i])
    print("pattern: %s differs from byte %d" % (f, bad))
    sys.exit(1)
PY
}

# expect_virtio_count N: the guest listed exactly N virtio devices.
expect_virtio_count() {
	local n; n=$(grep -c '^virtio ' <<<"$OUT")
	[ "$n" = "$1" ] || { UK_FAIL_REASON="$n virtio devices listed, expected $1"; return 1; }
}

build_app test/apps/devices kvm-pc
if [ -f "$IMAGE" ]; then
	# Two virtio-rng functions: slot 5 with MSI-X, slot 6 without.
	qargs=(-device virtio-rng-pci,addr=0x5 -device virtio-rng-pci,addr=0x6,vectors=0)
	for m in pc q35 pc-seabios; do
		boot $m "appdevices.run=rng" "${qargs[@]}"
		check devices/$m/enumerate eval 'expect_lines \
			"virtio pci 00:05.0 id 4 virtio-rng msix" \
			"virtio pci 00:06.0 id 4 unbound -" &&
			expect_virtio_count 2 &&
			grep -q "^pci 00:05.0 1af4:1005 class 00.ff.00.* msix intx A" <<<"$OUT" &&
			grep -q "^pci 00:06.0 1af4:1005 class 00.ff.00.* intx A" <<<"$OUT"'
		check devices/$m/rng eval 'expect_output "rng: ok" && expect_status 0'
	done
	# INTx: only the MSI-X-less device, so the driver binds it.
	for m in pc q35; do
		boot $m "appdevices.run=rng" -device virtio-rng-pci,addr=0x6,vectors=0
		check devices/$m/intx eval 'expect_lines "virtio pci 00:06.0 id 4 virtio-rng intx" &&
			expect_output "rng: ok" && expect_status 0'
	done
	boot q35 "appdevices.run=rng ukvirtio.poll=1" "${qargs[@]}"
	check devices/q35/poll eval 'expect_lines "virtio pci 00:05.0 id 4 virtio-rng poll" &&
		expect_output "rng: ok" && expect_status 0'
	boot q35 "" "${qargs[@]}"
	ecam=$(grep '^pci ' <<<"$OUT")
	check devices/q35/ecam eval 'expect_output "PCI functions (ECAM)"'
	boot q35 "ukpci.ecam=0" "${qargs[@]}"
	check devices/q35/ports-same-as-ecam eval 'expect_output "PCI functions (ports 0xcf8/0xcfc)" &&
		[ -n "$ecam" ] && [ "$(grep "^pci " <<<"$OUT")" = "$ecam" ]'
	for f in idx:"used index jumped past the ring" id:"used descriptor id out of range" \
		 len:"used length larger than the buffer"; do
		boot pc "appdevices.run=rng ukvirtio.fault=${f%%:*} ukvirtio.fault_at=3" \
			-device virtio-rng-pci,addr=0x5
		check devices/hostile/${f%%:*} eval 'expect_output "pci 00:05.0: device failed: ${f#*:}" &&
			expect_output "rng: read failed: -5" && expect_status 1'
	done
	boot pc "appdevices.run=random" -device virtio-rng-pci,addr=0x5
	check devices/random-from-virtio-rng eval 'expect_output "random: ChaCha20 seeded from virtio-rng" &&
		expect_output "random: ok" && expect_status 0'

	disk=$UK_TEST_DIR/disk.img
	drive() { echo "if=none,id=d0,format=raw,file=$disk${1:-}"; }
	rm -f "$disk"; truncate -s 4M "$disk"
	boot pc "appdevices.run=blk-write" -drive "$(drive)" -device virtio-blk-pci,drive=d0,addr=0x7
	check devices/blk/pc/write eval 'expect_lines "virtio pci 00:07.0 id 2 virtio-blk msix" \
		"blk vblk0 sectors 8192 size 512 flush" "blk-write: 0, ok" && expect_status 0'
	check devices/blk/pc/host-verifies pattern "$disk" 1
	pattern "$disk" 2 write
	for mode in q35: q35:ukvirtio.poll=1 pc-seabios:; do
		m=${mode%%:*}; extra=${mode#*:}
		boot $m "appdevices.run=blk-read $extra" -drive "$(drive)" \
			-device virtio-blk-pci,drive=d0,addr=0x7
		check "devices/blk/$m${extra:+-poll}/read" eval 'expect_output "blk-read: 0, ok" && expect_status 0'
	done
	boot q35 "appdevices.run=blk-read" -drive "$(drive)" \
		-device virtio-blk-pci,drive=d0,addr=0x7,logical_block_size=4096,physical_block_size=4096
	check devices/blk/q35/4k-sectors eval 'expect_lines "blk vblk0 sectors 1024 size 4096 flush" \
		"blk-read: 0, ok" && expect_status 0'
	bdisk=$UK_TEST_DIR/bench.img; rm -f "$bdisk"; truncate -s 4M "$bdisk"
	boot q35 "appdevices.run=blk-bench" -drive "if=none,id=d0,format=raw,file=$bdisk" \
		-device virtio-blk-pci,drive=d0,addr=0x7
	check devices/blk/bench-runs eval 'expect_output "blk-bench rand-read-4k-qd32 2048 ops" &&
		expect_output "blk-bench: ok" && expect_status 0'
	boot pc "appdevices.run=blk-ro" -drive "$(drive ,readonly=on)" -device virtio-blk-pci,drive=d0,addr=0x7
	check devices/blk/read-only eval 'expect_lines "blk vblk0 sectors 8192 size 512 ro flush" \
		"blk-ro: write returned -30, ok" && expect_status 0'
	check devices/blk/read-only-kept-data pattern "$disk" 2

	share=$UK_TEST_DIR/share; mkdir -p "$share"
	boot pc "appdevices.run=9p" -fsdev "local,id=f0,path=$share,security_model=none" \
		-device virtio-9p-pci,fsdev=f0,mount_tag=share,addr=0x8
	check devices/9p/pc eval 'expect_lines "virtio pci 00:08.0 id 9 virtio-9p msix" \
		"9p share: Rversion msize 8192 9P2000.L" "9p: bad size field: -22" "9p: ok" &&
		expect_status 0'
else
	fail devices/build "test/apps/devices (kvm-pc) did not build"
fi

disk=$UK_TEST_DIR/disk.img
drive() { echo "if=none,id=d0,format=raw,file=$disk${1:-}"; }
[ -f "$disk" ] || truncate -s 4M "$disk"
build_app test/apps/devices kvm-pc-sched
if [ -f "$IMAGE" ]; then
	for mode in pc: q35:ukvirtio.poll=1; do
		m=${mode%%:*}; extra=${mode#*:}
		boot $m "appdevices.run=blk-thread $extra" -drive "$(drive)" \
			-device virtio-blk-pci,drive=d0,addr=0x7
		check "devices/blk-sched/$m${extra:+-poll}/other-thread-runs" eval \
			'expect_output "blk-thread: ok" && expect_status 0'
	done
	boot pc "appdevices.run=blk-thread ukvirtio.fault=id ukvirtio.fault_at=5" \
		-drive "$(drive)" -device virtio-blk-pci,drive=d0,addr=0x7
	check devices/blk-sched/failed-device-wakes-waiter eval \
		'expect_output "device failed: used descriptor id out of range" &&
		expect_output "blk-thread: request failed: -5" && expect_status 1'
else
	fail devices/build "test/apps/devices (kvm-pc-sched) did not build"
fi

build_app test/apps/devices kvm-microvm-sched
if [ -f "$IMAGE" ]; then
	boot microvm "appdevices.run=blk-thread" -M microvm,acpi=off -drive "$(drive)" \
		-device virtio-blk-device,drive=d0
	check devices/blk-sched/microvm/other-thread-runs eval \
		'expect_output "blk-thread: ok" && expect_status 0'
else
	fail devices/build "test/apps/devices (kvm-microvm-sched) did not build"
fi

build_app test/apps/devices kvm-microvm
if [ -f "$IMAGE" ]; then
	for legacy in true false; do
		boot microvm "appdevices.run=rng" -M microvm,acpi=off \
			-global virtio-mmio.force-legacy=$legacy -device virtio-rng-device
		if [ $legacy = true ]; then l=" legacy"; else l=; fi
		check devices/microvm/mmio-legacy=$legacy eval 'expect_lines \
			"virtio mmio 0xfeb00e00 id 4 virtio-rng line$l" &&
			expect_virtio_count 1 && expect_output "rng: ok" && expect_status 0'
	done
	boot microvm "appdevices.run=rng -- a b" -M microvm,acpi=off -device virtio-rng-device
	check devices/microvm/appended-words-not-args eval 'expect_lines "args: a b" &&
		expect_output "rng: ok" && expect_status 0'
	boot microvm "appdevices.run=rng ukvirtio.poll=1" -M microvm,acpi=off \
		-device virtio-rng-device
	check devices/microvm/poll eval 'expect_lines "virtio mmio 0xfeb00e00 id 4 virtio-rng poll legacy" &&
		expect_output "rng: ok" && expect_status 0'
	rm -f "$disk"; truncate -s 4M "$disk"
	boot microvm "appdevices.run=blk-write" -M microvm,acpi=off \
		-global virtio-mmio.force-legacy=false -drive "$(drive)" -device virtio-blk-device,drive=d0
	check devices/blk/microvm/write eval 'expect_output "blk-write: 0, ok" && expect_status 0'
	check devices/blk/microvm/host-verifies pattern "$disk" 1
	pattern "$disk" 2 write
	boot microvm "appdevices.run=blk-read" -M microvm,acpi=off -drive "$(drive)" \
		-device virtio-blk-device,drive=d0
	check devices/blk/microvm-legacy/read eval 'expect_output "blk-read: 0, ok" && expect_status 0'
	pattern "$disk" 2 write
	boot microvm "appdevices.run=rng,blk-read" -device virtio-rng-device \
		-drive "$(drive)" -device virtio-blk-device,drive=d0
	check devices/microvm/acpi-dsdt eval 'grep -q "^virtio mmio 0x[0-9a-f]* id 4 virtio-rng line legacy$" <<<"$OUT" &&
		grep -q "^virtio mmio 0x[0-9a-f]* id 2 virtio-blk line legacy$" <<<"$OUT" &&
		expect_virtio_count 2 && expect_output "rng: ok" &&
		expect_output "blk-read: 0, ok" && expect_status 0'
	share=$UK_TEST_DIR/share; mkdir -p "$share"
	boot microvm "appdevices.run=9p" -M microvm,acpi=off \
		-fsdev "local,id=f0,path=$share,security_model=none" \
		-device virtio-9p-device,fsdev=f0,mount_tag=share
	check devices/9p/microvm eval 'expect_output "9p share: Rversion msize 8192 9P2000.L" &&
		expect_output "9p: ok" && expect_status 0'
	boot microvm "appdevices.run=rng virtio_mmio.device=512@0xfeb00e00" -M microvm,acpi=off \
		-device virtio-rng-device
	check devices/microvm/bad-entry eval 'expect_output "virtio_mmio.device=512@0xfeb00e00: malformed"'
else
	fail devices/build "test/apps/devices (kvm-microvm) did not build"
fi
done_case
