#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The descriptor oracle (test/apps/io-oracle): pipes, eventfd, poll,
# select, epoll and AF_UNIX sockets, with threads blocking on each other.
# The same program is built with musl-gcc for the host and with the kit
# (musl, uksched, posix-pipe/-eventfd/-poll/-socket/-unix) for linuxu,
# QEMU pc and microvm; each kit run's output must equal the host's line
# by line (the host kernel is the oracle: nothing expected is written by
# hand), with the same exit status (3).
. "$(dirname "$0")/../lib.sh"

app=test/apps/io-oracle
src=$UK_ROOT/$app
host=$UK_TEST_DIR/io-oracle-host

# compare WHERE: $OUT and $STATUS against the host's.
compare() { oracle_compare "io-oracle/$1" host.out "$host_status"; }

if ! command -v musl-gcc >/dev/null; then
	fail io-oracle/host "musl-gcc missing (Debian musl-tools: run support/scripts/setup)"
	done_case
fi
log "musl-gcc -static $src/*.c"
if ! musl-gcc -static -O2 -Wall -Wextra -Werror -o "$host" "$src"/*.c -lpthread; then
	fail io-oracle/host-build "musl-gcc could not build $app"
	done_case
fi
pass io-oracle/host-build
OUT=$(cd "$UK_TEST_DIR" && std_fds_only timeout 60 "$host" 2>&1 </dev/null)
host_status=$?
printf '%s\n' "$OUT"
oracle_lines <<<"$OUT" >"$UK_TEST_DIR/host.out"
check io-oracle/host-complete eval \
	'grep -qx "oracle: end" "$UK_TEST_DIR/host.out" && [ "$host_status" = 3 ] && ! grep -q ": NO$" "$UK_TEST_DIR/host.out"'

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE"
	compare linuxu
else
	fail io-oracle/linuxu "$app linuxu-x86_64 did not build"
fi
if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg && [ -f "$IMAGE" ]; then
			run_qemu $cfg "$IMAGE"
			compare $cfg
		else
			fail io-oracle/$cfg "$app kvm-x86_64-$cfg did not build"
		fi
	done
fi
done_case
