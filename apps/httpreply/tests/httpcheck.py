#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""httpcheck: the checks test/cases/net.sh and bench/net run against a
running httpreply (host process or unikernel), over TCP to HOST:PORT.

    httpcheck.py HOST PORT wait [SECONDS]       until "/" answers 200
    httpcheck.py HOST PORT pipeline N           N requests in one write
    httpcheck.py HOST PORT malformed            each bad request its status
    httpcheck.py HOST PORT concurrent N         N connections open at once
    httpcheck.py HOST PORT halfopen N IDLE MAX  stalled clients vs others
    httpcheck.py HOST PORT echo BYTES           TCP echo, SHA-256 compared
    httpcheck.py HOST PORT stream BYTES         echo throughput (MB/s line)
    httpcheck.py HOST PORT reuse N              N Connection: close requests
                                                from one client port

Each prints what it checked; the exit status is 0 only if all held, and
the first thing that did not is one line on stderr ("httpcheck: ...").
"""
import errno
import hashlib
import os
import re
import selectors
import socket
import sys
import threading
import time

HOST, PORT = "127.0.0.1", 80
GOOD = b"GET / HTTP/1.1\r\nHost: t\r\n\r\n"


def die(msg):
    print("httpcheck: " + msg, file=sys.stderr, flush=True)
    sys.exit(1)


def conn(timeout=10.0):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


class Reader:
    """Responses from one connection, framed by Content-Length."""

    def __init__(self, s):
        self.s, self.buf, self.eof = s, b"", False

    def more(self):
        b = self.s.recv(65536)
        if not b:
            self.eof = True
        self.buf += b
        return bool(b)

    def response(self, head_only=False):
        """(status, headers dict, body) or None at EOF before a status line."""
        while b"\r\n\r\n" not in self.buf:
            if not self.more():
                if self.buf:
                    die("connection closed inside a response head: %r" % self.buf[:80])
                return None
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        m = re.match(r"HTTP/1\.1 (\d{3}) ", lines[0])
        if not m:
            die("bad status line %r" % lines[0])
        hdr = {}
        for ln in lines[1:]:
            k, _, v = ln.partition(":")
            hdr[k.strip().lower()] = v.strip()
        if "content-length" not in hdr:
            die("response without Content-Length: %r" % lines)
        n = 0 if head_only else int(hdr["content-length"])
        while len(self.buf) < n:
            if not self.more():
                die("connection closed inside a body (%d of %d bytes)" % (len(self.buf), n))
        body, self.buf = self.buf[:n], self.buf[n:]
        return int(m.group(1)), hdr, body


def get_ok(what="a fresh connection"):
    s = conn()
    s.sendall(GOOD)
    r = Reader(s).response()
    s.close()
    if not r or r[0] != 200 or b"Hello from httpreply" not in r[2]:
        die("%s: GET / did not give the page: %r" % (what, r))


def wait(secs="60"):
    end = time.time() + float(secs)
    while True:
        try:
            get_ok()
            print("serving")
            return
        except (OSError, SystemExit):
            if time.time() > end:
                die("no 200 for GET / within %s s" % secs)
            time.sleep(0.3)


def pipeline(n):
    n = int(n)
    s = conn()
    reqs = b"".join(b"GET / HTTP/1.1\r\nHost: t\r\nX-N: %d\r\n\r\n" % i for i in range(n - 1))
    reqs += b"HEAD / HTTP/1.1\r\nHost: t\r\n\r\nGET /missing-file HTTP/1.1\r\nHost: t\r\n\r\n"
    s.sendall(reqs)
    rd = Reader(s)
    for i in range(n - 1):
        r = rd.response()
        if not r or r[0] != 200:
            die("pipelined request %d of %d: %r" % (i + 1, n + 1, r))
    r = rd.response(head_only=True)
    if not r or r[0] != 200 or r[2]:
        die("pipelined HEAD: %r" % (r,))
    r = rd.response()
    if not r or r[0] != 404:
        die("pipelined request for a missing file: %r" % (r,))
    # Still open after a 404: keep-alive goes on.
    s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
    r = rd.response()
    if not r or r[0] != 200 or r[1].get("connection") != "close":
        die("request after the 404: %r" % (r,))
    if rd.more() or rd.buf:
        die("bytes after the last response of a 'Connection: close' request")
    print("pipeline: %d responses in order, HEAD without body, 404 kept the connection, close closed it" % (n + 2))


BIG = 200000
MALFORMED = [
    ("no Host", b"GET / HTTP/1.1\r\n\r\n", 400),
    ("junk request line", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n", 400),
    ("space before colon", b"GET / HTTP/1.1\r\nHost : t\r\n\r\n", 400),
    ("obs-fold", b"GET / HTTP/1.1\r\nHost: t\r\n folded\r\n\r\n", 400),
    ("NUL in a field", b"GET / HTTP/1.1\r\nHost: t\x00\r\n\r\n", 400),
    ("bad Content-Length", b"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 1e3\r\n\r\n", 400),
    ("POST", b"POST / HTTP/1.1\r\nHost: t\r\nContent-Length: 0\r\n\r\n", 405),
    ("unknown method", b"BREW / HTTP/1.1\r\nHost: t\r\n\r\n", 501),
    ("HTTP/2", b"GET / HTTP/2.0\r\nHost: t\r\n\r\n", 505),
    ("chunked body", b"GET / HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 501),
    ("body too large", b"GET / HTTP/1.1\r\nHost: t\r\nContent-Length: 99999999\r\n\r\n", 413),
    ("target too long", b"GET /" + b"a" * 5000 + b" HTTP/1.1\r\nHost: t\r\n\r\n", 414),
    ("head too large", b"GET / HTTP/1.1\r\nHost: t\r\n" + b"X-Pad: " + b"p" * 9000 + b"\r\n\r\n", 431),
    ("too many fields", b"GET / HTTP/1.1\r\nHost: t\r\n" + b"".join(b"X%d: y\r\n" % i for i in range(80)) + b"\r\n", 431),
    ("endless header", b"GET / HTTP/1.1\r\nHost: t\r\nX: " + b"z" * BIG, 431),
    ("path with ..", b"GET /../../etc/passwd HTTP/1.1\r\nHost: t\r\n\r\n", 404),
    ("bad percent escape", b"GET /a%zz HTTP/1.1\r\nHost: t\r\n\r\n", 400),
]
KEEP = ("path with ..", "bad percent escape")


def malformed():
    for name, req, want in MALFORMED:
        s = conn()
        try:
            s.sendall(req)
        except OSError:
            pass  # the server may answer and shut before taking it all
        r = Reader(s).response()
        if not r or r[0] != want:
            die("%s: expected %d, got %r" % (name, want, r and r[:2]))
        # A request that did not parse closes its connection; a valid
        # one naming a bad path does not.
        if r[1].get("connection") != ("close" if name not in KEEP else None):
            die("%s: %d with Connection: %s" % (name, want, r[1].get("connection")))
        s.close()
        get_ok("after '%s'" % name)
        print("malformed: %-20s -> %d %s; still serving" % (name, want, r[2].decode().strip()))
    # An error on a keep-alive connection after good requests.
    s = conn()
    s.sendall(GOOD + GOOD + b"GET / HTTP/1.1\r\nHost: t\r\nBad Field: x\r\n\r\n" + GOOD)
    rd = Reader(s)
    got = [rd.response() for _ in range(3)]
    if [g and g[0] for g in got] != [200, 200, 400] or rd.response() is not None:
        die("good, good, bad, good on one connection: %r, then no more" % [g and g[0] for g in got])
    print("malformed: good, good, bad, good pipelined -> 200 200 400, then closed")
    get_ok("after all malformed requests")


def concurrent(n):
    n = int(n)
    socks = []
    for i in range(n):
        try:
            socks.append(conn(timeout=30))
        except OSError as e:
            die("connection %d of %d: %s" % (i + 1, n, e))
    for rnd in range(2):
        for s in socks:
            s.sendall(GOOD)
        for i, s in enumerate(socks):
            r = Reader(s).response()
            if not r or r[0] != 200:
                die("round %d, connection %d of %d: %r" % (rnd + 1, i + 1, n, r))
    for s in socks:
        s.close()
    print("concurrent: %d connections open at once, each served twice" % n)


def halfopen(n, idle, maxc):
    """N stalled clients (half a head, then silence). Others are served
    at once; at MAX the oldest are closed for new ones; after IDLE s
    the server has closed every stalled one."""
    n, idle, maxc = int(n), float(idle), int(maxc)
    stalled = []
    for i in range(n):
        s = conn()
        s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\nX-Stall")
        stalled.append(s)
    t0 = time.time()
    get_ok("with %d stalled clients" % n)
    lat = time.time() - t0
    if lat > 2.0:
        die("a request took %.1f s with %d stalled clients" % (lat, n))
    print("halfopen: %d stalled clients, a new client served in %.0f ms" % (n, lat * 1000))
    # Beyond the limit: new connections pushed the oldest stalled ones
    # out at once, not at the idle timeout: look well before it.
    if n >= maxc:
        oldest = stalled[: n - maxc]
        sel = selectors.DefaultSelector()
        for s in oldest:
            s.setblocking(False)
            sel.register(s, selectors.EVENT_READ)
        closed, left = 0, set(oldest)
        end = t0 + min(1.5, idle / 2)
        while left and time.time() < end:
            for key, _ in sel.select(timeout=max(0.0, end - time.time())):
                try:
                    b = key.fileobj.recv(1)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    b = b""  # closed before its bytes were read: a reset
                if not b:
                    closed += 1
                    sel.unregister(key.fileobj)
                    left.discard(key.fileobj)
        sel.close()
        if left:
            die("%d stalled clients over a limit of %d: %d of the %d oldest still open after %.1f s"
                % (n, maxc, len(left), len(oldest), time.time() - t0))
        print("halfopen: over the limit of %d, the %d oldest were closed at once" % (maxc, closed))
    sel = selectors.DefaultSelector()
    open_ = set(stalled[n - maxc:] if n >= maxc else stalled)
    for s in open_:
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ)
    end = time.time() + idle + 3.0
    while open_ and time.time() < end:
        for key, _ in sel.select(timeout=0.5):
            try:
                b = key.fileobj.recv(4096)
            except BlockingIOError:
                continue
            except OSError:
                b = b""
            if not b:
                sel.unregister(key.fileobj)
                open_.discard(key.fileobj)
    if open_:
        die("%d stalled clients still open 3 s after the %.0f s idle timeout" % (len(open_), idle))
    took = time.time() - t0
    if took < idle - 1.0:
        die("stalled clients closed after %.1f s, before the %.0f s idle timeout" % (took, idle))
    for s in stalled:
        s.close()
    get_ok("after the stalled clients")
    print("halfopen: all %d closed by the server after %.1f s (idle timeout %.0f s); still serving" % (n, took, idle))


def pattern(total):
    """Deterministic pseudo-random bytes (seeded), in 64 KiB blocks."""
    seed = hashlib.sha256(b"httpreply echo").digest()
    block = b"".join(hashlib.sha256(seed + bytes([i])).digest() for i in range(256)) * 8
    left = total
    while left > 0:
        b = block[: min(left, len(block))]
        left -= len(b)
        yield b


def echo(total, quiet=False):
    total = int(total)
    s = conn(timeout=120)
    sent_hash, got_hash = hashlib.sha256(), hashlib.sha256()
    got = [0]
    err = []

    def rd():
        try:
            while True:
                b = s.recv(1 << 16)
                if not b:
                    break
                got_hash.update(b)
                got[0] += len(b)
        except OSError as e:
            err.append(e)

    t = threading.Thread(target=rd)
    t.start()
    t0 = time.time()
    for b in pattern(total):
        sent_hash.update(b)
        s.sendall(b)
    s.shutdown(socket.SHUT_WR)
    t.join()
    dt = time.time() - t0
    s.close()
    if err:
        die("echo: reading failed after %d bytes: %s" % (got[0], err[0]))
    if got[0] != total:
        die("echo: %d bytes sent, %d came back" % (total, got[0]))
    if got_hash.digest() != sent_hash.digest():
        die("echo: %d bytes came back but their SHA-256 differs" % total)
    if not quiet:
        print("echo: %d bytes back, SHA-256 %s matches, %.1f MB/s each way" % (
            total, got_hash.hexdigest()[:16], total / dt / 1e6))
    return total / dt / 1e6


def tcp_total_retrans(s):
    """Linux's tcpi_total_retrans of s (struct tcp_info: 8 bytes of
    u8 fields, then u32s; total_retrans is the 24th)."""
    info = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)
    return int.from_bytes(info[100:104], sys.byteorder)


def reuse(n):
    """N requests with Connection: close, each on a new connection from
    the same client port, opened as soon as the last one closed. The
    server closes first (its side is in TIME-WAIT, ours is gone), so
    each SYN meets the old connection there; RFC 1122 4.2.2.13 lets it
    reopen (the SYN's sequence number is past the old end). A server
    that answers the SYN with an ACK of the old connection instead
    makes our kernel reset and retransmit the SYN after 1 s: counted
    here as SYN retransmissions (TCP_INFO), none allowed."""
    n = int(n)
    port, slow = 0, 0.0
    for i in range(n):
        for tries in range(100):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.settimeout(20)
            s.bind(("", port))
            t0 = time.time()
            try:
                s.connect((HOST, PORT))
                break
            except OSError as e:
                s.close()
                # Our last FIN not yet acknowledged: the old socket
                # still holds the address pair here. Anything else fails.
                if e.errno != errno.EADDRNOTAVAIL or tries == 99:
                    die("connection %d of %d from port %d: %s" % (i + 1, n, port, e))
                time.sleep(0.05)
        slow = max(slow, time.time() - t0)
        port = s.getsockname()[1]
        retrans = tcp_total_retrans(s)
        if retrans:
            die("connection %d of %d from port %d: %d SYN retransmissions (connect took %.2f s):"
                " the server did not reopen its TIME-WAIT connection" % (i + 1, n, port, retrans, slow))
        s.sendall(b"GET / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
        rd = Reader(s)
        r = rd.response()
        if not r or r[0] != 200:
            die("request %d of %d: %r" % (i + 1, n, r))
        while rd.more():        # the server's FIN: it closed first
            pass
        s.close()
    print("reuse: %d connections from port %d, each closed by the server first, "
          "none retransmitted its SYN (slowest connect %.3f s)" % (n, port, slow))


def stream(total):
    print("stream_mbps %.2f" % echo(total, quiet=True))


def main():
    global HOST, PORT
    if len(sys.argv) < 4:
        die("usage: httpcheck.py HOST PORT CHECK [ARGS] (see its header)")
    HOST, PORT = sys.argv[1], int(sys.argv[2])
    checks = dict(wait=wait, pipeline=pipeline, malformed=malformed, concurrent=concurrent,
                  halfopen=halfopen, echo=echo, stream=stream, reuse=reuse)
    f = checks.get(sys.argv[3])
    if not f:
        die("no check '%s' (one of %s)" % (sys.argv[3], ", ".join(checks)))
    try:
        f(*sys.argv[4:])
    except TypeError as e:
        die("%s: %s" % (sys.argv[3], e))
    except OSError as e:
        die("%s: %s" % (sys.argv[3], e))


if __name__ == "__main__":
    main()
