#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# "Not enough memory" (plat/kvm/entry32.S): below its least memory (the
# image's end, __uk_image_end, .bss included) helloworld says
#   not enough memory: need N KiB
# and powers off with status 125, instead of faulting into itself and
# resetting; at exactly N KiB it boots. Checked on pc and microvm (both
# by Multiboot), by PVH (the image with its Multiboot magic patched out),
# and at 1030K, where RAM ends before the image's .data (the message and
# its code sit in the image's first page). Below 1 MiB nothing of the
# image is loaded; that is for the runner to refuse.
. "$(dirname "$0")/../lib.sh"

have_qemu || { fail lowmem "QEMU is not installed (support/scripts/setup installs it)"; done_case; }

if ! build_app apps/helloworld default || [ ! -f "$IMAGE" ]; then
	fail lowmem "helloworld (default) did not build"
	done_case
fi
end=$(nm "$IMAGE.dbg" | awk '$3 == "__uk_image_end" { print $1 }')
# The image's end and a page for QEMU's boot information at the top of
# RAM (plat/common/x86/entry32.S: BOOTINFO_ROOM): at the image's end
# exactly, the boot information lay in the .bss and the arguments were
# lost (exit=7 gave status 0).
need=$(( (0x$end + 4096 + 1023) / 1024 ))
log "__uk_image_end 0x$end: need $need KiB"

pvh=$UK_TEST_DIR/helloworld-pvh-only
pvh_only "$IMAGE" "$pvh"

# boot MACHINE IMAGE KIB: QEMU with -m KIB K; sets OUT, STATUS (QEMU's
# own: isa-debug-exit gives (N << 1) | 1). run-qemu itself refuses a
# --mem below the image's end, so this runs the command it prints for
# 64M with the size changed: the guest's own check is what is tested
# (other VMMs and loaders do not refuse).
boot() {
	local cmd
	cmd=$("$UK_RUN_QEMU" --dry-run --accel "$ACCEL" --machine "$1" --mem 64M \
		--append "-- exit=7" "$2") || { OUT="run-qemu --dry-run failed"; STATUS=-1; return; }
	cmd=${cmd/ -m 64M / -m $3K }
	log "$cmd"
	OUT=$(eval "timeout 60 $cmd" 2>&1 </dev/null)
	STATUS=$?
	printf '%s\n' "$OUT"
	log "status $STATUS"
}

refused() {
	expect_output "not enough memory: need $need KiB" &&
		expect_status $(( (125 << 1) | 1 )) &&
		! grep -q "Hello" <<<"$OUT"
}
booted() { expect_output "Hello, world!" && expect_status $(( (7 << 1) | 1 )); }

for m in pc microvm; do
	boot $m "$IMAGE" "$need"
	check lowmem/$m-boots-at-${need}K booted
	boot $m "$IMAGE" $((need - 4))
	check lowmem/$m-refuses-at-$((need - 4))K refused
done
boot microvm "$pvh" $((need - 4))
check lowmem/pvh-refuses-at-$((need - 4))K refused
boot microvm "$pvh" "$need"
check lowmem/pvh-boots-at-${need}K booted
boot pc "$IMAGE" 1030
check lowmem/pc-refuses-at-1030K refused
done_case
