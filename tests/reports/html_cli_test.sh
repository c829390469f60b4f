#!/usr/bin/env bash
# `conform --html` end to end, against `mbharness simulate --fault gap-zeros` (R-GAP fails):
#   checks    an unwritable --html is a usage error before anything is sent; the page of a full
#             conext-ags run is one well-formed, self-contained document (check_html.py) holding
#             every check id of the JSON report, one failure article per fail and warn, the
#             verdict and exit status; a run killed mid-way (SIGKILL at its 60th write) leaves
#             a page, written after its last suite, that says it is partial;
#   chromium  the page in headless Chromium: a screenshot that is a valid PNG and not blank
#             (against an empty page's, check_screenshot.py), and a PDF print of it. Skipped
#             (77) when Chromium is not installed.
# Usage: html_cli_test.sh MBHARNESS TESTS_DIR checks|chromium
set -uo pipefail
mbharness=$1 here=$2 mode=$3
work=$(mktemp -d)
simulator=
trap '[ -n "$simulator" ] && kill "$simulator" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

if [ "$mode" = chromium ] && ! command -v chromium >/dev/null; then
  echo "SKIP: chromium is not installed (apt-get install chromium)"
  exit 77
fi

"$mbharness" simulate --port 0 --fault gap-zeros >"$work/listening" &
simulator=$!
for _ in $(seq 100); do grep -q '^listening on ' "$work/listening" && break; sleep 0.05; done
address=$(sed -n 's/^listening on //p' "$work/listening")
[ -n "$address" ] || fail "simulator did not start"

"$mbharness" conform --map conext-ags --target "$address" --seed 1 --journal "$work/run.jsonl" \
  --html "$work/report.html" --json "$work/report.json" >"$work/run.out" 2>"$work/run.err"
status=$?
[ "$status" -eq 1 ] || { cat "$work/run.out" "$work/run.err"; fail "exit status $status, not 1"; }
python3 "$here/check_html.py" "$work/report.html" || fail "report.html is not a sound page"

if [ "$mode" = checks ]; then
  python3 - "$work/report.json" "$work/report.html" <<'PY' || fail "the page and the JSON differ"
import json, re, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
page = open(sys.argv[2], encoding="utf-8").read()
assert '<body data-complete="true">' in page, "not marked complete"
assert "Partial report" not in page
assert "Verdict: FAIL (MUST violations), exit status 1" in page
missing = [c["id"] for c in report["checks"] if "<td>%s</td>" % c["id"] not in page]
assert not missing, ("ids not in the page", missing[:5])
failing = [c for c in report["checks"] if c["status"] in ("fail", "warn")]
articles = re.findall(r'<article class="failure s-(fail|warn)" id="check-([^"]+)"', page)
assert [a[1] for a in articles] == [c["id"] for c in failing if c["status"] == "fail"] + \
    [c["id"] for c in failing if c["status"] == "warn"], "failure articles: fails, then warns"
assert all(c["rule"] == "R-GAP" for c in failing), {c["rule"] for c in failing}
assert page.index('<section id="failures">') < page.index('<section id="rules">')
summary = report["summary"]
assert re.search(r"<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>" % (
    len(report["checks"]), summary["pass"], summary["fail"]), page), "summary counts"
for write in report["writes"]:
    assert "<td>%s %d</td>" % (write["space"], write["address"]) in page, write
print("ok: %d checks, %d failures, %d writes, %d bytes" % (
    len(report["checks"]), len(failing), len(report["writes"]), len(page.encode())))
PY

  # A run cut short by SIGKILL (nothing of the run survives but its files): the page written
  # after its last whole suite is there, sound, and says it is partial. --html alone: the
  # files are rewritten after each suite for it too.
  MBHARNESS_SIGNAL_AT_WRITE=60:9 "$mbharness" conform --map conext-ags --target "$address" \
    --seed 1 --journal "$work/killed.jsonl" --html "$work/killed.html" >"$work/killed.out" 2>&1
  status=$?
  [ "$status" -eq 137 ] || fail "killed run: exit status $status, not 137 (SIGKILL)"
  [ -f "$work/killed.html" ] || fail "a run killed mid-way left no page"
  python3 "$here/check_html.py" "$work/killed.html" || fail "killed.html is not a sound page"
  grep -q '<body data-complete="false">' "$work/killed.html" || fail "killed page not partial"
  grep -q 'Partial report (complete: false)' "$work/killed.html" || fail "no partial banner"
  grep -q "mbharness restore $work/killed.jsonl" "$work/killed.html" || fail "no restore command"
  "$mbharness" restore "$work/killed.jsonl" >/dev/null 2>&1 || fail "restore after the kill"

  # An --html file that cannot be written: exit 2 before anything is sent (a closed port would
  # give 3).
  "$mbharness" conform --map conext-ags --target 127.0.0.1:1 --html "$work/no/such/dir/r.html" \
    >"$work/bad.out" 2>"$work/bad.err"
  status=$?
  [ "$status" -eq 2 ] || fail "unwritable --html: exit status $status, not 2"
  grep -q "cannot write --html file '$work/no/such/dir/r.html'" "$work/bad.err" ||
    fail "unwritable --html message: $(cat "$work/bad.err")"
  echo "ok: --html of a full run, of a killed run, and an unwritable file"
  exit 0
fi

# Chromium, headless, as root: --no-sandbox is required; a HOME of its own, so that it leaves
# nothing in the user's.
chrome() {
  HOME="$work/home" timeout 60 chromium --headless --no-sandbox --disable-gpu \
    --no-first-run --no-default-browser-check "$@" >>"$work/chromium.log" 2>&1
}
mkdir -p "$work/home"
printf '<!DOCTYPE html>\n<html><head><title>blank</title></head><body></body></html>\n' \
  >"$work/blank.html"
chrome --screenshot="$work/blank.png" --window-size=1280,2000 "file://$work/blank.html" ||
  { tail -20 "$work/chromium.log"; fail "chromium could not take a screenshot of an empty page"; }
chrome --screenshot="$work/report.png" --window-size=1280,2000 "file://$work/report.html" ||
  { tail -20 "$work/chromium.log"; fail "chromium could not take a screenshot of the page"; }
[ -s "$work/report.png" ] || fail "no screenshot"
python3 "$here/check_screenshot.py" "$work/report.png" "$work/blank.png" ||
  fail "the screenshot is not a picture of the page"
chrome --print-to-pdf="$work/report.pdf" "file://$work/report.html" ||
  { tail -20 "$work/chromium.log"; fail "chromium could not print the page"; }
head -c 5 "$work/report.pdf" | grep -q '%PDF-' || fail "the print is not a PDF"
pages=$(grep -ao '/Type */Pages*' "$work/report.pdf" | grep -c 'Page$')
[ "$pages" -ge 2 ] || fail "the print has $pages pages; a full run's page takes several"
echo "ok: screenshot $(stat -c %s "$work/report.png") bytes," \
  "PDF $(stat -c %s "$work/report.pdf") bytes, $pages pages"
