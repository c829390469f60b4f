#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is missing, then builds and runs every
# test in the release preset (g++ 12), the whole suite again under ASan + UBSan (clang 14),
# and every libFuzzer target for MBH_FUZZ_SECONDS (default 15) under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

bash cmake/install-deps.sh

jobs=$(nproc)
fuzz_seconds=${MBH_FUZZ_SECONDS:-15}
started=$SECONDS

step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - started)); }

for preset in release sanitize; do
  step "configure, build and test: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done

step "fuzz smoke run: every target for ${fuzz_seconds}s under ASan + UBSan"
cmake --preset fuzz -DMBH_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
cmake --build --preset fuzz -j "$jobs" --target fuzz_targets
# One target per core: each libFuzzer run is single-threaded.
ctest --preset fuzz -j "$jobs"

step "all green"
