#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The host end of test/cases/netdev.sh's echo check.

QEMU's `-netdev dgram` sends each guest frame as one datagram to the
unix socket this script binds (argv[1]) and takes frames back from it.
Each frame of EtherType 0x88b5 comes back with its MAC addresses
swapped and every byte after the 20-byte echo header XORed with 0x5a
(so the guest sees that the host read it); other frames are counted and
dropped. On SIGTERM, or after argv[2] seconds without a frame once one
came, it writes "host: N frames B bytes" (what it received) to argv[3].
With argv[4], QEMU's monitor socket: an echo frame with sequence number
0xffffffff is not echoed but takes the link down ("set_link n0 off")
and, half a second later, up again.
"""
import os, signal, socket, sys, threading, time

path, idle, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
monitor = sys.argv[4] if len(sys.argv) > 4 else None
frames = bytes_ = other = 0

def finish(*_):
    with open(out, "w") as f:
        f.write("host: %d frames %d bytes %d other\n" % (frames, bytes_, other))
    sys.exit(0)

def toggle_link():
    m = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    m.connect(monitor)
    m.sendall(b"set_link n0 off\n")
    time.sleep(0.5)
    m.sendall(b"set_link n0 on\n")
    time.sleep(0.2)
    m.close()

signal.signal(signal.SIGTERM, finish)
try:
    os.unlink(path)
except FileNotFoundError:
    pass
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(path)
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 20)
open(out + ".ready", "w").close()
while True:
    s.settimeout(idle if frames else None)
    try:
        f, peer = s.recvfrom(65536)
    except socket.timeout:
        finish()
    if len(f) < 20 or f[12:14] != b"\x88\xb5":
        other += 1
        continue
    if monitor and f[14:18] == b"\xff\xff\xff\xff":
        threading.Thread(target=toggle_link, daemon=True).start()
        continue
    frames += 1
    bytes_ += len(f)
    body = bytes(b ^ 0x5a for b in f[20:])
    try:
        s.sendto(f[6:12] + f[0:6] + f[12:20] + body, peer)
    except OSError:
        pass    # QEMU is gone (a hostile-device run ends early)
