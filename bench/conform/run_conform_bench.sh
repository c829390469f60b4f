#!/usr/bin/env bash
# Conformance benchmark: `mbharness simulate` pinned to core 0, mbh_conform_bench on core 1
# running each map's full default suite (seed 1) against it, next to the round-trip limit of
# one loopback connection measured against the same simulator in the same run.
#
#   bench/conform/run_conform_bench.sh [BUILD_DIR] [-- bench options]   (default build/release)
#   e.g. bench/conform/run_conform_bench.sh build/release -- --repetitions 9
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/build/release"
if [[ $# -gt 0 && "$1" != "--" ]]; then BUILD="$1"; shift; fi
[[ "${1:-}" == "--" ]] && shift
case "$BUILD" in /*) ;; *) BUILD="$ROOT/$BUILD" ;; esac

# MBH_BENCH_NO_BUILD=1: use the binaries as they are (the ctest smoke run does).
if [[ "${MBH_BENCH_NO_BUILD:-0}" != 1 && ! -f "$BUILD/CMakeCache.txt" ]]; then
  cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_CXX_COMPILER=g++-12 -DCMAKE_BUILD_TYPE=Release \
    -DMBH_BUILD_BENCH=ON -DMBH_BUILD_TESTS=OFF -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
fi
[[ "${MBH_BENCH_NO_BUILD:-0}" == 1 ]] || cmake --build "$BUILD" --target mbharness mbh_conform_bench

# Two cores or more: the server and the client each get one, as in the server benchmark.
pin_server=() pin_client=()
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then
  pin_server=(taskset -c 0) pin_client=(taskset -c 1)
fi

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [[ -n "$SERVER_PID" ]]; then kill -TERM "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"${pin_server[@]}" "$BUILD/harness/cli/mbharness" simulate --port 0 >"$WORK/out" 2>"$WORK/err" &
SERVER_PID=$!
PORT=""
for _ in $(seq 100); do
  PORT="$(grep -o 'listening on 127\.0\.0\.1:[0-9]*' "$WORK/out" 2>/dev/null | sed 's/.*://')" || true
  [[ -n "$PORT" ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || break
  sleep 0.1
done
if [[ -z "$PORT" ]]; then echo "the simulator did not start:" >&2; cat "$WORK/err" >&2; exit 1; fi

"${pin_client[@]}" "$BUILD/bench/conform/mbh_conform_bench" --port "$PORT" "$@"
