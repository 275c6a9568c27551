# SPDX-License-Identifier: BSD-3-Clause
#
# bench/lib/net.sh: what the network benchmarks (bench/net, bench/nginx)
# share; sourced by bash. The caller sets NS (a namespace name of its
# own) and W (its scratch folder).
#   median, range       of numbers on stdin, one a line ("-" when none)
#   ratio A B           A / B with two decimals ("-" when either is "-")
#   netns_up            NS with its loopback up and tap0 at 10.0.2.2/24
#                       (guests at 10.0.2.15 behind it); nothing outside
#                       it is touched
#   inns CMD...         CMD inside NS
#   inns_group CMD...   exec CMD inside NS in a process group of its own
#                       (run it as a background job: the job's id is the
#                       group's, ended as a whole with kill -- -ID)
#   lat_ms P            wrk --latency's "P" line (50%, 99%) in ms
#   free_port           a free TCP port of the host's 127.0.0.1
#   least_kib LO HI CMD the least KiB in (LO, HI], in 256 KiB steps, for
#                       which "CMD KiB" succeeds (HI must, LO must not)

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : "-") }'; }
range() { sort -n | awk 'NR == 1 { a = $1 } { b = $1 } END { print (NR ? a "–" b : "-") }'; }
ratio() { case "$1$2" in *-*|'') echo - ;; *) awk "BEGIN { printf \"%.2f\", $1 / $2 }" ;; esac; }
inns() { ip netns exec "$NS" "$@"; }
inns_group() { exec ip netns exec "$NS" setsid "$@"; }
# Its clients reuse their TIME-WAIT ports and keep at most 4096 of them
# (Connection: close load would run out of ports, and connect() slows
# to 10 ms a call searching among 30,000: the client's limit, not the
# server's; test/cases/net.sh does the same).
netns_up() {
	ip netns add "$NS" &&
	ip netns exec "$NS" sh -c 'echo 1 >/proc/sys/net/ipv4/tcp_tw_reuse &&
		echo "1024 65535" >/proc/sys/net/ipv4/ip_local_port_range &&
		echo 4096 >/proc/sys/net/ipv4/tcp_max_tw_buckets' &&
	ip -n "$NS" link set lo up &&
		ip -n "$NS" tuntap add dev tap0 mode tap &&
		ip -n "$NS" addr add 10.0.2.2/24 dev tap0 && ip -n "$NS" link set tap0 up
}
lat_ms() {
	awk -v p="$1" '$1 == p { v = $2; u = v; sub(/[0-9.]+/, "", u); sub(/[a-z]+$/, "", v)
		if (u == "us") v /= 1000; else if (u == "s") v *= 1000; printf "%.3f\n", v }'
}
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
least_kib() {
	local lo=$1 hi=$2 mid; shift 2
	while [ $((hi - lo)) -gt 256 ]; do
		mid=$(( (lo + hi) / 2 / 256 * 256 ))
		[ "$mid" -le "$lo" ] && mid=$((lo + 256))
		echo "least -m: trying ${mid}K" >&2
		if "$@" "$mid"; then hi=$mid; else lo=$mid; fi
	done
	echo "$hi"
}
