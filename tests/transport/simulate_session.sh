#!/bin/sh
# `mbharness simulate` as scripts use it: start it on a free port, wait for the one
# `listening on` line, ask one question over loopback, stop it with SIGTERM and expect exit 0
# and nothing more on stdout. Then a second simulator on the same port must exit 3.
# Usage: simulate_session.sh MBHARNESS [BIND]   (BIND 127.0.0.1 or ::1; 77 = skipped)
set -u
bin=$1
bind=${2:-127.0.0.1}
dir=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null
  rm -rf "$dir"
}
trap cleanup EXIT

"$bin" simulate --bind "$bind" --port 0 >"$dir/out" 2>"$dir/err" &
pid=$!
tries=0
until grep -q '^listening on ' "$dir/out"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    wait "$pid"
    status=$?
    if [ "$bind" = "::1" ] && [ "$status" -eq 3 ]; then
      echo "no IPv6 loopback here: $(cat "$dir/err")"
      exit 77
    fi
    echo "simulate exited ($status) before listening: $(cat "$dir/err")"
    exit 1
  fi
  tries=$((tries + 1))
  [ "$tries" -gt 200 ] && { echo "no listening line within 10 s"; exit 1; }
  sleep 0.05
done
line=$(cat "$dir/out")
echo "stdout: $line"
case "$bind" in
  *:*) expected="^listening on \[$bind\]:[0-9]+\$" ;;
  *) expected="^listening on $bind:[0-9]+\$" ;;
esac
echo "$line" | grep -Eq "$expected" || { echo "not the listening line: $line"; exit 1; }
port=${line##*:}
if grep -q warning "$dir/err"; then echo "a loopback bind warned: $(cat "$dir/err")"; exit 1; fi

# FC 04 to unit 1 (enapter-el21): input registers 0..1 hold the Device Model, "EL21".
python3 - "$bind" "$port" <<'PY' || exit 1
import socket, sys
host, port = sys.argv[1], int(sys.argv[2])
family = socket.AF_INET6 if ":" in host else socket.AF_INET
with socket.socket(family, socket.SOCK_STREAM) as s:
    s.settimeout(5)
    s.connect((host, port))
    request = bytes.fromhex("2a01 0000 0006 01 04 0000 0002")
    s.sendall(request)
    reply = b""
    while len(reply) < 13:
        chunk = s.recv(13 - len(reply))
        if not chunk:
            sys.exit("closed after %s" % reply.hex())
        reply += chunk
    print("request: " + request.hex(" "))
    print("reply:   " + reply.hex(" "))
    if reply != bytes.fromhex("2a01 0000 0007 01 04 04 454c3231"):
        sys.exit("unexpected reply")
PY

# The port is taken now: a second simulator cannot bind it.
"$bin" simulate --bind "$bind" --port "$port" >/dev/null 2>"$dir/err2"
status=$?
[ "$status" -eq 3 ] || { echo "second simulator on the same port exited $status, not 3"; exit 1; }
echo "second simulator: $(cat "$dir/err2")"

kill -TERM "$pid"
wait "$pid"
status=$?
pid=
[ "$status" -eq 0 ] || { echo "simulate exited $status after SIGTERM"; exit 1; }
[ "$(wc -l <"$dir/out")" -eq 1 ] || { echo "more than one line on stdout"; exit 1; }
echo "stopped by SIGTERM, exit 0"
