#!/usr/bin/env bash
# `mbharness fuzz` and `mbharness replay` as scripts run them, against `mbharness simulate` on
# loopback with a planted fault. Seed 1 reaches PDUs starting 08 and 2B 0D within its first
# few hundred frames (frame_generator_test checks it), so each run finds its fault in well
# under a second; --duration bounds it anyway.
# The writes scenarios run `fuzz --allow-writes --seed 7` against conext-ags (the issue: in 3 s
# it moved the Modbus Slave Address from 50 to 42931 and left it there): only settings are
# written, each journalled first, and every read-write register is back at the end, also after
# SIGINT.
# Usage: fuzz_cli_test.sh MBHARNESS SCENARIO (crash, hang, split, held, drip, bug-classes, anomaly,
# dropping, clean, restart, connections, minimise, restart-bounded, usage, writes, writes-sigint,
# writes-lost)
set -uo pipefail
mbharness=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") scenario=$2
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

# start_restartable FAULT: a simulator with FAULT, and $work/restart.sh, which starts it again
# on the same port (the fuzzer's --restart-cmd).
start_restartable() {
  start_simulator 0 --fault "$1"
  cat >"$work/restart.sh" <<SCRIPT
"$mbharness" simulate --port ${address##*:} --fault $1 >>"$work/restarted.log" 2>&1 &
echo \$! >>"$work/restarted"
SCRIPT
}

# start_replaceable FAULT: as start_restartable, but the restart stops the simulator first (one
# that hung still holds the port).
start_replaceable() {
  start_simulator 0 --fault "$1"
  echo "${pids[-1]}" >"$work/current"
  cat >"$work/restart.sh" <<SCRIPT
kill \$(cat "$work/current") 2>/dev/null
for _ in \$(seq 50); do kill -0 \$(cat "$work/current") 2>/dev/null || break; sleep 0.02; done
"$mbharness" simulate --port ${address##*:} --fault $1 >>"$work/restarted.log" 2>&1 &
echo \$! >"$work/current"
echo \$! >>"$work/restarted"
SCRIPT
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

fuzz=(fuzz --map conext-bms --seed 1 --timeout 300 --connections 1)

# found KIND DIR: exactly one replay file of that kind in DIR; sets $file.
found() {
  local files=("$2"/"$1"-*.json)
  [ -e "${files[0]}" ] || { echo "FAIL: no $1 file in $2"; ls -l "$2"; exit 1; }
  [ "${#files[@]}" -eq 1 ] || { echo "FAIL: ${#files[@]} files in $2"; exit 1; }
  file=${files[0]}
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["format"]=="mbharness-replay" and d["kind"]==sys.argv[2], d' "$file" "$1" || exit 1
}

# rw_registers FILE: the raw values of every read-write holding register of conext-ags, read
# from the simulator at $address, as JSON in FILE.
rw_registers() {
  "$mbharness" read --map conext-ags --target "$address" --json >"$work/read.json" ||
    { echo "FAIL: read"; exit 1; }
  python3 - "$work/maps.json" "$work/read.json" >"$1" <<'PY' || { echo "FAIL: rw_registers"; exit 1; }
import json, sys
rows = json.load(open(sys.argv[1]))["rows"]
rw = {r["address"] for r in rows if r["space"] == "holding" and r["access"] == "rw"}
read = json.load(open(sys.argv[2]))["registers"]
values = {str(r["address"]): r["raw"] for r in read if r["space"] == "holding" and r["address"] in rw}
assert len(values) == len(rw), (len(values), len(rw))
print(json.dumps(values, sort_keys=True))
PY
}

# check_writes JOURNAL: the journal holds only settings, each restored, and its end; every rw
# register reads what it read before the run.
check_writes() {
  rw_registers "$work/after.json"
  python3 - "$work/before.json" "$work/after.json" "$1" "$work/maps.json" <<'PY' || exit 1
import json, sys
before, after = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
names = {r["address"]: r["name"] for r in json.load(open(sys.argv[4]))["rows"] if r["space"] == "holding"}
moved = [f"{names[int(a)]} ({a}): {before[a]} -> {after[a]}" for a in before if before[a] != after[a]]
assert not moved, "FAIL: not back at the start value: " + "; ".join(moved)
lines = [json.loads(l) for l in open(sys.argv[3])]
originals = [l for l in lines if l.get("event") == "original"]
restored = {l["address"] for l in lines if l.get("event") == "restored"}
assert originals, "FAIL: nothing journalled: the run wrote nothing"
bad = [f'{o["name"]} ({o["safety"]})' for o in originals if o["safety"] != "setting"]
assert not bad, "FAIL: journalled (about to be written) outside the settings: " + ", ".join(bad)
assert all(o["address"] in restored for o in originals), "FAIL: a register not restored"
assert lines[-1].get("event") == "end", "FAIL: the journal has no end"
print(f"ok: {len(originals)} settings journalled and restored, {len(before)} rw registers back")
PY
}

case $scenario in
  writes)
    start_simulator 0
    "$mbharness" maps conext-ags --json >"$work/maps.json"
    rw_registers "$work/before.json"
    # No --journal: a new mbharness-journal-... file in the current directory.
    cd "$work" || exit 1
    expect 0 "$mbharness" fuzz --map conext-ags --target "$address" --seed 7 --duration 3 \
      --timeout 300 --out "$work/found" --allow-writes
    journals=("$work"/mbharness-journal-*)
    [ "${#journals[@]}" -eq 1 ] && [ -f "${journals[0]}" ] || { echo "FAIL: no journal"; ls "$work"; exit 1; }
    grep -q "write journal .*$(basename "${journals[0]}")" "$work/out" || { echo "FAIL: journal path not printed"; exit 1; }
    grep -q 'registers\? written, .* restored' "$work/out" || { echo "FAIL: no written list"; exit 1; }
    ! grep -q 'NOT RESTORED' "$work/out" || exit 1
    check_writes "${journals[0]}"
    ;;
  writes-sigint)
    start_simulator 0
    "$mbharness" maps conext-ags --json >"$work/maps.json"
    rw_registers "$work/before.json"
    "$mbharness" fuzz --map conext-ags --target "$address" --seed 7 --duration 0 --timeout 300 \
      --out "$work/found" --allow-writes --journal "$work/journal.jsonl" >"$work/out" 2>&1 &
    fuzzer=$!
    sleep 1
    kill -INT "$fuzzer"
    wait "$fuzzer"
    got=$?
    cat "$work/out"
    [ "$got" -eq 130 ] || { echo "FAIL: interrupted fuzz exited $got, expected 130"; exit 1; }
    grep -q 'registers\? written, .* restored' "$work/out" || { echo "FAIL: no written list"; exit 1; }
    check_writes "$work/journal.jsonl"
    ;;
  writes-lost)
    # The device dies mid-run: what was written cannot be put back, the run says so, exits 4
    # and prints the command that finishes the restore from the journal.
    start_simulator 0
    simulator=${pids[-1]}
    "$mbharness" fuzz --map conext-ags --target "$address" --seed 7 --duration 20 --timeout 300 \
      --out "$work/found" --allow-writes --journal "$work/journal.jsonl" >"$work/out" 2>&1 &
    fuzzer=$!
    sleep 1
    kill -KILL "$simulator"
    wait "$fuzzer"
    got=$?
    cat "$work/out"
    [ "$got" -eq 4 ] || { echo "FAIL: fuzz exited $got, expected 4 (not restored)"; exit 1; }
    grep -q "mbharness restore $work/journal.jsonl" "$work/out" || { echo "FAIL: no restore command"; exit 1; }
    grep -q '"event":"not_restored"' "$work/journal.jsonl" || { echo "FAIL: journal says nothing"; exit 1; }
    ;;
  split)
    # A stack that frames by what one read of its socket holds (--fault split-header) falls
    # over the read sent one byte per segment that ends the lead; replay sends it so again, and
    # a well-behaved device answers it.
    start_simulator 0 --fault split-header
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 20 --out "$work/found"
    found crash "$work/found"
    at=$(sed -n 's/^finding: crash after frame \([0-9]*\) (split-bytes).*/\1/p' "$work/out")
    [ -n "$at" ] && [ "$at" -le 100 ] || { echo "FAIL: not found after a split-bytes frame within 100"; exit 1; }
    python3 -c '
import json, sys
frame = json.load(open(sys.argv[1]))["frames"][-1]
assert frame["kind"] == "split-bytes", frame
' "$file" || exit 1
    start_simulator 0 --fault split-header
    expect 1 "$mbharness" replay "$file" --target "$address" --timeout 300
    grep -q '^reproduced' "$work/out" || exit 1
    start_simulator 0
    expect 0 "$mbharness" replay "$file" --target "$address" --timeout 300
    ;;
  held)
    # A stack whose connection table overflows (--fault connections-hang=16) stops answering
    # once a held-connections frame has opened 32 connections at once; minimised, the finding
    # holds about as many opened connections as it takes, and replays as the hang; a
    # well-behaved device serves them all.
    start_replaceable connections-hang=16
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 10 --out "$work/found" \
      --restart-cmd "bash $work/restart.sh" --restart-wait 10
    found hang "$work/found"
    at=$(sed -n 's/^finding: hang after frame \([0-9]*\) (held-connections).*/\1/p' "$work/out" | head -1)
    [ -n "$at" ] && [ "$at" -le 600 ] || { echo "FAIL: not found after a held-connections frame within 600"; exit 1; }
    python3 -c '
import json, sys
frames = json.load(open(sys.argv[1]))["frames"]
held = [f for f in frames if f["kind"] == "held-connections" and f["hex"] == ""]
assert 8 <= len(held) <= 32, ("connections held", len(held))
assert len({f["connection"] for f in held}) == len(held), "one connection each"
' "$file" || exit 1
    grep -q '^minimised: ' "$work/out" || { echo "FAIL: not minimised"; exit 1; }
    start_simulator 0 --fault connections-hang=16
    expect 1 "$mbharness" replay "$file" --target "$address" --timeout 300
    grep -q '^reproduced' "$work/out" || exit 1
    start_simulator 0
    expect 0 "$mbharness" replay "$file" --target "$address" --timeout 300
    ;;
  drip)
    # A stack whose inter-byte timer frees a frame's buffer while it still reads into it (--fault
    # slow-byte-crash) falls over a slow drip's second byte, 2 s after the first; the finding
    # holds the drip's bytes on their own connection, 2 s apart, and replays as the crash (the
    # replay keeps the gap); a well-behaved device answers the read once it is whole.
    start_restartable slow-byte-crash
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 20 --out "$work/found" \
      --restart-cmd "bash $work/restart.sh" --restart-wait 10
    found crash "$work/found"
    python3 -c '
import json, sys
frames = json.load(open(sys.argv[1]))["frames"]
drip = [f for f in frames if f["kind"] == "slow-drip"]
assert len(drip) >= 2, [f["kind"] for f in frames]
assert all(len(bytes.fromhex(f["hex"])) == 1 for f in drip), drip
assert len({f["connection"] for f in drip}) == 1, "one connection"
gaps = [b["at_ms"] - a["at_ms"] for a, b in zip(drip, drip[1:])]
assert all(g >= 1500 for g in gaps), gaps
' "$file" || exit 1
    start_simulator 0 --fault slow-byte-crash
    expect 1 "$mbharness" replay "$file" --target "$address" --timeout 300
    grep -q '^reproduced' "$work/out" || exit 1
    start_simulator 0
    expect 0 "$mbharness" replay "$file" --target "$address" --timeout 300
    ;;
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
  bug-classes)
    # Each bug class the simulator plays (--fault bug=CLASS) is found at seed 1 within the
    # frames the README's catalogue states, as the crash or hang the stack that had it showed.
    # The limits leave room: the feedback follows the device's answers, and a partial frame
    # answered after the short wait (a loaded machine) is another class of outcome to it.
    while read -r class kind within; do
      start_simulator 0 --fault "bug=$class"
      expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 20 --out "$work/$class"
      found "$kind" "$work/$class"
      at=$(sed -n "s/^finding: $kind after frame \([0-9]*\) .*/\1/p" "$work/out" | head -1)
      [ -n "$at" ] && [ "$at" -le "$within" ] ||
        { echo "FAIL: $class found after frame ${at:-none}, expected within $within"; exit 1; }
      echo "ok: $class: $kind after frame $at"
    done <<'CLASSES'
read-past-65535 hang 300
write-byte-count crash 400
read-write-range crash 200
file-record-count crash 1500
device-id-object crash 1000
mask-write-short crash 1500
quantity-over-max crash 50
diagnostic-plus hang 1200
CLASSES
    ;;
  anomaly)
    # Exception 04 to Read Device Identification: the device is up, the run goes on, the
    # anomaly is saved once with the device's answer, and replay tells it again.
    start_simulator 0 --fault fail-on=2B0E
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 3 --out "$work/found"
    grep -q '^  anomaly server-device-failure' "$work/out" || { echo "FAIL: no anomaly"; exit 1; }
    ! grep -q '^stopped' "$work/out" || { echo "FAIL: the run stopped"; exit 1; }
    # One file per distinct failure: the same exception after frames of several kinds.
    files=("$work/found"/anomaly-*.json)
    [ -e "${files[0]}" ] || { echo "FAIL: no anomaly file"; exit 1; }
    file=${files[0]}
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["version"] == 3 and d["anomaly"] == "server-device-failure", d
assert d["target"] == sys.argv[2] and d["tool_version"], d
assert d["frames"][-1]["answer"].split()[7:9] == ["AB", "04"], d["frames"][-1]
' "$file" "$address" || exit 1
    expect 1 "$mbharness" replay "$file" --target "$address" --timeout 300
    grep -q '^reproduced: the same anomaly again' "$work/out" || exit 1
    expect 1 "$mbharness" replay "$file" --target "$address" --timeout 300 --json
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["reproduced"] is True and d["outcome"] == "anomaly server-device-failure", d
assert d["frames"][-1]["status"] == "answered" and d["frames"][-1]["answer"].split()[7:9] == ["AB", "04"] and d["frames"][-1]["connection"] == 0, d
' "$work/out" || { echo "FAIL: replay --json"; exit 1; }
    start_simulator 0
    expect 0 "$mbharness" replay "$file" --target "$address" --timeout 300
    grep -q '^not reproduced' "$work/out" || exit 1
    expect 0 "$mbharness" replay "$file" --target "$address" --timeout 300 --json
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["reproduced"] is False and d["outcome"] == "none", d
' "$work/out" || { echo "FAIL: replay --json, not reproduced"; exit 1; }
    ;;
  dropping)
    # A device that drops what it cannot parse: each such frame is told by the valid read
    # sent behind it, never waited out (--timeout 5000 would allow a frame or two a run).
    start_simulator 0 --fault drop-invalid
    expect 0 "$mbharness" fuzz --map conext-bms --seed 1 --target "$address" --duration 2 \
      --timeout 5000 --out "$work/found"
    dropped=$(sed -n 's/.*(dropped \([0-9]*\),.*/\1/p' "$work/out")
    [ "${dropped:-0}" -ge 100 ] || { echo "FAIL: $dropped frames told dropped"; exit 1; }
    echo "ok: $dropped dropped frames told by the read behind them"
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
    start_restartable crash-on=2B
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 8 --out "$work/found" \
      --restart-cmd "bash $work/restart.sh" --restart-wait 10
    # The same crash is one finding, counted: a file for the first, "seen N times" for the
    # rest, after frames of the same kind or cut down to the same bytes.
    count=$(ls "$work/found"/crash-*.json | wc -l)
    [ "$count" -ge 1 ] || { echo "FAIL: no crash file"; exit 1; }
    restarts=$(sed -n 's/.*restarts \([0-9]*\).*/\1/p' "$work/out")
    [ "${restarts:-0}" -ge 2 ] || { echo "FAIL: $restarts restarts, expected at least 2"; exit 1; }
    grep -q 'crash (seen [0-9]* times)' "$work/out" || { echo "FAIL: one crash, not repeated"; exit 1; }
    # Each finding must be a real one: a frame of it carries 2B in its PDU. (A stale answer
    # taken for the next send's once blamed the frame after the crash alone. A frame the
    # device waits on may need the bytes of the next to make the 2B request: both stay.)
    # Minimised, the first is the bare function code (its request was cut short), and no two
    # files hold the same bytes (transaction ids aside).
    python3 -c '
import json, sys
seen = set()
for path in sys.argv[1:]:
    frames = json.load(open(path))["frames"]
    assert any(0x2B in bytes.fromhex(f["hex"])[7:] for f in frames), (path, [f["hex"] for f in frames])
    sends = tuple(bytes.fromhex(f["hex"])[2:] for f in frames)
    assert sends not in seen, ("two files for the same bytes", path)
    seen.add(sends)
first = bytes.fromhex(json.load(open(sys.argv[1]))["frames"][-1]["hex"])
assert len(first) == 8, ("not cut to FC 43 alone", first.hex())
' "$work/found"/crash-*.json || { echo "FAIL: a finding blames a frame without 2B, or was not cut down"; exit 1; }
    echo "ok: $count crash files for $restarts crashes, each followed by a restart"
    ;;
  connections)
    # Four connections at once against a device that crashes on FC 43 (2B): the crash stops
    # them all, one records it and restarts the device, the others carry on after it and blame
    # nothing; the finding holds every connection's last frame and is cut down to the one that
    # reproduces.
    start_restartable crash-on=2B
    expect 1 "$mbharness" fuzz --map conext-bms --seed 1 --timeout 300 --connections 4 \
      --target "$address" --duration 6 --out "$work/found" \
      --restart-cmd "bash $work/restart.sh" --restart-wait 10
    grep -q '^[0-9]* frames in .* on 4 connections (seeds 1 to 4)' "$work/out" ||
      { echo "FAIL: not on 4 connections"; exit 1; }
    restarts=$(sed -n 's/.*restarts \([0-9]*\).*/\1/p' "$work/out")
    [ "${restarts:-0}" -ge 1 ] || { echo "FAIL: no restart"; exit 1; }
    # One frame numbering for the run: every connection reaches the lead's FC 43 frames, yet no
    # two findings name the same frame.
    numbers=$(sed -n 's/^finding: .* after frame \([0-9]*\) .*/\1/p' "$work/out")
    [ "$(echo "$numbers" | wc -l)" -ge 2 ] || { echo "FAIL: fewer than two findings"; exit 1; }
    [ -z "$(echo "$numbers" | sort | uniq -d)" ] ||
      { echo "FAIL: frame numbers given twice: $(echo "$numbers" | sort | uniq -d | tr '\n' ' ')"; exit 1; }
    # Every file's trigger is a real one: a frame of it carries 2B in its PDU.
    python3 -c '
import json, sys
for path in sys.argv[1:]:
    frames = json.load(open(path))["frames"]
    assert any(0x2B in bytes.fromhex(f["hex"])[7:] for f in frames), (path, [f["hex"] for f in frames])
' "$work/found"/crash-*.json || { echo "FAIL: a finding blames a frame without 2B"; exit 1; }
    # Half of what the device serves at once, up to 4: 8 served (or more) gives 4, 5 gives 2,
    # 3 gives 1.
    for served in 5 3; do
      start_simulator 0 --max-connections "$served"
      expect 0 "$mbharness" fuzz --map conext-bms --seed 1 --timeout 300 --target "$address" \
        --duration 1 --out "$work/found-$served"
      want=$((served / 2))
      if [ "$want" -gt 1 ]; then
        grep -q "the device serves $want connections at once: fuzzing on $want" "$work/out" &&
          grep -q "on $want connections (seeds 1 to $want)" "$work/out" ||
          { echo "FAIL: $served served, not fuzzed on $want"; exit 1; }
      else
        ! grep -q 'connections (seeds' "$work/out" || { echo "FAIL: $served served, more than one"; exit 1; }
      fi
    done
    start_simulator 0
    expect 0 "$mbharness" fuzz --map conext-bms --seed 1 --timeout 300 --target "$address" \
      --duration 1 --out "$work/found-auto"
    grep -q 'on 4 connections (seeds 1 to 4)' "$work/out" || { echo "FAIL: auto did not give 4"; exit 1; }
    echo "ok: 4 connections, $restarts restarts, every finding on its trigger; auto 4, 2 and 1"
    ;;
  minimise)
    # FC 11 (Report Server ID) goes behind the frames sent before it on one connection: the
    # finding holds them all, and with a restart command it is cut down to what reproduces.
    start_restartable crash-on=11
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 3 --out "$work/found" \
      --restart-cmd "bash $work/restart.sh" --restart-wait 10
    grep -q '^minimising the finding ([0-9]* frames, [0-9]* bytes)' "$work/out" || { echo "FAIL: not minimised"; exit 1; }
    grep -q '^minimised: 1 frame of [0-9]* reproduces' "$work/out" || { echo "FAIL: not to 1 frame"; exit 1; }
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert len(d["frames"]) == 1 and d["frames"][0]["hex"].split()[7] == "11", d["frames"]
assert "minimised from" in d["observed"], d["observed"]
' "$work/found"/crash-000001-1.json || exit 1
    ;;
  restart-bounded)
    # A restart command that hangs is killed at --restart-wait (the issue: 'sleep 100' made a
    # 20 s run last 102 s); one that fails is reported with the shell's status, not 1792.
    start_simulator 0 --fault crash-on=2B
    started=$SECONDS
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 20 --out "$work/found" \
      --restart-cmd 'sleep 100' --restart-wait 2
    took=$((SECONDS - started))
    [ "$took" -le 8 ] || { echo "FAIL: the run took $took s with --restart-wait 2"; exit 1; }
    grep -q 'restart command was still running after 2000 ms (--restart-wait): killed' \
      "$work/out" || { echo "FAIL: no word of the killed command"; exit 1; }
    pgrep -f 'sleep 100' >/dev/null && { echo "FAIL: the restart command outlived the run"; exit 1; }
    start_simulator 0 --fault crash-on=2B
    expect 1 "$mbharness" "${fuzz[@]}" --target "$address" --duration 20 --out "$work/found2" \
      --restart-cmd 'exit 7' --restart-wait 1
    grep -q 'the restart command exited with status 7$' "$work/out" ||
      { echo "FAIL: status not as the shell gives it"; exit 1; }
    echo "ok: a hanging restart command killed after 2 s (run $took s), exit 7 reported as 7"
    ;;
  usage)
    # --out is checked before the first frame: a file, or a folder that cannot be written.
    touch "$work/file"
    expect 2 "$mbharness" "${fuzz[@]}" --target 127.0.0.1:1 --duration 1 --out "$work/file/x"
    grep -q 'is not a folder' "$work/out" || exit 1
    mkdir "$work/readonly" && chmod 555 "$work/readonly"
    if [ "$(id -u)" -ne 0 ]; then  # root writes anywhere
      expect 2 "$mbharness" "${fuzz[@]}" --target 127.0.0.1:1 --duration 1 --out "$work/readonly/f"
      grep -q 'is not writable' "$work/out" || exit 1
    fi
    [ ! -e "$work/found" ] || { echo "FAIL: --out created before a finding"; exit 1; }
    expect 3 "$mbharness" "${fuzz[@]}" --target 127.0.0.1:1 --duration 1 --out "$work/found"
    grep -q 'does not answer' "$work/out" || exit 1
    expect 2 "$mbharness" fuzz --map modicon --target 127.0.0.1:1
    grep -q "unknown map 'modicon'" "$work/out" || exit 1
    expect 2 "$mbharness" fuzz --map conext-bms --target '[::1'
    for bad in 0 65 x 2x; do
      expect 2 "$mbharness" fuzz --map conext-bms --target 127.0.0.1:1 --connections "$bad"
      grep -q "bad --connections '$bad': a number from 1 to 64, or auto" "$work/out" || exit 1
    done
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
