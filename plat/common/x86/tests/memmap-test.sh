#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Build plat/common/x86/memmap.c for the host and run its test (memmap_test.c).
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../../.." && pwd)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
gcc -std=gnu11 -Wall -Wextra -Werror -g -no-pie \
	-I"$root/include" -I"$root/arch/x86_64/include" -I"$root/plat/common/include" \
	-Wl,--defsym,__uk_image_start=0x100000,--defsym,__uk_image_end=0x11d000 \
	-o "$out/memmap_test" "$here/memmap_test.c"
"$out/memmap_test"
