#!/usr/bin/env bash
# cost-per-request.sh: what one request costs the load generator and the server, from /proc: CPU
# time of each process and bytes the server wrote to disk, over the middle of a `kmip bench` run,
# divided by the requests completed in that window. docs/benchmarks.md argues its missed targets
# with these figures.
#
#   benchmarks/cost-per-request.sh --pid SERVER_PID -- [kmip bench options: --server, --ca, --op ...]
#   benchmarks/cost-per-request.sh --echo -- --op encrypt --connections 16
#
# With --echo, the echo server runs inside the bench process: its CPU is client and server together.
# The bench runs --duration (default 10s; give it as "--duration 12s") after a 4 s warm-up; the
# window is its middle part.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="$root/kmip-cli/target/kmip.jar"
pid=""
echo_mode=0
while [[ $# -gt 0 ]]; do
    case "$1" in
        --pid) pid="$2"; shift 2 ;;
        --echo) echo_mode=1; shift ;;
        --) shift; break ;;
        -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "cost-per-request.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done
if [[ $echo_mode == 0 && -z "$pid" ]]; then
    echo "cost-per-request.sh: give --pid of the server, or --echo" >&2
    exit 2
fi
[[ -f "$jar" ]] || "$root/bin/kmip" --version >/dev/null

duration=10
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    if [[ "${args[$i]}" == --duration ]]; then duration="${args[$((i + 1))]%s}"; fi
done
(( duration >= 6 )) || { echo "cost-per-request.sh: --duration of at least 6s" >&2; exit 2; }

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
where=()
[[ $echo_mode == 1 ]] && where=(--echo)
timing=(--warmup 4s)
[[ " ${args[*]} " == *" --duration "* ]] || timing+=(--duration "${duration}s")
java -jar "$jar" bench "${where[@]}" "${timing[@]}" --json "${args[@]}" >"$out" 2>&1 &
bench=$!

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; }
written() { awk '/^write_bytes/ {print $2}' "/proc/$1/io"; }
# Inside the measured part: after the warm-up and preparation, before the end and the clean-up.
sleep 6
if ! kill -0 $bench 2>/dev/null; then
    wait $bench || true
    echo "cost-per-request.sh: kmip bench ended early: $(tail -n 1 "$out")" >&2
    exit 1
fi
b0=$(cpu $bench); s0=0; w0=0
if [[ -n "$pid" ]]; then s0=$(cpu "$pid"); w0=$(written "$pid"); fi
t0=$(date +%s.%N)
sleep $((duration - 4))
b1=$(cpu $bench); s1=0; w1=0
if [[ -n "$pid" ]]; then s1=$(cpu "$pid"); w1=$(written "$pid"); fi
t1=$(date +%s.%N)
wait $bench

/usr/bin/python3 - "$out" "$b0" "$b1" "$s0" "$s1" "$w0" "$w1" "$t0" "$t1" "$(getconf CLK_TCK)" "$echo_mode" <<'EOF'
import json, sys
path = sys.argv[1]
b0, b1, s0, s1, w0, w1, t0, t1, tick = map(float, sys.argv[2:11])
echo = sys.argv[11] == "1"
r = json.loads([l for l in open(path) if l.startswith("{")][-1])
seconds = t1 - t0
ops = r["opsPerSecond"] * seconds
line = f"{r['operation']} x{r['connections']}: {r['opsPerSecond']:,.0f} ops/s; per request: "
line += f"{'client and echo server' if echo else 'client'} CPU {1e6 * (b1 - b0) / tick / ops:.1f} µs"
if not echo:
    line += f", server CPU {1e6 * (s1 - s0) / tick / ops:.1f} µs, server disk writes {(w1 - w0) / ops / 1e3:.1f} KB"
print(line + f" (window {seconds:.1f} s, {ops:,.0f} requests)")
EOF
