#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""badreq.py HOST PORT: malformed requests, each on its own connection,
must get nginx's own "400 Bad Request" page and a closed connection; a
good request on a fresh connection after each must still get 200.
One line per request; on a failure a line "badreq: <what>" and status 1."""
import socket
import sys

BAD = [
    ("no Host in HTTP/1.1", b"GET / HTTP/1.1\r\n\r\n"),
    ("two Host fields", b"GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
    ("garbage request line", b"\x01\x02 nonsense\r\n\r\n"),
    ("bad version", b"GET / HTTP/x.y\r\nHost: a\r\n\r\n"),
    ("space in header name", b"GET / HTTP/1.1\r\nHost: a\r\nBad Name: v\r\n\r\n"),
    ("header over 8 KiB", b"GET / HTTP/1.1\r\nHost: a\r\nX: " + b"a" * 9000 + b"\r\n\r\n"),
    ("bad Content-Length", b"POST / HTTP/1.1\r\nHost: a\r\nContent-Length: x\r\n\r\n"),
]
GOOD = b"GET / HTTP/1.1\r\nHost: a\r\nConnection: close\r\n\r\n"


def exchange(host, port, data):
    """Send data, read until the server closes (10 s at most)."""
    s = socket.create_connection((host, port), timeout=10)
    s.sendall(data)
    out = b""
    while True:
        b = s.recv(65536)
        if not b:
            break
        out += b
    s.close()
    return out


def main():
    host, port = sys.argv[1], int(sys.argv[2])
    for what, data in BAD:
        try:
            r = exchange(host, port, data)
        except OSError as e:
            print("badreq: %s: %s" % (what, e))
            return 1
        head = r.split(b"\r\n", 1)[0].decode("latin-1")
        if head != "HTTP/1.1 400 Bad Request" or b"<center>nginx/1.22.1</center>" not in r:
            print("badreq: %s: got %r, not nginx's 400 page" % (what, r[:120]))
            return 1
        r = exchange(host, port, GOOD)
        if not r.startswith(b"HTTP/1.1 200 OK"):
            print("badreq: after %s: a good request got %r" % (what, r[:80]))
            return 1
        print("%-22s -> %s; then 200" % (what, head))
    return 0


if __name__ == "__main__":
    sys.exit(main())
