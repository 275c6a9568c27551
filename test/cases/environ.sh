#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Environment variables from the kernel command line (lib/posix-environ,
# ukboot's UK_PARAM_PREFIX): the builder's uktest cases, getenv() in the
# booted image for a quoted value with a space and for a repeated NAME
# (the later wins), and a word without '=' stopping the boot with a line
# naming it. On linuxu (nolibc) and QEMU pc.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=posix_environ.*,ukboot.param_prefix_list'


results() { uktest_results "environ/$1"; }

bad_word() {
	check "environ/$1/no-equals-stops-boot" eval \
		'expect_output "posix_environ: no '"'='"' in '"'env.NOEQ'"'" && [ "$STATUS" != 0 ]'
}

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 CONFIG_LIBPOSIX_ENVIRON=y && [ -x "$IMAGE" ]; then
	# linuxu re-quotes its arguments: one argument may hold a space.
	run_linuxu "$IMAGE" "$filter" "env.GREETING=hello world" env.A=1 \
		"posix_environ.test_expect=GREETING=hello world"
	results linuxu-quoted
	run_linuxu "$IMAGE" "$filter" env.A=1 env.A=2 posix_environ.test_expect=A=2
	results linuxu-repeated
	run_linuxu "$IMAGE" "$filter" posix_environ.test_expect=HOME=/
	results linuxu-default
	run_linuxu "$IMAGE" env.NOEQ
	bad_word linuxu
else
	fail environ/linuxu "$app linuxu-x86_64 with posix-environ did not build"
fi

if have_qemu; then
	if BUILD_NAME=kvm-pc build_app $app kvm-x86_64-pc CONFIG_LIBPOSIX_ENVIRON=y && [ -f "$IMAGE" ]; then
		run_qemu pc "$IMAGE" "$filter env.GREETING=\"hello world\" env.PATH=/x posix_environ.test_expect=\"GREETING=hello world\""
		results pc-quoted
		run_qemu pc "$IMAGE" "env.NOEQ"
		bad_word pc
	else
		fail environ/pc "$app kvm-x86_64-pc with posix-environ did not build"
	fi
fi
done_case
