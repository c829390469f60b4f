#!/usr/bin/env bash
# Known deviations end to end, as a firmware team's CI uses them: a device with a deviation
# fails; --write-expect records it; --expect with that file passes (xfail), also with a rule
# line under another seed; once the device is fixed the same file fails the run (xpass); a
# malformed or missing file is a usage error before anything is sent.
# Usage: expect_cli_test.sh MBHARNESS
set -uo pipefail
mbharness=$1
work=$(mktemp -d)
simulators=()
trap 'kill "${simulators[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

start() {  # start NAME [simulate args]: sets $address
  local name=$1
  shift
  "$mbharness" simulate --port 0 "$@" >"$work/$name.listening" &
  simulators+=($!)
  for _ in $(seq 100); do grep -q '^listening on ' "$work/$name.listening" && break; sleep 0.05; done
  address=$(sed -n 's/^listening on //p' "$work/$name.listening")
  [ -n "$address" ] || fail "simulator $name did not start"
}

conform() {  # conform EXPECTED_STATUS OUTPUT_NAME args...
  local expected=$1 name=$2
  shift 2
  "$mbharness" conform --map conext-ags --json "$work/$name.json" --junit "$work/$name.xml" \
    --journal "$work/$name.journal" "$@" >"$work/$name.out" 2>"$work/$name.err"
  local status=$?
  [ "$status" -eq "$expected" ] || {
    cat "$work/$name.out" "$work/$name.err"
    fail "$name: exit status $status, expected $expected"
  }
}

json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print($2)" "$work/$1.json"; }

start faulty --fault gap-zeros
faulty=$address
start clean
clean=$address

# 1. The deviation fails the run; --write-expect writes one commented id line per failure.
conform 1 first --target "$faulty" --seed 1 --write-expect "$work/known.txt"
grep -q "known deviations written to $work/known.txt" "$work/first.err" || fail "no word of the file"
failures=$(json first 'd["summary"]["fail"] + d["summary"]["warn"]')
lines=$(grep -cv '^#' "$work/known.txt")
[ "$failures" -gt 0 ] && [ "$lines" -eq "$failures" ] || fail "$lines lines for $failures failures"
grep -v '^#' "$work/known.txt" | grep -qv '^gap\.[a-z0-9.~-]*  # R-GAP MUST' &&
  fail "a line that is not a gap id with its rule: $(grep -v '^#' "$work/known.txt" | head -3)"

# 2. The same run with that file passes: every failure is xfail, JUnit skips them.
conform 0 second --target "$faulty" --seed 1 --expect "$work/known.txt"
[ "$(json second '(d["summary"]["xfail"], d["summary"]["fail"], d["summary"]["xpass"])')" == \
  "($failures, 0, 0)" ] || fail "summary $(json second 'd["summary"]')"
[ "$(json second 'sorted({c["status"] for c in d["checks"] if c["rule"]=="R-GAP"})')" == \
  "['xfail']" ] || fail "R-GAP statuses $(json second '{c["status"] for c in d["checks"]}')"
grep -q "KNOWN DEVIATIONS  $failures xfail, 0 xpass" "$work/second.out" || fail "no console section"
grep -q 'verdict: PASS, exit status 0' "$work/second.out" || fail "verdict"
grep -q 'known deviation (R-GAP fail, --expect line' "$work/second.xml" || fail "junit xfail"

# 3. A rule line covers the rule whatever the seed draws.
printf 'R-GAP  # zeros in every gap (vendor ticket 7)\n' >"$work/rule.txt"
conform 0 third --target "$faulty" --seed 2 --expect "$work/rule.txt"
[ "$(json third 'd["checks"][[c["status"] for c in d["checks"]].index("xfail")]["known_deviation"]["reason"]')" == \
  "zeros in every gap (vendor ticket 7)" ] || fail "reason not carried"

# 4. The fixed device: every line of the file matched nothing, xpass, exit 1.
conform 1 fixed --target "$clean" --seed 1 --expect "$work/known.txt"
[ "$(json fixed '(len(d["xpass"]), d["summary"]["xpass"], d["summary"]["fail"])')" == \
  "($lines, $lines, 0)" ] || fail "xpass $(json fixed 'd["summary"]')"
grep -q 'XPASS  line [0-9]*: gap\.' "$work/fixed.out" || fail "xpass not on the console"
grep -q 'verdict: FAIL (known deviations no longer seen: xpass), exit status 1' "$work/fixed.out" ||
  fail "verdict"
grep -q 'type="XPASS"' "$work/fixed.xml" || fail "junit xpass"
# ... but an --only run that does not check R-GAP does not call the line xpass.
conform 0 only --target "$clean" --seed 1 --only R-ENUM --expect "$work/rule.txt"

# 5. Bad files: exit 2 with file:line:column, nothing sent (a closed port would give 3).
printf 'R-GAP\n\nR-NOPE holding 3\n' >"$work/bad.txt"
conform 2 bad --target 127.0.0.1:1 --expect "$work/bad.txt"
grep -q "^mbharness conform: --expect $work/bad.txt:3:1: unknown rule 'R-NOPE'" "$work/bad.err" ||
  fail "bad file message: $(cat "$work/bad.err")"
conform 2 missing --target 127.0.0.1:1 --expect "$work/none.txt"
grep -q "cannot read --expect file" "$work/missing.err" || fail "missing file message"
conform 2 unwritable --target 127.0.0.1:1 --write-expect "$work/no/such/dir/k.txt"
grep -q "cannot write --write-expect file" "$work/unwritable.err" || fail "unwritable message"
echo "ok: $failures failures written, xfail, xpass and bad files as expected"
