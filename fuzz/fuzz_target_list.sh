# shellcheck shell=bash
# Sourced by fuzz/build.sh and bench/fuzz/run_fuzz_bench.sh: the fuzz targets as
# fuzz/CMakeLists.txt declares them, one mbh_add_fuzz_target line each.
fuzz_target_list_file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/CMakeLists.txt"

fuzz_target_names() {
  sed -n 's/^mbh_add_fuzz_target(\([a-z_0-9]*\).*/\1/p' "$fuzz_target_list_file"
}

# The target's MAX_LEN, 600 where its line gives none (as mbh_add_fuzz_target).
fuzz_target_max_len() {
  local len
  len=$(sed -n "s/^mbh_add_fuzz_target($1 MAX_LEN \([0-9]*\).*/\1/p" "$fuzz_target_list_file")
  echo "${len:-600}"
}
