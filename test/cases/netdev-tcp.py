#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""The server end of test/cases/netdev.sh's tcp check.

Listens on argv[1]:argv[2], takes one connection, reads to EOF and
checks that byte k of the stream is (k * 131 + 7) & 0xff (the guest's
pattern, test/apps/netdev/tcp.c); writes "server: N bytes, pattern ok"
(or where it differed) to argv[3]. Gives up after argv[4] seconds.
"""
import socket, sys

host, port, out, limit = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
s = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET, socket.SOCK_STREAM)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((host, port))
s.listen(1)
s.settimeout(limit)
open(out + ".ready", "w").close()
try:
    c, _ = s.accept()
    c.settimeout(limit)
    data = bytearray()
    while True:
        b = c.recv(65536)
        if not b:
            break
        data += b
    c.close()
    bad = next((k for k in range(len(data)) if data[k] != (k * 131 + 7) & 0xff), None)
    res = "server: %d bytes, pattern ok" % len(data) if bad is None else \
        "server: %d bytes, byte %d differs" % (len(data), bad)
except socket.timeout:
    res = "server: timed out after %g s" % limit
with open(out, "w") as f:
    f.write(res + "\n")
