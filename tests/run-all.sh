#!/usr/bin/env bash
# The test command (README, .ci/run): installs what is missing, then builds and runs every
# test in the release preset (g++ 12), the whole suite again under ASan + UBSan (clang 14),
# and every libFuzzer target, built by fuzz/build.sh as OSS-Fuzz builds it, for
# MBH_FUZZ_SECONDS (default 10) under ASan + UBSan.
set -euo pipefail
cd "$(dirname "$0")/.."

bash cmake/install-deps.sh

jobs=$(nproc)
fuzz_seconds=${MBH_FUZZ_SECONDS:-10}
started=$SECONDS

step() { printf '\n== %s (%ds)\n' "$*" $((SECONDS - started)); }

for preset in release sanitize; do
  step "configure, build and test: $preset"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  ctest --preset "$preset" -j "$jobs"
done

step "fuzz: build.sh as OSS-Fuzz runs it, every target over its seeds, then ${fuzz_seconds}s each"
# One build serves both: OSS-Fuzz's variables with the fuzz preset's sanitizers (ASan, and
# UBSan without object-size and alignment, CMakePresets.json says why) and assertions.
oss_fuzz=build/oss-fuzz
SANITIZER_FLAGS="-fsanitize=address,undefined -fsanitize-address-use-after-scope \
-fno-sanitize=object-size,alignment -fno-sanitize-recover=all -D_GLIBCXX_ASSERTIONS" \
  bash fuzz/test_oss_fuzz_build.sh --keep "$oss_fuzz"
fuzz_tree="$oss_fuzz/work/mbharness-oss-fuzz-build"
cmake "$fuzz_tree" -DMBH_FUZZ_SECONDS="$fuzz_seconds" >/dev/null
# One target per core: each libFuzzer run is single-threaded.
ctest --test-dir "$fuzz_tree" -R '^fuzz-smoke[.]' -j "$jobs" --output-on-failure --no-tests=error

step "all green"
