#!/usr/bin/env bash
# Runs one interoperability client against the bundled simulator.
# Usage: run_interop.sh MBHARNESS MODE CLIENT [CLIENT-ARGS...]
#   MODE plain:  start `mbharness simulate --port 0`, run CLIENT ARGS... 127.0.0.1 PORT MAP.json...
#   MODE tshark: the same under a tshark capture of the port; the capture must hold Modbus/TCP
#                frames and no malformed or error-severity ones. Exit 77 when tshark cannot
#                capture on the loopback interface (ctest: skipped).
# Only 127.0.0.1; every step is bounded with `timeout`; everything started is stopped on exit.
set -euo pipefail

if (($# < 3)); then
  echo "usage: run_interop.sh MBHARNESS plain|tshark CLIENT [ARGS...]" >&2
  exit 2
fi
mbharness=$1
mode=$2
shift 2

work=$(mktemp -d "${TMPDIR:-/tmp}/mbh-interop.XXXXXX")
sim_pid=""
tshark_pid=""
cleanup() {
  local status=$?
  if [[ -n "$tshark_pid" ]] && kill -0 "$tshark_pid" 2>/dev/null; then
    kill -TERM "$tshark_pid" 2>/dev/null || true
    wait "$tshark_pid" 2>/dev/null || true
  fi
  if [[ -n "$sim_pid" ]] && kill -0 "$sim_pid" 2>/dev/null; then
    kill -TERM "$sim_pid" 2>/dev/null || true
    wait "$sim_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The models, as the client reads them.
maps=()
for name in conext-bms conext-ags enapter-el21; do
  timeout 10 "$mbharness" maps "$name" --json >"$work/$name.json"
  maps+=("$work/$name.json")
done

if [[ "$mode" == tshark ]]; then
  command -v tshark >/dev/null || { echo "run_interop: tshark not installed" >&2; exit 77; }
  # Can tshark capture on lo here? (tshark says "Capturing on" even when dumpcap then fails.)
  if ! timeout 20 tshark -i lo -f "tcp port 9" -a duration:1 -w "$work/probe.pcapng" \
         >"$work/probe.out" 2>&1; then
    echo "run_interop: tshark cannot capture on lo here (no permission or capability); skipping" >&2
    grep -i "capture on\|not permitted" "$work/probe.out" >&2 || true
    exit 77
  fi
fi

# The simulator, all three maps on one free port (bounded, as a safety net). --foreground: when
# signalled, plain timeout also sends SIGCONT to its child, which can cancel the SIGSTOP that
# LeakSanitizer's tracer sends while the exiting process is checked for leaks (ASan builds):
# the check then waits forever for a stop that never comes (about one stop in sixty here).
timeout --foreground 300 "$mbharness" simulate --bind 127.0.0.1 --port 0 >"$work/sim.out" 2>"$work/sim.err" &
sim_pid=$!
if ! timeout 10 bash -c "until grep -q '^listening on ' '$work/sim.out'; do
                           kill -0 $sim_pid 2>/dev/null || exit 1; sleep 0.05; done"; then
  echo "run_interop: the simulator did not report its port within 10 s" >&2
  cat "$work/sim.out" "$work/sim.err" >&2
  exit 1
fi
line=$(head -n 1 "$work/sim.out")
if [[ ! "$line" =~ ^listening\ on\ 127\.0\.0\.1:([0-9]+)$ ]]; then
  echo "run_interop: unexpected first line from the simulator: '$line'" >&2
  exit 1
fi
port=${BASH_REMATCH[1]}
echo "run_interop: simulator pid $sim_pid on 127.0.0.1:$port"

capture="$work/capture.pcapng"
if [[ "$mode" == tshark ]]; then
  timeout 120 tshark -i lo -f "tcp port $port" -w "$capture" >"$work/tshark.out" 2>"$work/tshark.err" &
  tshark_pid=$!
  # Capturing starts when tshark says so; failing to start (no permission) means: skip.
  if ! timeout 10 bash -c "until grep -q 'Capturing on' '$work/tshark.err'; do
                             kill -0 $tshark_pid 2>/dev/null || exit 1; sleep 0.05; done"; then
    echo "run_interop: tshark did not start capturing" >&2
    cat "$work/tshark.err" >&2
    exit 1
  fi
  sleep 0.5
  if ! kill -0 "$tshark_pid" 2>/dev/null; then
    echo "run_interop: tshark stopped capturing" >&2
    cat "$work/tshark.err" >&2
    exit 1
  fi
fi

client_status=0
timeout 90 "$@" 127.0.0.1 "$port" "${maps[@]}" || client_status=$?

if [[ "$mode" == tshark ]]; then
  sleep 1  # let dumpcap write the last frames
  kill -TERM "$tshark_pid" 2>/dev/null || true
  timeout 10 tail --pid="$tshark_pid" -f /dev/null || true
  wait "$tshark_pid" 2>/dev/null || true
  tshark_pid=""
fi

# The simulator must still be serving, and stop cleanly on SIGTERM.
if ! kill -0 "$sim_pid" 2>/dev/null; then
  echo "run_interop: the simulator died during the run" >&2
  cat "$work/sim.err" >&2
  sim_pid=""
  exit 1
fi
kill -TERM "$sim_pid"
sim_status=0
if ! timeout 20 tail --pid="$sim_pid" -f /dev/null; then
  echo "run_interop: the simulator did not stop within 20 s of SIGTERM" >&2
  for child in $(cat "/proc/$sim_pid/task/$sim_pid/children" 2>/dev/null); do
    kill -KILL "$child" 2>/dev/null || true
  done
fi
wait "$sim_pid" || sim_status=$?
sim_pid=""
if ((sim_status != 0)); then
  echo "run_interop: the simulator exited with $sim_status on SIGTERM" >&2
  cat "$work/sim.err" >&2
  exit 1
fi

if ((client_status != 0)); then
  echo "run_interop: client failed with status $client_status" >&2
  exit 1
fi

if [[ "$mode" == tshark ]]; then
  decode() { timeout 60 tshark -r "$capture" -d "tcp.port==$port,mbtcp" -Y "$1" 2>/dev/null; }
  frames=$(decode "mbtcp" | wc -l)
  requests=$(decode "mbtcp && tcp.dstport == $port" | wc -l)
  responses=$(decode "mbtcp && tcp.srcport == $port" | wc -l)
  bad=$(decode "_ws.malformed || _ws.expert.severity == error")
  echo "run_interop: tshark decoded $frames Modbus/TCP frames:" \
       "$requests requests, $responses responses"
  if ((frames == 0)); then
    echo "run_interop: no Modbus/TCP frame in the capture" >&2
    exit 1
  fi
  # The client waits for each answer before the next request: every request has one whole
  # answer, which tshark must dissect as Modbus/TCP (an MBAP length promising bytes that never
  # come leaves the answer as an unreassembled TCP segment, which is not flagged malformed).
  if ((requests != responses)); then
    echo "run_interop: $requests requests but $responses dissected responses" >&2
    exit 1
  fi
  if [[ -n "$bad" ]]; then
    echo "run_interop: malformed or error-severity frames:" >&2
    echo "$bad" >&2
    exit 1
  fi
fi
echo "run_interop: OK"
