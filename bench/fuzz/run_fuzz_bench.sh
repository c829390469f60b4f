#!/usr/bin/env bash
# Fuzz benchmark, two parts, both from this one run:
# 1. executions per CPU second of every target (fuzz preset: libFuzzer + ASan + UBSan), each
#    run alone on one core for EXEC_SECONDS after as long growing its corpus from its seeds,
#    next to fuzz_empty_baseline, a target that does nothing, built the same way (target:
#    codec targets at least 40 % of its rate);
# 2. source-based coverage (llvm-cov) of the codec, the value decoders and the models (the
#    oracle) reached by COVERAGE_SECONDS of fuzzing with COVERAGE_TARGETS, in a build
#    instrumented for coverage and nothing else (target: at least 95 % of codec lines).
#
#   bench/fuzz/run_fuzz_bench.sh        EXEC_SECONDS=20 COVERAGE_SECONDS=300 by default
#   COVERAGE_SECONDS=0 skips part 2.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
EXEC_SECONDS="${EXEC_SECONDS:-20}"
COVERAGE_SECONDS="${COVERAGE_SECONDS:-300}"
COVERAGE_TARGETS="${COVERAGE_TARGETS:-fuzz_codec fuzz_framer fuzz_structured fuzz_values fuzz_oracle}"
CODEC_TARGETS="fuzz_codec fuzz_framer fuzz_structured fuzz_values"
COV_BUILD="$ROOT/build/fuzz-coverage"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

targets=$(sed -n 's/^mbh_add_fuzz_target(\([a-z_0-9]*\).*/\1/p' fuzz/CMakeLists.txt)
dict_of() { if [[ -f "fuzz/$1.dict" ]]; then echo "fuzz/$1.dict"; else echo fuzz/modbus.dict; fi; }
# A fresh corpus of the target's seeds and regressions: runs do not feed each other.
seed_dir() {
  local dir="$WORK/corpus-$1-$2"
  mkdir -p "$dir"
  for from in "corpus/$1" "corpus/regressions/$1"; do
    [[ -d "$from" ]] && find "$from" -type f ! -name .keep -exec cp {} "$dir/" \;
  done
  echo "$dir"
}
pin=()
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then pin=(taskset -c 1); fi

# ---- 1. executions per second ------------------------------------------------------------
cmake --preset fuzz >/dev/null
# shellcheck disable=SC2086
cmake --build --preset fuzz --target $targets fuzz_empty_baseline

# Executions per CPU second (user + system), not per wall second: on a machine shared with
# other work a target gets the CPU it gets, and the baseline may not get the same share.
# Steady state: a first run of EXEC_SECONDS grows the corpus (new inputs written, new
# functions symbolised: start-up costs the empty target never pays); the second, measured
# run starts from that corpus and writes what it finds elsewhere.
exec_rate() {  # name -> executions per CPU second over a run of EXEC_SECONDS
  local name=$1 binary="build/fuzz/fuzz/$1" log="$WORK/$1.exec.log" cpu="$WORK/$1.cpu"
  local grown scratch
  grown="$(seed_dir "$name" exec)" scratch="$WORK/scratch-$name"
  mkdir -p "$scratch"
  local flags=(-max_len=600 -timeout=10 -print_funcs=0 -dict="$(dict_of "$1")"
    -artifact_prefix="$WORK/")
  "${pin[@]}" "$binary" -max_total_time="$EXEC_SECONDS" "${flags[@]}" "$grown" >"$log" 2>&1 &&
    /usr/bin/time -f '%U %S' -o "$cpu" "${pin[@]}" "$binary" -max_total_time="$EXEC_SECONDS" \
      -print_final_stats=1 "${flags[@]}" "$scratch" "$grown" >"$log" 2>&1 ||
    { echo "$name stopped with a finding; see its log:" >&2; tail -30 "$log" >&2; exit 1; }
  local units
  units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  awk -v n="$units" '{ printf "%.0f", n / ($1 + $2) }' "$cpu"
}

declare -A RATE
# The baseline before and after the targets, averaged: the machine's state drifts.
first_baseline="$(exec_rate fuzz_empty_baseline)"
for t in $targets; do RATE[$t]="$(exec_rate "$t")"; done
RATE[fuzz_empty_baseline]=$(( (first_baseline + $(exec_rate fuzz_empty_baseline)) / 2 ))

echo
echo "| target | executions per CPU second | of the empty target's | target |"
echo "|---|---:|---:|---|"
printf '| fuzz_empty_baseline | %s | 100 %% | |\n' "${RATE[fuzz_empty_baseline]}"
for t in $targets; do
  share=$(awk -v a="${RATE[$t]}" -v b="${RATE[fuzz_empty_baseline]}" 'BEGIN { printf "%.0f", 100 * a / b }')
  goal=""
  if [[ " $CODEC_TARGETS " == *" $t "* ]]; then
    goal="≥ 40 %: $(awk -v s="$share" 'BEGIN { print (s >= 40) ? "met" : "MISSED" }')"
  fi
  printf '| %s | %s | %s %% | %s |\n' "$t" "${RATE[$t]}" "$share" "$goal"
done

# ---- 2. coverage ---------------------------------------------------------------------------
[[ "$COVERAGE_SECONDS" -gt 0 ]] || exit 0
flags="-fprofile-instr-generate -fcoverage-mapping"
cmake -S "$ROOT" -B "$COV_BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=Release -DMBH_FUZZ=ON -DMBH_BUILD_TESTS=OFF -DMBH_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $flags" \
  -DMBH_FUZZING_ENGINE="-fsanitize=fuzzer $flags" >/dev/null
# shellcheck disable=SC2086
cmake --build "$COV_BUILD" --target $COVERAGE_TARGETS

# Two targets at a time, one per core; each writes its profile when its time is up.
objects=()
running=0
for t in $COVERAGE_TARGETS; do
  LLVM_PROFILE_FILE="$WORK/$t-%p.profraw" "$COV_BUILD/fuzz/$t" \
    -max_total_time="$COVERAGE_SECONDS" -max_len=600 -timeout=10 -dict="$(dict_of "$t")" \
    "$(seed_dir "$t" coverage)" >"$WORK/$t.coverage.log" 2>&1 &
  objects+=(-object "$COV_BUILD/fuzz/$t")
  running=$((running + 1))
  if [[ "$running" -ge 2 ]]; then wait -n; running=$((running - 1)); fi
done
wait
llvm-profdata-14 merge -sparse "$WORK"/*.profraw -o "$WORK/merged.profdata"

line_coverage() {  # llvm-cov report arguments -> "covered/total (percent)" of lines
  llvm-cov-14 report "${objects[@]:1}" -instr-profile="$WORK/merged.profdata" "$@" 2>/dev/null |
    awk '$1 == "TOTAL" { printf "%d / %d lines (%s)", $8 - $9, $8, $10 }'
}
echo
echo "Coverage after ${COVERAGE_SECONDS} s of each of: $COVERAGE_TARGETS"
echo
echo "| code | lines covered | target |"
echo "|---|---:|---|"
echo "| harness/codec (not values/) | $(line_coverage -ignore-filename-regex='harness/codec/values/' "$ROOT/harness/codec") | ≥ 95 % |"
echo "| harness/codec/values | $(line_coverage "$ROOT/harness/codec/values") | |"
echo "| models (oracle, readout, rule table, maps) | $(line_coverage "$ROOT/models") | |"
