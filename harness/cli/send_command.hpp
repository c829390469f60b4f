#pragma once
// `mbharness send --target HOST[:PORT] [--unit N] [--timeout MS] --pdu HEX [--pdu HEX]...
// [--json] [--restore] [--journal FILE]`: sends each PDU in order on one connection and shows
// each request and its answer decoded against it, or what went wrong. The command a
// conformance report's `reproduce` line gives.
// Under the write-safety rules (INTERFACE.md "Write journal and restore"): a PDU that writes
// holding registers (FC 06, 16, 22, 23) has their originals read and journalled first;
// `--restore` puts them back after the last PDU; SIGINT, SIGTERM or SIGHUP stop the sending and
// put back what was written (exit 130, or 4 when something is not back).
#include <cstdint>
#include <iosfwd>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace mbh::cli {

struct SendOptions {
  std::string target;  // HOST[:PORT], port 502 by default
  std::uint8_t unit = 1;
  unsigned timeout_ms = 1000;                  // connecting, and each answer
  std::vector<std::vector<std::string>> pdus;  // one entry per --pdu, its hex in pieces
  bool json = false;                           // one JSON object instead of text
  bool restore = false;            // put every journalled original back after the last PDU
  bool allow_destructive = false;  // FC 08 0001 / 0004 may be sent
  std::string journal;             // the write journal; empty: a new mbharness-journal-* file here
  std::string pcap;                // a capture of the traffic; "": none
  std::string version;             // the tool's, for the journal's header (main sets it)
};

void setup_send(CLI::App& app, SendOptions& options);

// Sends and prints; returns kOk when every request got a well-formed answer to it (an
// exception response is one), kViolation when any did not (or the journal could not be
// written: nothing more was sent), kUsage for a bad target, hex or --journal, kUnreachable
// when the first request could not connect, kInterrupted after a signal (what was written put
// back), kNotRestored when a value it put back is not back.
int run_send(const SendOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
