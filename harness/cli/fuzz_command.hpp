#pragma once
// `mbharness fuzz --map NAME --target HOST[:PORT] [--unit N] [--seed N] [--duration S]
// [--rate N] [--timeout MS] [--out DIR] [--restart-cmd CMD] [--allow-writes]
// [--allow-actuation] [--allow-destructive] [--journal FILE] [--pcap FILE]`: malformed and
// model-derived frames against a live device, crashes and hangs saved as replay files. With
// --allow-writes, writes only the safety classes the --allow-* flags allow (settings alone by
// default), journals each register before its first write and restores every one at the end.
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>

namespace CLI {
class App;
}

namespace mbh::cli {

struct FuzzCommandOptions {
  std::string map;
  std::string target;
  std::optional<unsigned> unit;       // default: the map's first unit id
  std::optional<std::uint64_t> seed;  // default: a fresh one, printed
  unsigned duration_s = 60;           // 0: until interrupted
  double rate = 0;
  unsigned timeout_ms = 1000;
  std::string out = "findings";
  std::string restart_cmd;
  unsigned restart_wait_s = 30;
  bool allow_writes = false;
  bool allow_actuation = false;
  bool allow_destructive = false;
  bool no_feedback = false;
  std::string connections = "auto";  // a number from 1 to kMaxConnections, or "auto"
  std::string journal;  // empty: a new mbharness-journal-... file in the current directory
  std::string pcap;     // a capture of the traffic; "": none
  std::string version;  // the tool's, for the journal's header
};

inline constexpr unsigned kMaxConnections = 64;

void setup_fuzz(CLI::App& app, FuzzCommandOptions& options);

// 0 no finding, 1 finding(s), 2 usage, 3 unreachable at the start, 4 a register written could
// not be restored, 130 interrupted (after restoring).
int run_fuzz(const FuzzCommandOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mbh::cli
