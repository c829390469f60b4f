#!/usr/bin/env bash
# `--pcap FILE` end to end: each subcommand against `mbharness simulate` on loopback writes a
# capture, which tshark must decode as the run's own traffic (check_capture.py says what is
# checked: checksums, TCP analysis, requests answered in order, counts).
# Scenarios:
#   conform    conform --map conext-ags with writes: as many requests and answers as the JSON
#              report's requests_sent, nothing malformed or warned about, the restore's
#              connection besides the run's.
#   reconnect  conform against `--fault drop=40`: every 40th request gets a close instead of an
#              answer; the run reconnects each time, and the capture shows every connection.
#   read       read --map conext-ags: one request per block.
#   send       send --json: as many requests and answers as it says it sent and got.
#   fuzz       fuzz --duration 2: one segment of the harness's per frame and valid read (malformed
#              frames are in it, on purpose), connections closed by the device and reopened.
#   replay     a crash found by fuzz, replayed: its frames are in the capture; a file whose two
#              frames went on two connections is replayed on two.
#   killed     conform killed with SIGKILL mid-run (answers 20 ms late): the capture holds
#              whole packets up to the kill, which tshark reads without complaint.
#   usage      a --pcap path in a folder that does not exist: exit 2 before any connection
#              (the target is a closed port: had anything been sent, the exit would be 3).
# Exit 77 (skipped) when tshark is not installed.
# Usage: pcap_cli_test.sh MBHARNESS SCENARIO
set -uo pipefail
mbharness=$(cd "$(dirname "$1")" && pwd)/$(basename "$1") scenario=$2
check="python3 $(cd "$(dirname "$0")" && pwd)/check_capture.py"
work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ulimit -c 0  # the planted crash aborts the simulator: no core files

command -v tshark >/dev/null || { echo "tshark is not installed: skipped"; exit 77; }

# start_simulator [ARGS...]: starts one on a free port, sets $address and $port.
start_simulator() {
  local log="$work/sim.$RANDOM"
  "$mbharness" simulate --port 0 "$@" >"$log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do grep -q '^listening on ' "$log" && break; sleep 0.05; done
  address=$(sed -n 's/^listening on //p' "$log")
  [ -n "$address" ] || { echo "FAIL: the simulator did not start"; cat "$log"; exit 1; }
  port=${address##*:}
}

# expect STATUS COMMAND...: runs it (stdout in $work/out, stderr in $work/err), fails unless it
# exits with STATUS.
expect() {
  local want=$1
  shift
  "$@" >"$work/out" 2>"$work/err"
  local got=$?
  [ "$got" -eq "$want" ] || {
    echo "FAIL: exit status $got, expected $want: $*"
    cat "$work/out" "$work/err"
    exit 1
  }
}

# json_field FILE KEY: a top-level value of a JSON file.
json_field() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

case "$scenario" in
  conform)
    start_simulator
    expect 0 "$mbharness" conform --map conext-ags --target "$address" --seed 1 \
      --json "$work/report.json" --journal "$work/journal.jsonl" --pcap "$work/conform.pcap"
    sent=$(json_field "$work/report.json" requests_sent)
    $check "$work/conform.pcap" "$port" --requests "$sent" --answers "$sent" --clean \
      --min-connections 2 || exit 1
    ;;
  reconnect)
    start_simulator --fault drop=40
    expect 1 "$mbharness" conform --map conext-ags --target "$address" --seed 1 --read-only \
      --json "$work/report.json" --pcap "$work/reconnect.pcap"
    sent=$(json_field "$work/report.json" requests_sent)
    # One connection, and one more after each 40th request.
    $check "$work/reconnect.pcap" "$port" --requests "$sent" --answers $((sent - sent / 40)) \
      --clean --min-connections $((sent / 40 + 1)) || exit 1
    ;;
  read)
    start_simulator
    "$mbharness" maps conext-ags --json >"$work/map.json" || exit 1
    # Every conext-ags block fits one read of 125 registers: one request each.
    blocks=$(python3 -c 'import json,sys
blocks = json.load(open(sys.argv[1]))["blocks"]
assert all(b["last"] - b["first"] < 125 for b in blocks)
print(len(blocks))' "$work/map.json") || exit 1
    expect 0 "$mbharness" read --map conext-ags --target "$address" --json --pcap "$work/read.pcap"
    $check "$work/read.pcap" "$port" --requests "$blocks" --answers "$blocks" --clean || exit 1
    ;;
  send)
    start_simulator
    # The Device Name .. Unique ID block, the Firmware Version, and a gap (exception 02).
    expect 0 "$mbharness" send --target "$address" --unit 50 --json --pcap "$work/send.pcap" \
      --pdu 03:00:00:00:16 --pdu 03:00:1E:00:02 --pdu 03:00:16:00:01
    cp "$work/out" "$work/send.json"
    sent=$(json_field "$work/send.json" sent)
    answered=$(json_field "$work/send.json" answered)
    [ "$sent" -eq 3 ] || { echo "FAIL: send says it sent $sent"; exit 1; }
    python3 -c 'import json,sys; print(*(e["request"]["frame"] for e in json.load(open(sys.argv[1]))["exchanges"]), sep="\n")' \
      "$work/send.json" >"$work/frames.hex" || exit 1
    $check "$work/send.pcap" "$port" --requests "$sent" --answers "$answered" --clean \
      --our-segments "$sent" --sent-first "$work/frames.hex" || exit 1
    ;;
  fuzz)
    start_simulator
    expect 0 "$mbharness" fuzz --map conext-ags --target "$address" --seed 1 --duration 2 \
      --connections 1 --out "$work/findings" --pcap "$work/fuzz.pcap"
    cat "$work/out"
    frames=$(sed -n 's/^\([0-9]*\) frames in .*/\1/p' "$work/out")
    reads=$(sed -n 's/.*; valid reads \([0-9]*\) .*/\1/p' "$work/out")
    split=$(sed -n 's/.* split-bytes \([0-9]*\).*/\1/p' "$work/out")
    [ -n "$frames" ] && [ -n "$reads" ] && [ -n "$split" ] ||
      { echo "FAIL: no frame count in the summary"; exit 1; }
    # Each frame and each valid read is one send; so is the valid read before the first frame.
    # A split-bytes frame (a 12-byte read) is 12, one per byte.
    $check "$work/fuzz.pcap" "$port" --fuzzed --our-segments $((frames + reads + 1 + 11 * split)) \
      --min-connections 2 || exit 1
    ;;
  replay)
    start_simulator --map conext-bms --fault crash-on=08
    expect 1 "$mbharness" fuzz --map conext-bms --target "$address" --seed 1 --timeout 300 \
      --connections 1 --duration 20 --out "$work/findings"
    files=("$work"/findings/crash-*.json)
    [ -e "${files[0]}" ] || { echo "FAIL: no crash found"; cat "$work/out"; exit 1; }
    python3 -c 'import json,sys; print(*(f["hex"] for f in json.load(open(sys.argv[1]))["frames"]), sep="\n")' \
      "${files[0]}" >"$work/frames.hex" || exit 1
    expect 2 "$mbharness" replay "${files[0]}" --target 127.0.0.1:1 --pcap "$work/no/such/r.pcap"
    start_simulator --map conext-bms --fault crash-on=08
    expect 1 "$mbharness" replay "${files[0]}" --target "$address" --timeout 300 \
      --pcap "$work/replay.pcap"
    # The file's frames, byte for byte, on one connection, the last crashing the device; the
    # probe after it may still reach the dying device or find no one listening.
    $check "$work/replay.pcap" "$port" --fuzzed --sent-first "$work/frames.hex" || exit 1
    # Each frame on its connection (version 3): a valid read on connection 0, the crashing
    # frame on connection 1, so two connections at least (the probe after it finds no one).
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
trigger = dict(d["frames"][-1], connection=1, at_ms=5)
trigger.pop("answer", None)
d["frames"] = [{"kind": "model-read", "hex": "00 01 00 00 00 06 E6 03 00 00 00 01",
                "connection": 0, "at_ms": 0}, trigger]
json.dump(d, open(sys.argv[2], "w"))
' "${files[0]}" "$work/two.json" || exit 1
    start_simulator --map conext-bms --fault crash-on=08
    expect 1 "$mbharness" replay "$work/two.json" --target "$address" --timeout 300 \
      --pcap "$work/two.pcap"
    $check "$work/two.pcap" "$port" --fuzzed --min-connections 2 || exit 1
    # The first two segments the harness sent (the read, the trigger) are on two TCP streams.
    streams=$(tshark -r "$work/two.pcap" -Y "tcp.dstport == $port && tcp.len > 0" \
      -T fields -e tcp.stream | head -2 | sort -u | wc -l)
    [ "$streams" -eq 2 ] || { echo "FAIL: the two frames went on $streams connection(s)"; exit 1; }
    ;;
  killed)
    start_simulator --fault slow=20
    "$mbharness" conform --map conext-ags --target "$address" --seed 1 --read-only \
      --pcap "$work/killed.pcap" >/dev/null 2>&1 &
    conform=$!
    sleep 1.5
    kill -KILL "$conform"
    wait "$conform" 2>/dev/null
    tshark -r "$work/killed.pcap" -o "mbtcp.tcp.port:$port" -Y mbtcp >"$work/out" 2>"$work/err" ||
      { echo "FAIL: tshark cannot read the capture"; cat "$work/err"; exit 1; }
    grep -v '^Running as user' "$work/err" | grep . && { echo "FAIL: tshark complains"; exit 1; }
    decoded=$(wc -l <"$work/out")
    [ "$decoded" -ge 20 ] || { echo "FAIL: $decoded Modbus/TCP frames before the kill"; exit 1; }
    echo "$decoded Modbus/TCP frames before the kill"
    ;;
  usage)
    for command in "conform --map conext-ags" "read --map conext-ags" \
      "send --pdu 03:00:00:00:01" "fuzz --map conext-ags --duration 1 --out $work/f"; do
      # shellcheck disable=SC2086
      expect 2 "$mbharness" $command --target 127.0.0.1:1 --pcap "$work/no/such/folder/c.pcap"
      grep -q -- "--pcap: cannot write '$work/no/such/folder/c.pcap'" "$work/err" ||
        { echo "FAIL: $command: no word of --pcap"; cat "$work/err"; exit 1; }
    done
    [ ! -e "$work/no" ] || { echo "FAIL: the folder was made"; exit 1; }
    ;;
  *)
    echo "unknown scenario $scenario"
    exit 2
    ;;
esac
echo "ok"
