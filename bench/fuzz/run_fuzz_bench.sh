#!/usr/bin/env bash
# Fuzz benchmark, two parts, both from this one run:
# 1. executions per CPU second of every target (fuzz preset: libFuzzer + ASan + UBSan), each
#    after GROW_SECONDS growing its corpus from its seeds, next to fuzz_empty_baseline, a
#    target that does nothing, built the same way: RUNS rounds of EXEC_SECONDS (libFuzzer
#    seeds 1..RUNS), each the baseline on one core while the target runs on the other (the
#    cores swap every round), the geometric mean of the rounds' shares reported (target: the
#    codec targets, fuzz_request and fuzz_response, at least 40 % of the empty target's rate);
# 2. source-based coverage (llvm-cov) of the codec, the value decoders and the models (the
#    oracle) reached by COVERAGE_SECONDS of fuzzing with COVERAGE_TARGETS, in a build
#    instrumented for coverage and nothing else (target: at least 95 % of codec lines).
#
#   bench/fuzz/run_fuzz_bench.sh        GROW_SECONDS=30 EXEC_SECONDS=10 RUNS=6
#                                       COVERAGE_SECONDS=300 by default
#   EXEC_SECONDS=0 skips part 1, COVERAGE_SECONDS=0 part 2.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GROW_SECONDS="${GROW_SECONDS:-30}"
EXEC_SECONDS="${EXEC_SECONDS:-10}"
RUNS="${RUNS:-6}"
COVERAGE_SECONDS="${COVERAGE_SECONDS:-300}"
COVERAGE_TARGETS="${COVERAGE_TARGETS:-fuzz_request fuzz_response fuzz_framer fuzz_structured \
fuzz_values fuzz_oracle}"
# The PDU codec's targets: request decode, and response decode given a request.
CODEC_TARGETS="fuzz_request fuzz_response"
COV_BUILD="$ROOT/build/fuzz-coverage"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$ROOT"

# TARGETS="fuzz_request fuzz_response" measures those alone.
# shellcheck source=fuzz/fuzz_target_list.sh
source fuzz/fuzz_target_list.sh
targets="${TARGETS:-$(fuzz_target_names)}"
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
# Two cores: the baseline pinned to one while the target runs pinned to the other.
pinned=false
if command -v taskset >/dev/null && [[ "$(nproc)" -ge 2 ]]; then pinned=true; fi
on_core() {  # core -> the command prefix that runs on it (none without two cores)
  if $pinned; then echo taskset -c "$1"; fi
}

# ---- 1. executions per second ------------------------------------------------------------
if [[ "$EXEC_SECONDS" -gt 0 ]]; then
  cmake --preset fuzz >/dev/null
  # shellcheck disable=SC2086
  cmake --build --preset fuzz --target $targets fuzz_empty_baseline

  # Executions per CPU second (user + system), not per wall second: on a machine shared with
  # other work a target gets the CPU it gets. On a virtual machine CPU time still counts time
  # the host took away, and rates measured a minute apart swing by 2-3x: so the baseline and
  # the target run at the same time, one per core, through the same weather; the share is
  # taken within each such round, and the rounds are averaged (see geometric_mean).
  # Steady state: a first run of GROW_SECONDS grows the target's corpus (new inputs written,
  # new functions symbolised, rare coverage counted: start-up costs the empty target never
  # pays, and not what an overnight run sees); each round starts from that corpus and writes
  # what it finds elsewhere.
  fuzz_flags() {  # name seed
    echo -seed="$2" -max_len="$(fuzz_target_max_len "$1")" -timeout=10 -print_funcs=0 \
      -dict="$(dict_of "$1")" -artifact_prefix="$WORK/"
  }
  grow_corpus() {  # name -> a folder of its seeds grown for GROW_SECONDS
    local grown log="$WORK/$1.grow.log"
    grown="$(seed_dir "$1" grown)"
    # shellcheck disable=SC2046
    $(on_core 1) "build/fuzz/fuzz/$1" -max_total_time="$GROW_SECONDS" $(fuzz_flags "$1" 1) \
      "$grown" >"$log" 2>&1 ||
      { echo "$1 stopped with a finding:" >&2; tail -30 "$log" >&2; exit 1; }
    echo "$grown"
  }
  exec_rate() {  # core name seed corpus: executions per CPU second into $WORK/name.rate
    local core=$1 name=$2 seed=$3 corpus=$4
    local log="$WORK/$name.exec.log" cpu="$WORK/$name.cpu" scratch="$WORK/scratch-$name-$seed"
    mkdir -p "$scratch"
    # shellcheck disable=SC2046
    /usr/bin/time -f '%U %S' -o "$cpu" $(on_core "$core") "build/fuzz/fuzz/$name" \
      -max_total_time="$EXEC_SECONDS" -print_final_stats=1 $(fuzz_flags "$name" "$seed") \
      "$scratch" "$corpus" >"$log" 2>&1 ||
      { echo "$name stopped with a finding:" >&2; tail -30 "$log" >&2; return 1; }
    local units
    units=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
    awk -v n="$units" '{ printf "%.0f", n / ($1 + $2) }' "$cpu" >"$WORK/$name.rate"
  }
  # The two cores swap roles every round: on this VM the same binary, alone, ran a third
  # slower on one core than on the other for minutes at a time, and later the other way round.
  round() {  # target seed corpus: the baseline on one core while the target runs on the other
    if $pinned; then
      local baseline_core=$(($2 % 2))
      exec_rate "$baseline_core" fuzz_empty_baseline "$2" "$baseline_corpus" &
      local baseline_job=$!
      exec_rate $((1 - baseline_core)) "$1" "$2" "$3" || exit 1
      wait "$baseline_job" || exit 1
    else  # one core: one after the other
      exec_rate 0 fuzz_empty_baseline "$2" "$baseline_corpus" && exec_rate 0 "$1" "$2" "$3" ||
        exit 1
    fi
  }

  # The share is the geometric mean of the rounds' shares: with the cores swapping every
  # round, a core that runs faster than the other raises half the rounds by the factor that
  # it lowers the other half, and the geometric mean cancels it.
  geometric_mean() {
    tr ' ' '\n' | sed '/^$/d' | awk '{ s += log($1) } END { printf "%.1f", exp(s / NR) }'
  }
  median() {  # printf format; of an even count, the mean of the middle two
    tr ' ' '\n' | sed '/^$/d' | sort -g |
      awk -v f="$1" '{ v[NR] = $1 } END { printf f, (v[int((NR + 1) / 2)] + v[int(NR / 2) + 1]) / 2 }'
  }

  declare -A RATES SHARES
  baseline_corpus="$(seed_dir fuzz_empty_baseline grown)"
  for t in $targets; do
    grown="$(grow_corpus "$t")"
    for seed in $(seq 1 "$RUNS"); do
      round "$t" "$seed" "$grown"
      baseline="$(cat "$WORK/fuzz_empty_baseline.rate")" rate="$(cat "$WORK/$t.rate")"
      RATES[fuzz_empty_baseline]+=" $baseline"
      RATES[$t]+=" $rate"
      SHARES[$t]+=" $(awk -v a="$rate" -v b="$baseline" 'BEGIN { printf "%.1f", 100 * a / b }')"
    done
  done

  echo
  echo "Executions per CPU second after ${GROW_SECONDS} s of growth: median of $RUNS rounds of"
  echo "${EXEC_SECONDS} s (seeds 1..$RUNS), each beside the empty target on the other core (the"
  echo "cores swapping every round); the share is the geometric mean of the rounds' shares"
  echo
  echo "| target | executions per CPU second | of the empty target's (each round) | target |"
  echo "|---|---:|---:|---|"
  printf '| fuzz_empty_baseline | %s | 100 %% | |\n' "$(median %.0f <<<"${RATES[fuzz_empty_baseline]}")"
  for t in $targets; do
    share=$(geometric_mean <<<"${SHARES[$t]}")
    goal=""
    if [[ " $CODEC_TARGETS " == *" $t "* ]]; then
      goal="≥ 40 %: $(awk -v s="$share" 'BEGIN { print (s >= 40) ? "met" : "MISSED" }')"
    fi
    each="${SHARES[$t]# }"
    printf '| %s | %s | %s %% (%s) | %s |\n' "$t" "$(median %.0f <<<"${RATES[$t]}")" "$share" \
      "${each// /, }" "$goal"
  done

fi

# ---- 2. coverage ---------------------------------------------------------------------------
[[ "$COVERAGE_SECONDS" -gt 0 ]] || exit 0
cov_flags="-fprofile-instr-generate -fcoverage-mapping"
cmake -S "$ROOT" -B "$COV_BUILD" -G Ninja -DCMAKE_CXX_COMPILER=clang++-14 \
  -DCMAKE_BUILD_TYPE=Release -DMBH_FUZZ=ON -DMBH_BUILD_TESTS=OFF -DMBH_BUILD_BENCH=OFF \
  -DCMAKE_CXX_FLAGS="-fsanitize=fuzzer-no-link $cov_flags" \
  -DMBH_FUZZING_ENGINE="-fsanitize=fuzzer $cov_flags" >/dev/null
# shellcheck disable=SC2086
cmake --build "$COV_BUILD" --target $COVERAGE_TARGETS

# Two targets at a time, one per core; each writes its profile when its time is up.
objects=()
running=0
for t in $COVERAGE_TARGETS; do
  LLVM_PROFILE_FILE="$WORK/$t-%p.profraw" "$COV_BUILD/fuzz/$t" \
    -max_total_time="$COVERAGE_SECONDS" -max_len="$(fuzz_target_max_len "$t")" -timeout=10 \
    -dict="$(dict_of "$t")" \
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
