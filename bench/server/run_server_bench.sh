#!/usr/bin/env bash
# Server benchmark: mbharness simulate against libmodbus, pymodbus and a do-nothing floor server,
# all measured in one run by the same load client. Server pinned to core 0, client to core 1.
# mbharness simulate also serves two map files through its generic device (no live model):
# conext-bms.json (`maps conext-bms --json` without its "simulation"), read with the very request
# the built-in run reads, and models/map_files/energy-meter.json, read with FC 04 over its first
# five float32 rows; each is compared with the built-in simulator of the same run.
#
#   bench/server/run_server_bench.sh [BUILD_DIR]    (default build/srvbench)
#   SECONDS_PER_RUN=3 WARMUP=0.5 CONNS="1 16 256" HOLD_CONNS=1000 to override.
#
# Server CPU per request: utime+stime (fields 14, 15 of /proc/PID/stat, clock ticks) before and
# after the whole client run, divided by every request answered in it (warm-up included).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${1:-$ROOT/build/srvbench}"
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac
SECS="${SECONDS_PER_RUN:-3}"
WARMUP="${WARMUP:-0.5}"
CONNS="${CONNS:-1 16 256}"
HOLD_CONNS="${HOLD_CONNS:-1000}"
CLIENT="$BUILD/bench/server/mbh_load_client"
TICK="$(getconf CLK_TCK)"
WORK="$(mktemp -d)"

ulimit -n 4096 2>/dev/null || ulimit -n "$(ulimit -Hn)"

SERVER_PID=""
stop_server() {
  if [[ -n "$SERVER_PID" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}
cleanup() { stop_server; rm -rf "$WORK"; }
trap cleanup EXIT
trap 'exit 130' INT TERM

# The Conext BMS map as a file, without its live model: served by the generic device.
"$BUILD/harness/cli/mbharness" maps conext-bms --json |
  /usr/bin/python3 -c 'import json, sys; m = json.load(sys.stdin); del m["simulation"]; json.dump(m, sys.stdout)' \
  >"$WORK/conext-bms.json"

server_cmd() {
  case "$1" in
    simulator) echo "$BUILD/harness/cli/mbharness simulate --port 0" ;;
    bms-file)  echo "$BUILD/harness/cli/mbharness simulate --port 0 --map $WORK/conext-bms.json" ;;
    meter-file) echo "$BUILD/harness/cli/mbharness simulate --port 0 --map $ROOT/models/map_files/energy-meter.json" ;;
    libmodbus) echo "$BUILD/bench/server/libmodbus_bench_server 0" ;;
    pymodbus)  echo "/usr/bin/python3 $ROOT/bench/server/pymodbus_bench_server.py 0" ;;
    floor)     echo "$BUILD/bench/server/floor_bench_server 0" ;;
  esac
}

PORT=""
start_server() {  # name
  local out="$WORK/$1.out"
  # shellcheck disable=SC2046
  taskset -c 0 $(server_cmd "$1") >"$out" 2>"$WORK/$1.err" &
  SERVER_PID=$!
  for _ in $(seq 100); do
    PORT="$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$out" 2>/dev/null | sed 's/.*://')" || true
    [[ -n "$PORT" ]] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "server $1 did not start:" >&2; cat "$WORK/$1.err" >&2; exit 1
}

# The load client's request for each server: a read the served map answers normally. The
# default (FC 03, holding 40070, 9 registers, unit 230) is the Conext BMS's.
client_request() {
  case "$1" in
    meter-file) echo "--unit 1 --function 4 --address 0 --quantity 10" ;;
    *) echo "" ;;
  esac
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
field() { sed -n "s/.*\"$2\":\([0-9.]*\).*/\1/p" <<<"$1"; }

declare -A RPS P50 P99 CPU
SERVERS=(simulator bms-file meter-file libmodbus pymodbus floor)
for s in "${SERVERS[@]}"; do
  start_server "$s"
  for n in $CONNS; do
    before="$(cpu_ticks "$SERVER_PID")"
    # shellcheck disable=SC2046
    json="$(taskset -c 1 "$CLIENT" --port "$PORT" --connections "$n" --seconds "$SECS" \
      --warmup "$WARMUP" $(client_request "$s"))" \
      || echo "warning: client reported errors for $s/$n: $json" >&2
    after="$(cpu_ticks "$SERVER_PID")"
    echo "$s $n $json" >&2
    total="$(field "$json" total_answered)"
    RPS[$s,$n]="$(field "$json" requests_per_s)"
    P50[$s,$n]="$(field "$json" p50_us)"
    P99[$s,$n]="$(field "$json" p99_us)"
    CPU[$s,$n]="$(awk -v d="$((after - before))" -v t="$TICK" -v r="$total" \
      'BEGIN { if (r > 0) printf "%.2f", d * 1e6 / t / r; else print "n/a" }')"
  done
  stop_server
done

# The simulator's RSS with HOLD_CONNS connections open (one request answered on each, then idle).
start_server simulator
rss_idle="$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")"
taskset -c 1 "$CLIENT" --port "$PORT" --connections "$HOLD_CONNS" --hold 2 >"$WORK/hold.out" &
HOLD_PID=$!
for _ in $(seq 200); do grep -q holding "$WORK/hold.out" 2>/dev/null && break; sleep 0.05; done
held="$(sed -n 's/holding //p' "$WORK/hold.out")"
rss_held="$(awk '/VmRSS/ {print $2}' "/proc/$SERVER_PID/status")"
wait "$HOLD_PID" || echo "warning: hold client failed" >&2
stop_server

name() {
  case "$1" in
    bms-file) echo "simulator, conext-bms.json (generic device)" ;;
    meter-file) echo "simulator, energy-meter.json (generic device)" ;;
    *) echo "$1" ;;
  esac
}

echo
echo "| server | connections | requests/s | p50 µs | p99 µs | server CPU µs/request |"
echo "|---|---:|---:|---:|---:|---:|"
for s in "${SERVERS[@]}"; do
  for n in $CONNS; do
    printf '| %s | %s | %.0f | %s | %s | %s |\n' "$(name "$s")" "$n" "${RPS[$s,$n]}" "${P50[$s,$n]}" \
      "${P99[$s,$n]}" "${CPU[$s,$n]}"
  done
done

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
verdict() { awk -v v="$1" -v t="$3" -v op="$2" 'BEGIN {
  ok = (op == "<=") ? v <= t : (op == "<") ? v < t : v >= t; print ok ? "meets" : "MISSES" }'; }
echo
echo "| ratio at 16 connections | value | target | |"
echo "|---|---:|---:|---|"
r="$(ratio "${CPU[simulator,16]}" "${CPU[floor,16]}")"
echo "| simulator CPU/request ÷ floor | $r | ≤ 1.1 | $(verdict "$r" "<=" 1.1) |"
r="$(ratio "${CPU[simulator,16]}" "${CPU[libmodbus,16]}")"
echo "| simulator CPU/request ÷ libmodbus | $r | < 0.8 | $(verdict "$r" "<" 0.8) |"
r="$(ratio "${RPS[simulator,16]}" "${RPS[floor,16]}")"
echo "| simulator requests/s ÷ floor | $r | ≥ 0.95 | $(verdict "$r" ">=" 0.95) |"
r="$(ratio "${P99[simulator,16]}" "${P99[libmodbus,16]}")"
echo "| simulator p99 ÷ libmodbus p99 | $r | (lower is better) | |"
for f in bms-file meter-file; do
  r="$(ratio "${RPS[$f,16]}" "${RPS[simulator,16]}")"
  echo "| $(name "$f") requests/s ÷ built-in simulator | $r | ≥ 0.95 | $(verdict "$r" ">=" 0.95) |"
  r="$(ratio "${CPU[$f,16]}" "${CPU[simulator,16]}")"
  echo "| $(name "$f") CPU/request ÷ built-in simulator | $r | ≤ 1.1 | $(verdict "$r" "<=" 1.1) |"
done
mib_held="$(awk -v k="$rss_held" 'BEGIN { printf "%.1f", k / 1024 }')"
mib_idle="$(awk -v k="$rss_idle" 'BEGIN { printf "%.1f", k / 1024 }')"
echo
echo "| simulator RSS | MiB | target | |"
echo "|---|---:|---:|---|"
echo "| idle, just started | $mib_idle | | |"
echo "| $HOLD_CONNS connections open (${held:-0} answered) | $mib_held | < 20 | $(verdict "$mib_held" "<" 20) |"
