#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# nginx 1.22 (lib/nginx from Debian's nginx source, apps/nginx) on QEMU
# pc, serving its root file system from QEMU's -initrd (a cpio archive
# apps/nginx/mkroot packs: apps/nginx/root's nginx.conf, nginx's own
# index.html, a LARGE_MIB MiB file of fixed pseudo-random bytes), driven
# from the host over QEMU user networking (hostfwd on 127.0.0.1, a port
# picked free):
#   nginx/port-regen     port/regen --check: configure, run now against
#                        musl on the host, writes the checked-in files
#   nginx/kit-build      the defconfig builds
#   nginx/serving        nginx answers within 180 s of the boot
#   nginx/index          GET / is nginx's index.html, byte for byte
#   nginx/head-304       HEAD has the length and no body; If-Modified-Since
#                        the file's time gets 304
#   nginx/404            a missing file gets nginx's 404 page
#   nginx/range          one range (206, Content-Range, the bytes), two
#                        ranges (multipart/byteranges), an unsatisfiable
#                        one (416)
#   nginx/keepalive      three requests in one curl: one connection
#   nginx/large          the LARGE_MIB file, SHA-256 equal to the host's
#   nginx/bad-requests   each malformed request gets nginx's 400 page and
#                        the next good one 200 (apps/nginx/tests/badreq.py)
#   nginx/wrk            wrk keep-alive on the page and on /1m.bin (1 MiB):
#                        requests made, no socket error, no non-2xx answer
#   nginx/microvm-9p     the same image on microvm, its root a host folder
#                        over 9p: the page, /1m.bin and a 404
#   nginx/no-enosys      the consoles show no "is not provided" (the
#                        ENOSYS list of apps/nginx/README.md) and no
#                        [emerg]/[alert] from nginx
# NGINX_LARGE_MIB (default 64) sizes the large file.
. "$(dirname "$0")/../lib.sh"

app=apps/nginx
LARGE_MIB=${NGINX_LARGE_MIB:-64}
server_pid=
cleanup() {
	[ -z "$server_pid" ] || kill -- -"$server_pid" 2>/dev/null
	true
}
trap cleanup EXIT

for t in curl wrk python3 cpio openssl musl-gcc; do
	if ! command -v $t >/dev/null; then
		fail nginx/tools "$t missing: run support/scripts/setup"
		done_case
	fi
done

if ! build_app $app kvm-x86_64-pc || [ ! -f "$IMAGE" ]; then
	fail nginx/kit-build "$app kvm-x86_64-pc did not build"
	done_case
fi
pass nginx/kit-build
src=$(ls -d "$O"/fetch/nginx-*/ | head -n 1)
src=${src%/}

t0=$(now_ms)
if out=$("$UK_ROOT/lib/nginx/port/regen" --check "$src" 2>&1); then
	pass nginx/port-regen
else
	printf '%s\n' "$out"
	fail nginx/port-regen "$(grep -m1 '^regen: ' <<<"$out")"
fi
log "regen --check: $(( $(now_ms) - t0 ))ms"

cpio_file=$UK_TEST_DIR/root.cpio
large_sum=$("$UK_ROOT/$app/mkroot" "$cpio_file" "$src/html" "$LARGE_MIB") ||
	{ fail nginx/mkroot "mkroot failed"; done_case; }
log "root.cpio: $(stat -c %s "$cpio_file") bytes; large.bin ($LARGE_MIB MiB) sha256 $large_sum"

c() { curl -sS --max-time 60 "$@"; }
# boot MACHINE NIC MEM CONSOLE ARGS QEMU-ARG...: boot $IMAGE (with $SHARE:
# that host folder over 9p, tag "share") in a process
# group of its own (server_pid) with user networking, hostfwd from a
# free port of 127.0.0.1 (PORT, URL) to the guest's 80, then wait until
# nginx answers "/" (180 s at most); status 1 if it never does.
boot() {
	local machine=$1 nic=$2 mem=$3 console=$4 args=$5 t0 qemu=() a; shift 5
	for a in "$@"; do qemu+=(--qemu-arg "$a"); done
	PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
	URL=http://127.0.0.1:$PORT
	log "boot $machine, 127.0.0.1:$PORT -> guest 80 (console: $console)"
	t0=$(now_ms)
	(exec setsid "$UK_RUN_QEMU" --machine "$machine" --accel "$ACCEL" --mem "$mem" \
		--timeout 900 --qemu-arg -netdev --qemu-arg "user,id=n0,hostfwd=tcp:127.0.0.1:$PORT-:80" \
		--qemu-arg -device --qemu-arg "$nic,netdev=n0" "${qemu[@]}" ${SHARE:+--share "$SHARE"} \
		--append "$args --" "$IMAGE" >"$console" 2>&1 </dev/null) &
	server_pid=$!
	for _ in $(seq 1 360); do
		if c -o /dev/null "$URL/" 2>/dev/null; then
			log "serving $(( $(now_ms) - t0 ))ms after the boot began"
			return 0
		fi
		kill -0 "$server_pid" 2>/dev/null || break
		sleep 0.5
	done
	return 1
}
stop() {
	kill -- -"$server_pid" 2>/dev/null
	wait "$server_pid" 2>/dev/null
	server_pid=
}

console=$UK_TEST_DIR/console.out
boot_ms=$(now_ms)
if ! boot pc virtio-net-pci $((LARGE_MIB * 2 + 64))M "$console" "vfs.fstab=initrd:/" -initrd "$cpio_file"; then
	fail nginx/serving "no answer on $URL: $(tail -n 3 "$console" | tr -d '\r' | tr '\n' ' ')"
	done_case
fi
pass nginx/serving

# nginx/index
if c -o "$UK_TEST_DIR/index.html" "$URL/" && cmp "$UK_TEST_DIR/index.html" "$src/html/index.html"; then
	pass nginx/index
else
	fail nginx/index "GET / is not nginx's html/index.html"
fi

# nginx/head-304
h=$(c -I "$URL/index.html" | tr -d '\r')
printf '%s\n' "$h"
lm=$(sed -n 's/^Last-Modified: //p' <<<"$h")
code=$(c -o /dev/null -w '%{http_code}' -H "If-Modified-Since: $lm" "$URL/index.html")
if grep -qx 'HTTP/1.1 200 OK' <<<"$h" && grep -qx "Content-Length: $(stat -c %s "$src/html/index.html")" <<<"$h" &&
   grep -qx 'Server: nginx/1.22.1' <<<"$h" && [ "$code" = 304 ]; then
	pass nginx/head-304
else
	fail nginx/head-304 "HEAD: $(head -n1 <<<"$h"); If-Modified-Since '$lm': $code"
fi

# nginx/404
body=$(c -w '\n%{http_code}' "$URL/no/such/file")
if [ "$(tail -n1 <<<"$body")" = 404 ] && grep -q '<title>404 Not Found</title>' <<<"$body" &&
   grep -q '<center>nginx/1.22.1</center>' <<<"$body"; then
	pass nginx/404
else
	fail nginx/404 "got: $(tr '\n' ' ' <<<"$body" | cut -c1-120)"
fi

# nginx/range
large=$UK_TEST_DIR/large.bin
why=
h=$(c -D - -o "$UK_TEST_DIR/range.bin" -r 1000000-1000999 "$URL/large.bin" | tr -d '\r')
head -c 1001000 /dev/zero | openssl enc -aes-128-ctr -nosalt -K 00112233445566778899aabbccddeeff -iv 00000000000000000000000000000000 |
	tail -c 1000 >"$UK_TEST_DIR/range.want"
grep -qx 'HTTP/1.1 206 Partial Content' <<<"$h" || why="one range: $(head -n1 <<<"$h")"
grep -qx "Content-Range: bytes 1000000-1000999/$((LARGE_MIB * 1048576))" <<<"$h" || why="${why:-Content-Range: $(grep Content-Range <<<"$h")}"
cmp -s "$UK_TEST_DIR/range.bin" "$UK_TEST_DIR/range.want" || why="${why:-the 1000 bytes at 1000000 differ}"
m=$(c -D - -r 0-9,-10 "$URL/index.html" | tr -d '\r')
grep -q '^Content-Type: multipart/byteranges; boundary=' <<<"$m" && grep -q '^Content-Range: bytes 0-9/' <<<"$m" &&
	grep -q "^Content-Range: bytes $(( $(stat -c %s "$src/html/index.html") - 10 ))-" <<<"$m" ||
	why="${why:-two ranges: not multipart/byteranges with both parts}"
code=$(c -o /dev/null -w '%{http_code}' -r 999999999- "$URL/index.html")
[ "$code" = 416 ] || why="${why:-an unsatisfiable range got $code}"
if [ -z "$why" ]; then pass nginx/range; else fail nginx/range "$why"; fi

# nginx/keepalive: curl reuses the connection for the second and third.
n=$(c -o /dev/null -o /dev/null -o /dev/null -w '%{num_connects}\n' "$URL/" "$URL/index.html" "$URL/50x.html")
log "connections made per request: $(tr '\n' ' ' <<<"$n")"
if [ "$(tr '\n' ' ' <<<"$n")" = "1 0 0 " ]; then
	pass nginx/keepalive
else
	fail nginx/keepalive "connections per request: $(tr '\n' ' ' <<<"$n") (want 1 0 0)"
fi

# nginx/large
t=$(now_ms)
got=$(c --max-time 300 "$URL/large.bin" | sha256sum | cut -d' ' -f1)
ms=$(( $(now_ms) - t ))
log "large.bin: $LARGE_MIB MiB in ${ms}ms"
if [ "$got" = "$large_sum" ]; then
	pass nginx/large
else
	fail nginx/large "SHA-256 $got, want $large_sum ($LARGE_MIB MiB)"
fi

# nginx/bad-requests
if out=$(python3 "$UK_ROOT/$app/tests/badreq.py" 127.0.0.1 "$PORT" 2>&1); then
	printf '%s\n' "$out"
	pass nginx/bad-requests
else
	printf '%s\n' "$out"
	fail nginx/bad-requests "$(tail -n1 <<<"$out")"
fi

# nginx/wrk
why=
for p in / /1m.bin; do
	out=$(wrk -t1 -c4 -d3s "$URL$p" 2>&1)
	printf '%s\n' "$out"
	reqs=$(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out")
	if [ "${reqs:-0}" -lt 1 ] || grep -qE 'Socket errors|Non-2xx' <<<"$out"; then
		why="${why:-wrk $p: $(grep -m1 -E 'Socket errors|Non-2xx|requests in' <<<"$out")}"
	fi
done
if [ -z "$why" ]; then pass nginx/wrk; else fail nginx/wrk "$why"; fi

stop
log "machine time of the boot: $(( $(now_ms) - boot_ms ))ms"
cat "$console"

# nginx/microvm-9p: the same image on microvm (virtio-mmio), its root a
# host folder over 9p (the archive's tree without the large file).
share=$UK_TEST_DIR/share
mkdir -p "$share"
(cd "$share" && cpio -idm --quiet <"$cpio_file") && rm -f "$share/www/large.bin"
console9=$UK_TEST_DIR/console-microvm-9p.out
why=
if SHARE=$share boot microvm virtio-net-device 64M "$console9" "vfs.fstab=9p:share:/"; then
	c -o "$UK_TEST_DIR/9p-index.html" "$URL/" && cmp -s "$UK_TEST_DIR/9p-index.html" "$src/html/index.html" ||
		why="GET / is not nginx's index.html"
	c -o "$UK_TEST_DIR/9p-1m.bin" "$URL/1m.bin" && cmp -s "$UK_TEST_DIR/9p-1m.bin" "$share/www/1m.bin" ||
		why="${why:-GET /1m.bin differs from the shared file}"
	code=$(c -o /dev/null -w '%{http_code}' "$URL/no/such/file")
	[ "$code" = 404 ] || why="${why:-a missing file got $code}"
else
	why="no answer on $URL: $(tail -n 3 "$console9" | tr -d '\r' | tr '\n' ' ')"
fi
stop
if [ -z "$why" ]; then pass nginx/microvm-9p; else fail nginx/microvm-9p "$why"; fi
cat "$console9"

bad=$(cat "$console" "$console9" | tr -d '\r' | grep -E 'is not provided|\[emerg\]|\[alert\]' | head -n 3)
if [ -z "$bad" ]; then
	pass nginx/no-enosys
else
	fail nginx/no-enosys "$(head -n1 <<<"$bad")"
fi
done_case
