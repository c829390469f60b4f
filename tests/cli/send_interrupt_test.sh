#!/bin/sh
# `mbharness send` under SIGINT (INTERFACE.md: exit 130 "after restoring what it had changed").
# 1. A read waiting on a silent device (--timeout 60000) ends within 3 s of the signal, exit 130.
# 2. A write with --restore, the signal arriving while the device (answering 1.5 s late) has taken
#    the write but not yet answered it: the rest is not sent, the original is put back, exit 130.
# Usage: send_interrupt_test.sh MBHARNESS
set -u
mbharness=$1
work=$(mktemp -d)
sim=
trap 'test -n "$sim" && kill "$sim" 2>/dev/null; rm -rf "$work"' EXIT
fail() { echo "FAIL: $*"; for f in "$work"/*.out "$work"/*.err; do echo "--- $f"; cat "$f"; done; exit 1; }

# start_simulator FAULT...: sets $sim and $addr.
start_simulator() {
  : >"$work/sim.out"
  "$mbharness" simulate --port 0 "$@" >"$work/sim.out" 2>"$work/sim.err" &
  sim=$!
  i=0
  while ! grep -q '^listening on ' "$work/sim.out"; do
    i=$((i + 1)); [ $i -gt 100 ] && fail "the simulator did not start"
    sleep 0.05
  done
  addr=$(sed -n 's/^listening on //p' "$work/sim.out")
}
stop_simulator() { kill "$sim"; wait "$sim" 2>/dev/null; sim=; }

# wait_for PID SECONDS: sets $status to its exit status, or fails after SECONDS.
wait_for() {
  i=0
  while kill -0 "$1" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt $(($2 * 20)) ] && { kill -9 "$1"; fail "no exit within $2 s of the signal"; }
    sleep 0.05
  done
  wait "$1"; status=$?
}

# ---- 1. a wait for an answer that never comes --------------------------------------------------
start_simulator --fault silence
"$mbharness" send --target "$addr" --unit 50 --timeout 60000 --pdu 03:00:00:00:01 \
  >"$work/1.out" 2>"$work/1.err" &
send=$!
sleep 1
kill -INT "$send"
wait_for "$send" 3
[ "$status" -eq 130 ] || fail "case 1: exit $status, not 130"
grep -q 'interrupted by SIGINT' "$work/1.err" || fail "case 1: no word of the interrupt"
grep -q '== request 1 of 1 ==' "$work/1.out" || fail "case 1: the request sent is not shown"
stop_simulator

# ---- 2. a write put back after the interrupt --------------------------------------------------
start_simulator --fault slow=1500
# holding 0x0050 (AGS Generator Quiet Time Start) reads 1320 on a fresh simulator; the journal
# read takes 1.5 s, the write's answer would come at 3 s: the signal comes at 2.25 s. The
# restore (its timeout 2 s) reads, writes and reads back: 4.5 s.
"$mbharness" send --target "$addr" --unit 50 --timeout 60000 --restore \
  --journal "$work/journal.jsonl" --pdu 06:00:50:00:05 --pdu 03:00:50:00:01 \
  >"$work/2.out" 2>"$work/2.err" &
send=$!
sleep 2.25
kill -INT "$send"
wait_for "$send" 8
[ "$status" -eq 130 ] || fail "case 2: exit $status, not 130"
grep -q 'holding 80 \[1320\]: restored' "$work/2.out" || fail "case 2: holding 80 not restored"
grep -q '1 of 2 PDUs not sent' "$work/2.out" || fail "case 2: the read after the write was sent"
grep -q '"event":"restored"' "$work/journal.jsonl" || fail "case 2: no restored line in the journal"
"$mbharness" send --target "$addr" --unit 50 --timeout 5000 --json --pdu 03:00:50:00:01 \
  >"$work/check.out" 2>"$work/check.err" || fail "case 2: the check read failed"
grep -q '"values":\[1320\]' "$work/check.out" || fail "case 2: holding 80 is not back to 1320"
stop_simulator
echo "ok"
