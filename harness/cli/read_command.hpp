#pragma once
// `mbharness read --map NAME --target HOST[:PORT] [--unit N] [--timeout MS] [--json]`: reads
// every readable register of the map once, block by block, and prints each decoded: the
// document's name, the value with its unit, enum or bit names, and what is wrong with it.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct ReadOptions {
  std::string map;                   // a map id: conext-bms, conext-ags, enapter-el21
  std::string target;                // HOST[:PORT], port 502 by default
  std::optional<std::uint8_t> unit;  // the map's first unit id by default
  unsigned timeout_ms = 1000;        // connecting, and each answer
  bool json = false;
  std::string pcap;  // a capture of the traffic; "": none
};

void setup_read(CLI::App& app, ReadOptions& options);

// Reads and prints; kOk when every block read and no value breaks a MUST rule, kViolation
// otherwise, kUsage for an unknown map or a bad target, kUnreachable when the first request
// could not connect.
int run_read(const ReadOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
