#pragma once
// `mbharness send --target HOST[:PORT] [--unit N] [--timeout MS] --pdu HEX [--pdu HEX]...
// [--json]`: sends each PDU in order on one connection and shows each request and its answer
// decoded against it, or what went wrong. The command a conformance report's `reproduce`
// line gives.
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
};

void setup_send(CLI::App& app, SendOptions& options);

// Sends and prints; returns kOk when every request got a well-formed answer to it (an
// exception response is one), kViolation when any did not, kUsage for a bad target or hex,
// kUnreachable when the first request could not connect.
int run_send(const SendOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
