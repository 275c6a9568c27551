#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""lwip-peer.py PORTFILE: a TCP and a UDP echo server on 127.0.0.1, both
on one port (written to PORTFILE once both listen), for test/cases/lwip.sh:
a guest on QEMU user networking reaches them at 10.0.2.2:<port>. Runs
until killed; each TCP connection is echoed until the peer closes."""
import socket
import sys
import threading


def tcp_serve(ls):
    while True:
        c, _ = ls.accept()
        threading.Thread(target=tcp_echo, args=(c,), daemon=True).start()


def tcp_echo(c):
    with c:
        while True:
            d = c.recv(65536)
            if not d:
                return
            c.sendall(d)


def udp_serve(us):
    while True:
        d, a = us.recvfrom(65536)
        us.sendto(d, a)


for _ in range(50):
    ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    ls.bind(("127.0.0.1", 0))
    port = ls.getsockname()[1]
    us = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        us.bind(("127.0.0.1", port))
        break
    except OSError:
        ls.close()
        us.close()
else:
    sys.exit("lwip-peer: no port free for both TCP and UDP")
ls.listen(16)
threading.Thread(target=tcp_serve, args=(ls,), daemon=True).start()
threading.Thread(target=udp_serve, args=(us,), daemon=True).start()
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % port)
import os
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
threading.Event().wait()
