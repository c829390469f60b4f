#!/usr/bin/env bash
# Builds (if needed) and runs the codec benchmark, then the ratio of the codec's cost per
# request to one loopback round trip. About 5 seconds on 2 cores; extra arguments go to the
# binary (e.g. --benchmark_filter=ServerPath, --benchmark_repetitions=5).
#   bench/run_codec_bench.sh [benchmark flags...]
# MBH_BENCH_BUILD_DIR picks the build directory (default: build/bench, a Release build).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${MBH_BENCH_BUILD_DIR:-${repo_root}/build/bench}"
binary="${build_dir}/bench/mbh_codec_bench"

if [[ ! -f "${build_dir}/CMakeCache.txt" ]]; then
  cmake -S "${repo_root}" -B "${build_dir}" -G Ninja -DCMAKE_CXX_COMPILER=g++-12 \
    -DCMAKE_BUILD_TYPE=Release -DMBH_BUILD_BENCH=ON -DMBH_BUILD_TESTS=OFF \
    -DCMAKE_COMPILE_WARNING_AS_ERROR=ON
fi
cmake --build "${build_dir}" --target mbh_codec_bench

# 0.2 s per benchmark is enough for stable nanosecond figures and keeps the run short; the
# context lines (CPU, load) go to stderr, merged so they print ahead of the table.
exec "${binary}" --benchmark_min_time=0.2 "$@" 2>&1
