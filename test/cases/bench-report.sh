#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# bench/run's report prints a peer's figure only when this run measured
# it, or as a citation with its source and date under the section it
# applies to. Checked on report() itself with made-up measurements (no
# benchmark runs here): no fixed peer figure anywhere (the old 237 KB,
# 8.3 s, 221 ms, 1.75 MiB), the pc/qboot row carries only this run's
# numbers, the image-size citation appears with source and date when the
# report has sizes, the entry->main one does not when it has no counts,
# and a citation without a date stops the report.
. "$(dirname "$0")/../lib.sh"

out=$(python3 - "$UK_ROOT" "$UK_TEST_DIR" <<'PY' 2>&1
import importlib.machinery, importlib.util, os, sys
root, work = sys.argv[1], sys.argv[2]
ld = importlib.machinery.SourceFileLoader("benchrun", os.path.join(root, "bench", "run"))
br = importlib.util.module_from_spec(importlib.util.spec_from_loader("benchrun", ld))
ld.exec_module(br)
st = dict(median=0.0326, min=0.030, max=0.040, n=15)
fl = dict(median=0.0305, min=0.029, max=0.035, n=15)
ctx = dict(sizes=[dict(app="crcdemo", defconfig="kvm-x86_64-pc", stripped=20000, dbg=90000,
                       loaded=150000)],
           btime=dict(median=2.2, min=2.1, max=2.4), btimes=[2.1, 2.2, 2.4],
           boot={("unikit", "qboot"): st, ("floor", "qboot"): fl}, instr={},
           mem={("unikit", "pc"): 1188}, linux=None,
           env=dict(date="2026-12-01", host="test", cpu="cpu", ncpu=2, kernel="k",
                    qemu="7.2", gcc="12", elapsed=1.0))
path = os.path.join(work, "report.md")
br.report(path, "base", ctx)
text = open(path).read()
print("REPORT-BEGIN"); print(text); print("REPORT-END")
bad = dict(br.CITED[0]); bad["date"] = ""
try:
    br.citations({"size"}, [bad])
    print("UNDATED-ACCEPTED")
except SystemExit as e:
    print("UNDATED-REFUSED: %s" % e)
PY
)
log "$out"
report=$(sed -n '/^REPORT-BEGIN$/,/^REPORT-END$/p' <<<"$out")
check bench-report/renders grep -q "^## Against the targets" <<<"$report"
check bench-report/no-fixed-peer-figures eval '! grep -nE "237 KB|8\.3 s|221 ms|1\.75 MiB" <<<"$report"'
qrow=$(grep "pc/qboot | within" <<<"$report")
UK_FAIL_REASON="the pc/qboot row is '$qrow'"
check bench-report/qboot-row-only-this-run test "$(tr -cd '|' <<<"$qrow" | wc -c)" = 5
check bench-report/size-citation-with-source-and-date \
	grep -qE "^- Unikraft, not measured in this run \(cited\): .*Source: .*doi:10\.1145/3447786\.3456248.*; 2021-04" <<<"$report"
check bench-report/no-citation-without-its-section \
	eval '! grep -q "to main() on QEMU (KVM)" <<<"$report"'
check bench-report/undated-citation-refused grep -q "UNDATED-REFUSED: bench: a cited peer figure lacks date" <<<"$out"
done_case
