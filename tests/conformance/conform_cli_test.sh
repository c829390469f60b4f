#!/usr/bin/env bash
# `mbharness conform` as scripts run it: against `mbharness simulate` (with FAULT, or "clean"),
# the exit status must be EXPECTED, and the JSON and JUnit files must parse.
# Usage: conform_cli_test.sh MBHARNESS FAULT EXPECTED conform-args...
set -uo pipefail
mbharness=$1 fault=$2 expected=$3
shift 3
work=$(mktemp -d)
trap 'kill "$simulator" 2>/dev/null; wait "$simulator" 2>/dev/null; rm -rf "$work"' EXIT
faults=()
[ "$fault" != clean ] && faults=(--fault "$fault")
"$mbharness" simulate --port 0 "${faults[@]}" >"$work/listening" &
simulator=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/listening" && break; sleep 0.05; done
address=$(sed -n 's/^listening on //p' "$work/listening")
[ -n "$address" ] || { echo "simulator did not start"; exit 1; }
"$mbharness" conform --target "$address" --json "$work/r.json" --junit "$work/r.xml" "$@" \
  >"$work/out.txt" 2>&1
status=$?
cat "$work/out.txt"
if [ "$status" -ne "$expected" ]; then
  echo "exit status $status, expected $expected"
  exit 1
fi
[ "$expected" -eq 2 ] && { echo "ok: usage error"; exit 0; }
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["tool"]=="mbharness"; assert d["exit_status"]==int(sys.argv[2]), d["exit_status"]' \
  "$work/r.json" "$expected" || exit 1
python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' "$work/r.xml" || exit 1
echo "ok: exit status $status"
