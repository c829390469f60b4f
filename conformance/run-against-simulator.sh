#!/usr/bin/env bash
# The README's main command: installs what is missing, builds mbharness (release preset),
# starts the bundled simulator on a free loopback port, runs `mbharness conform` on all three
# maps against it, shows each report (JSON and JUnit files under build/conform-reports/), and
# stops the simulator. Exit status: the worst of the three runs' (INTERFACE.md).
# Extra arguments go to every `conform` run: --seed 7, --strict, --only R-GAP, ...
set -euo pipefail
cd "$(dirname "$0")/.."

bash cmake/install-deps.sh
cmake --preset release >/dev/null
cmake --build --preset release -j "$(nproc)" --target mbharness

mbharness=build/release/harness/cli/mbharness
out=build/conform-reports
mkdir -p "$out"

listening=$(mktemp)
"$mbharness" simulate --port 0 >"$listening" &
simulator=$!
trap 'kill "$simulator" 2>/dev/null || true; wait "$simulator" 2>/dev/null || true; rm -f "$listening"' EXIT
for _ in $(seq 100); do
  grep -q '^listening on ' "$listening" && break
  sleep 0.05
done
address=$(sed -n 's/^listening on //p' "$listening")
if [ -z "$address" ]; then
  echo "the simulator did not start" >&2
  exit 3
fi
echo "simulator listening on $address"

worst=0
for map in conext-bms conext-ags enapter-el21; do
  echo
  echo "================ $map ================"
  status=0
  # A fresh simulator each time: an earlier run's journal speaks of a device that is gone.
  rm -f "$out/$map-journal.jsonl"
  "$mbharness" conform --map "$map" --target "$address" \
    --json "$out/$map.json" --junit "$out/$map.xml" --journal "$out/$map-journal.jsonl" "$@" ||
    status=$?
  [ "$status" -gt "$worst" ] && worst=$status
done
echo
echo "reports: $out/*.json, $out/*.xml; worst exit status $worst"
exit "$worst"
