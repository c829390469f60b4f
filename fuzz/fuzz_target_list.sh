# shellcheck shell=bash
# Sourced by fuzz/build.sh and bench/fuzz/run_fuzz_bench.sh: the fuzz targets as
# fuzz/CMakeLists.txt declares them with mbh_add_fuzz_target.
fuzz_target_list_file="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/CMakeLists.txt"

# Each mbh_add_fuzz_target call on one line, as "name ARGS...", however it is wrapped.
fuzz_target_declarations() {
  awk '/^[ \t]*mbh_add_fuzz_target[ \t]*\(/ { call = ""; open = 1 }
       open {
         call = call " " $0
         if ($0 ~ /\)/) {
           sub(/^[ \t]*mbh_add_fuzz_target[ \t]*\([ \t]*/, "", call)
           sub(/\).*/, "", call)
           gsub(/[ \t]+/, " ", call)
           print call
           open = 0
         }
       }' "$fuzz_target_list_file"
}

fuzz_target_names() {
  fuzz_target_declarations | awk '{ print $1 }'
}

# The target's MAX_LEN, 600 where its call gives none (as mbh_add_fuzz_target).
fuzz_target_max_len() {
  fuzz_target_declarations |
    awk -v name="$1" '$1 == name { for (i = 2; i < NF; ++i) if ($i == "MAX_LEN") len = $(i + 1) }
                      END { print (len == "") ? 600 : len }'
}
