#!/usr/bin/env bash
# compare.sh: kmipstack's KMIP server against PyKMIP 0.10's server and against the echo ceiling,
# on this machine, side by side. Both servers get the same throw-away PKI (EC P-256, `kmip certs
# init`), listen on free loopback ports, and keep their objects on disk (SQLite, temp folders).
# Every scenario runs against every target in turn, round after round, so that the machine's
# drift (it is shared) hits them alike; the summary gives medians, min-max and ratios of medians.
#
#   benchmarks/compare.sh [--rounds 3] [--duration 10] [--warmup 5] [--populate 100000]
#                         [--only get4,create4,...] [--no-pykmip] [--idle 1000] [--out DIR]
#
# Scenarios (targets):
#   get4       Get, 4 connections                          (ours, pykmip, echo)
#   create4    Create AES-256, 4 connections               (ours, pykmip, echo)
#   get1       Get, 1 connection: latency                  (ours, pykmip, echo)
#   encrypt16  Encrypt AES-256-GCM 4 KiB, 16 connections   (ours, pykmip, echo)
#   locate1k   Locate by Name among 1,000 keys, 1 conn.    (ours, pykmip)
#   locate     Locate by Name among --populate keys        (ours; first round only: populating takes minutes)
#   connect    new mutual-TLS connections per second: `openssl s_time -new` against our server and
#              against `openssl s_server` (same certificates), and `kmip bench --op connect`
#   idle       heap cost of --idle idle connections on our server (jcmd GC.class_histogram, which
#              collects first, before and while they are open); once, after the rounds
#
# Everything it starts is stopped on exit (trap), by process id. Raw results: DIR/results.jsonl.
set -euo pipefail

root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
kmip="$root/bin/kmip"

rounds=3
duration=10
warmup=5
populate=100000
only="get4,create4,get1,encrypt16,locate1k,locate,connect,idle"
pykmip=1
idle=1000
out=""

while [[ $# -gt 0 ]]; do
    case "$1" in
        --rounds) rounds="$2"; shift 2 ;;
        --duration) duration="$2"; shift 2 ;;
        --warmup) warmup="$2"; shift 2 ;;
        --populate) populate="$2"; shift 2 ;;
        --only) only="$2"; shift 2 ;;
        --no-pykmip) pykmip=0; shift ;;
        --idle) idle="$2"; shift 2 ;;
        --out) out="$2"; shift 2 ;;
        -h|--help) sed -n '2,30p' "$0"; exit 0 ;;
        *) echo "compare.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
done

has() { [[ ",$only," == *",$1,"* ]]; }

work="$(mktemp -d "${TMPDIR:-/tmp}/kmip-compare.XXXXXX")"
[[ -n "$out" ]] || out="$work/out"
mkdir -p "$out"
results="$out/results.jsonl"
: >"$results"

pids=()
cleanup() {
    local p c
    for p in "${pids[@]}"; do
        # PyKMIP's policy monitor is a child process: stop it with its parent.
        for c in $(ps -o pid= --ppid "$p" 2>/dev/null); do kill -9 "$c" 2>/dev/null || true; done
        kill -9 "$p" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work/our-data" "$work/pykmip"
}
trap cleanup EXIT

say() { printf '%s\n' "$*" >&2; }

free_port() {
    /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

await_port() { # port seconds
    local i
    for ((i = 0; i < $2 * 10; i++)); do
        if (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
        sleep 0.1
    done
    return 1
}

# ---- PKI and servers

pki="$work/pki"
"$kmip" certs init --dir "$pki" >/dev/null
conn=(--ca "$pki/ca.pem" --cert "$pki/client.pem" --key "$pki/client.key")

our_port="$(free_port)"
mkdir -p "$work/our-data"
cat >"$work/server.yaml" <<EOF
host: 127.0.0.1
port: $our_port
tls:
  certificate: $pki/server.pem
  key: $pki/server.key
  clientCa: $pki/ca.pem
store: sqlite
dataDir: $work/our-data
limits: {maxConnections: $((idle + 64))}
EOF
say "starting kmipstack's server on 127.0.0.1:$our_port (SQLite in $work/our-data)"
"$kmip" server --config "$work/server.yaml" >"$work/our-server.out" 2>"$work/our-server.err" &
our_pid=$!
pids+=("$our_pid")
await_port "$our_port" 120 || { cat "$work/our-server.err" >&2; say "our server did not start"; exit 1; }

py_port=""
if [[ $pykmip == 1 ]]; then
    [[ -x /usr/bin/pykmip-server ]] || { say "pykmip-server not installed (Debian: python3-pykmip); use --no-pykmip"; exit 1; }
    py_port="$(free_port)"
    mkdir -p "$work/pykmip/policies"
    cat >"$work/pykmip/server.conf" <<EOF
[server]
hostname=127.0.0.1
port=$py_port
certificate_path=$pki/server.pem
key_path=$pki/server.key
ca_path=$pki/ca.pem
auth_suite=TLS1.2
enable_tls_client_auth=True
database_path=$work/pykmip/pykmip.db
logging_level=WARNING
EOF
    say "starting PyKMIP's server on 127.0.0.1:$py_port (SQLite in $work/pykmip)"
    /usr/bin/pykmip-server -f "$work/pykmip/server.conf" -l "$work/pykmip/server.log" -o "$work/pykmip/policies" \
        >"$work/pykmip/stdout.txt" 2>&1 &
    pids+=("$!")
    await_port "$py_port" 60 || { cat "$work/pykmip/stdout.txt" >&2; say "pykmip-server did not start"; exit 1; }
fi

# ---- one measurement: appends one JSON line to results.jsonl

record() { # round scenario target json-or-error
    /usr/bin/python3 - "$1" "$2" "$3" "$4" >>"$results" <<'EOF'
import json, sys
rnd, scenario, target, text = sys.argv[1:5]
r = None
for line in reversed(text.strip().splitlines()):
    if line.startswith("{"):
        try:
            r = json.loads(line)
            break
        except ValueError:
            pass
if r is None:
    r = {"error": text.strip().splitlines()[-1] if text.strip() else "no output"}
r.update({"round": int(rnd), "scenario": scenario, "against": target})
print(json.dumps(r))
EOF
}

bench() { # round scenario target bench-args...
    local rnd="$1" scenario="$2" target="$3" res
    shift 3
    local where=()
    case "$target" in
        ours) where=(--server "127.0.0.1:$our_port" "${conn[@]}") ;;
        pykmip) where=(--server "127.0.0.1:$py_port" "${conn[@]}") ;;
        echo) where=(--echo) ;;
    esac
    say "round $rnd: $scenario against $target"
    # Bounded: warm-up, run, and preparing/cleaning up (100,000 keys for Locate take a while).
    res="$(timeout 1800 "$kmip" bench --json --warmup "${warmup}s" "${where[@]}" "$@" 2>&1)" || true
    record "$rnd" "$scenario" "$target" "$res"
}

s_time() { # round scenario target port
    local rnd="$1" scenario="$2" target="$3" port="$4" start end text n
    say "round $rnd: $scenario with openssl s_time against $target"
    start="$(date +%s.%N)"
    text="$(timeout $((duration + 60)) openssl s_time -connect "127.0.0.1:$port" -new -time "$duration" \
        -cert "$pki/client.pem" -key "$pki/client.key" -CAfile "$pki/ca.pem" 2>&1)" || true
    end="$(date +%s.%N)"
    # "803 connections in 4 real seconds": the count is exact, the seconds are whole; time it here.
    n="$(printf '%s\n' "$text" | sed -n 's/^\([0-9]*\) connections in [0-9]* real seconds.*/\1/p')"
    if [[ -n "$n" ]]; then
        record "$rnd" "$scenario" "$target" "$(/usr/bin/python3 -c "import json; print(json.dumps({'operation': 'connect', \
'operations': $n, 'seconds': round($end - $start, 3), 'opsPerSecond': round($n / ($end - $start), 1), 'errors': 0, \
'client': 'openssl s_time -new'}))")"
    else
        record "$rnd" "$scenario" "$target" "$text"
    fi
}

targets() { # the targets of a scenario, PyKMIP only when running
    local t
    for t in "$@"; do
        if [[ $t == pykmip && $pykmip == 0 ]]; then continue; fi
        printf '%s ' "$t"
    done
}

# Our server is a JVM: until C2 has compiled the hot paths (AES-GCM's GHASH intrinsic among them,
# which takes well over ten seconds on a loaded machine) it runs at a fraction of its speed. Warm it
# once, unrecorded, so that the first round measures the same server as the others.
say "warming up our server (not recorded)"
for op in get create encrypt decrypt locate; do
    timeout 300 "$kmip" bench --server "127.0.0.1:$our_port" "${conn[@]}" --op "$op" --connections 4 --duration 10s \
        --warmup 2s --populate 200 >/dev/null 2>&1 || true
done

d=(--duration "${duration}s")
for ((r = 1; r <= rounds; r++)); do
    if has get4; then for t in $(targets ours pykmip echo); do bench "$r" get4 "$t" --op get --connections 4 "${d[@]}"; done; fi
    if has create4; then for t in $(targets ours pykmip echo); do bench "$r" create4 "$t" --op create --connections 4 "${d[@]}"; done; fi
    if has get1; then for t in $(targets ours pykmip echo); do bench "$r" get1 "$t" --op get --connections 1 "${d[@]}"; done; fi
    if has encrypt16; then
        for t in $(targets ours pykmip echo); do bench "$r" encrypt16 "$t" --op encrypt --size 4096 --connections 16 "${d[@]}"; done
    fi
    if has locate1k; then for t in $(targets ours pykmip); do bench "$r" locate1k "$t" --op locate --populate 1000 "${d[@]}"; done; fi
    if has locate && [[ $r == 1 ]]; then bench "$r" "locate${populate}" ours --op locate --populate "$populate" "${d[@]}"; fi
    if has connect; then
        ss_port="$(free_port)"
        openssl s_server -accept "127.0.0.1:$ss_port" -cert "$pki/server.pem" -key "$pki/server.key" -CAfile "$pki/ca.pem" \
            -Verify 1 -quiet >"$work/s_server.out" 2>&1 &
        ss_pid=$!
        pids+=("$ss_pid")
        await_port "$ss_port" 10
        s_time "$r" connect ours "$our_port"
        s_time "$r" connect s_server "$ss_port"
        kill -9 "$ss_pid" 2>/dev/null || true
        bench "$r" connect-bench ours --op connect --connections 1 "${d[@]}"
        bench "$r" connect-bench echo --op connect --connections 1 "${d[@]}"
    fi
done

# ---- idle connections: the server's live heap before and while they are open

if has idle; then
    heap() { jcmd "$our_pid" GC.class_histogram 2>/dev/null | awk '$1 == "Total" { print $3 }'; }
    rss() { awk '/^VmRSS/ { print $2 * 1024 }' "/proc/$our_pid/status"; }
    established() { ss -Htn state established "( sport = :$our_port )" | wc -l; }
    say "idle: measuring the heap of our server (pid $our_pid) before and with $idle idle connections"
    heap >/dev/null # a first full collection settles what the rounds left behind
    before="$(heap)"
    rss_before="$(rss)"
    "$kmip" bench --json --server "127.0.0.1:$our_port" "${conn[@]}" --op idle --connections "$idle" \
        --duration 90s >"$work/idle.json" 2>&1 &
    idle_pid=$!
    pids+=("$idle_pid")
    for ((i = 0; i < 600; i++)); do
        [[ "$(established)" -ge "$idle" ]] && break
        sleep 0.1
    done
    open="$(established)"
    sleep 2
    during="$(heap)"
    rss_during="$(rss)"
    kill -9 "$idle_pid" 2>/dev/null || true
    record 1 idle ours "$(/usr/bin/python3 -c "import json; print(json.dumps({'operation': 'idle', 'connections': $open, \
'heapBefore': $before, 'heapDuring': $during, 'heapPerConnection': round(($during - $before) / max(1, $open)), \
'rssBefore': $rss_before, 'rssDuring': $rss_during, 'errors': 0 if $open >= $idle else 1}))")"
fi

# ---- summary

/usr/bin/python3 - "$results" "$rounds" <<'EOF'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
rounds = int(sys.argv[2])

def runs(scenario, target):
    return [r for r in rows if r["scenario"] == scenario and r["against"] == target]

def stat(scenario, target, key):
    v = [r[key] for r in runs(scenario, target) if "error" not in r and key in r and r.get("errors", 0) == 0]
    return (statistics.median(v), min(v), max(v), len(v)) if v else None

def fmt(s, unit=""):
    if s is None:
        return "n/a"
    med, lo, hi, n = s
    return f"{med:,.1f}{unit} ({lo:,.1f}-{hi:,.1f}, n={n})"

print()
print(f"medians over {rounds} round(s); min-max and runs without errors in brackets")
print(f"{'scenario':<16}{'against':<10}{'ops/s':>36}{'p50 us':>36}")
for sc in dict.fromkeys(r["scenario"] for r in rows):
    if sc == "idle":
        continue
    for t in dict.fromkeys(r["against"] for r in rows if r["scenario"] == sc):
        errs = [r.get("error") or f"{r['errors']} errors" for r in runs(sc, t) if "error" in r or r.get("errors", 0)]
        line = f"{sc:<16}{t:<10}{fmt(stat(sc, t, 'opsPerSecond')):>36}{fmt(stat(sc, t, 'p50Micros')):>36}"
        print(line + (f"   failed: {errs[0]}" if errs else ""))

def ratio(sc, a, b, key, invert=False):
    x, y = stat(sc, a, key), stat(sc, b, key)
    if not x or not y or y[0] == 0:
        return None
    return y[0] / x[0] if invert else x[0] / y[0]

print()
print("targets (ratios of medians)")
checks = [
    ("Get 4 conn.: ours / PyKMIP ops/s", ratio("get4", "ours", "pykmip", "opsPerSecond"), ">=", 100),
    ("Create 4 conn.: ours / PyKMIP ops/s", ratio("create4", "ours", "pykmip", "opsPerSecond"), ">=", 50),
    ("Get 1 conn.: ours p50 / echo p50", ratio("get1", "ours", "echo", "p50Micros"), "<=", 1.5),
    ("Encrypt 16 conn.: ours / PyKMIP ops/s", ratio("encrypt16", "ours", "pykmip", "opsPerSecond"), ">=", 100),
    ("Encrypt 16 conn.: ours / echo ops/s", ratio("encrypt16", "ours", "echo", "opsPerSecond"), ">=", 0.70),
    ("new TLS conn./s: s_time ours / s_server", ratio("connect", "ours", "s_server", "opsPerSecond"), ">=", 0.50),
]
for sc in dict.fromkeys(r["scenario"] for r in rows):
    if sc.startswith("locate") and sc != "locate1k":
        s = stat(sc, "ours", "p50Micros")
        checks.append((f"Locate among {sc[6:]}: ours p50 ms", s and s[0] / 1000, "<=", 5))
for name, v, op, goal in checks:
    if v is None:
        print(f"  {name:<44} n/a")
    else:
        ok = v >= goal if op == ">=" else v <= goal
        print(f"  {name:<44} {v:10.2f}   target {op} {goal}   {'met' if ok else 'NOT MET'}")
for r in rows:
    if r["scenario"] == "idle":
        mib = (r["heapDuring"] - r["heapBefore"]) / 2**20
        print(f"  {'idle ' + str(r['connections']) + ' conn.: server heap MiB':<44} {mib:10.2f}   target <= 64   "
              f"{'met' if mib <= 64 else 'NOT MET'}   ({r['heapPerConnection']:,} B/conn.; "
              f"RSS +{(r['rssDuring'] - r['rssBefore']) / 2**20:.1f} MiB)")
print()
print("raw results:", sys.argv[1])
EOF
