# SPDX-License-Identifier: BSD-3-Clause
"""Helpers every benchmark shares: the QEMU command line (taken from
support/scripts/run-qemu --dry-run, so a benchmark boots exactly what
`make run` boots), timing a boot to its first line, and statistics."""
import os
import select
import shlex
import signal
import statistics
import subprocess
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
RUN_QEMU = os.path.join(ROOT, "support", "scripts", "run-qemu")


def qemu_cmd(image, machine="pc", bios=None, mem="64M", append="", extra=()):
    """The argv run-qemu would exec for these options, under TCG."""
    args = [RUN_QEMU, "--dry-run", "--accel", "tcg", "--machine", machine,
            "--mem", mem, "--append", append]
    if bios:
        args += ["--bios", bios]
    out = subprocess.run(args + [image], check=True, capture_output=True, text=True).stdout
    return shlex.split(out.strip()) + list(extra)


def time_boot(argv, marker=b"Hello", timeout=60.0):
    """Start argv, read its stdout; return dict(first=seconds until the
    marker was seen or None, exit=seconds until it exited, status, out)."""
    t0 = time.monotonic()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                         stdin=subprocess.DEVNULL, start_new_session=True)
    buf = b""
    first = None
    fd = p.stdout.fileno()
    deadline = t0 + timeout
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
            return dict(first=first, exit=None, status=None, out=buf.decode(errors="replace"))
        r, _, _ = select.select([fd], [], [], left)
        if not r:
            continue
        chunk = os.read(fd, 65536)
        if not chunk:
            break
        buf += chunk
        if first is None and marker and marker in buf:
            first = time.monotonic() - t0
    status = p.wait()
    return dict(first=first, exit=time.monotonic() - t0, status=status,
                out=buf.decode(errors="replace"))


def stats(xs):
    xs = [x for x in xs if x is not None]
    if not xs:
        return None
    return dict(median=statistics.median(xs), min=min(xs), max=max(xs), n=len(xs))


def ms(x):
    return "—" if x is None else "%.1f" % (x * 1000)


def sh(cmd, **kw):
    return subprocess.run(cmd, shell=isinstance(cmd, str), check=True, **kw)
