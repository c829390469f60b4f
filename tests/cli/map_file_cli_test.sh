#!/usr/bin/env bash
# Map files from the command line, as a user writes and uses them:
#  1. `maps NAME --json > m.json` then `--map m.json` runs exactly the checks `--map NAME` runs,
#     in the same order, with the same results (the simulator serving the file);
#  2. a hand-written map (models/map_files/energy-meter.json) is served, read, checked clean and
#     fuzzed; the simulator refuses a fault that would change nothing on it, saying why;
#  3. a bad map file gets exit 2 and FILE:LINE:COL on every command, before anything is sent
#     (the target given would be unreachable: exit 3 if anything tried it).
# Usage: map_file_cli_test.sh MBHARNESS SOURCE_DIR
set -uo pipefail
mbharness=$1 source_dir=$2
meter="$source_dir/models/map_files/energy-meter.json"
work=$(mktemp -d)
simulator=
trap 'kill "$simulator" 2>/dev/null; wait "$simulator" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

start_simulator() {  # simulate-args...
  [ -n "$simulator" ] && { kill "$simulator"; wait "$simulator" 2>/dev/null; }
  : >"$work/listening"
  "$mbharness" simulate --port 0 "$@" >"$work/listening" 2>"$work/simulate.err" &
  simulator=$!
  for _ in $(seq 100); do grep -q '^listening on ' "$work/listening" && break; sleep 0.05; done
  address=$(sed -n 's/^listening on //p' "$work/listening")
  [ -n "$address" ] || fail "simulator did not start: $(cat "$work/simulate.err")"
}

checks() {  # report.json: one line per check, id rule status
  python3 -c 'import json,sys
for c in json.load(open(sys.argv[1]))["checks"]: print(c["id"], c["rule"], c["status"])' "$1"
}

# 1. The round trip, for each built-in map.
for map in conext-bms conext-ags enapter-el21; do
  "$mbharness" maps "$map" --json >"$work/$map.json" || fail "maps $map --json"
  start_simulator --map "$map" --seed 3
  "$mbharness" conform --map "$map" --target "$address" --seed 3 --no-progress \
    --json "$work/built-in.json" >/dev/null 2>&1
  built_in_status=$?
  start_simulator --map "$work/$map.json" --seed 3
  "$mbharness" conform --map "$work/$map.json" --target "$address" --seed 3 --no-progress \
    --json "$work/from-file.json" >/dev/null 2>&1
  file_status=$?
  [ "$built_in_status" -eq 0 ] && [ "$file_status" -eq 0 ] ||
    fail "$map: exit $built_in_status built in, $file_status from its file"
  checks "$work/built-in.json" >"$work/built-in.txt"
  checks "$work/from-file.json" >"$work/from-file.txt"
  [ "$(wc -l <"$work/built-in.txt")" -gt 50 ] || fail "$map: too few checks"
  diff "$work/built-in.txt" "$work/from-file.txt" >/dev/null ||
    fail "$map: checks differ: $(diff "$work/built-in.txt" "$work/from-file.txt" | head -5)"
  echo "ok: $map from its file runs the same $(wc -l <"$work/built-in.txt") checks"
done

# 2. The energy meter.
start_simulator --map "$meter@7" --seed 2
grep -q 'energy-meter on unit 7' "$work/simulate.err" || fail "simulate: $(cat "$work/simulate.err")"
"$mbharness" read --map "$meter" --unit 7 --target "$address" >"$work/read.txt" 2>&1 ||
  fail "read: $(cat "$work/read.txt")"
grep -q 'Meter model *112' "$work/read.txt" || fail "read shows no meter model: $(cat "$work/read.txt")"
"$mbharness" conform --map "$meter" --unit 7 --target "$address" --no-progress \
  --json "$work/meter.json" >"$work/conform.txt" 2>&1 || fail "conform: $(tail -20 "$work/conform.txt")"
grep -q 'verdict: PASS' "$work/conform.txt" || fail "no PASS verdict"
"$mbharness" fuzz --map "$meter" --unit 7 --target "$address" --seed 1 --duration 1 \
  --out "$work/findings" >"$work/fuzz.txt" 2>&1 || fail "fuzz: $(tail -5 "$work/fuzz.txt")"
"$mbharness" maps "$meter" >"$work/maps.txt" 2>&1 || fail "maps FILE: $(cat "$work/maps.txt")"
grep -q 'Phase rotation' "$work/maps.txt" || fail "maps FILE shows no rows"
echo "ok: the energy meter is served, read, checked clean, fuzzed and shown"

"$mbharness" simulate --port 0 --map "$meter" --fault unknown-event-code >/dev/null 2>"$work/refused.txt"
status=$?
[ "$status" -eq 2 ] || fail "a fault that changes nothing: exit $status"
grep -q "breaks R-EVENTS, which energy-meter does not check" "$work/refused.txt" ||
  fail "refusal says why: $(cat "$work/refused.txt")"
echo "ok: a fault that would change nothing is refused"

# 3. Bad map files, on every command that takes --map.
printf '{\n  "id": "meter",\n  "port": 502,\n  "units": [1, 1],\n  "default_unit": 1,\n  "rows": [\n    {"space": "holding", "address": 0, "registers": 1, "name": "A", "type": "uint24", "access": "r"}\n  ],\n  "blocks": [],\n  "rules": []\n}\n' >"$work/bad.json"
unreachable=127.0.0.1:1
for command in "conform --target $unreachable" "read --target $unreachable" \
               "fuzz --target $unreachable --duration 1" "simulate --port 0" \
               "replay $work/none.json --target $unreachable"; do
  # shellcheck disable=SC2086
  "$mbharness" $command --map "$work/bad.json" >"$work/out.txt" 2>&1
  status=$?
  [ "$status" -eq 2 ] || fail "$command: exit $status, expected 2: $(cat "$work/out.txt")"
  if [[ "$command" != replay* ]]; then
    grep -q "bad.json:7:[0-9]*: rows\[0\].type" "$work/out.txt" ||
      fail "$command: no FILE:LINE:COL and field: $(cat "$work/out.txt")"
  fi
done
"$mbharness" maps "$work/bad.json" >"$work/out.txt" 2>&1
[ $? -eq 2 ] && grep -q "bad.json:7:" "$work/out.txt" || fail "maps FILE: $(cat "$work/out.txt")"
"$mbharness" conform --map "$work/missing.json" --target "$unreachable" >"$work/out.txt" 2>&1
[ $? -eq 2 ] && grep -q "missing.json" "$work/out.txt" || fail "missing file: $(cat "$work/out.txt")"
echo "ok: bad map files exit 2 with the file, line, column and field, before anything is sent"

# 4. A map file's own default unit (speed-drive: 3 of 1..247): served there and addressed there
#    unless told, with no --unit on either side.
drive="$source_dir/models/map_files/speed-drive.json"
start_simulator --map "$drive" --seed 2
grep -q 'speed-drive on unit 3' "$work/simulate.err" || fail "simulate: $(cat "$work/simulate.err")"
"$mbharness" conform --map "$drive" --target "$address" --no-progress >"$work/drive.txt" 2>&1 ||
  fail "conform the drive: $(tail -20 "$work/drive.txt")"
grep -q 'speed-drive, unit 3' "$work/drive.txt" && grep -q 'verdict: PASS' "$work/drive.txt" ||
  fail "the drive on unit 3: $(head -12 "$work/drive.txt")"
echo "ok: a map's default unit is where it is served and checked unless told"

# 5. A map that gives no rule a level checks nothing: conform says so, sends nothing, exits 0.
python3 -c 'import json, sys
m = json.load(open(sys.argv[1])); m["rules"] = []; json.dump(m, open(sys.argv[2], "w"))' \
  "$meter" "$work/no-rules.json"
"$mbharness" conform --map "$work/no-rules.json" --target "$unreachable" >"$work/out.txt" 2>&1
status=$?
[ "$status" -eq 0 ] && grep -q "gives no rule a level (its \`rules\`): nothing to check, nothing sent" \
  "$work/out.txt" || fail "a map with no rules: exit $status: $(cat "$work/out.txt")"
echo "ok: a map with no rule to check is said to check nothing"
