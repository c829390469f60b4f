#!/usr/bin/env bash
# The edges of a run that may write, as a commissioning engineer meets them:
#  - Ctrl-C during a 60 s wait for an answer ends `conform` within a second or two, exit 130;
#  - a second signal during the restore stops it, says what is left and the restore command
#    (exit 4), and `mbharness restore` then finishes the job;
#  - a run killed mid-way leaves its JSON report readable (complete: false);
#  - `restore` refuses what is not a journal (2) and says when the device is gone (3);
#  - `--only` with an empty list is a usage error; with a rule n/a for the map, nothing is sent;
#  - `--plan` lists the writes and writes nothing.
# Usage: interrupt_cli_test.sh MBHARNESS
set -uo pipefail
mbharness=$(realpath "$1")
work=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
failed=0
fail() { echo "FAIL: $*"; failed=1; }

start_simulator() {  # start_simulator NAME [simulate args...]: sets $address
  local name=$1
  shift
  "$mbharness" simulate --port 0 "$@" >"$work/$name.listening" 2>/dev/null &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^listening on ' "$work/$name.listening" && break; sleep 0.05; done
  address=$(sed -n 's/^listening on //p' "$work/$name.listening")
  [ -n "$address" ] || { echo "simulator $name did not start"; exit 1; }
}

# --- Ctrl-C during a 60 s wait
start_simulator silent --fault silence
silent=$address
"$mbharness" conform --map conext-ags --target "$silent" --timeout 60000 --seed 1 \
  >"$work/silent.txt" 2>&1 &
run=$!
sleep 1
sent=$(date +%s%N)
kill -INT "$run"
wait "$run"
status=$?
took_ms=$((($(date +%s%N) - sent) / 1000000))
[ "$status" -eq 130 ] || fail "Ctrl-C in a 60 s wait: exit $status, expected 130"
[ "$took_ms" -lt 2000 ] || fail "Ctrl-C in a 60 s wait: took $took_ms ms to end"
echo "Ctrl-C during a 60 s wait: exit $status after $took_ms ms"

start_simulator clean
clean=$address

# --- A second signal during the restore: the first at write 61 (AGS's read-back write of
# holding 85), the second at the next write (the restore's own, before it is read back).
MBHARNESS_SIGNAL_AT_WRITE=61:2,62:2 "$mbharness" conform --map conext-ags --target "$clean" \
  --seed 1 --journal "$work/second.jsonl" >"$work/second.txt" 2>&1
status=$?
[ "$status" -eq 4 ] || fail "second signal: exit $status, expected 4"
grep -q 'second signal' "$work/second.txt" || fail "second signal: not said"
grep -q "mbharness restore $work/second.jsonl" "$work/second.txt" ||
  fail "second signal: no restore command"
"$mbharness" restore "$work/second.jsonl" >"$work/second-restore.txt" 2>&1 ||
  fail "restore after a second signal: exit $?"
grep -q '1 back, 0 not back' "$work/second-restore.txt" ||
  { fail "restore after a second signal did not put one register back"; cat "$work/second-restore.txt"; }

# --- Killed mid-run: the JSON report so far is readable and says it is not complete.
MBHARNESS_SIGNAL_AT_WRITE=60:9 "$mbharness" conform --map conext-bms --target "$clean" --seed 1 \
  --json "$work/partial.json" --journal "$work/partial.jsonl" >/dev/null 2>&1
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["complete"] is False, d["complete"]; assert d["checks"]' \
  "$work/partial.json" || fail "killed run: no readable partial JSON report"
"$mbharness" restore "$work/partial.jsonl" >/dev/null 2>&1 || fail "restore of the killed run: exit $?"

# --- restore's refusals and statuses
echo "not a journal" >"$work/text.txt"
"$mbharness" restore "$work/text.txt" >/dev/null 2>"$work/err.txt"
[ $? -eq 2 ] || fail "restore of a text file: not exit 2"
grep -q 'not an mbharness write journal' "$work/err.txt" || fail "restore of a text file: no reason"
"$mbharness" restore "$work/missing.jsonl" >/dev/null 2>&1
[ $? -eq 2 ] || fail "restore of a missing file: not exit 2"
MBHARNESS_SIGNAL_AT_WRITE=60:9 "$mbharness" conform --map conext-bms --target "$clean" --seed 1 \
  --journal "$work/gone.jsonl" >/dev/null 2>&1
"$mbharness" restore "$work/gone.jsonl" --target 127.0.0.1:1 --timeout 300 >"$work/gone.txt" 2>&1
status=$?
[ "$status" -eq 3 ] || { fail "restore against no device: exit $status, expected 3"; cat "$work/gone.txt"; }
"$mbharness" restore "$work/gone.jsonl" >/dev/null 2>&1 || fail "restore once the device is back: exit $?"

# --- --only
"$mbharness" conform --map conext-ags --target "$clean" --only '' >/dev/null 2>&1
[ $? -eq 2 ] || fail "--only '': not exit 2"
"$mbharness" conform --map conext-ags --target "$clean" --only , >/dev/null 2>&1
[ $? -eq 2 ] || fail "--only ,: not exit 2"
"$mbharness" conform --map enapter-el21 --target 127.0.0.1:1 --only R-BITS >"$work/na.txt" 2>&1
status=$?
[ "$status" -eq 0 ] || fail "--only R-BITS on enapter-el21 (n/a): exit $status, expected 0"
grep -q 'does not apply to enapter-el21' "$work/na.txt" || fail "--only n/a: not said"

# --- --plan writes nothing: no journal, and the journal-less run's writes are listed
(cd "$work" && "$mbharness" conform --map conext-ags --target "$clean" --seed 1 --plan \
  >"$work/plan.txt" 2>&1) || fail "--plan: exit $?"
grep -q "Nothing was written" "$work/plan.txt" || fail "--plan: no plan printed"
grep -q "'Generator Warmup Time' (setting) write 59, restore to 60" "$work/plan.txt" ||
  fail "--plan: a setting's write and restore value missing"
ls "$work"/mbharness-journal-* >/dev/null 2>&1 && fail "--plan opened a journal"

exit "$failed"
