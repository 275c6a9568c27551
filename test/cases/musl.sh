#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# musl as the kit's libc: helloworld with musl on linuxu, pc and
# microvm; the syscall shim's -ENOSYS report (once, by name, with the
# library to select), its strace-style trace and `make syscalls`; stdio
# and floating point; pthread mutex kinds in main; pthread_create/join
# with mutexes, condition variables and TLS on linuxu (coop) and pc
# (preempt); uktest with musl. musl itself is built once for all
# of these (they share its flags: lib/musl/build.mk), which the case
# checks too, and that a no-op make of it runs no command.
. "$(dirname "$0")/../lib.sh"

if ! build_app apps/helloworld linuxu-x86_64-musl || [ ! -x "$IMAGE" ]; then
	fail musl/linuxu-build "helloworld linuxu-x86_64-musl did not build"
	done_case
fi
HW_LINUXU=$IMAGE
# A no-op make of a musl configuration runs no command (the syscall name
# table is remade only when a library's sources change).
NOOP=$(uk_make V=1 2>&1)
printf '%s\n' "$NOOP"
check musl/no-op-runs-nothing eval '[ -z "$(grep -vE "^(--- make |make(\\[[0-9]+\\])?: (Nothing to be done|.*is up to date))" <<<"$NOOP")" ]'
OUT=$(uk_make syscalls 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
check musl/syscalls eval 'expect_status 0 && grep -qE "^writev +20  libposix_fdtab$" <<<"$OUT" &&
	grep -qE "^set_tid_address +218  libposix_process$" <<<"$OUT" &&
	grep -qE "^[0-9]+ calls the image can make: [0-9]+ provided, [0-9]+ missing$" <<<"$OUT"'
# From an empty build folder: make syscalls builds the image first (its
# rule named the image before link.mk had, so it read a missing map).
rm -rf "$O-syscalls"; mkdir -p "$O-syscalls"; cp "$CFG" "$O-syscalls.config"
OUT=$(make --no-print-directory -C "$UK_ROOT" A="$APP" O="$O-syscalls" C="$O-syscalls.config" syscalls 2>&1)
STATUS=$?
printf '%s\n' "$OUT"
check musl/syscalls-builds-first eval 'expect_status 0 &&
	grep -qE "^[0-9]+ calls the image can make: [0-9]+ provided, [0-9]+ missing$" <<<"$OUT"'
run_linuxu "$HW_LINUXU" -- one "two words" exit=4
check musl/linuxu-hello eval 'expect_output "Hello, world!" && expect_output "arg: two words" && expect_status 4'

run_linuxu "$HW_LINUXU" syscall_shim.trace=1 -- exit=2
check musl/trace eval 'expect_output "Hello, world!" && expect_output "set_tid_address(" &&
	grep -qE "^writev\\(1, 0x[0-9a-f]+, 2\\) = 14$" <<<"$OUT" && expect_status 2'

if build_app test/apps/libc linuxu && [ -x "$IMAGE" ]; then
	LIBC=$IMAGE
	run_linuxu "$LIBC" -- enosys
	n=$(grep -c 'syscall_shim: kexec_load (246) is not provided: -ENOSYS (no library in this tree implements it)' <<<"$OUT")
	check musl/enosys-once eval 'expect_output "ok enosys" && expect_status 0 && [ "$n" = 1 ]'
	run_linuxu "$LIBC" -- printf
	check musl/stdio eval 'expect_output "formatted: -42  3.14 str ff" && expect_output "to stderr" && expect_output "ok printf" && expect_status 0'
	run_linuxu "$LIBC" -- mutex
	check musl/mutex-main eval 'expect_output "ok mutex" && expect_status 0'
	run_linuxu "$LIBC" -- fds
	check musl/fdtab eval 'expect_output "via dup" && expect_output "stdout still open" && expect_output "ok fds" && expect_status 0'
else
	fail musl/libc-build "test/apps/libc linuxu did not build"
fi

if build_app test/apps/libc linuxu-nofdtab && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" -- write
	n=$(grep -c 'syscall_shim: write (1) is not provided: -ENOSYS (select lib/posix-fdtab)' <<<"$OUT")
	check musl/enosys-names-provider eval 'expect_status 3 && [ "$n" = 1 ]'
	OUT=$(uk_make syscalls 2>&1)
	STATUS=$?
	printf '%s\n' "$OUT"
	check musl/syscalls-missing eval 'expect_status 0 &&
		grep -qE "^write +1  MISSING \(select lib/posix-fdtab\)$" <<<"$OUT" &&
		grep -qE "^arch_prctl +158  libposix_process$" <<<"$OUT"'
else
	fail musl/nofdtab-build "test/apps/libc linuxu-nofdtab did not build"
fi

# pthreads on clone/futex/TLS (uksched's coop scheduler), threads given
# their stacks (no posix-mmap yet); and musl code in threads made with
# uksched's own API (lib/musl/tcb.c's thread hook).
if build_app test/apps/libc linuxu-threads && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" -- threads
	check musl/threads-linuxu eval 'expect_output "ok threads" && expect_status 0'
	run_linuxu "$IMAGE" -- kthreads
	check musl/kthreads-linuxu eval 'expect_output "ok kthreads" && [ "$(grep -c "tid is not main.s: 1" <<<"$OUT")" = 3 ] && expect_status 0'
	run_linuxu "$IMAGE" -- exitlive
	check musl/exit-with-live-thread eval '[ "$(grep -c "buffered, then exit(7) with a thread alive" <<<"$OUT")" = 1 ] && expect_status 7'
	run_linuxu "$IMAGE" -- mutex
	check musl/mutex-main-sched eval 'expect_output "ok mutex" && expect_status 0'
else
	fail musl/threads-build "test/apps/libc linuxu-threads did not build"
fi

# uktest's cases and output with musl as the libc (without uksched's
# sleep-accuracy cases, which measure the host's load more than musl).
if build_app test/apps/unittests linuxu-x86_64-musl && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "uktest.filter=uktest.*,ukboot.*,ukalloc*,uklock.*,uksched.tls*,uksched.fpu*,uksched.join*,uksched.create*,ukdebug.*"
	check musl/uktest eval 'grep -qE "^uktest: [0-9]+ passed, 0 failed, [0-9]+ skipped$" <<<"$OUT" && expect_status 0'
else
	fail musl/uktest-build "test/apps/unittests linuxu-x86_64-musl did not build"
fi

if ! have_qemu; then
	fail musl/qemu "QEMU or support/scripts/run-qemu missing"
	done_case
fi
if build_app apps/helloworld kvm-x86_64-musl && [ -f "$IMAGE" ]; then
	run_qemu pc "$IMAGE" "-- exit=5 hi"
	check musl/pc-hello eval 'expect_output "Hello, world!" && expect_output "arg: hi" && expect_status 5'
	run_qemu microvm "$IMAGE" "-- exit=6"
	check musl/microvm-hello eval 'expect_output "Hello, world!" && expect_status 6'
else
	fail musl/kvm-build "helloworld kvm-x86_64-musl did not build"
fi
if build_app test/apps/libc kvm-threads && [ -f "$IMAGE" ]; then
	run_qemu pc "$IMAGE" "-- threads"
	check musl/threads-pc-preempt eval 'expect_output "ok threads" && expect_status 0'
	run_qemu pc "$IMAGE" "-- kthreads"
	check musl/kthreads-pc-preempt eval 'expect_output "ok kthreads" && expect_status 0'
else
	fail musl/kvm-threads-build "test/apps/libc kvm-threads did not build"
fi

# Every build above shares one musl: none of them compiled it again.
n=$(grep -c '^  MUSL ' "$UK_TEST_LOG" || :)
check musl/built-once eval '[ "$n" -le 1 ]'
done_case
