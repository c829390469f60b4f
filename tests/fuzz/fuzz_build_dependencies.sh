#!/bin/bash
# The fuzz targets alone, configured as fuzz/build.sh configures them, with CLI11, libpcap,
# GoogleTest, Google Benchmark and Boost's CMake package all made unfindable: OSS-Fuzz's image
# has none of them (or Boost 1.71, without PFR), so the configure must not look for them, and
# no target may link one (CMake refuses a link to a missing namespaced target).
# Usage: fuzz_build_dependencies.sh SOURCE_DIR CXX
set -euo pipefail
source_dir=$1
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
if ! cmake -S "$source_dir" -B "$scratch" -G Ninja -DCMAKE_CXX_COMPILER="$2" \
  -DMBH_FUZZ=ON -DMBH_BUILD_CLI=OFF -DMBH_BUILD_TESTS=OFF -DMBH_BUILD_BENCH=OFF \
  -DCMAKE_DISABLE_FIND_PACKAGE_CLI11=ON -DCMAKE_DISABLE_FIND_PACKAGE_GTest=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_benchmark=ON -DCMAKE_DISABLE_FIND_PACKAGE_PkgConfig=ON \
  -DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON >"$scratch.log" 2>&1; then
  cat "$scratch.log"
  rm -f "$scratch.log"
  exit 1
fi
rm -f "$scratch.log"
# Every fuzz target is there, and nothing of the tool's.
targets=$(ninja -C "$scratch" -t targets all)
for target in fuzz_request fuzz_client fuzz_replay_file fuzz_map_file; do
  grep -q "^fuzz/$target:" <<<"$targets" || { echo "no target $target"; exit 1; }
done
if grep -q "^harness/cli/mbharness:" <<<"$targets"; then
  echo "the tool is built though MBH_BUILD_CLI is OFF"
  exit 1
fi
echo "fuzz targets configure without CLI11, libpcap, GoogleTest, Benchmark, Boost's package"
