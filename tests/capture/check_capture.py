#!/usr/bin/env python3
"""Checks a capture written by `mbharness ... --pcap` with tshark, as a user would read it.

Usage: check_capture.py CAPTURE PORT [--requests N] [--answers N] [--clean] [--fuzzed]
                        [--min-connections N] [--our-segments N] [--sent-first FILE]

Always checked:
- `tshark -d tcp.port==PORT,mbtcp` (README's hint) decodes Modbus/TCP in it;
- every IPv4 and TCP checksum is good with validation on;
- TCP analysis flags nothing (no segment not captured, no ACKed unseen segment, no
  retransmission, no window full, no duplicate ACK);
- every connection opens with SYN, SYN-ACK, ACK, and ends with FINs or a RST;
- on each connection the answers come in the order of the requests, each carrying the
  transaction id of the oldest request not yet answered (a request may stay unanswered only
  where the device closed the connection after it); not with --fuzzed, where requests were
  mangled on purpose (ids flipped, headers cut, frames glued).
--requests/--answers: the Modbus/TCP PDUs each way number exactly that (each decoded PDU
counts, several in one segment too). --clean: nothing malformed and no expert item at warning
level or above (with the Modbus/TCP port set, so that each PDU is classed query or response).
--min-connections: at least that many TCP connections. --our-segments: the harness's segments
that carry data number exactly that (one per send). --sent-first: a file of frames as hex, one
a line; the harness's first segments with data carry exactly these bytes, in this order.
"""
import argparse
import subprocess
import sys
from collections import defaultdict, deque


def tshark(capture, port, display_filter, fields=(), decode_as=False):
    command = ["tshark", "-r", capture, "-o", "tcp.check_checksum:TRUE",
               "-o", "ip.check_checksum:TRUE"]
    command += ["-d", f"tcp.port=={port},mbtcp"] if decode_as else ["-o", f"mbtcp.tcp.port:{port}"]
    command += ["-Y", display_filter]
    if fields:
        command += ["-T", "fields", "-E", "separator=\t"]
        for field in fields:
            command += ["-e", field]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if result.returncode != 0:
        sys.exit(f"FAIL: tshark {' '.join(command[1:])}: {result.stderr.strip()}")
    return [line for line in result.stdout.splitlines() if line.strip()]


def pdu_ids(field):
    return [int(value) for value in field.split(",") if value]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("capture")
    parser.add_argument("port", type=int)
    parser.add_argument("--requests", type=int)
    parser.add_argument("--answers", type=int)
    parser.add_argument("--clean", action="store_true")
    parser.add_argument("--fuzzed", action="store_true")
    parser.add_argument("--min-connections", type=int, default=1)
    parser.add_argument("--our-segments", type=int)
    parser.add_argument("--sent-first")
    args = parser.parse_args()
    capture, port = args.capture, args.port
    failures = []

    def expect(condition, message):
        if not condition:
            failures.append(message)

    # The decode README names, and the same PDUs with the port set.
    decoded = sum(len(pdu_ids(line)) for line in
                  tshark(capture, port, "mbtcp", ["mbtcp.trans_id"], decode_as=True))
    rows = tshark(capture, port, "mbtcp",
                  ["frame.number", "tcp.stream", "tcp.srcport", "mbtcp.trans_id"])
    requests = defaultdict(deque)
    sent = answered = 0
    for row in rows:
        number, stream, source, ids = (row.split("\t") + [""] * 4)[:4]
        for transaction in pdu_ids(ids):
            if int(source) != port:
                sent += 1
                requests[stream].append(transaction)
                continue
            answered += 1
            if args.fuzzed:
                continue
            waiting = requests[stream]
            expect(waiting and waiting[0] == transaction,
                   f"frame {number}: an answer with id {transaction}, but the oldest request "
                   f"waiting is {waiting[0] if waiting else 'none'}")
            if waiting and waiting[0] == transaction:
                waiting.popleft()
    expect(decoded == sent + answered,
           f"-d tcp.port=={port},mbtcp decodes {decoded} PDUs, the port preference "
           f"{sent + answered}")
    expect(sent > 0, "no Modbus/TCP request in the capture")
    if args.requests is not None:
        expect(sent == args.requests, f"{sent} requests in the capture, {args.requests} sent")
    if args.answers is not None:
        expect(answered == args.answers, f"{answered} answers in the capture, {args.answers} came")

    # A request left unanswered only on a connection the device ended (its FIN or RST first).
    first_end = {}
    for line in tshark(capture, port, "tcp.flags.fin==1 || tcp.flags.reset==1",
                       ["tcp.stream", "tcp.srcport"]):
        stream, source = line.split("\t")
        first_end.setdefault(stream, int(source))
    for stream, waiting in requests.items():
        expect(args.fuzzed or not waiting or first_end.get(stream) == port,
               f"connection {stream}: {len(waiting)} request(s) unanswered, ids {list(waiting)}, "
               "and the device did not end the connection")

    bad_checksums = tshark(capture, port, "tcp.checksum.status != 1 || ip.checksum.status != 1",
                           ["frame.number"])
    expect(not bad_checksums, f"{len(bad_checksums)} packets with a checksum not good, "
                              f"frames {bad_checksums[:5]}")
    # A local port used again by a later connection is the system's choice, not the capture's
    # fault: the fuzzer opens thousands of connections a second and resets them (no TIME_WAIT).
    flagged = tshark(capture, port, "tcp.analysis.flags && !tcp.analysis.reused_ports",
                     ["frame.number", "_ws.expert.message"])
    expect(not flagged, f"TCP analysis flags {len(flagged)} packets: {flagged[:5]}")

    syns = tshark(capture, port, "tcp.flags.syn==1 && tcp.flags.ack==0", ["tcp.stream"])
    streams = tshark(capture, port, "tcp", ["tcp.stream"])
    opened = set(syns)
    expect(len(opened) == len(set(streams)), "a connection without its SYN")
    expect(len(opened) >= args.min_connections,
           f"{len(opened)} connection(s), at least {args.min_connections} expected")
    expect(set(first_end) == opened, "a connection that neither FIN nor RST ends")

    if args.our_segments is not None:
        ours = tshark(capture, port, f"tcp.dstport=={port} && tcp.len > 0", ["frame.number"])
        expect(len(ours) == args.our_segments,
               f"{len(ours)} segments with data from the harness, {args.our_segments} expected")

    if args.sent_first is not None:
        with open(args.sent_first, encoding="utf-8") as frames:
            wanted = ["".join(line.split()).lower() for line in frames if line.strip()]
        ours = [line.replace(":", "").lower() for line in
                tshark(capture, port, f"tcp.dstport=={port} && tcp.len > 0", ["tcp.payload"])]
        expect(len(ours) >= len(wanted),
               f"{len(ours)} segments with data from the harness, {len(wanted)} frames sent")
        for index, (carried, frame) in enumerate(zip(ours, wanted)):
            expect(carried == frame, f"the harness's segment {index + 1} carries {carried}, "
                                     f"not the frame sent, {frame}")

    if args.clean:
        bad = tshark(capture, port, "_ws.malformed || _ws.expert.severity >= warning",
                     ["frame.number", "_ws.expert.message"])
        expect(not bad, f"{len(bad)} packets malformed or with an expert warning: {bad[:5]}")

    if failures:
        for failure in failures:
            print(f"FAIL: {capture}: {failure}")
        sys.exit(1)
    print(f"{capture}: {sent} requests, {answered} answers on {len(opened)} connection(s): ok")


if __name__ == "__main__":
    main()
