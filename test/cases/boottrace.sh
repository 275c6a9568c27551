#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# bench/boottrace's "exact" instruction counts are exact: test/apps/
# tscprobe reads the TSC around a serial write (port I/O) in main(), and
# under -icount shift=0 the TSC is an instruction counter. boottrace's
# exec_pcs() over the same boot's -d exec,nochain log must find exactly
# that many instructions between main()'s two rdtsc; the raw log (every
# "Trace" line counted, as before the fix) must find more, one per device
# access (QEMU logs such an instruction twice under -icount). Also: a
# full `bench/boottrace` run on helloworld says how many logged blocks it
# dropped.
. "$(dirname "$0")/../lib.sh"

have_qemu || { fail boottrace "QEMU is not installed (support/scripts/setup installs it)"; done_case; }
if ! build_app test/apps/tscprobe kvm-x86_64-pc || [ ! -f "$IMAGE" ]; then
	fail boottrace "test/apps/tscprobe did not build"
	done_case
fi

out=$(python3 - "$IMAGE" "$UK_TEST_DIR" "$UK_ROOT" <<'PY' 2>&1
import importlib.machinery, importlib.util, os, re, subprocess, sys
image, work, root = sys.argv[1], sys.argv[2], sys.argv[3]

sys.path.insert(0, os.path.join(root, "bench", "lib"))
import ukbench
ld = importlib.machinery.SourceFileLoader("boottrace", os.path.join(root, "bench", "boottrace"))
bt = importlib.util.module_from_spec(importlib.util.spec_from_loader("boottrace", ld))
ld.exec_module(bt)

dis = subprocess.run(["objdump", "-d", "--disassemble=main", image + ".dbg"],
                     capture_output=True, text=True, check=True).stdout
rd = [int(l.split(":")[0], 16) for l in dis.splitlines() if re.search(r"\trdtsc\b", l)]
if len(rd) != 2:
    sys.exit("main() has %d rdtsc instructions, expected 2" % len(rd))
log = os.path.join(work, "exec.log")
argv = ukbench.qemu_cmd(image, "pc", "qboot", "64M", "") + [
    "-icount", "shift=0", "-singlestep", "-d", "exec,nochain",
    "-dfilter", "0x100000+0x100000", "-D", log]
r = ukbench.time_boot(argv, timeout=120)
m = re.search(r"tscprobe: rdtsc delta (\d+)", r["out"])
if not m:
    sys.exit("no 'tscprobe: rdtsc delta' line: " + r["out"][-300:])
delta = int(m.group(1))
lines = open(log).read().splitlines()
pcs, dropped, _ = bt.exec_pcs(lines)
raw = [int(bt.EXEC.match(l).group(1), 16) for l in lines if bt.EXEC.match(l)]
def between(seq):
    a = seq.index(rd[0])
    return seq.index(rd[1], a) - a
print("rdtsc %d counted %d raw %d dropped %d" % (delta, between(pcs), between(raw), dropped))
PY
)
log "$out"
read -r _ tsc _ counted _ raw _ dropped <<<"$out"
UK_FAIL_REASON="rdtsc says $tsc instructions, boottrace counts $counted ($out)"
check boottrace/count-matches-rdtsc test "$counted" = "$tsc"
UK_FAIL_REASON="the raw log counts $raw, rdtsc $tsc: the probe has no device access to tell them apart"
check boottrace/raw-log-overcounts test "${raw:-0}" -gt "${tsc:-0}"

out=$(python3 "$UK_ROOT/bench/boottrace" --image "$IMAGE" --json "$UK_TEST_DIR/bt.json" 2>&1)
log "$out"
check boottrace/report-runs python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))["count"]
sys.exit(0 if d["total"] > 1000 and d["dropped"] > 0 else 1)' "$UK_TEST_DIR/bt.json"
done_case
