#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Time and interrupts (issue 3): uktime's cases (the platform's clock and
# timer contract) on linuxu and QEMU pc, q35 and microvm, with the host's
# time for the wall-clock check; kvm's interrupt cases (RTC IRQ 8 through
# the IOAPIC, an unclaimed IRQ counted); the boot trace's timed format;
# and that a helloworld that never reads the clock pays no calibration.
. "$(dirname "$0")/../lib.sh"

app=test/apps/unittests
filter='uktest.filter=uktime.*,kvmirq.*'

# results WHERE: one result per uktest line of $OUT, then the summary.
results() { uktest_results "time/$1"; }

if BUILD_NAME=linuxu build_app $app linuxu-x86_64 CONFIG_LIBUKTIME=y && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" "$filter" "uktime.test_host_s=$(date +%s)"
	results linuxu
else
	fail time/linuxu "$app linuxu-x86_64 with uktime did not build"
fi

if have_qemu; then
	for cfg in pc microvm; do
		if BUILD_NAME=kvm-$cfg build_app $app kvm-x86_64-$cfg CONFIG_LIBUKTIME=y && [ -f "$IMAGE" ]; then
			machines=$cfg
			[ $cfg = pc ] && machines="pc q35"
			for m in $machines; do
				run_qemu $m "$IMAGE" "$filter uktime.test_host_s=$(date +%s)"
				results $m
			done
		else
			fail time/$cfg "$app kvm-x86_64-$cfg with uktime did not build"
		fi
	done

	# The menu's other clock and timer choices: always calibrate, LAPIC
	# count-down only. Under TCG these are the paths auto takes anyway;
	# this checks the choices build and keep the clock and timer right.
	if BUILD_NAME=kvm-pc-forced build_app $app kvm-x86_64-pc CONFIG_LIBUKTIME=y \
		CONFIG_PLAT_KVM_CLOCK_CALIBRATE=y CONFIG_PLAT_KVM_TIMER_LAPIC=y && [ -f "$IMAGE" ]; then
		run_qemu pc "$IMAGE" "$filter uktime.test_host_s=$(date +%s)"
		results pc-calibrate-lapic
	else
		fail time/pc-calibrate-lapic "$app with clock=calibrate, timer=lapic did not build"
	fi

	# The boot trace: "(at X us) Y us" per init, "main() at X us".
	if BUILD_NAME=hello build_app apps/helloworld kvm-x86_64-pc && [ -f "$IMAGE" ]; then
		run_qemu pc "$IMAGE" "ukboot.trace=1"
		check time/boot-trace-init-times eval \
			'grep -qE "^ukboot: init plat -1000 ukplatkvm.kvm_irq_init \(at [0-9]+\.[0-9]{3} us\) [0-9]+\.[0-9]{3} us" <<<"$OUT"'
		check time/boot-trace-main-time eval \
			'grep -qE "^ukboot: main\(\) at [0-9]+\.[0-9]{3} us" <<<"$OUT" && expect_status 0'
		# Under -icount shift=0 the TSC counts instructions (1 GHz
		# exactly, 1 ns each): the interrupt set-up must stay cheap and
		# entry->main must pay the TSC calibration (500 us = 500k
		# instructions, taken at the trace's first clock read) once.
		log "icount boot"
		OUT=$("$UK_RUN_QEMU" --machine pc --accel tcg --timeout "$QEMU_TIMEOUT" \
			--qemu-arg -icount --qemu-arg shift=0 --append "ukboot.trace=1" "$IMAGE" 2>&1 </dev/null)
		printf '%s\n' "$OUT"
		irq_us=$(sed -n 's/^ukboot: init .*kvm_irq_init (at .*) \([0-9]*\)\..*/\1/p' <<<"$OUT")
		main_us=$(sed -n 's/^ukboot: main() at \([0-9]*\)\..*/\1/p' <<<"$OUT")
		UK_FAIL_REASON="kvm_irq_init took ${irq_us:-?} us (k instructions), expected < 10"
		check time/irq-init-cost eval '[ -n "$irq_us" ] && [ "$irq_us" -lt 10 ]'
		UK_FAIL_REASON="main() at ${main_us:-?} us (k instructions), expected < 1000"
		check time/entry-to-main-cost eval '[ -n "$main_us" ] && [ "$main_us" -lt 1000 ]'
	else
		fail time/boot-trace "apps/helloworld kvm-x86_64-pc did not build"
	fi
fi

# linuxu: the trace's zero is the process's first instruction.
if BUILD_NAME=hello-linuxu build_app apps/helloworld linuxu-x86_64 && [ -x "$IMAGE" ]; then
	run_linuxu "$IMAGE" ukboot.trace=1
	check time/linuxu-boot-trace eval \
		'grep -qE "^ukboot: main\(\) at [0-9]+\.[0-9]{3} us" <<<"$OUT" && expect_status 0'
fi
done_case
