#!/bin/bash
# Runs fuzz/build.sh locally with the variables OSS-Fuzz sets for a libFuzzer + ASan build,
# then runs every binary it produced over its own seed corpus (unzipped), as the
# infrastructure's check_build does. Bounded: -runs=0 replays the corpus only.
# Usage: test_oss_fuzz_build.sh [--keep DIR]
#   --keep DIR   $WORK (the build tree) and $OUT go in DIR and stay: the test command
#                smoke-runs the targets from there instead of building them a second time.
#   SANITIZER_FLAGS, when set, replaces ASan's (OSS-Fuzz sets it per sanitizer build).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
if [ "${1:-}" = --keep ] && [ -n "${2:-}" ]; then
  mkdir -p "$2"
  scratch=$(cd "$2" && pwd)
  rm -rf "$scratch/out" "$scratch"/seeds-*
elif [ $# -eq 0 ]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
else
  echo "usage: $0 [--keep DIR]" >&2
  exit 2
fi

export CC=clang-14 CXX=clang++-14
export SANITIZER_FLAGS=${SANITIZER_FLAGS:-"-fsanitize=address -fsanitize-address-use-after-scope"}
export CFLAGS="-O1 -fno-omit-frame-pointer -gline-tables-only $SANITIZER_FLAGS -fsanitize=fuzzer-no-link"
export CXXFLAGS="$CFLAGS"
export LIB_FUZZING_ENGINE="-fsanitize=fuzzer"
export OUT="$scratch/out" WORK="$scratch/work" SRC="$(dirname "$here")"
mkdir -p "$OUT" "$WORK"

"$here/build.sh"

count=0
for options in "$OUT"/*.options; do
  target=$(basename "$options" .options)
  test -x "$OUT/$target" || { echo "missing binary $target"; exit 1; }
  test -f "$OUT/$target.dict" || { echo "missing dictionary for $target"; exit 1; }
  seeds="$scratch/seeds-$target"
  mkdir -p "$seeds"
  unzip -q "$OUT/${target}_seed_corpus.zip" -d "$seeds"
  test -n "$(ls -A "$seeds")" || { echo "empty seed corpus for $target"; exit 1; }
  "$OUT/$target" -runs=0 -dict="$OUT/$target.dict" "$seeds" 2>"$scratch/$target.log" ||
    { cat "$scratch/$target.log"; exit 1; }
  echo "$target: built by build.sh, ran its $(ls "$seeds" | wc -l) seeds"
  count=$((count + 1))
done
test "$count" -gt 0
echo "oss-fuzz build: $count targets"
