#!/usr/bin/env bash
# `conform` cut short by a real signal once its K-th write was answered (the process sends it
# to itself: MBHARNESS_SIGNAL_AT_WRITE), then `mbharness restore` on its journal: every writable
# register reads what it read before the run (the clock aside: it moves on by itself).
# SIGKILL (9): the run restores nothing, exit 137, the journal holds the work. SIGHUP (1),
# SIGINT (2), SIGTERM (15): the run restores by itself and exits 130; restore then has nothing
# to do. A second restore has nothing to do either.
# Usage: journal_cli_test.sh MBHARNESS MAP SIGNAL K...
set -uo pipefail
mbharness=$1 map=$2 signal=$3
shift 3
work=$(mktemp -d)
trap 'kill "$simulator" 2>/dev/null; wait "$simulator" 2>/dev/null; rm -rf "$work"' EXIT
"$mbharness" simulate --port 0 >"$work/listening" &
simulator=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/listening" && break; sleep 0.05; done
address=$(sed -n 's/^listening on //p' "$work/listening")
[ -n "$address" ] || { echo "simulator did not start"; exit 1; }
"$mbharness" maps "$map" --json >"$work/map.json" || exit 1

# The writable registers' raw values, one line each.
writable() {
  "$mbharness" read --map "$map" --target "$address" --json >"$work/read.json" || return 1
  python3 - "$work/map.json" "$work/read.json" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
keep = {(r["space"], r["address"]) for r in rows
        if r["access"] == "rw" and r.get("safety") != "clock"}
for r in json.load(open(sys.argv[2]))["registers"]:
    if (r["space"], r["address"]) in keep:
        print(r["space"], r["address"], r["name"], r["raw"])
PY
}

expected_run=130
[ "$signal" = 9 ] && expected_run=137
failed=0
for k in "$@"; do
  journal="$work/journal-$k.jsonl"
  writable >"$work/before" || { echo "k=$k: read before failed"; exit 1; }
  MBHARNESS_SIGNAL_AT_WRITE="$k:$signal" "$mbharness" conform --map "$map" --target "$address" \
    --seed 1 --journal "$journal" >"$work/run.txt" 2>&1
  status=$?
  if [ "$status" -ne "$expected_run" ]; then
    echo "k=$k: conform exit status $status, expected $expected_run"; tail -20 "$work/run.txt"
    failed=1; continue
  fi
  if [ ! -e "$journal" ]; then
    # Nothing journalled before the signal (the first writes go to gaps: no register there).
    echo "no journal" >"$work/restore.txt"
    status=0
  else
    "$mbharness" restore "$journal" >"$work/restore.txt" 2>&1
    status=$?
  fi
  if [ "$status" -ne 0 ]; then
    echo "k=$k: restore exit status $status"; cat "$work/restore.txt"; failed=1; continue
  fi
  if [ "$signal" != 9 ] && ! grep -q '^nothing to restore\|^no journal' "$work/restore.txt"; then
    echo "k=$k: the run left work for restore after signal $signal:"; cat "$work/restore.txt"
    failed=1
  fi
  writable >"$work/after" || { echo "k=$k: read after failed"; exit 1; }
  if ! diff "$work/before" "$work/after" >"$work/diff"; then
    echo "k=$k: registers not back after restore:"; cat "$work/diff"; cat "$work/restore.txt"
    failed=1; continue
  fi
  [ -e "$journal" ] && "$mbharness" restore "$journal" >"$work/again.txt" 2>&1
  if [ -e "$journal" ] && { [ $? -ne 0 ] || ! grep -q '^nothing to restore' "$work/again.txt"; }; then
    echo "k=$k: a second restore was not a no-op:"; cat "$work/again.txt"; failed=1
  fi
  echo "k=$k: ok ($(grep -cs '"original"' "$journal") journalled, $(sed -n 's/^\([0-9]*\) back.*/\1/p' "$work/restore.txt") restored by restore)"
done
exit "$failed"
