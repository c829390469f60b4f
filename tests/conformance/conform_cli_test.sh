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
# The progress line: only when asked (stderr here is a file, not a terminal), drawn in place,
# and erased before the report.
if [[ " $* " == *" --progress "* ]]; then
  grep -q $'\r\x1b\[K\[1/[0-9]*\] mbap-probes  checks' "$work/out.txt" || { echo "no progress"; exit 1; }
  grep -q $'\r\x1b\[Krestore  checks' "$work/out.txt" || { echo "no restore progress"; exit 1; }
  grep -q $'\r\x1b\[K$' "$work/out.txt" || { echo "progress line not erased"; exit 1; }
elif grep -q $'\r' "$work/out.txt"; then
  echo "a progress line nobody asked for"
  exit 1
fi
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["tool"]=="mbharness"; assert d["exit_status"]==int(sys.argv[2]), d["exit_status"]' \
  "$work/r.json" "$expected" || exit 1
# INTERFACE.md: a unique id on every check; request, response and reproduce on every check that
# is not pass or skip. JUnit: testcase names unique within their suite (Jenkins keys history so).
python3 - "$work/r.json" "$work/r.xml" <<'PY' || exit 1
import collections, json, sys, xml.dom.minidom
checks = json.load(open(sys.argv[1]))["checks"]
ids = collections.Counter(c["id"] for c in checks)
assert all(n == 1 for n in ids.values()), [i for i, n in ids.items() if n > 1]
for c in checks:
    assert " " not in c["id"] and not c["id"].startswith("R-"), c["id"]
    if c["status"] not in ("pass", "skip"):
        assert all(k in c for k in ("request", "response", "reproduce")), c
        assert c["request"] and c["reproduce"], c
for suite in xml.dom.minidom.parse(sys.argv[2]).getElementsByTagName("testsuite"):
    names = collections.Counter(t.getAttribute("name") for t in suite.getElementsByTagName("testcase"))
    assert all(n == 1 for n in names.values()), [k for k, n in names.items() if n > 1]
PY
echo "ok: exit status $status"
