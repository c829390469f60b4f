#!/bin/bash -eu
# Builds every fuzz target as OSS-Fuzz and ClusterFuzzLite expect: compilers and flags from
# $CC, $CXX, $CFLAGS, $CXXFLAGS, the engine from $LIB_FUZZING_ENGINE, and into $OUT each
# binary with its .options, the Modbus dictionary and a seed-corpus zip.
# Usage (as the infrastructure runs it): $SRC/mbharness/fuzz/build.sh
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source_dir=$(dirname "$here")
build_dir=${WORK:-/tmp}/mbharness-oss-fuzz-build

# OSS-Fuzz's image (Ubuntu 20.04) lacks some dependencies or has them too old; its Dockerfile
# (.clusterfuzzlite/Dockerfile) fetches their sources at pinned tags into $SRC/deps, and they
# are built here, with $CXX and $CXXFLAGS like the targets (libc++ and the sanitizers there),
# never downloaded. Without that folder (Debian 12) the system's packages serve.
deps_src=${MBH_DEPS_SRC:-${SRC:-/nonexistent}/deps}
prefix_args=()
if [ -d "$deps_src" ]; then
  prefix=${WORK:-/tmp}/mbharness-deps
  mkdir -p "$prefix/include"
  for dep in fmt rapidcheck json; do
    [ -d "$deps_src/$dep" ] || continue
    cmake -S "$deps_src/$dep" -B "${WORK:-/tmp}/mbharness-deps-build/$dep" -G Ninja \
      -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX="$prefix" \
      -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
      -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
      -DCMAKE_POSITION_INDEPENDENT_CODE=ON -DBUILD_SHARED_LIBS=OFF \
      -DFMT_TEST=OFF -DFMT_DOC=OFF -DJSON_BuildTests=OFF -DRC_ENABLE_TESTS=OFF >/dev/null
    cmake --build "${WORK:-/tmp}/mbharness-deps-build/$dep"
    cmake --install "${WORK:-/tmp}/mbharness-deps-build/$dep" >/dev/null
  done
  # Header only, no CMake package of their own that we use: the headers beside the rest.
  [ -d "$deps_src/asio" ] && cp -r "$deps_src/asio/asio/include/." "$prefix/include/"
  [ -d "$deps_src/pfr" ] && cp -r "$deps_src/pfr/include/." "$prefix/include/"
  prefix_args=(-DCMAKE_PREFIX_PATH="$prefix")
fi

# $CFLAGS choose the optimisation and the debug info (OSS-Fuzz's -O1 -gline-tables-only):
# RelWithDebInfo's own -O2 -g would come after them and win.
cmake -S "$source_dir" -B "$build_dir" -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_FLAGS_RELWITHDEBINFO=-DNDEBUG -DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-DNDEBUG \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_CXX_COMPILER="$CXX" \
  -DCMAKE_C_FLAGS="$CFLAGS" -DCMAKE_CXX_FLAGS="$CXXFLAGS" \
  -DMBH_FUZZ=ON -DMBH_BUILD_CLI=OFF -DMBH_BUILD_TESTS=OFF -DMBH_BUILD_BENCH=OFF \
  -DMBH_FUZZING_ENGINE="$LIB_FUZZING_ENGINE" "${prefix_args[@]}"

# shellcheck source=fuzz/fuzz_target_list.sh
source "$here/fuzz_target_list.sh"
targets=$(fuzz_target_names)
# shellcheck disable=SC2086
cmake --build "$build_dir" --target $targets

for target in $targets; do
  cp "$build_dir/fuzz/$target" "$OUT/"
  cp "$here/modbus.dict" "$OUT/$target.dict"
  printf '[libfuzzer]\ndict = %s.dict\nmax_len = %s\ntimeout = 10\n' "$target" \
    "$(fuzz_target_max_len "$target")" > "$OUT/$target.options"
  seeds=$(mktemp -d)
  for dir in "$source_dir/corpus/$target" "$source_dir/corpus/regressions/$target"; do
    [ -d "$dir" ] && find "$dir" -type f ! -name '.keep' -exec cp {} "$seeds/" \;
  done
  (cd "$seeds" && zip -q -r "$OUT/${target}_seed_corpus.zip" .)
  rm -rf "$seeds"
done
echo "fuzz/build.sh: built $(echo "$targets" | wc -w) targets into $OUT"
