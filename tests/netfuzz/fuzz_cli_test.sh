#!/usr/bin/env bash
# `mbharness fuzz` and `mbharness replay` as scripts run them, against `mbharness simulate` on
# loopback with a planted fault. Seed 1 reaches PDUs starting 08 and 2B 0D within its first
# few hundred frames (frame_generator_test checks it), so each run finds its fault in well
# under a second; --duration bounds it anyway.
# Usage: fuzz_cli_test.sh MBHARNESS SCENARIO (crash, hang, clean, restart, usage)
set -uo pipefail
mbharness=$1 scenario=$2
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}" $(cat "$work/restarted" 2>/dev/null); do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -c 0  # the planted crash aborts the simulator: no core files

# start_simulator PORT [FAULT]: starts one, sets $address.
start_simulator() {
  local port=$1 log="$work/sim.$RANDOM"
  shift
  "$mbharness" simulate --port "$port" "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.05; done
  address=$(sed -n 's/^listening on //p' "$log")
  [ -n "$address" ] || { echo "simulator did not start"; cat "$log"; exit 1; }
}

# expect STATUS COMMAND...: runs it, shows its output, fails unless it exits with STATUS.
expect() {
  local want=$1
  shift
  "$@" >"$work/out" 2>&1
  local got=$?
  cat "$work/out"
  [ "$got" -eq "$want" ] || { echo "FAIL: exit status $got, expected $want: $*"; exit 1; }
}

fuzz=(fuzz --map conext-bms --seed 1 --timeout 300)

# found KIND DIR: exactly one replay file of that kind in DIR; sets $file.
found() {
  local files=("$2"/"$1"-*.json)
  [ -e "${files[0]}" ] || { echo "FAIL: no $1 file in $2"; ls -l "$2"; exit 1; }
  [ "${#files[@]}" -eq 1 ] || { echo "FAIL: ${#files[@]} files in $2"; exit 1; }
  file=${files[0]}
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="mbharness-replay" and d["kind"]==sys.argv[2], d' "$file" "$1" || exit 1
}

case $scenario in
  crash | hang)
    if [ "$scenario" = crash ]; then fault=crash-on=08; else fault=hang-on=2B0D; fi
    start_simulator 0 --fault "$fault"
    SECONDS=0
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 20 --out "$work/found"
    echo "found in ${SECONDS} s"
    grep -q "mbharness replay .* --target $address" "$work/out" || { echo "FAIL: no replay line"; exit 1; }
    found "$scenario" "$work/found"
    start_simulator 0 --fault "$fault"
    expect 1 "$mbharness" replay "$file" --target "$address" --timeout 300
    grep -q '^reproduced' "$work/out" || exit 1
    start_simulator 0
    expect 0 "$mbharness" replay "$file" --target "$address" --timeout 300
    ;;
  clean)
    start_simulator 0
    expect 0 "$mbharness" "${fuzz[@]}" --target "$address" --duration 3 --out "$work/found"
    [ ! -e "$work/found" ] || [ -z "$(ls -A "$work/found")" ] || { echo "FAIL: findings"; exit 1; }
    grep -q '^no finding' "$work/out" || exit 1
    # --duration 0 runs until SIGINT, then stops cleanly with 130 and its summary.
    "$mbharness" "${fuzz[@]}" --target "$address" --duration 0 --out "$work/found" >"$work/out" 2>&1 &
    fuzzer=$!
    sleep 1
    kill -INT "$fuzzer"
    wait "$fuzzer"
    got=$?
    cat "$work/out"
    [ "$got" -eq 130 ] || { echo "FAIL: interrupted fuzz exited $got, expected 130"; exit 1; }
    grep -q 'frames in' "$work/out" || { echo "FAIL: no summary after SIGINT"; exit 1; }
    ;;
  restart)
    start_simulator 0 --fault crash-on=2B
    port=${address##*:}
    cat >"$work/restart.sh" <<SCRIPT
"$mbharness" simulate --port $port --fault crash-on=2B >>"$work/restarted.log" 2>&1 &
echo \$! >>"$work/restarted"
SCRIPT
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 8 --out "$work/found" \
      --restart-cmd "bash $work/restart.sh" --restart-wait 10
    count=$(ls "$work/found"/crash-*.json | wc -l)
    [ "$count" -ge 2 ] || { echo "FAIL: $count findings, expected at least 2"; exit 1; }
    # Each finding must be a real one: its last frame carries a PDU starting 2B. (A stale
    # answer taken for the next send's once blamed the frame after the crash.)
    python3 -c '
import json, sys
for path in sys.argv[1:]:
    last = bytes.fromhex(json.load(open(path))["frames"][-1]["hex"])
    assert 0x2B in last[7:], (path, last.hex())
' "$work/found"/crash-*.json || { echo "FAIL: a finding blames a frame without 2B"; exit 1; }
    echo "ok: $count crashes, each followed by a restart"
    ;;
  usage)
    expect 3 "$mbharness" "${fuzz[@]}" --target 127.0.0.1:1 --duration 1 --out "$work/found"
    grep -q 'does not answer' "$work/out" || exit 1
    expect 2 "$mbharness" fuzz --map modicon --target 127.0.0.1:1
    grep -q "unknown map 'modicon'" "$work/out" || exit 1
    expect 2 "$mbharness" fuzz --map conext-bms --target '[::1'
    expect 2 "$mbharness" fuzz --map conext-bms --target 127.0.0.1:1 --no-such-option
    expect 2 "$mbharness" replay "$work/missing.json" --target 127.0.0.1:1
    grep -q 'cannot read' "$work/out" || exit 1
    echo '{"format": "mbharness-replay", "version": 1}' >"$work/bad.json"
    expect 2 "$mbharness" replay "$work/bad.json" --target 127.0.0.1:1
    grep -q 'missing field "kind"' "$work/out" || exit 1
    echo 'not json' >"$work/bad.json"
    expect 2 "$mbharness" replay "$work/bad.json" --target 127.0.0.1:1
    expect 2 "$mbharness" replay "$work/bad.json" --target '[::1'
    cat >"$work/write.json" <<'JSON'
{"format": "mbharness-replay", "version": 1, "kind": "crash", "observed": "", "map": "conext-bms",
 "unit": 230, "seed": 1, "frame_index": 0, "time": "",
 "frames": [{"kind": "write", "hex": "00 01 00 00 00 06 E6 06 00 10 00 01"}]}
JSON
    expect 2 "$mbharness" replay "$work/write.json" --target 127.0.0.1:1
    grep -q 'well-formed write' "$work/out" || exit 1
    expect 3 "$mbharness" replay "$work/write.json" --target 127.0.0.1:1 --allow-writes
    ;;
  *) echo "unknown scenario $scenario"; exit 1 ;;
esac
echo "ok: $scenario"
